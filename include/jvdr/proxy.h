/* Behind a reverse proxy: which peers are trusted (JVDR_TRUSTED_PROXIES, addresses or CIDR
 * ranges), and, for requests from them only, the client address, scheme, host and path prefix
 * their forwarding headers say (RFC 7239 Forwarded, or X-Forwarded-For/-Proto/-Host/-Prefix).
 * From anyone else those headers are ignored. */
#ifndef JVDR_PROXY_H
#define JVDR_PROXY_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "jvdr/request.h"

struct proxy_range {
    int family; /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    unsigned prefix_bits;
};

struct proxy_trust {
    struct proxy_range *ranges;
    size_t count;
};

/* Parses a comma-separated list of addresses and CIDR ranges ("" trusts nobody). Returns 0, or -1
 * with a one-line reason naming the bad entry in err. */
int proxy_trust_init(struct proxy_trust *trust, const char *list, char *err, size_t errlen);

void proxy_trust_cleanup(struct proxy_trust *trust);

/* True when the numeric address text is in a trusted range. */
bool proxy_trusted_text(const struct proxy_trust *trust, const char *address);

/* Where a request came from and how the client addressed us. */
struct origin_view {
    const char *client; /* the client's address (the peer's, unless a trusted proxy says) */
    const char *scheme; /* "http" or "https" */
    const char *host;   /* host[:port] as the client used it */
    const char *prefix; /* path prefix the proxy mounts us under, "" or "/api/jvdr" */
};

/* Resolves req's origin from the peer address text and, when the peer is trusted, the forwarding
 * headers. Values that are not well-formed are ignored. Strings live in req's arena. */
void proxy_resolve(const struct proxy_trust *trust, const char *peer, struct request *req,
                   struct origin_view *out);

#endif
