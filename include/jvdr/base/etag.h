/* Strong entity tags: a 64-bit FNV-1a hash of the representation's bytes, quoted. Equal bodies
 * have equal tags, so a tag changes exactly when what GET answers changes. */
#ifndef JVDR_BASE_ETAG_H
#define JVDR_BASE_ETAG_H

#include <stdbool.h>
#include <stddef.h>

#define ETAG_SIZE 19 /* '"' + 16 hex digits + '"' + NUL */

void etag_compute(const char *body, size_t len, char out[ETAG_SIZE]);

/* True when the comma-separated list holds etag or "*". weak: compare ignoring W/ (as
 * If-None-Match does); strong: a W/ tag never matches (as If-Match does). */
bool etag_listed(const char *list, const char *etag, bool weak);

#endif
