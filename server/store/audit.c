/* The audit trail; see include/jvdr/store/audit.h. */
#include "jvdr/store/audit.h"

#include "jvdr/store/db.h"

/* The texts of change seq, beside it in change_texts. */
static enum jvdr_err keep_texts(struct db *db, long long seq, const struct audit_entry *e)
{
    struct stmt *stmt =
        db_stmt(db, "INSERT INTO change_texts (seq, text_before, text_after) VALUES (?, ?, ?)");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_int64(stmt, 1, seq);
    stmt_bind_textn(stmt, 2, e->text_before, e->text_before_len);
    stmt_bind_textn(stmt, 3, e->text_after, e->text_after_len);
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

#define INSERT_CHANGE_SQL                                                                          \
    "INSERT INTO changes (at, actor, action, kind, record_id, before, after, request_id, spans, "  \
    "reverts, writer) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?, ?, ?, ?, "  \
    "?)"

enum jvdr_err store_audit(struct db *db, const struct audit_entry *e, long long *cursor)
{
    /* Without RETURNING when nobody needs the cursor: a bulk load's rows then answer nothing and
     * go in one pipeline on PostgreSQL (store/pg_pipeline.c). */
    bool returning = cursor || e->keeps_text;
    struct stmt *stmt =
        db_stmt(db, returning ? INSERT_CHANGE_SQL " RETURNING seq" : INSERT_CHANGE_SQL);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, e->actor ? e->actor : "unknown");
    stmt_bind_text(stmt, 2, e->action);
    stmt_bind_text(stmt, 3, e->kind);
    stmt_bind_text(stmt, 4, e->id);
    stmt_bind_text(stmt, 5, e->before);
    stmt_bind_text(stmt, 6, e->after);
    stmt_bind_text(stmt, 7, e->request_id);
    stmt_bind_text(stmt, 8, e->spans);
    if (e->reverts > 0)
        stmt_bind_int64(stmt, 9, e->reverts);
    else
        stmt_bind_null(stmt, 9);
    stmt_bind_text(stmt, 10, e->writer);
    int rc = stmt_step(stmt);
    long long seq = rc == DB_ROW ? stmt_int64(stmt, 0) : 0;
    if (rc == DB_ROW)
        rc = stmt_step(stmt);
    db_stmt_done(stmt);
    enum jvdr_err code = rc != DB_DONE           ? db_error(rc)
                         : returning && seq <= 0 ? JVDR_E_INTERNAL
                                                 : JVDR_OK;
    if (code == JVDR_OK && e->keeps_text)
        code = keep_texts(db, seq, e);
    if (code == JVDR_OK && cursor)
        *cursor = seq;
    return code;
}
