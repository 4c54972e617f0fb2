/* Items by primary key in one statement; see include/jvdr/read/items_by_id.h. */
#include "jvdr/read/items_by_id.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

static bool wanted(const char *const *kinds, const char *kind, size_t i)
{
    return !kinds || strcmp(kinds[i], kind) == 0;
}

bool items_by_id(struct request *req, const char *select, const char *const *kinds,
                 const char *kind, const char *const *ids, size_t n, char **items)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += wanted(kinds, kind, i);
    if (count == 0)
        return true;
    /* The list of placeholders is a power of two long (the rest bound to NULL), so that each
     * connection prepares at most ten texts of this statement, not one per page size. */
    size_t slots = 1;
    while (slots < count)
        slots *= 2;
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql, select);
    for (size_t s = 0; s < slots; s++)
        buf_puts(&sql, s ? ",?" : "?");
    buf_puts(&sql, ")");
    struct stmt *stmt = sql.failed ? NULL : db_stmt(req->db, sql.data);
    buf_cleanup(&sql);
    if (!stmt)
        return false;
    int param = 1;
    for (size_t i = 0; i < n; i++)
        if (wanted(kinds, kind, i)) {
            items[i] = NULL;
            stmt_bind_text(stmt, param++, ids[i]);
        }
    while ((size_t)param <= slots)
        stmt_bind_null(stmt, param++);
    size_t found = 0;
    bool ok = true;
    while (ok && stmt_step(stmt) == DB_ROW) {
        const char *id = stmt_text(stmt, 0);
        size_t i = 0;
        while (i < n && !(wanted(kinds, kind, i) && !items[i] && id && strcmp(ids[i], id) == 0))
            i++;
        if (i < n) {
            ok = (items[i] = arena_strdup(req->arena, stmt_text(stmt, 1))) != NULL;
            found += ok;
        }
    }
    db_stmt_done(stmt);
    return ok && found == count;
}
