/* Record ids made from names and titles: "Phan Văn Giang" -> "phan-van-giang". */
#ifndef JVDR_BASE_SLUG_H
#define JVDR_BASE_SLUG_H

#include <stddef.h>

/* The longest id slug_from writes: room is left for a "-2" that makes it unique. */
#define SLUG_MAX 80

/* Writes to out (at least SLUG_MAX + 1 bytes) text folded (diacritics off, lower case), its
 * letters and digits kept and every run of anything else one '-', none at either end; "record"
 * when nothing is left. Returns the length written. */
size_t slug_from(const char *text, char *out);

#endif
