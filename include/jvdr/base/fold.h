/* Folding text for matching: lower case, Latin diacritics removed (Vietnamese tone and vowel
 * marks, đ to d, Japanese macrons), so that "Phan Van Giang" finds "Phan Văn Giang". */
#ifndef JVDR_BASE_FOLD_H
#define JVDR_BASE_FOLD_H

#include <stddef.h>

/* Writes the folded form of the UTF-8 text in[0..len) to out (at most len + 1 bytes are needed:
 * folding never lengthens text) and NUL-terminates it. Invalid UTF-8 bytes are copied as they are.
 * Returns the folded length. */
size_t fold_utf8(const char *in, size_t len, char *out);

#endif
