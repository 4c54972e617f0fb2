/* The content coding of an answer (RFC 9110 8.4): gzip for a client whose Accept-Encoding takes it,
 * on a body big enough to gain or whenever identity is refused; a cached answer's compressed copy
 * made once, a fresh one compressed now, a stream compressed as it is sent. */
#ifndef JVDR_HTTP_ENCODING_H
#define JVDR_HTTP_ENCODING_H

#include "jvdr/http/request.h"

/* The strong ETag of res's body as it is now, in the request's arena; NULL when out of memory. */
const char *encoding_etag(struct request *req, const struct response *res);

/* Whether the request's Accept-Encoding allows a coding this service sends (gzip or identity). */
bool encoding_acceptable(const struct request *req);

/* Encodes res (a 200 of JSON, CSV or NDJSON) for the client and says so (Content-Encoding, Vary).
 * *etag is the body's ETag when known (a cached answer) and becomes the one of the representation
 * sent; *other is set to the other representation's, which If-None-Match may name as well. */
void encoding_apply(struct request *req, struct response *res, const char **etag,
                    const char **other);

#endif
