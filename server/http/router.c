/* Matching a method and a decoded path against the route table; see include/jvdr/http/router.h. */
#include "jvdr/http/router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "jvdr/base/arena.h"

/* True when path matches pattern segment by segment; captures go to the arena. */
static bool pattern_match(const char *pattern, const char *path, struct arena *arena,
                          const char **captures, size_t *ncaptures)
{
    size_t n = 0;
    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/')
            return false;
        pattern++;
        path++;
        const char *pend = strchr(pattern, '/');
        size_t plen = pend ? (size_t)(pend - pattern) : strlen(pattern);
        const char *send = strchr(path, '/');
        size_t slen = send ? (size_t)(send - path) : strlen(path);
        if (plen > 1 && pattern[0] == '{' && pattern[plen - 1] == '}') {
            if (slen == 0 || n == REQUEST_MAX_CAPTURES)
                return false;
            if (captures) {
                captures[n] = arena_strndup(arena, path, slen);
                if (!captures[n])
                    return false;
            }
            n++;
        } else if (plen != slen || memcmp(pattern, path, plen) != 0) {
            return false;
        }
        pattern += plen;
        path += slen;
    }
    if (*pattern || *path)
        return false;
    if (ncaptures)
        *ncaptures = n;
    return true;
}

enum router_result router_match(const struct route *table, enum http_method method,
                                const char *path, struct arena *arena, const struct route **route,
                                const char **captures, size_t *ncaptures, unsigned *allowed)
{
    unsigned wanted = method == HTTP_HEAD ? HTTP_GET : (unsigned)method;
    unsigned seen = 0;
    for (const struct route *r = table; r->pattern; r++) {
        if (!pattern_match(r->pattern, path, NULL, NULL, NULL))
            continue;
        seen |= r->methods;
        if (r->methods & wanted) {
            if (!pattern_match(r->pattern, path, arena, captures, ncaptures))
                return ROUTER_NO_PATH; /* out of memory while copying captures */
            *route = r;
            return ROUTER_FOUND;
        }
    }
    if (!seen)
        return ROUTER_NO_PATH;
    if (seen & HTTP_GET)
        seen |= HTTP_HEAD;
    *allowed = seen | HTTP_OPTIONS;
    return ROUTER_WRONG_METHOD;
}

const char *router_allow_header(unsigned methods, char *out, size_t outlen)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{HTTP_GET, "GET"},        {HTTP_HEAD, "HEAD"},   {HTTP_POST, "POST"},
                 {HTTP_PUT, "PUT"},        {HTTP_PATCH, "PATCH"}, {HTTP_DELETE, "DELETE"},
                 {HTTP_OPTIONS, "OPTIONS"}};
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(methods & names[i].bit))
            continue;
        int n = snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", names[i].name);
        if (n < 0 || (size_t)n >= outlen - used)
            break;
        used += (size_t)n;
    }
    return out;
}
