/* What a handler sees and fills: a plain request (decoded path, query, headers, body) and a
 * response. No handler includes microhttpd.h; http.c translates both ways. */
#ifndef JVDR_HTTP_REQUEST_H
#define JVDR_HTTP_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct site;
struct arena;
struct cache_stamp;
struct db;
struct route;
struct live_signal;
struct request;
struct response;

enum http_method {
    HTTP_GET = 1 << 0,
    HTTP_HEAD = 1 << 1,
    HTTP_POST = 1 << 2,
    HTTP_PUT = 1 << 3,
    HTTP_PATCH = 1 << 4,
    HTTP_DELETE = 1 << 5,
    HTTP_OPTIONS = 1 << 6,
    HTTP_OTHER = 1 << 7,
};

#define REQUEST_MAX_CAPTURES 4
#define RESPONSE_MAX_HEADERS 16

/* What a GET answers in: the JSON of the API, CSV for spreadsheets (lists), newline-delimited
 * JSON (whole collections), a document's text, or Server-Sent Events (the live change stream).
 * Chosen by ?format= or Accept (dispatch.c). */
enum representation { REP_JSON, REP_CSV, REP_NDJSON, REP_TEXT, REP_EVENTS };

struct kv {
    const char *name;
    const char *value;
    bool has_nul; /* the value as sent holds a NUL byte (value stops at it) */
};

struct request {
    struct site *site;   /* what the request is served from (jvdr/http/site.h) */
    struct arena *arena; /* owns every string below */
    struct db *db;       /* this worker thread's connection */
    enum http_method method;
    const char *method_name; /* as sent, e.g. "GET" */
    const char *path;        /* percent-decoded path, without the query */
    struct kv *query;        /* decoded query parameters in arrival order */
    size_t nquery;
    struct kv *headers;
    size_t nheaders;
    const struct route *route;
    enum representation representation;
    bool export; /* every record the filters select, streamed (NDJSON, or CSV with limit=all) */
    const char *captures[REQUEST_MAX_CAPTURES]; /* {id} segments of the route pattern */
    size_t ncaptures;
    const char *body;
    size_t body_len;
    struct body_sink *sink; /* the body went here as it arrived (body is then empty) */

    /* Set by a handler that returns an error, for the problem document. */
    const char *error_detail;
    const char *error_parameter; /* the query parameter at fault, if any */
    json_t *problem_extra;       /* further members of the problem document ("errors"); owned by the
                                    arena once set with request_problem_extra() */
    const char *request_id;
    const char *client;    /* the client's address, as trusted proxies report it */
    const char *base_url;  /* scheme://host[/prefix] as the client reached us, for absolute URLs */
    const char *actor;     /* who wrote: a static token's label, a JWT's subject */
    const char *writer;    /* who wrote, for the audit trail: JSON (http/auth.c) */
    unsigned scopes;       /* what the writer may do (http/scopes.h) */
    const char *challenge; /* WWW-Authenticate for a refused write (401, 403), or NULL */

    /* For a GET the cache keeps: the facts its handler declared the answer depends on (NULL when
     * the answer is not kept); see request_depends. */
    struct cache_stamp *depends;
    bool depends_overflow; /* more than a stamp holds: the route's default stands */
};

/* A body produced while it is sent, for answers too big to hold. read fills up to max bytes of buf
 * and returns how many (never 0 before the end), 0 at the end, or -1 on a failure (the client then
 * sees the answer cut short); done runs once, when the answer is over or its client has gone. */
struct response_stream {
    long (*read)(void *context, char *buf, size_t max);
    void (*done)(void *context);
    void *context;
    struct live_signal *signal; /* a live answer (http/live.h): read may return STREAM_WAIT */
};

/* A body taken as it arrives instead of held whole (a bulk load): feed gets each piece on the
 * HTTP thread (cheap work only, no database; an error refuses the request), end is called once
 * the body is complete, then the route's handler runs with req->sink set and hands the request to
 * its run; close runs last, always, whether the handler ran or not (a client gone mid-body leaves
 * nothing written). */
struct body_sink {
    enum jvdr_err (*feed)(struct body_sink *sink, const char *data, size_t len);
    void (*end)(struct body_sink *sink);
    enum jvdr_err (*run)(struct body_sink *sink, struct request *req, struct response *res);
    void (*close)(struct body_sink *sink);
};

struct response {
    int status;
    struct response_stream stream; /* read set: the body is this stream (body is then NULL) */
    char *body;                    /* malloc'd and owned, unless shared is set */
    void *shared;                  /* a cache entry lending body (released with cache_release) */
    size_t body_len;
    const char *content_type;
    struct kv headers[RESPONSE_MAX_HEADERS];
    size_t nheaders;
};

/* Declares, before the query it answers from runs, that the answer being rendered depends on the
 * fact (kind, field, value) of jvdr/store/facts.h (and so on its catch-alls, (kind, field, "*")
 * and (kind, "*", "")): after
 * the first declaration the answer goes stale only when a declared fact changes, instead of any
 * record of the kinds its route shows. A handler declares every fact its answer could show a
 * change of, or none. A no-op for answers not kept. */
void request_depends(struct request *req, const char *kind, const char *field, const char *value);

/* Whether the answer being rendered has declared a fact (request_depends) and so no longer falls
 * back to its route's kinds as a whole. */
bool request_narrowed(const struct request *req);

/* Case-insensitive header lookup; NULL when absent. */
const char *request_header(const struct request *req, const char *name);

/* A list-valued header (If-Match, If-None-Match) as one value: its field lines joined with ", "
 * in order (RFC 9110 section 5.3), so that a second line counts as much as the first; in the
 * arena. NULL when absent. */
const char *request_header_list(const struct request *req, const char *name);

/* Sets an error's detail (formatted into the request's arena) and returns code, so that handlers
 * can write `return request_fail(req, JVDR_E_NOT_FOUND, "no event %s", id);`. */
enum jvdr_err request_fail(struct request *req, enum jvdr_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds member name (taking the reference to value) to the problem document of an error
 * response. Returns 0, or -1 when out of memory. */
int request_problem_extra(struct request *req, const char *name, json_t *value);

/* Adds a header; name and value must outlive the response (static or in the request arena).
 * Returns 0, or -1 when the table is full. */
int response_header(struct response *res, const char *name, const char *value);

/* Takes ownership of body (malloc'd). */
void response_body(struct response *res, int status, const char *content_type, char *body,
                   size_t len);

/* Takes stream as the body (its done runs at the latest with response_cleanup). */
void response_stream(struct response *res, int status, const char *content_type,
                     struct response_stream stream);

/* Serialises json (and releases it) as the body; returns JVDR_E_NOMEM on failure. */
enum jvdr_err response_json(struct response *res, int status, json_t *json);

void response_cleanup(struct response *res);

#endif
