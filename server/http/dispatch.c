/* Routing, CORS, handlers, problem documents and conditional GETs; see
 * include/jvdr/http/dispatch.h. */
#include "jvdr/http/dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/log.h"
#include "jvdr/http/accept.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/cache.h"
#include "jvdr/http/csv.h"
#include "jvdr/http/encoding.h"
#include "jvdr/http/params.h"
#include "jvdr/http/problem.h"
#include "jvdr/http/router.h"
#include "jvdr/http/site.h"
#include "jvdr/store/db.h"

/* What browsers may read from our responses besides the CORS-safelisted headers. */
#define CORS_EXPOSED "ETag, Link, Location, X-Total-Count, X-Total-Estimated, X-Request-Id, Allow"
#define CORS_ALLOWED_HEADERS                                                                       \
    "Authorization, Content-Type, If-Match, If-None-Match, Last-Event-ID, Prefer, X-Request-Id"

enum http_method dispatch_method(const char *name)
{
    static const struct {
        const char *name;
        enum http_method method;
    } methods[] = {{"GET", HTTP_GET},        {"HEAD", HTTP_HEAD},   {"POST", HTTP_POST},
                   {"PUT", HTTP_PUT},        {"PATCH", HTTP_PATCH}, {"DELETE", HTTP_DELETE},
                   {"OPTIONS", HTTP_OPTIONS}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return methods[i].method;
    return HTTP_OTHER;
}

static void add_cors(struct request *req, struct response *res, unsigned preflight_methods)
{
    const struct config *cfg = req->site->config;
    if (!cfg->cors_origins[0])
        return;
    bool any = strcmp(cfg->cors_origins, "*") == 0;
    if (!any) { /* added to the Vary already there (the encoding's), else a Vary of its own */
        bool varies = false;
        for (size_t i = 0; i < res->nheaders && !varies; i++)
            if (strcmp(res->headers[i].name, "Vary") == 0) {
                const char *both = arena_printf(req->arena, "%s, Origin", res->headers[i].value);
                res->headers[i].value = both ? both : res->headers[i].value;
                varies = true;
            }
        if (!varies)
            response_header(res, "Vary", "Origin");
    }
    const char *origin = request_header(req, "Origin");
    if (!config_origin_allowed(cfg, origin))
        return;
    response_header(res, "Access-Control-Allow-Origin", any ? "*" : origin);
    if (preflight_methods) {
        char allow[96];
        router_allow_header(preflight_methods, allow, sizeof allow);
        response_header(res, "Access-Control-Allow-Methods", arena_strdup(req->arena, allow));
        response_header(res, "Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS);
        response_header(res, "Access-Control-Max-Age", "600");
    } else {
        response_header(res, "Access-Control-Expose-Headers", CORS_EXPOSED);
    }
}

/* Whether the answer's body can differ with Accept (a list offered as CSV too). */
static bool varies_by_accept(const struct request *req)
{
    return req->route && (req->route->flags & ROUTE_CSV);
}

/* Vary on an answer whose representation depends on the request's negotiation headers. */
static void add_vary(struct request *req, struct response *res)
{
    response_header(res, "Vary",
                    varies_by_accept(req) ? "Accept, Accept-Encoding" : "Accept-Encoding");
}

/* Content-Disposition for CSV and NDJSON: a download named after the collection ("events.csv"). */
static void add_disposition(struct request *req, struct response *res)
{
    if (req->representation == REP_JSON || req->representation == REP_TEXT)
        return;
    const char *name = strrchr(req->path, '/');
    response_header(res, "Content-Disposition",
                    arena_printf(req->arena, "attachment; filename=\"%s.%s\"", name + 1,
                                 req->representation == REP_CSV ? "csv" : "ndjson"));
}

/* ETag, Cache-Control and If-None-Match for a successful GET or HEAD, in the encoding the client
 * takes; etag is precomputed for a cached answer, NULL otherwise. */
static void conditional_get(struct request *req, struct response *res, const char *etag)
{
    const char *other = NULL;
    const char *type = res->content_type ? res->content_type : "";
    /* Not metrics: they go as they are. */
    if (strstr(type, "json") || strstr(type, "csv") ||
        (req->route && (req->route->flags & ROUTE_TEXT))) {
        add_vary(req, res);
        add_disposition(req, res);
        encoding_apply(req, res, &etag, &other);
    }
    if (res->stream.read) { /* a whole collection: sent once, never held, no ETag */
        response_header(res, "Cache-Control", "no-store");
        return;
    }
    if (!etag)
        etag = encoding_etag(req, res);
    if (!etag)
        return;
    response_header(res, "ETag", etag);
    response_header(res, "Cache-Control", "no-cache");
    const char *inm = request_header_list(req, "If-None-Match");
    if (inm && (etag_listed(inm, etag, true) || (other && etag_listed(inm, other, true)))) {
        response_body(res, 304, res->content_type, NULL, 0);
        res->status = 304;
    }
}

/* The cache key: how the client addressed us, the path, every query parameter as sent (each
 * piece length-prefixed, so no crafted value can collide with another key) and the representation
 * when Accept chose one other than JSON. */
/* Room for a length and its ':' in a cache key. */
#define KEY_NUMBER_MAX ((size_t)22)

static char *key_piece(char *out, const char *s)
{
    size_t len = strlen(s);
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + len % 10);
        len /= 10;
    } while (len);
    while (n)
        *out++ = digits[--n];
    *out++ = ':';
    return stpcpy(out, s);
}

