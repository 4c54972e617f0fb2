/* What the postings of common words read from the engine's full-text tables by a match of its
 * own (event_index_terms.c's words made common by commits, event_index_pairs.c's pairs). */
#include <stdlib.h>

#include "event_index_rows.h"
#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

const char *index_terms_table(enum terms_scope scope)
{
    return scope == TERMS_TITLES ? "search_titles" : "search_index";
}

uint64_t *index_terms_read_rows(struct event_index *index, struct db *db, enum terms_scope scope,
                                struct buf *match)
{
    struct index_terms *t = index->terms;
    uint64_t *rows = calloc(t->nwords + 1, sizeof *rows);
    const char *table = index_terms_table(scope);
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT rowid FROM %s WHERE ", table);
    db_search(db)->put_match(&sql, table, "?1");
    struct stmt *stmt = rows && !match->failed && !sql.failed ? db_stmt(db, sql.data) : NULL;
    int rc = DB_DONE;
    if (stmt) {
        stmt_bind_text(stmt, 1, match->data);
        while ((rc = stmt_step(stmt)) == DB_ROW) {
            long long rowid = stmt_int64(stmt, 0);
            if (index_row_wanted(index, rowid) && (size_t)rowid / 64 < t->nwords)
                rows[rowid / 64] |= 1ull << (rowid % 64);
        }
        db_stmt_done(stmt);
    }
    buf_cleanup(match);
    buf_cleanup(&sql);
    if (!stmt || rc != DB_DONE) {
        free(rows);
        return NULL;
    }
    return rows;
}
