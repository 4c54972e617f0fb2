/* GET /v1/search: full-text search across every kind of record, ranked, with snippets. */
#include "jvdr/read/search.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/http/params.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/db.h"

static const char *const search_kinds[] = {"event", "official", "agreement", "source"};

/* Appends " AND r.kind IN (?, ...)" for the kind parameter and records the binds. */
static enum jvdr_err kind_clause(struct request *req, struct buf *sql, const char **binds,
                                 int *nbinds)
{
    const char *kinds = params_get(req, "kind");
    if (!kinds)
        return JVDR_OK;
    char *copy = arena_strdup(req->arena, kinds);
    if (!copy)
        return JVDR_E_NOMEM;
    buf_puts(sql, " AND r.kind IN (");
    int n = 0;
    for (char *save = NULL, *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        bool known = false;
        for (size_t i = 0; i < 4 && !known; i++)
            known = strcmp(k, search_kinds[i]) == 0;
        if (!known || n == 4)
            return params_fail(
                req, "kind",
                "must be a comma-separated list of event, official, agreement, source");
        buf_puts(sql, n ? ", ?" : "?");
        binds[(*nbinds)++] = k;
        n++;
    }
    if (n == 0)
        return params_fail(req, "kind", "must name at least one kind");
    buf_puts(sql, ")");
    return JVDR_OK;
}

enum jvdr_err search_get(struct request *req, struct response *res)
{
    static const char *const known[] = {"q", "kind", "limit", "offset", NULL};
    const char *binds[6];
    int nbinds = 0;
    unsigned long limit = 0, offset = 0;
    const char *fts = NULL, *why = NULL;
    enum jvdr_err code = params_check(req, known);
    if (code == JVDR_OK)
        code = params_uint(req, "limit", 20, 100, &limit);
    if (code == JVDR_OK)
        code = params_uint(req, "offset", 0, 100000, &offset);
    if (code != JVDR_OK)
        return code;
    const char *q = params_get(req, "q");
    if (!q)
        return params_fail(req, "q", "is required");
    code = search_fts_query(req->arena, q, &fts, &why);
    if (code == JVDR_E_BAD_PARAM)
        return params_fail(req, "q", why);
    if (code != JVDR_OK)
        return code;
    binds[nbinds++] = fts;

    struct buf where, count_sql, page_sql;
    buf_init(&where);
    buf_init(&count_sql);
    buf_init(&page_sql);
    buf_puts(&where, " FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid"
                     " WHERE search_index MATCH ?");
    code = kind_clause(req, &where, binds, &nbinds);
    if (code != JVDR_OK)
        goto out;
    buf_printf(&count_sql, "SELECT count(*)%s", where.data);
    buf_printf(&page_sql,
               "SELECT json_object('kind', r.kind, 'id', r.id, 'title', search_index.title, "
               "'snippet', snippet(search_index, -1, '<mark>', '</mark>', '…', 16), "
               "'score', round(-bm25(search_index, 10.0, 1.0, 5.0), 4))%s "
               "ORDER BY bm25(search_index, 10.0, 1.0, 5.0), r.kind, r.id LIMIT ? OFFSET ?",
               where.data);
    if (count_sql.failed || page_sql.failed) {
        code = JVDR_E_NOMEM;
        goto out;
    }

    long long total = 0;
    int rc = SQLITE_ERROR;
    sqlite3_stmt *stmt = db_stmt(req->db, count_sql.data);
    if (stmt) {
        for (int i = 0; i < nbinds; i++)
            sqlite3_bind_text(stmt, i + 1, binds[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW)
            total = sqlite3_column_int64(stmt, 0);
        else if (search_syntax_error(req->db))
            code = params_fail(req, "q", "is not a valid search: check quotes and operators");
        else
            code = db_error(rc);
        db_stmt_done(stmt);
    } else {
        code = JVDR_E_INTERNAL;
    }
    if (code != JVDR_OK)
        goto out;

    stmt = db_stmt(req->db, page_sql.data);
    if (!stmt) {
        code = JVDR_E_INTERNAL;
        goto out;
    }
    for (int i = 0; i < nbinds; i++)
        sqlite3_bind_text(stmt, i + 1, binds[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, nbinds + 1, (sqlite3_int64)limit);
    sqlite3_bind_int64(stmt, nbinds + 2, (sqlite3_int64)offset);
    code = listing_answer_page(req, res, stmt, total, limit, offset);
out:
    buf_cleanup(&where);
    buf_cleanup(&count_sql);
    buf_cleanup(&page_sql);
    return code;
}