static const char *cache_key(struct request *req)
{
    const char *base = req->base_url ? req->base_url : "";
    size_t size = strlen(base) + strlen(req->path) + 3 * KEY_NUMBER_MAX + 8;
    for (size_t i = 0; i < req->nquery; i++)
        size += strlen(req->query[i].name) + strlen(req->query[i].value) + 2 * KEY_NUMBER_MAX;
    char *key = arena_alloc(req->arena, size);
    if (!key)
        return NULL;
    char *p = key_piece(key, base);
    p = key_piece(p, req->path);
    for (size_t i = 0; i < req->nquery; i++) {
        p = key_piece(p, req->query[i].name);
        p = key_piece(p, req->query[i].value);
    }
    if (req->representation == REP_CSV)
        p = key_piece(p, "as csv");
    *p = '\0';
    return key;
}

/* Runs a read's handler. One whose connection broke under it (PostgreSQL died or is failing
 * over) runs once more on the connection store_db gives now: the server back, or a standby when
 * the URI names one, so that a read in flight at the loss still answers; else it is a 503, never
 * a 500, whatever the handler made of the failure. */
static enum jvdr_err handle_read(struct request *req, struct response *res)
{
    enum jvdr_err code = req->route->handler(req, res);
    if ((code != JVDR_E_BUSY && code != JVDR_E_INTERNAL) || !req->db ||
        !db_connection_lost(req->db))
        return code;
    struct db *again = NULL;
    if (store_db(req->site->store, &again) != JVDR_OK || db_connection_lost(again))
        return JVDR_E_BUSY;
    response_cleanup(res);
    res->nheaders = 0;
    req->error_detail = NULL;
    req->error_parameter = NULL;
    req->problem_extra = NULL; /* the arena frees it */
    req->db = again;
    db_set_budget(again, req->site->config->query_timeout_ms);
    atomic_fetch_add(&req->site->metrics.reads_retried, 1);
    return req->route->handler(req, res);
}

/* Runs the read's handler and puts a list's page into the representation asked for (CSV from
 * the JSON the handler gave, so the two always agree). */
static enum jvdr_err render(struct request *req, struct response *res)
{
    enum jvdr_err code = handle_read(req, res);
    if (code != JVDR_OK || req->representation != REP_CSV || req->export || res->status != 200 ||
        !res->body || res->shared || !req->route->columns)
        return code;
    char *csv = NULL;
    size_t len = 0;
    code = csv_from_list(res->body, res->body_len, req->route->columns, &csv, &len);
    if (code == JVDR_OK)
        response_body(res, 200, "text/csv; charset=utf-8", csv, len);
    return code;
}

/* Answers from a cache entry (whose reference res now holds). */
static void respond_cached(struct response *res, struct cache_entry *entry)
{
    response_body(res, 200, entry->content_type, NULL, 0);
    res->nheaders = 0;
    res->body = entry->body;
    res->body_len = entry->len;
    res->shared = entry;
    for (size_t i = 0; i < entry->nheaders; i++)
        response_header(res, entry->headers[i].name, entry->headers[i].value);
}

