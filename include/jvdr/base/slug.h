/* Record ids made from names and titles: "Phan Văn Giang" -> "phan-van-giang". */
#ifndef JVDR_BASE_SLUG_H
#define JVDR_BASE_SLUG_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* The longest id slug_from writes: room is left for a "-2" that makes it unique. */
#define SLUG_MAX 80

/* Writes to out (at least SLUG_MAX + 1 bytes) text folded (diacritics off, lower case), its
 * letters and digits kept and every run of anything else one '-', none at either end; "record"
 * when nothing is left. Returns the length written. */
size_t slug_from(const char *text, char *out);

/* An id for a new record named name (NULL: ""): its slug, or the slug with "-2", "-3"... while
 * taken(id, context) says the id is taken (up to "-999", then the last tried); in arena, NULL when
 * memory runs out. */
const char *slug_unique(struct arena *arena, const char *name,
                        bool (*taken)(const char *id, void *context), void *context);

#endif
