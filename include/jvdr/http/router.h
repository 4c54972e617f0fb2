/* The route table and its matcher. A route is {methods, pattern, handler, max_body}; patterns are
 * literal segments and {name} captures. A path that matches under other methods only is a 405
 * with the allowed set, a path that matches nothing is a 404. */
#ifndef JVDR_HTTP_ROUTER_H
#define JVDR_HTTP_ROUTER_H

#include <stddef.h>

#include "jvdr/http/request.h"

/* Methods that change data: routes with them need a bearer token, and the route's scopes. */
#define ROUTE_WRITE_METHODS (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)

typedef enum jvdr_err (*route_handler)(struct request *req, struct response *res);

struct route {
    unsigned methods;    /* HTTP_* mask; HEAD is implied by GET */
    const char *pattern; /* "/v1/events/{id}" */
    route_handler handler;
    size_t max_body;  /* bytes accepted in the body; 0 means no body */
    const char *name; /* stable route label for logs and metrics */
    unsigned flags;   /* ROUTE_* below */
    /* For a cached route, the kinds of record its answers show: one record's kind for a route
     * answering one ({id} is its id), stale only when a write changes that record; else the kinds
     * it lists, space-separated ("event agreement"), stale when a record of one of them changes
     * unless the handler declares narrower facts (request_depends). NULL: stale only after another
     * process's commit (static answers). */
    const char *shows;
    /* For a list offered as CSV (ROUTE_CSV): its items' fields, in the OpenAPI document's order,
     * ending in NULL; they name the columns. */
    const char *const *columns;
    /* For a write: the scopes its writer needs (http/scopes.h); 0 for a write whose handler
     * decides once it knows what the write does (a revert). */
    unsigned scopes;
};

/* The handler does not touch the database: it answers even when the store is unavailable. */
#define ROUTE_NO_DB 1u
/* A 200 answer depends only on the URL and the data: dispatch caches it until the data changes. */
#define ROUTE_CACHE 2u
/* Not rate-limited: health and metrics, which probes and scrapers must always reach. */
#define ROUTE_UNLIMITED 4u

/* A list whose pages are offered as CSV too (Accept: text/csv or ?format=csv; columns set). */
#define ROUTE_CSV 8u
/* A collection offered whole, streamed: NDJSON (Accept: application/x-ndjson or ?format=ndjson)
 * and CSV with limit=all. */
#define ROUTE_EXPORT 16u
/* A document's text: answered as text/plain alone (Accept must allow it). */
#define ROUTE_TEXT 32u
/* Offered live too, as Server-Sent Events (Accept: text/event-stream or ?format=sse). */
#define ROUTE_LIVE 64u

enum router_result { ROUTER_FOUND, ROUTER_WRONG_METHOD, ROUTER_NO_PATH };

/* Matches method and path against table (ending in a row whose pattern is NULL). On FOUND sets
 * *route and fills captures (pointers into the arena) and *ncaptures. On WRONG_METHOD sets *allowed
 * to the union of the methods the path accepts. */
enum router_result router_match(const struct route *table, enum http_method method,
                                const char *path, struct arena *arena, const struct route **route,
                                const char **captures, size_t *ncaptures, unsigned *allowed);

/* The Allow header value for a method mask ("GET, HEAD, OPTIONS"), static storage. */
const char *router_allow_header(unsigned methods, char *out, size_t outlen);

#endif
