/* GET /v1/changes?since=<cursor>: the audit trail, oldest first, for scripts that read what is
 * new. Each change has a cursor; pass the last one seen as since. As text/event-stream, the same
 * changes live (read/change_stream.c). */
#include "jvdr/read/changes.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/http/params.h"
#include "jvdr/read/change_stream.h"
#include "jvdr/store/change_rows.h"
#include "jvdr/store/db.h"

const char *const change_columns[] = {"cursor", "at",      "actor",      "writer", "action",
                                      "kind",   "id",      "request_id", "before", "after",
                                      "spans",  "reverts", NULL};

enum jvdr_err changes_list(struct request *req, struct response *res)
{
    static const char *const known[] = {"since", "limit", "kind", "id", NULL};
    unsigned long since = 0, limit = 0;
    enum jvdr_err code = params_check(req, known);
    if (code == JVDR_OK)
        code = params_uint(req, "since", 0, 9000000000000000000UL, &since);
    if (code == JVDR_OK)
        code = params_uint(req, "limit", 100, 1000, &limit);
    if (code != JVDR_OK)
        return code;
    const char *kind = params_get(req, "kind");
    const char *id = params_get(req, "id");
    if (kind && strcmp(kind, "event") != 0 && strcmp(kind, "official") != 0 &&
        strcmp(kind, "agreement") != 0 && strcmp(kind, "source") != 0)
        return params_fail(req, "kind", "must be event, official, agreement or source");
    if (id && !id_valid(id))
        return params_fail(req, "id", "must be a record id");
    if (req->representation == REP_EVENTS)
        return change_stream_open(req, res, params_get(req, "since") != NULL, since, kind, id);

    struct stmt *stmt =
        db_stmt(req->db, "SELECT " CHANGE_JSON_SQL ", seq FROM changes "
                         "WHERE seq > ?1 AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) "
                         "AND (CAST(?3 AS TEXT) IS NULL OR record_id = ?3) ORDER BY seq LIMIT ?4");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_int64(stmt, 1, (long long)since);
    stmt_bind_text(stmt, 2, kind);
    stmt_bind_text(stmt, 3, id);
    stmt_bind_int64(stmt, 4, (long long)limit);
    struct buf body;
    buf_init(&body);
    buf_puts(&body, "{\"items\":[");
    long long last = (long long)since;
    int rc, n = 0;
    while ((rc = stmt_step(stmt)) == DB_ROW) {
        if (n++)
            buf_puts(&body, ",");
        buf_append(&body, stmt_text(stmt, 0), stmt_bytes(stmt, 0));
        last = stmt_int64(stmt, 1);
    }
    db_stmt_done(stmt);
    if (rc != DB_DONE) {
        buf_cleanup(&body);
        return db_error(rc);
    }
    buf_printf(&body, "],\"next\":%lld}", (long long)last);
    size_t len = 0;
    char *text = buf_take(&body, &len);
    if (!text)
        return JVDR_E_NOMEM;
    response_body(res, 200, "application/json", text, len);
    return JVDR_OK;
}