/* Keeps a rendered 200 answer under stamp and answers from the entry. Returns JVDR_OK, or
 * JVDR_E_NOMEM (the body is then freed). */
static enum jvdr_err keep_answer(struct request *req, struct response *res, const char *key,
                                 struct cache_stamp stamp, struct cache_entry **kept)
{
    static const char *const headers[] = {"Link", "X-Total-Count", "X-Total-Estimated"};
    const char *names[CACHE_MAX_HEADERS], *values[CACHE_MAX_HEADERS];
    size_t n = 0;
    for (size_t i = 0; i < res->nheaders; i++)
        for (size_t k = 0; k < sizeof headers / sizeof headers[0] && n < CACHE_MAX_HEADERS; k++)
            if (strcmp(res->headers[i].name, headers[k]) == 0) {
                names[n] = headers[k];
                values[n++] = res->headers[i].value;
            }
    char *body = res->body;
    res->body = NULL; /* the entry takes it */
    struct cache_entry *entry = cache_put(&req->site->cache, key, stamp, body, res->body_len,
                                          res->content_type, names, values, n);
    if (!entry)
        return JVDR_E_NOMEM;
    respond_cached(res, entry);
    *kept = entry;
    return JVDR_OK;
}

/* The stamp of an answer as its route describes it: one record's, or every record of the kinds
 * listed. */
static struct cache_stamp route_stamp(struct request *req, struct cache *cache)
{
    struct cache_stamp stamp = cache_stamp_begin(cache);
    const struct route *route = req->route;
    if (route->shows && req->ncaptures) {
        cache_stamp_add(cache, &stamp, cache_tag(route->shows, "id", req->captures[0]));
        cache_stamp_add(cache, &stamp, cache_tag(route->shows, "id", "*"));
        return stamp;
    }
    for (const char *k = route->shows; k && *k;) {
        size_t n = strcspn(k, " ");
        char kind[32];
        if (n < sizeof kind) {
            memcpy(kind, k, n);
            kind[n] = '\0';
            cache_stamp_add(cache, &stamp, cache_tag(kind, "", ""));
        }
        k += n + (k[n] == ' ');
    }
    return stamp;
}

static bool reads(const struct request *req)
{
    return req->method == HTTP_GET || req->method == HTTP_HEAD;
}

/* Whether req is a GET the cache may answer. */
static bool cacheable(const struct request *req)
{
    return (req->route->flags & ROUTE_CACHE) && req->site->config->cache && !req->export &&
           req->representation != REP_EVENTS &&
           (req->method == HTTP_GET || req->method == HTTP_HEAD) &&
           store_cache_trusted(req->site->store);
}

/* Answers a cacheable GET from memory when the cache holds a live answer (never waiting). */
static bool cached_hit(struct request *req, struct response *res, const char **etag)
{
    struct cache *cache = &req->site->cache;
    store_poll(req->site->store); /* another process's commit empties it (the commit hook) */
    const char *key = cache_key(req);
    struct cache_entry *hit = key ? cache_get(cache, key) : NULL;
    if (!hit)
        return false;
    atomic_fetch_add(&req->site->metrics.cache_hits, 1);
    respond_cached(res, hit);
    *etag = hit->etag;
    return true;
}

/* Renders a cacheable GET: from the cache if the answer arrived meanwhile, else through the
 * handler — once for all the callers that miss on the same URL at the same time — keeping what it
 * renders. Returns the handler's error, if any. */
