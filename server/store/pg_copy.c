/* Bulk loads into PostgreSQL; see include/jvdr/store/pg_copy.h. */
#include "jvdr/store/pg_copy.h"

#include <stdio.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/log.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_engine.h"
#include "jvdr/store/pg_notify.h"

/* The triggers that keep the search index (migrations/postgresql/0005_search.sql) and the
 * sources' counts (0011_counts_by_statement.sql) turned off or on, found by their functions;
 * ALTER TABLE is transactional, so they are off inside the load alone. */
#define DERIVING_TRIGGERS(state)                                                                   \
    "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tgrelid::regclass AS tab, tgname FROM "         \
    "pg_trigger WHERE tgfoid IN ('jvdr_search_changed'::regproc, 'jvdr_cites_added'::regproc, "    \
    "'jvdr_cites_removed'::regproc) LOOP "                                                         \
    "EXECUTE format('ALTER TABLE %s " state " TRIGGER %I', t.tab, t.tgname); END LOOP; END $$"

/* Runs sql on conn; a failure is logged with its reason. */
static enum jvdr_err run(struct db_conn *conn, const char *sql)
{
    char err[256];
    enum jvdr_err code = pg_exec(pg_conn_pg(conn), sql, err, sizeof err);
    if (code != JVDR_OK)
        log_error("copy: %.40s...: %s", sql, err);
    return code;
}

/* Every table emptied at once (TRUNCATE leaves no dead rows for the load to step over), the
 * foreign keys checked at the end (what a row refers to may come later in its table), and what
 * the triggers derive left alone until the load is done. */
enum jvdr_err pg_load_begin(struct db_conn *conn, const struct db_table *tables, size_t n)
{
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql,
             "SET CONSTRAINTS ALL DEFERRED; TRUNCATE search_index, search_rows, source_counts");
    for (size_t t = 0; t < n; t++)
        buf_printf(&sql, ", %s", tables[t].table);
    buf_puts(&sql, "; " DERIVING_TRIGGERS("DISABLE"));
    enum jvdr_err code = sql.failed ? JVDR_E_NOMEM : run(conn, sql.data);
    buf_cleanup(&sql);
    return code;
}

/* The records' search rowids are copied (so /v1/search ties keep their order), each record's
 * document made from them at the end. */
const struct db_table pg_load_derived[] = {
    {"search_rows", "rowid, kind, id", "rowid", 3},
    {NULL, NULL, NULL, 0},
};

/* What the triggers derive, made once: each record's search document, and each source's counts
 * of the records citing it (row by row, every citation would update the same few rows, each
 * update stepping over all of that transaction's earlier versions); then the triggers back on,
 * every instance told that everything changed, the audit cursor going on from the last row
 * copied, and the planner told what was loaded (ANALYZE). Until autovacuum got to them, the
 * tables had no statistics: at a million events a search's page of 18 rowids was planned as a
 * scan of the common word's million matches (200 ms, not 0.2). */
enum jvdr_err pg_load_end(struct db_conn *conn)
{
    return run(conn, "SELECT count(jvdr_search_refresh(kind, id)) FROM search_rows; "
                     "UPDATE source_counts c SET "
                     "events = (SELECT count(DISTINCT event_id) FROM event_sources "
                     "WHERE source_id = c.source_id), "
                     "officials = (SELECT count(DISTINCT official_id) FROM official_sources "
                     "WHERE source_id = c.source_id), "
                     "agreements = (SELECT count(DISTINCT agreement_id) FROM agreement_sources "
                     "WHERE source_id = c.source_id); "
                     /* the deferred foreign keys checked first: ALTER TABLE wants none pending */
                     "SET CONSTRAINTS ALL IMMEDIATE; " DERIVING_TRIGGERS(
                         "ENABLE") "; SELECT pg_notify('" PG_NOTIFY_CHANNEL "', '*'); "
                                   "SELECT setval(pg_get_serial_sequence('changes', 'seq'), "
                                   "coalesce(max(seq), 1), max(seq) IS NOT NULL) FROM changes; "
                                   "SELECT jvdr_analyze()");
}

enum jvdr_err pg_copy_start(struct db_conn *conn, const struct db_table *table)
{
    PGconn *pg = pg_handle(pg_conn_pg(conn));
    char sql[512];
    snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", table->table, table->columns);
    pg_conn_copy(conn)->columns = table->n;
    PGresult *res = PQexec(pg, sql);
    enum jvdr_err code = PQresultStatus(res) == PGRES_COPY_IN ? JVDR_OK : pg_error(res);
    PQclear(res);
    return code;
}

/* Appends value with the text format's escapes: backslash, and the characters that end a
 * column or a row. */
static void put_value(struct buf *line, const char *value)
{
    if (!value) {
        buf_puts(line, "\\N");
        return;
    }
    for (const char *p = value; *p; p++) {
        const char *escape = *p == '\\'   ? "\\\\"
                             : *p == '\t' ? "\\t"
                             : *p == '\n' ? "\\n"
                             : *p == '\r' ? "\\r"
                                          : NULL;
        if (escape)
            buf_puts(line, escape);
        else
            buf_append(line, p, 1);
    }
}

enum jvdr_err pg_copy_row(struct db_conn *conn, const char *const *values, const bool *integer)
{
    (void)integer; /* the text format reads an integer's text as the column's type */
    struct buf *line = &pg_conn_copy(conn)->line;
    line->len = 0;
    for (int i = 0; i < pg_conn_copy(conn)->columns; i++) {
        if (i)
            buf_puts(line, "\t");
        put_value(line, values[i]);
    }
    buf_puts(line, "\n");
    if (line->failed)
        return JVDR_E_NOMEM;
    return PQputCopyData(pg_handle(pg_conn_pg(conn)), line->data, (int)line->len) == 1
               ? JVDR_OK
               : JVDR_E_BUSY;
}

/* (called on failure too, so that the connection can roll back) */
enum jvdr_err pg_copy_end(struct db_conn *conn)
{
    PGconn *pg = pg_handle(pg_conn_pg(conn));
    enum jvdr_err code = PQputCopyEnd(pg, NULL) == 1 ? JVDR_OK : JVDR_E_BUSY;
    PGresult *res;
    while ((res = PQgetResult(pg)) != NULL) {
        if (code == JVDR_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
            code = pg_error(res);
        PQclear(res);
    }
    return code;
}
