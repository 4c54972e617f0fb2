/* Searches written for FTS5 (migrations/0003_search.sql): a word is a prefix, a phrase its words
 * in order, and the title tier the title and folded columns. pg_search.c writes the same meaning
 * for PostgreSQL. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/db.h"
#include "jvdr/store/sqlite.h"

/* Whether folding text[0..len) changes more than its case (unicode61 takes care of the case and
 * of most diacritics, but not of đ). */
static bool folding_matters(const char *text, size_t len, const char *folded, size_t flen)
{
    if (flen != len)
        return true;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)text[i]) != (unsigned char)folded[i])
            return true;
    return false;
}

/* FTS5: words and phrases quoted (a quote never reaches here: it ends a word). Folded for names;
 * otherwise as typed, or as typed or folded when folding changes it ("Đại" matches the folded
 * names' "dai" as on PostgreSQL, where every column is folded). */
static void put_fts5_text(struct buf *out, const struct search_node *n, bool names)
{
    const char *end = n->kind == SEARCH_WORD || n->prefix ? "\"*" : "\"";
    char folded[SEARCH_MAX_QUERY + 1];
    size_t flen = fold_utf8(n->text, n->len, folded);
    bool both = !names && folding_matters(n->text, n->len, folded, flen);
    buf_puts(out, both ? "(\"" : "\"");
    if (!names)
        buf_append(out, n->text, n->len);
    if (both)
        buf_printf(out, "%s OR \"", end);
    if (names || both)
        buf_append(out, folded, flen);
    buf_puts(out, end);
    buf_puts(out, both ? ")" : "");
}

static void put_fts5(struct buf *out, const struct search_node *n, bool names)
{
    const char *filter = names                       ? NULL
                         : n->field == SEARCH_TITLES ? "{title folded} : ("
                         : n->field == SEARCH_BODY   ? "{body} : ("
                                                     : NULL;
    if (filter)
        buf_puts(out, filter);
    switch (n->kind) {
    case SEARCH_WORD:
    case SEARCH_PHRASE:
        put_fts5_text(out, n, names);
        break;
    case SEARCH_ANY:
        buf_puts(out, "(");
        for (size_t i = 0; i < n->n; i++) {
            buf_puts(out, i ? " OR " : "");
            put_fts5(out, n->child[i], names);
        }
        buf_puts(out, ")");
        break;
    case SEARCH_ALL: {
        /* FTS5's NOT is binary: (what to find) NOT (what to exclude), once per exclusion. */
        for (size_t i = 0; i < n->n; i++)
            if (n->child[i]->kind == SEARCH_NOT)
                buf_puts(out, "(");
        buf_puts(out, "(");
        bool first = true;
        for (size_t i = 0; i < n->n; i++)
            if (n->child[i]->kind != SEARCH_NOT) {
                buf_puts(out, first ? "" : " AND ");
                put_fts5(out, n->child[i], names);
                first = false;
            }
        buf_puts(out, ")");
        for (size_t i = 0; i < n->n; i++)
            if (n->child[i]->kind == SEARCH_NOT) {
                buf_puts(out, " NOT ");
                put_fts5(out, n->child[i]->child[0], names);
                buf_puts(out, ")");
            }
        break;
    }
    case SEARCH_NOT: /* only under SEARCH_ALL, written there */
        break;
    }
    if (filter)
        buf_puts(out, ")");
}

void sqlite_search_write(struct buf *out, const struct search_node *root,
                         enum db_search_scope scope)
{
    bool names = scope == DB_SEARCH_NAMES;
    if (scope == DB_SEARCH_REST) {
        buf_puts(out, "(");
        put_fts5(out, root, false);
        buf_puts(out, ") NOT ({title folded} : (");
        put_fts5(out, root, false);
        buf_puts(out, "))");
        return;
    }
    buf_puts(out, scope == DB_SEARCH_TITLES ? "{title folded} : (" : names ? "{folded} : (" : "(");
    put_fts5(out, root, names);
    buf_puts(out, ")");
}

void sqlite_search_put_match(struct buf *sql, const char *table, const char *param)
{
    buf_printf(sql, "%s MATCH %s", table, param);
}

void sqlite_search_put_snippet(struct buf *sql, const char *table)
{
    buf_printf(sql, "snippet(%s, -1, '<mark>', '</mark>', '…', 16)", table);
}

/* A bulk load's indexing. A trigger that keeps the index current row by row (migrations/0003,
 * 0008) makes SQLite journal every statement that could fire it, and FTS5 write a segment per
 * statement: a load of 100,000 events took minutes. Inside the load's transaction the triggers
 * are dropped (others still see them: the schema changes at the commit, or never), their text
 * kept in a temporary table beside the records the load writes; at its end they are made again
 * and those records indexed in one statement per table. A rollback brings back the schema too. */
/* A load's page cache: with SQLite's default (2 MiB) a transaction of thousands of records spills
 * its pages to the WAL again and again (a load of 20,000 events took 14 s, not 4.6). Bounded, so
 * that memory stays flat whatever the load's size; the default comes back at its end. */
#define BULK_CACHE_KIB "65536"
#define DEFAULT_CACHE "PRAGMA cache_size = -2000"

