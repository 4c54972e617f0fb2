/* From a parsed request to a response: routing (404/405), OPTIONS and CORS, the handler, problem
 * documents for errors, ETags and conditional GETs. Independent of the HTTP library. */
#ifndef JVDR_HTTP_DISPATCH_H
#define JVDR_HTTP_DISPATCH_H

#include "jvdr/http/request.h"

#include <stdbool.h>

#include "jvdr/http/rate_limit.h"

/* What a render costs in a client's rate-limit bucket, besides the 1 every request costs. */
#define DISPATCH_RENDER_EXTRA_COST 4

/* Where a request stands between dispatch_begin and dispatch_render. */
struct dispatch_step {
    enum jvdr_err code;
    unsigned preflight; /* the methods an OPTIONS preflight is answered for */
    const char *etag;   /* a cached answer's */
    bool done;          /* res is the answer */
    /* The client's bucket the request was charged to (NULL: no limit) and what it said. */
    struct rate_limit *bucket;
    const char *policy; /* "reads" or "writes" */
    struct rate_answer rate;
};

/* The part of a request that never waits, for the thread that reads it: routing (404/405),
 * OPTIONS and CORS, the token, the answers that need no database, and an answer the cache holds.
 * Sets step->done when res is the answer; otherwise dispatch_render must follow, on a thread that
 * may wait (it opens the database, renders, writes). req->site, arena, method, path, query and
 * headers must be set; req->route may be preset (server.c matches early for the body limit). */
void dispatch_begin(struct request *req, struct response *res, struct dispatch_step *step);

/* Before a request goes to dispatch_render: charges the client for a render (not a write with a
 * bucket of its own). False when its bucket is short: res is then the 429 answer (step->done). */
bool dispatch_charge_render(struct request *req, struct response *res, struct dispatch_step *step);

/* The rest: the handler — through the cache for a cacheable GET — then the answer's last touches
 * (problem documents, ETag and If-None-Match, CORS). */
void dispatch_render(struct request *req, struct response *res, struct dispatch_step *step);

/* Both steps on the calling thread. */
void dispatch(struct request *req, struct response *res);

/* The method for an HTTP method name; HTTP_OTHER when unknown. */
enum http_method dispatch_method(const char *name);

#endif
