/* Strong entity tags: a 64-bit FNV-1a hash of the representation's bytes, quoted. Equal bodies
 * have equal tags, so a tag changes exactly when what GET answers changes. The gzip'd
 * representation's tag is the identity's with "-gz" (another representation, another strong tag,
 * as RFC 9110 asks), so that a write's If-Match accepts either: a browser that took gzip holds the
 * gzip'd tag, and its PUT or PATCH must not be refused for it. */
#ifndef JVDR_BASE_ETAG_H
#define JVDR_BASE_ETAG_H

#include <stdbool.h>
#include <stddef.h>

#define ETAG_SIZE 19 /* '"' + 16 hex digits + '"' + NUL */

void etag_compute(const char *body, size_t len, char out[ETAG_SIZE]);

#define ETAG_GZIP_SIZE (ETAG_SIZE + 3) /* "-gz" */

/* The tag of the gzip'd representation whose identity tag is identity (as etag_compute wrote). */
void etag_gzip(const char *identity, char out[ETAG_GZIP_SIZE]);

/* True when the If-Match list names the current representation in any coding ('*' too). */
bool etag_matches_current(const char *list, const char *identity);

/* True when the comma-separated list holds etag or "*". weak: compare ignoring W/ (as
 * If-None-Match does); strong: a W/ tag never matches (as If-Match does). */
bool etag_listed(const char *list, const char *etag, bool weak);

#endif
