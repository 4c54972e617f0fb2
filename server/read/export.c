/* Exports; see include/jvdr/read/export.h. */
#include "jvdr/read/export.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/http/csv.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/store/db.h"
#include "jvdr/store/store.h"

/* One export in progress: its snapshot, its statement, and what is rendered but not yet sent. */
struct export
{
    struct store *store;
    struct db *db;
    struct stmt *stmt;
    struct listing_query query;
    const char *const *columns; /* CSV; NULL for NDJSON */
    struct buf pending;         /* rendered; pending.len - sent bytes still to hand out */
    size_t sent;
    bool ended;
};

static void export_free(struct export *x)
{
    db_stmt_done(x->stmt);
    store_snapshot_close(x->store, x->db);
    listing_query_free(&x->query);
    buf_cleanup(&x->pending);
    free(x);
}

/* Renders rows until about max bytes are pending or the records end; false on a failure. */
static bool render_rows(struct export *x, size_t max)
{
    x->pending.len = x->sent = 0;
    while (!x->ended && x->pending.len < max) {
        int rc = stmt_step(x->stmt);
        if (rc == DB_DONE) {
            x->ended = true;
            break;
        }
        if (rc != DB_ROW)
            return false;
        const char *json = stmt_text(x->stmt, 0);
        size_t len = stmt_bytes(x->stmt, 0);
        if (x->columns) {
            if (!csv_row(&x->pending, json, len, x->columns))
                return false;
        } else {
            buf_append(&x->pending, json, len);
            buf_puts(&x->pending, "\n");
        }
    }
    return !x->pending.failed;
}

static long export_read(void *context, char *out, size_t max)
{
    struct export *x = context;
    if (x->sent == x->pending.len && !render_rows(x, max))
        return -1;
    return (long)buf_drain(&x->pending, &x->sent, out, max);
}

static void export_done(void *context)
{
    export_free(context);
}

enum jvdr_err export_check_whole(struct request *req)
{
    const char *limit = params_get(req, "limit");
    const char *offset = params_get(req, "offset");
    if (limit && strcmp(limit, "all") != 0)
        return params_fail(req, "limit", "must be 'all' (or absent) for a whole collection");
    if (offset && strcmp(offset, "0") != 0)
        return params_fail(req, "offset", "must be 0 (or absent) for a whole collection");
    return JVDR_OK;
}

/* The count of the records the export holds, on its snapshot. */
static enum jvdr_err count_records(struct export *x, long long *total)
{
    struct stmt *stmt = db_stmt(x->db, x->query.count_sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    listing_query_bind(stmt, &x->query);
    int rc = stmt_step(stmt);
    *total = rc == DB_ROW ? stmt_int64(stmt, 0) : 0;
    db_stmt_done(stmt);
    return rc == DB_ROW ? JVDR_OK : db_error(rc);
}

enum jvdr_err listing_export(struct request *req, struct response *res,
                             const struct list_spec *spec)
{
    enum jvdr_err code = export_check_whole(req);
    struct export *x = code == JVDR_OK ? calloc(1, sizeof *x) : NULL;
    if (code != JVDR_OK)
        return code;
    if (!x)
        return JVDR_E_NOMEM;
    x->store = req->site->store;
    buf_init(&x->pending);
    bool csv = req->representation == REP_CSV && req->route && req->route->columns;
    x->columns = csv ? req->route->columns : NULL;
    code = listing_query_build(req, spec, &x->query);
    if (code == JVDR_OK) {
        code = store_snapshot_open(x->store, &x->db);
        if (code == JVDR_E_BUSY)
            code = request_fail(req, JVDR_E_BUSY,
                                "as many whole collections as the service streams at once "
                                "(JVDR_MAX_EXPORTS) are being sent; retry shortly");
    }
    long long total = 0;
    if (code == JVDR_OK)
        code = count_records(x, &total);
    if (code == JVDR_OK && !(x->stmt = db_stmt(x->db, x->query.sql)))
        code = JVDR_E_INTERNAL;
    if (code != JVDR_OK) {
        export_free(x);
        return code;
    }
    listing_query_bind(x->stmt, &x->query);
    if (csv)
        csv_header(&x->pending, x->columns);
    response_stream(res, 200, csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                    (struct response_stream){export_read, export_done, x, NULL});
    response_header(res, "X-Total-Count", arena_printf(req->arena, "%lld", total));
    return JVDR_OK;
}
