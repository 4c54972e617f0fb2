/* Trusted proxies and forwarding headers; see include/jvdr/http/proxy.h. */
#include "jvdr/http/proxy.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/arena.h"

/* A copy of text[0..len) with surrounding spaces and quotes removed. */
static char *trimmed(struct arena *arena, const char *text, size_t len)
{
    while (len && (*text == ' ' || *text == '"')) {
        text++;
        len--;
    }
    while (len && (text[len - 1] == ' ' || text[len - 1] == '"'))
        len--;
    return arena_strndup(arena, text, len);
}

/* The address in a Forwarded for= value or an X-Forwarded-For entry: strips [v6]:port and
 * v4:port; NULL unless numeric. */
static const char *node_address(struct arena *arena, const char *node)
{
    char buf[64];
    size_t len = strlen(node);
    if (len == 0 || len >= sizeof buf)
        return NULL;
    memcpy(buf, node, len + 1);
    char *start = buf;
    if (*start == '[') {
        char *close = strchr(start, ']');
        if (!close)
            return NULL;
        *close = '\0';
        start++;
    } else if (strchr(start, '.') && strchr(start, ':')) {
        *strchr(start, ':') = '\0';
    }
    unsigned char addr[16];
    if (inet_pton(AF_INET, start, addr) != 1 && inet_pton(AF_INET6, start, addr) != 1)
        return NULL;
    return arena_strdup(arena, start);
}

static bool valid_host(const char *h)
{
    size_t len = strlen(h);
    return len > 0 && len <= 255 &&
           strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == len;
}

/* "/api/jvdr/" -> "/api/jvdr"; NULL unless a clean absolute path. */
static const char *valid_prefix(struct arena *arena, const char *p)
{
    size_t len = strlen(p);
    if (len == 0 || p[0] != '/' || len > 200 || strstr(p, "//") || strstr(p, "/../") ||
        strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._~-") != len)
        return NULL;
    while (len && p[len - 1] == '/')
        len--;
    return arena_strndup(arena, p, len);
}

/* The last comma-separated value of a header: the one the nearest proxy set. */
static char *last_value(struct arena *arena, const char *header)
{
    const char *comma = strrchr(header, ',');
    const char *start = comma ? comma + 1 : header;
    return trimmed(arena, start, strlen(start));
}

/* Walks a list of forwarded-for addresses right to left, past trusted proxies: the first
 * untrusted one is the client. Returns NULL when an entry is malformed. */
static const char *client_from_chain(const struct cidr_list *trusted, struct arena *arena,
                                     char **entries, size_t n)
{
    const char *client = NULL;
    for (size_t i = n; i-- > 0;) {
        const char *address = node_address(arena, entries[i]);
        if (!address)
            return client;
        client = address;
        if (!cidr_list_contains(trusted, address))
            break;
    }
    return client;
}

/* Splits list at commas into trimmed entries (at most max). */
static size_t split(struct arena *arena, const char *list, char **out, size_t max)
{
    size_t n = 0;
    while (*list && n < max) {
        size_t len = strcspn(list, ",");
        char *entry = trimmed(arena, list, len);
        if (entry)
            out[n++] = entry;
        list += len;
        if (*list)
            list++;
    }
    return n;
}

/* Reads RFC 7239 Forwarded: for= of each element, and proto=/host= of the last one. */
static void from_forwarded(const struct cidr_list *trusted, struct request *req, const char *header,
                           struct origin_view *out)
{
    char *elements[32], *fors[32];
    size_t n = split(req->arena, header, elements, 32), nfor = 0;
    for (size_t i = 0; i < n; i++) {
        char *save = NULL;
        for (char *pair = strtok_r(elements[i], ";", &save); pair;
             pair = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(pair, '=');
            if (!eq)
                continue;
            *eq = '\0';
            char *name = trimmed(req->arena, pair, strlen(pair));
            char *value = trimmed(req->arena, eq + 1, strlen(eq + 1));
            if (!name || !value)
                continue;
            if (strcasecmp(name, "for") == 0 && nfor < 32)
                fors[nfor++] = value;
            else if (strcasecmp(name, "proto") == 0 && i == n - 1 &&
                     (strcmp(value, "http") == 0 || strcmp(value, "https") == 0))
                out->scheme = value;
            else if (strcasecmp(name, "host") == 0 && i == n - 1 && valid_host(value))
                out->host = value;
        }
    }
    const char *client = client_from_chain(trusted, req->arena, fors, nfor);
    if (client)
        out->client = client;
}

void proxy_resolve(const struct cidr_list *trusted, const char *peer, struct request *req,
                   struct origin_view *out)
{
    const char *host = request_header(req, "Host");
    out->client = peer;
    out->scheme = "http";
    out->host = host && valid_host(host) ? host : "localhost";
    out->prefix = "";
    if (!cidr_list_contains(trusted, peer))
        return;

    const char *forwarded = request_header(req, "Forwarded");
    if (forwarded) {
        from_forwarded(trusted, req, forwarded, out);
    } else {
        const char *xff = request_header(req, "X-Forwarded-For");
        if (xff) {
            char *entries[32];
            size_t n = split(req->arena, xff, entries, 32);
            const char *client = client_from_chain(trusted, req->arena, entries, n);
            if (client)
                out->client = client;
        }
        const char *proto = request_header(req, "X-Forwarded-Proto");
        char *p = proto ? last_value(req->arena, proto) : NULL;
        if (p && (strcmp(p, "http") == 0 || strcmp(p, "https") == 0))
            out->scheme = p;
        const char *fhost = request_header(req, "X-Forwarded-Host");
        char *h = fhost ? last_value(req->arena, fhost) : NULL;
        if (h && valid_host(h))
            out->host = h;
    }
    const char *prefix = request_header(req, "X-Forwarded-Prefix");
    const char *clean = prefix ? valid_prefix(req->arena, last_value(req->arena, prefix)) : NULL;
    if (clean)
        out->prefix = clean;
}
