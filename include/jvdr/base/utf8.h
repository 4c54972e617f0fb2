/* Whether client text is UTF-8: SQLite keeps any bytes, PostgreSQL refuses invalid UTF-8, and a
 * JSON answer cannot quote it, so text that is not is refused where it comes in. */
#ifndef JVDR_BASE_UTF8_H
#define JVDR_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when text[0..len) is valid UTF-8 (no overlong forms, no surrogates). */
bool utf8_is_valid(const char *text, size_t len);

#endif
