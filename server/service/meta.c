/* The service's own endpoints: the API index, the OpenAPI document compiled into the binary,
 * liveness (/healthz) and readiness (/readyz, which asks the database). */
#include "jvdr/service/meta.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/embedded.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/store/store.h"

static const char *const no_params[] = {NULL};

/* Answers a static text with a copy the response owns. */
static enum jvdr_err respond_static(struct response *res, int status, const char *type,
                                    const char *text, size_t len)
{
    char *body = malloc(len + 1);
    if (!body)
        return JVDR_E_NOMEM;
    memcpy(body, text, len + 1);
    response_body(res, status, type, body, len);
    return JVDR_OK;
}

enum jvdr_err meta_index(struct request *req, struct response *res)
{
    static const char *const links[] = {
        "events",  "/v1/events",  "officials", "/v1/officials", "agreements", "/v1/agreements",
        "sources", "/v1/sources", "timeline",  "/v1/timeline",  "stats",      "/v1/stats",
        "search",  "/v1/search",  "changes",   "/v1/changes",   "openapi",    "/openapi.json"};
    enum jvdr_err code = params_check(req, no_params);
    if (code)
        return code;
    json_t *index = json_pack("{s:s, s:s, s:s, s:{}}", "name", "jvdr", "description",
                              "Japan-Vietnam defense relations knowledge base", "version",
                              JVDR_VERSION, "links");
    json_t *map = json_object_get(index, "links");
    const char *base = req->base_url ? req->base_url : "";
    for (size_t i = 0; map && i < sizeof links / sizeof links[0]; i += 2) {
        /* base_url is validated ASCII, so the URL is valid UTF-8. */
        char url[512];
        snprintf(url, sizeof url, "%s%s", base, links[i + 1]);
        json_object_set_new(map, links[i], json_string(url));
    }
    return response_json(res, 200, index);
}

enum jvdr_err meta_metrics(struct request *req, struct response *res)
{
    enum jvdr_err code = params_check(req, no_params);
    if (code)
        return code;
    struct buf text;
    buf_init(&text);
    /* The route takes no connection (metrics answer while the database is away): the store asks
     * on this thread's own when it needs one. */
    metrics_render(&req->site->metrics, store_size_bytes(req->site->store, req->db), &text);
    const struct store *store = req->site->store;
    buf_printf(
        &text,
        "# HELP jvdr_exports_open Whole-collection exports streaming now, each holding a "
        "read snapshot.\n"
        "# TYPE jvdr_exports_open gauge\n"
        "jvdr_exports_open %u\n"
        "# HELP jvdr_exports_max The most exports that may stream at once "
        "(JVDR_MAX_EXPORTS).\n"
        "# TYPE jvdr_exports_max gauge\n"
        "jvdr_exports_max %u\n"
        "# HELP jvdr_wal_checkpoints_total Checkpoints of SQLite's write-ahead log done "
        "beside the writer rather than inside a write (0 on PostgreSQL).\n"
        "# TYPE jvdr_wal_checkpoints_total counter\n"
        "jvdr_wal_checkpoints_total %llu\n"
        "# HELP jvdr_search_merges_total Steps that merged segments of SQLite's full-text "
        "indexes beside the writer rather than inside a write (0 on PostgreSQL).\n"
        "# TYPE jvdr_search_merges_total counter\n"
        "jvdr_search_merges_total %llu\n"
        "# HELP jvdr_event_index_loads_total Loads of the in-memory index of events: from "
        "the file saved at the last clean stop, or from the database (at the start, and "
        "after another process's commit it could not catch up with).\n"
        "# TYPE jvdr_event_index_loads_total counter\n"
        "jvdr_event_index_loads_total{from=\"file\"} %lld\n"
        "jvdr_event_index_loads_total{from=\"database\"} %lld\n"
        "# HELP jvdr_event_index_catch_ups_total Other processes' commits the index caught "
        "up with by reading again the records they journaled (SQLite).\n"
        "# TYPE jvdr_event_index_catch_ups_total counter\n"
        "jvdr_event_index_catch_ups_total %lld\n"
        "# HELP jvdr_event_index_caught_up_records_total Records read again by those "
        "catch-ups.\n"
        "# TYPE jvdr_event_index_caught_up_records_total counter\n"
        "jvdr_event_index_caught_up_records_total %lld\n"
        "# HELP jvdr_search_postings_total Matches of plain words (q=, and each tier of "
        "/v1/search) answered from the index's postings of common words, and those left to the "
        "engine's "
        "full-text index (a word of several tokens, a prefix of many rare words, or a store too "
        "small to keep postings).\n"
        "# TYPE jvdr_search_postings_total counter\n"
        "jvdr_search_postings_total{answer=\"postings\"} %lld\n"
        "jvdr_search_postings_total{answer=\"engine\"} %lld\n",
        atomic_load(&store->snapshots), store->max_snapshots, store_background_checkpoints(store),
        store_background_merges(store), atomic_load(&store->events.loads_from_file),
        atomic_load(&store->events.loads_from_database), atomic_load(&store->events.catch_ups),
        atomic_load(&store->events.caught_up_records),
        atomic_load(&store->events.searches_from_postings),
        atomic_load(&store->events.searches_from_engine));
    auth_metrics(&req->site->auth, &text);
    size_t len = 0;
    char *body = buf_take(&text, &len);
    if (!body)
        return JVDR_E_NOMEM;
    response_body(res, 200, "text/plain; version=0.0.4; charset=utf-8", body, len);
    return JVDR_OK;
}

enum jvdr_err meta_openapi(struct request *req, struct response *res)
{
    enum jvdr_err code = params_check(req, no_params);
    if (code)
        return code;
    return respond_static(res, 200, "application/json", embedded_openapi[0].data,
                          embedded_openapi[0].size);
}

enum jvdr_err meta_healthz(struct request *req, struct response *res)
{
    static const char ok[] = "{\"status\":\"ok\"}";
    (void)req;
    return respond_static(res, 200, "application/json", ok, sizeof ok - 1);
}

enum jvdr_err meta_readyz(struct request *req, struct response *res)
{
    static const char ok[] = "{\"status\":\"ready\"}";
    char why[256];
    if (store_ready(req->site->store, req->db, why, sizeof why) != JVDR_OK)
        return request_fail(req, JVDR_E_BUSY, "%s", why);
    return respond_static(res, 200, "application/json", ok, sizeof ok - 1);
}
