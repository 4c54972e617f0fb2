/* libFuzzer harness: the router and path decoding. Input: a method byte, then a request target
 * as sent, which path_from_target decodes as server.c does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/path.h"
#include "jvdr/service/routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const enum http_method methods[] = {HTTP_GET,   HTTP_HEAD,   HTTP_POST,    HTTP_PUT,
                                               HTTP_PATCH, HTTP_DELETE, HTTP_OPTIONS, HTTP_OTHER};
    enum http_method method = methods[data[0] % 8];
    char *target = strndup((const char *)data + 1, size - 1); /* NUL ends it, as MHD's line */
    struct arena *arena = arena_new();
    char *path = path_from_target(target, arena);
    if (!path)
        abort();
    /* Decoding never adds a separator nor removes one, and never makes a control character. */
    size_t raw_slashes = 0, slashes = 0, raw_len = strcspn(target, "?");
    for (size_t i = 0; i < raw_len; i++)
        raw_slashes += target[i] == '/';
    for (const char *c = path; *c; c++) {
        slashes += *c == '/';
        if ((unsigned char)*c < 0x20 && memchr(target, *c, raw_len) == NULL)
            abort();
    }
    if (slashes != raw_slashes || strlen(path) > raw_len)
        abort();
    const struct route *route = NULL;
    const char *captures[REQUEST_MAX_CAPTURES];
    size_t ncaptures = 0;
    unsigned allowed = 0;
    enum router_result r =
        router_match(jvdr_routes, method, path, arena, &route, captures, &ncaptures, &allowed);
    if (r == ROUTER_FOUND) {
        if (!route || ncaptures > REQUEST_MAX_CAPTURES)
            abort();
        for (size_t i = 0; i < ncaptures; i++)
            if (!captures[i][0] || strchr(captures[i], '/'))
                abort(); /* a capture is one non-empty segment */
    } else if (r == ROUTER_WRONG_METHOD) {
        char allow[96];
        router_allow_header(allowed, allow, sizeof allow);
        if (!strstr(allow, "OPTIONS"))
            abort();
    }
    arena_free(arena);
    free(target);
    return 0;
}