static enum jvdr_err cached_get(struct request *req, struct response *res, const char **etag)
{
    struct cache *cache = &req->site->cache;
    const char *key = cache_key(req);
    if (!key)
        return render(req, res);
    struct cache_flight *flight = NULL;
    bool shared = false;
    struct cache_entry *hit = cache_get_or_lead(cache, key, &flight, &shared);
    struct metrics *metrics = &req->site->metrics;
    atomic_fetch_add(
        hit ? shared ? &metrics->cache_shared : &metrics->cache_hits : &metrics->cache_renders, 1);
    if (hit) {
        respond_cached(res, hit);
        *etag = hit->etag;
        return JVDR_OK;
    }
    /* Stamped before the query: a write committing during the render leaves the answer stale.
     * The route's default — its record, or the kinds it lists — unless the handler declares
     * narrower facts before its query (request_depends). */
    struct cache_stamp fallback = route_stamp(req, cache), declared = cache_stamp_begin(cache);
    declared.generation = fallback.generation;
    req->depends = &declared;
    struct cache_entry *kept = NULL;
    enum jvdr_err code = render(req, res);
    struct cache_stamp stamp = declared.ntags && !req->depends_overflow ? declared : fallback;
    req->depends = NULL;
    if (code == JVDR_OK && res->status == 200 && res->body && !res->shared) {
        code = keep_answer(req, res, key, stamp, &kept);
        if (kept)
            *etag = kept->etag;
    }
    cache_flight_done(cache, flight, kept);
    return code;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Takes cost tokens from the client's bucket — the writes' own for a write when one is set —
 * unless the route is exempt (health and metrics, which probes and scrapers must always reach).
 * False when the bucket is short: the request is refused (429). */
static bool charge(struct request *req, struct dispatch_step *step, double cost)
{
    struct site *site = req->site;
    bool write = req->route && (req->route->methods & ROUTE_WRITE_METHODS);
    if (req->route && (req->route->flags & ROUTE_UNLIMITED))
        return true;
    step->bucket = write && site->writes.rate > 0 ? &site->writes : &site->reads;
    step->policy = step->bucket == &site->writes ? "writes" : "reads";
    if (step->bucket->rate <= 0) {
        step->bucket = NULL;
        return true;
    }
    step->rate = rate_limit_take(step->bucket, req->client, cost, now_seconds());
    if (step->rate.allowed)
        return true;
    atomic_fetch_add(&site->metrics.rate_limited, 1);
    step->code = request_fail(req, JVDR_E_RATE_LIMITED,
                              "over the limit of %g requests a second (a render costs %d)",
                              step->bucket->rate, 1 + DISPATCH_RENDER_EXTRA_COST);
    return false;
}

/* RateLimit-Policy and RateLimit (IETF httpapi draft: quota q per window w seconds; r left,
 * full again in t seconds) on every answer once a limit is set; Retry-After on a refusal. */
static void add_rate_headers(struct request *req, struct response *res,
                             const struct dispatch_step *step)
{
    if (!step->bucket)
        return;
    const struct rate_limit *b = step->bucket;
    long window = (long)(b->burst / b->rate + 0.999);
    response_header(res, "RateLimit-Policy",
                    arena_printf(req->arena, "\"%s\";q=%ld;w=%ld", step->policy, (long)b->burst,
                                 window < 1 ? 1 : window));
    response_header(res, "RateLimit",
                    arena_printf(req->arena, "\"%s\";r=%ld;t=%ld", step->policy,
                                 step->rate.remaining, step->rate.reset));
    if (!step->rate.allowed)
        response_header(res, "Retry-After", arena_printf(req->arena, "%ld", step->rate.retry));
}

/* Problem documents, ETags and conditional GETs, CORS: the last touches of every answer. */
static void finish(struct request *req, struct response *res, struct dispatch_step *step)
{
    enum jvdr_err code = step->code;
    if (code != JVDR_OK) {
        problem_respond(req, res, code);
        response_header(res, "Cache-Control", "no-store");
    } else if (res->status == 200 && (req->method == HTTP_GET || req->method == HTTP_HEAD)) {
        conditional_get(req, res, step->etag);
    } else if (req->method != HTTP_GET && req->method != HTTP_HEAD) {
        response_header(res, "Cache-Control", "no-store");
    }
    add_rate_headers(req, res, step);
    add_cors(req, res, step->preflight);
    step->done = true;
}

bool dispatch_charge_render(struct request *req, struct response *res, struct dispatch_step *step)
{
    /* Reads and writes alike when they share a bucket; a write's own bucket counts writes. */
    if (!step->bucket || step->bucket == &req->site->writes ||
        charge(req, step, DISPATCH_RENDER_EXTRA_COST))
        return true;
    finish(req, res, step);
    return false;
}

/* The representations a route offers, in order of preference, and their ?format= names. */
struct offer {
    const char *type, *format;
    enum representation representation;
};

static size_t route_offers(const struct route *route, struct offer *offers)
{
    size_t n = 0;
    if (route->flags & ROUTE_TEXT) { /* a document's text: that alone */
        offers[n++] = (struct offer){"text/plain", "text", REP_TEXT};
        return n;
    }
    offers[n++] = (struct offer){"application/json", "json", REP_JSON};
    if (route->flags & ROUTE_CSV)
        offers[n++] = (struct offer){"text/csv", "csv", REP_CSV};
    if (route->flags & ROUTE_EXPORT)
        offers[n++] = (struct offer){"application/x-ndjson", "ndjson", REP_NDJSON};
    if (route->flags & ROUTE_LIVE)
        offers[n++] = (struct offer){"text/event-stream", "sse", REP_EVENTS};
    return n;
}

/* 406 naming what the resource is available as. */
static enum jvdr_err not_acceptable(struct request *req, const struct offer *offers, size_t n)
{
    json_t *types = json_array();
    const char *list = "";
    for (size_t i = 0; i < n && list; i++) {
        json_array_append_new(types, json_string(offers[i].type));
        list = arena_printf(req->arena, "%s%s%s", list, i ? ", " : "", offers[i].type);
    }
    if (types)
        request_problem_extra(req, "available", types);
    return request_fail(req, JVDR_E_NOT_ACCEPTABLE,
                        "this resource is available as %s; the request's Accept allows none of "
                        "them",
                        list ? list : "application/json");
}

/* Picks the representation of a GET on the API: ?format= when the route offers several, else
 * the one Accept rates highest (JSON when it is absent or says any); 406 when Accept or
 * Accept-Encoding allows nothing the service sends, 400 for a format it does not know. A stream
 * of the whole collection for NDJSON, and for CSV with limit=all. */
static enum jvdr_err negotiate(struct request *req)
{
    if (strncmp(req->path, "/v1/", 4) != 0)
        return JVDR_OK;
    if (!encoding_acceptable(req))
        return request_fail(req, JVDR_E_NOT_ACCEPTABLE,
                            "this resource is sent as gzip or identity; the request's "
                            "Accept-Encoding allows neither");
    struct offer offers[4];
    size_t n = route_offers(req->route, offers);
    const char *format = n > 1 ? params_get(req, "format") : NULL;
    int chosen = -1;
    if (format) {
        for (size_t i = 0; i < n && chosen < 0; i++)
            if (strcmp(format, offers[i].format) == 0)
                chosen = (int)i;
        if (chosen < 0) {
            const char *names = offers[0].format;
            for (size_t i = 1; i < n && names; i++)
                names = arena_printf(req->arena, "%s%s%s", names, i + 1 < n ? ", " : " or ",
                                     offers[i].format);
            return params_fail(req, "format",
                               arena_printf(req->arena, "must be %s", names ? names : "json"));
        }
    } else {
        const char *types[4];
        for (size_t i = 0; i < n; i++)
            types[i] = offers[i].type;
        chosen = accept_choose(request_header(req, "Accept"), types, n);
        if (chosen < 0)
            return not_acceptable(req, offers, n);
    }
    req->representation = offers[chosen].representation;
    const char *limit = params_get(req, "limit");
    req->export = req->representation == REP_NDJSON ||
                  (req->representation == REP_CSV && (req->route->flags & ROUTE_EXPORT) && limit &&
                   strcmp(limit, "all") == 0);
    return JVDR_OK;
}

/* JVDR_E_BAD_REQUEST naming the first of the route's {captures} that is not an id (all of them
 * are ids): a segment that held a NUL, a '/' or a '%' as sent is one (http/path.h), so that
 * "/v1/events/x%00y" is refused instead of naming "x". */
static enum jvdr_err check_captures(struct request *req)
{
    const char *name = req->route->pattern;
    for (size_t i = 0; i < req->ncaptures; i++) {
        name = strchr(name, '{') + 1;
        size_t len = strcspn(name, "}");
        if (id_valid(req->captures[i]))
            continue;
        json_t *segment = json_stringn(name, len);
        if (segment)
            request_problem_extra(req, "segment", segment);
        return request_fail(req, JVDR_E_BAD_REQUEST,
                            "path segment '%.*s' is not an id: 1 to 100 lower-case letters, "
                            "digits and single inner '-'",
                            (int)len, name);
    }
    return JVDR_OK;
}

void dispatch_begin(struct request *req, struct response *res, struct dispatch_step *step)
{
    memset(step, 0, sizeof *step);
    enum jvdr_err code = JVDR_OK;
    unsigned allowed = 0;

    if (!req->route) {
        const struct route *route = NULL;
        enum router_result match =
            router_match(req->site->routes, req->method, req->path, req->arena, &route,
                         req->captures, &req->ncaptures, &allowed);
        if (match == ROUTER_FOUND) {
            req->route = route;
        } else if (match == ROUTER_NO_PATH) {
            code = request_fail(req, JVDR_E_NOT_FOUND, "no resource at this path");
        } else if (req->method == HTTP_OPTIONS) {
            response_body(res, 204, NULL, NULL, 0);
            step->preflight = allowed;
        } else {
            code = request_fail(req, JVDR_E_METHOD, "%s is not allowed here",
                                req->method_name ? req->method_name : "this method");
        }
        if (allowed) {
            char allow[96];
            router_allow_header(allowed, allow, sizeof allow);
            response_header(res, "Allow", arena_strdup(req->arena, allow));
        }
    }
    if (req->route && code == JVDR_OK)
        code = check_captures(req);
    /* Before the cache is asked: a value cut at its NUL would share the key of the value before
     * it ("q=k%00i" that of "q=k"), and be answered as that one. */
    for (size_t i = 0; req->route && code == JVDR_OK && i < req->nquery; i++)
        if (req->query[i].has_nul)
            code = params_fail(req, req->query[i].name, "holds a NUL byte");
    if (req->route && code == JVDR_OK && (req->route->methods & ROUTE_WRITE_METHODS)) {
        code = req->site->store->readonly
                   ? request_fail(req, JVDR_E_FORBIDDEN,
                                  "the database is read-only: this service serves "
                                  "reads only")
                   : auth_check(&req->site->auth, req, req->route->scopes);
    }
    if (req->route && code == JVDR_OK && reads(req))
        code = negotiate(req);
    step->code = code;
    /* Refused (429), failed, or in the cache: answered now. */
    if (!charge(req, step, 1) || !req->route || code != JVDR_OK ||
        (cacheable(req) && cached_hit(req, res, &step->etag))) {
        finish(req, res, step);
    } else if ((req->route->flags & ROUTE_NO_DB) && !cacheable(req)) {
        step->code = req->route->handler(req, res); /* health and metrics: quick, no database */
        finish(req, res, step);
    }
}

void dispatch_render(struct request *req, struct response *res, struct dispatch_step *step)
{
    enum jvdr_err code =
        (req->route->flags & ROUTE_NO_DB) ? JVDR_OK : store_db(req->site->store, &req->db);
    if (code != JVDR_OK)
        code = request_fail(req, code == JVDR_E_NOMEM ? JVDR_E_NOMEM : JVDR_E_BUSY,
                            "the database is unavailable");
    else if (reads(req) && req->db) {
        /* A read has a time budget; a write runs to its end (its transaction is atomic anyway). */
        unsigned budget = req->site->config->query_timeout_ms;
        db_set_budget(req->db, budget);
        code = cacheable(req) ? cached_get(req, res, &step->etag) : render(req, res);
        if (code != JVDR_OK && budget && db_past_budget(req->db))
            code = JVDR_E_TIMEOUT;
        db_set_budget(req->db, 0);
        if (code == JVDR_E_TIMEOUT) {
            atomic_fetch_add(&req->site->metrics.render_timeouts, 1);
            log_error("%s %s abandoned past its %u ms budget (JVDR_QUERY_TIMEOUT)",
                      req->method_name, req->path, budget);
            response_cleanup(res);
            res->nheaders = 0;
        }
    } else {
        code = req->route->handler(req, res);
    }
    step->code = code;
    finish(req, res, step);
}

void dispatch(struct request *req, struct response *res)
{
    struct dispatch_step step;
    dispatch_begin(req, res, &step);
    if (!step.done)
        dispatch_render(req, res, &step);
}