enum jvdr_err sqlite_search_defer(struct db_conn *conn)
{
    enum jvdr_err code = sqlite_engine.exec(
        conn, "PRAGMA cache_size = -" BULK_CACHE_KIB
              "; CREATE TEMP TABLE IF NOT EXISTS jvdr_unindexed (kind TEXT NOT NULL, "
              "id TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;"
              "CREATE TEMP TABLE IF NOT EXISTS jvdr_search_triggers (name TEXT PRIMARY KEY, "
              "sql TEXT NOT NULL);"
              "DELETE FROM temp.jvdr_unindexed; DELETE FROM temp.jvdr_search_triggers;"
              "INSERT INTO temp.jvdr_search_triggers SELECT name, sql FROM main.sqlite_master "
              "WHERE type = 'trigger' AND name LIKE '%\\_search\\_%' ESCAPE '\\' ORDER BY rowid");
    sqlite3 *handle = sqlite_conn_handle(conn);
    sqlite3_stmt *names = NULL;
    if (code == JVDR_OK && sqlite3_prepare_v2(handle, "SELECT name FROM temp.jvdr_search_triggers",
                                              -1, &names, NULL) != SQLITE_OK)
        code = JVDR_E_INTERNAL;
    while (code == JVDR_OK && sqlite3_step(names) == SQLITE_ROW) {
        char sql[160]; /* a name of the schema's own, never a client's */
        snprintf(sql, sizeof sql, "DROP TRIGGER main.\"%s\"",
                 (const char *)sqlite3_column_text(names, 0));
        code = sqlite_engine.exec(conn, sql);
    }
    sqlite3_finalize(names);
    return code;
}

enum jvdr_err sqlite_search_note(struct db_conn *conn, const char *kind, const char *id)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(sqlite_conn_handle(conn),
                                "INSERT OR IGNORE INTO temp.jvdr_unindexed VALUES (?1, ?2)", -1,
                                &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? JVDR_OK : sqlite_error(rc);
}

/* The rows of the full-text tables for every noted record (search_minor: those not events), in
 * rowid order (FTS5 keeps each segment in rowid order); the same views the triggers read
 * (migrations/0003, 0008, 0018). */
#define NOTED_DOCUMENTS(kind)                                                                      \
    "SELECT r.rowid AS rowid, d.title AS title, d.body AS body, d.folded AS folded "               \
    "FROM temp.jvdr_unindexed u JOIN search_rows r ON r.kind = u.kind AND r.id = u.id "            \
    "JOIN search_documents_" kind " d ON d.id = u.id WHERE u.kind = '" kind "'"
#define NOTED_MINOR                                                                                \
    NOTED_DOCUMENTS("official")                                                                    \
    " UNION ALL " NOTED_DOCUMENTS("agreement") " UNION ALL " NOTED_DOCUMENTS("source")
#define NOTED_ALL NOTED_DOCUMENTS("event") " UNION ALL " NOTED_MINOR

/* Makes the dropped triggers again, in the order they were made. */
static enum jvdr_err restore_triggers(struct db_conn *conn)
{
    sqlite3_stmt *rows = NULL;
    enum jvdr_err code = sqlite3_prepare_v2(sqlite_conn_handle(conn),
                                            "SELECT sql FROM temp.jvdr_search_triggers "
                                            "ORDER BY rowid",
                                            -1, &rows, NULL) == SQLITE_OK
                             ? JVDR_OK
                             : JVDR_E_INTERNAL;
    while (code == JVDR_OK && sqlite3_step(rows) == SQLITE_ROW)
        code = sqlite_engine.exec(conn, (const char *)sqlite3_column_text(rows, 0));
    sqlite3_finalize(rows);
    return code;
}

enum jvdr_err sqlite_search_catch_up(struct db_conn *conn, bool index)
{
    static const char reindex[] =
        "DELETE FROM search_index WHERE rowid IN (SELECT r.rowid FROM search_rows r "
        "JOIN temp.jvdr_unindexed u ON r.kind = u.kind AND r.id = u.id);"
        "DELETE FROM search_titles WHERE rowid IN (SELECT r.rowid FROM search_rows r "
        "JOIN temp.jvdr_unindexed u ON r.kind = u.kind AND r.id = u.id);"
        "DELETE FROM search_minor WHERE rowid IN (SELECT r.rowid FROM search_rows r "
        "JOIN temp.jvdr_unindexed u ON r.kind = u.kind AND r.id = u.id AND u.kind <> 'event');"
        "INSERT OR IGNORE INTO search_rows (kind, id) SELECT kind, id FROM temp.jvdr_unindexed;"
        "INSERT INTO search_index (rowid, title, body, folded) "
        "SELECT rowid, title, body, folded FROM (" NOTED_ALL ") ORDER BY rowid;"
        "INSERT INTO search_titles (rowid, title, folded) "
        "SELECT rowid, title, folded FROM (" NOTED_ALL ") ORDER BY rowid;"
        "INSERT INTO search_minor (rowid, title, body, folded) "
        "SELECT rowid, title, body, folded FROM (" NOTED_MINOR ") ORDER BY rowid;";
    enum jvdr_err code = sqlite_engine.exec(conn, DEFAULT_CACHE);
    if (!index) /* the rollback that follows brings the triggers back */
        return code;
    if (code == JVDR_OK)
        code = restore_triggers(conn);
    if (code == JVDR_OK)
        code = sqlite_engine.exec(conn, reindex);
    return code;
}
