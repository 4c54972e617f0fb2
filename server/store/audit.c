/* The audit trail; see include/jvdr/store/audit.h. */
#include "jvdr/store/audit.h"

#include "jvdr/store/db.h"

enum jvdr_err store_audit(struct db *db, const char *actor, const char *action, const char *kind,
                          const char *id, const char *before, const char *after,
                          const char *request_id, const char *spans)
{
    struct stmt *stmt =
        db_stmt(db, "INSERT INTO changes (at, actor, action, kind, record_id, before, after, "
                    "request_id, spans) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, "
                    "?, ?, ?, ?)");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, actor ? actor : "unknown");
    stmt_bind_text(stmt, 2, action);
    stmt_bind_text(stmt, 3, kind);
    stmt_bind_text(stmt, 4, id);
    stmt_bind_text(stmt, 5, before);
    stmt_bind_text(stmt, 6, after);
    stmt_bind_text(stmt, 7, request_id);
    stmt_bind_text(stmt, 8, spans);
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}
