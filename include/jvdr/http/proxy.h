/* Behind a reverse proxy: which peers are trusted (JVDR_TRUSTED_PROXIES, addresses or CIDR
 * ranges), and, for requests from them only, the client address, scheme, host and path prefix
 * their forwarding headers say (RFC 7239 Forwarded, or X-Forwarded-For/-Proto/-Host/-Prefix).
 * From anyone else those headers are ignored. */
#ifndef JVDR_HTTP_PROXY_H
#define JVDR_HTTP_PROXY_H

#include "jvdr/base/cidr.h"
#include "jvdr/http/request.h"

/* Where a request came from and how the client addressed us. */
struct origin_view {
    const char *client; /* the client's address (the peer's, unless a trusted proxy says) */
    const char *scheme; /* "http" or "https" */
    const char *host;   /* host[:port] as the client used it */
    const char *prefix; /* path prefix the proxy mounts us under, "" or "/api/jvdr" */
};

/* Resolves req's origin from the peer address text and, when the peer is trusted, the forwarding
 * headers. Values that are not well-formed are ignored. Strings live in req's arena. */
void proxy_resolve(const struct cidr_list *trusted, const char *peer, struct request *req,
                   struct origin_view *out);

#endif
