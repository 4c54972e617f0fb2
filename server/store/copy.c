/* Copying a whole store into another; see include/jvdr/store/copy.h. Tables go in dependency
 * order, each row written as it is read (into SQLite by INSERT, into PostgreSQL by one COPY per
 * table); from SQLite rows are stepped one at a time, from PostgreSQL a table arrives as one
 * result (held in memory: a cursor would bound it). */
#include "jvdr/store/copy.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_copy.h"
#include "jvdr/store/pg_engine.h"
#include "jvdr/store/pg_migrate.h"
#include "jvdr/store/pg_notify.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/store.h"

/* Every table that holds data, parents first, with the columns written (generated ones and the
 * counts the triggers keep are left to TO) and the key that orders them. */
struct table {
    const char *table, *columns, *order;
    int n;
};

static const struct table tables[] = {
    {"sources",
     "id, title, publisher, author, date, date_qualifier, date_inferred, date_note, file_name, "
     "summary, note, text",
     "id", 12},
    {"officials", "id, name, name_diacritics, country, summary", "id", 5},
    {"official_aliases", "official_id, alias", "official_id, alias", 2},
    {"positions", "official_id, seq, title, organisation, country, date_from, date_to, as_of, note",
     "official_id, seq", 9},
    {"events",
     "id, title, type, status, date, date_qualifier, end_date, date_note, location, "
     "host_country, summary",
     "id", 11},
    {"event_countries", "event_id, country", "event_id, country", 2},
    {"event_topics", "event_id, topic", "event_id, topic", 2},
    {"event_participants", "event_id, official_id, role", "event_id, official_id", 3},
    {"agreements", "id, title, type, status, date, date_qualifier, date_note, summary", "id", 8},
    {"agreement_parties", "agreement_id, party", "agreement_id, party", 2},
    {"agreement_signatories", "agreement_id, official_id", "agreement_id, official_id", 2},
    {"agreement_aliases", "agreement_id, alias", "agreement_id, alias", 2},
    {"event_agreements", "event_id, agreement_id, relation", "event_id, agreement_id", 3},
    {"event_sources", "event_id, source_id, start, \"end\", exact, prefix, suffix",
     "event_id, source_id, start", 7},
    {"official_sources", "official_id, source_id, start, \"end\", exact, prefix, suffix",
     "official_id, source_id, start", 7},
    {"agreement_sources", "agreement_id, source_id, start, \"end\", exact, prefix, suffix",
     "agreement_id, source_id, start", 7},
    {"event_orphans", "event_id, source_id, exact, prefix, suffix", "event_id, source_id, exact",
     5},
    {"official_orphans", "official_id, source_id, exact, prefix, suffix",
     "official_id, source_id, exact", 5},
    {"agreement_orphans", "agreement_id, source_id, exact, prefix, suffix",
     "agreement_id, source_id, exact", 5},
    {"changes", "seq, at, actor, action, kind, record_id, before, after, request_id, spans", "seq",
     10},
};
#define TABLES (sizeof tables / sizeof tables[0])
#define MAX_COLUMNS 12

/* Into PostgreSQL what triggers derive is made once at the end rather than for every row: the
 * records' search rowids are copied (so /v1/search ties keep their order) and each record's
 * document made from them; each source's counts of the records citing it are counted (row by
 * row, every citation would update the same few rows, each update stepping over all of that
 * transaction's earlier versions). */
static const struct table search_rows = {"search_rows", "rowid, kind, id", "rowid", 3};
static const char derived_sql[] =
    "SELECT count(jvdr_search_refresh(kind, id)) FROM search_rows; "
    "UPDATE source_counts c SET "
    "events = (SELECT count(DISTINCT event_id) FROM event_sources WHERE source_id = c.source_id), "
    "officials = (SELECT count(DISTINCT official_id) FROM official_sources "
    "WHERE source_id = c.source_id), "
    "agreements = (SELECT count(DISTINCT agreement_id) FROM agreement_sources "
    "WHERE source_id = c.source_id)";

/* One end of the copy: a SQLite store or a PostgreSQL connection. */
struct end {
    const char *name;
    struct store store;
    struct db *db;
    struct pg *pg;
    struct buf line; /* a row of COPY FROM STDIN, when TO is PostgreSQL */
};

/* Opens one end; FROM must exist (a mistyped path would otherwise be created, seeded and
 * copied), TO is created when it does not. */
static enum jvdr_err open_end(struct end *e, const char *name, bool existing, FILE *log)
{
    memset(e, 0, sizeof *e);
    e->name = name;
    buf_init(&e->line);
    char err[512];
    enum jvdr_err code;
    struct stat st;
    if (existing && !pg_uri(name) && stat(name, &st) != 0) {
        fprintf(log, "copy: %s: no database there\n", name);
        return JVDR_E_NOT_FOUND;
    }
    if (pg_uri(name)) {
        int applied = 0;
        code = pg_open(name, &e->pg, err, sizeof err);
        if (code == JVDR_OK)
            code = pg_migrate(e->pg, &applied, err, sizeof err);
    } else {
        code = store_open(&e->store, name, err, sizeof err);
        if (code == JVDR_OK)
            code = store_db(&e->store, &e->db);
    }
    if (code != JVDR_OK) /* a URI is never printed: it may hold a password */
        fprintf(log, "copy: %s: %s\n", pg_uri(name) ? "the PostgreSQL store" : name, err);
    return code;
}

static void close_end(struct end *e)
{
    pg_free(e->pg);
    store_close(&e->store);
    buf_cleanup(&e->line);
}

/* A row as text: values[i] NULL for SQL NULL, integer[i] when the value is an integer. */
struct row {
    const char *values[MAX_COLUMNS];
    bool integer[MAX_COLUMNS];
    char numbers[MAX_COLUMNS][24];
};

/* Why the last statement on e failed, from its engine. */
static const char *failure(struct end *e)
{
    return e->pg ? PQerrorMessage(pg_handle(e->pg)) : sqlite3_errmsg(sqlite_handle(e->db));
}

static enum jvdr_err run(struct end *e, const char *sql, FILE *log)
{
    char err[256] = "";
    enum jvdr_err code;
    if (e->pg) {
        code = pg_exec(e->pg, sql, err, sizeof err);
    } else {
        int rc = sqlite3_exec(sqlite_handle(e->db), sql, NULL, NULL, NULL);
        code = sqlite_error(rc);
        if (code != JVDR_OK)
            snprintf(err, sizeof err, "%s", failure(e));
    }
    if (code != JVDR_OK && log)
        fprintf(log, "copy: %.40s...: %s\n", sql, err);
    return code;
}

/* The INSERT of table t on SQLite, built once per table. */
static char *insert_sql(const struct table *t)
{
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "INSERT INTO %s (%s) VALUES (", t->table, t->columns);
    for (int i = 0; i < t->n; i++)
        buf_puts(&sql, i ? ", ?" : "?");
    buf_puts(&sql, ")");
    return buf_take(&sql, NULL);
}

/* Inserts row into table t on e: into the COPY under way on PostgreSQL, else with sql, its
 * insert_sql. */
static enum jvdr_err insert(struct end *e, const struct table *t, const char *sql,
                            const struct row *row)
{
    if (e->pg)
        return pg_copy_row(e->pg, row->values, t->n, &e->line);
    struct stmt *stmt = db_stmt(e->db, sql);
    for (int i = 0; stmt && i < t->n; i++) {
        if (!row->values[i])
            stmt_bind_null(stmt, i + 1);
        else if (row->integer[i])
            stmt_bind_int64(stmt, i + 1, strtoll(row->values[i], NULL, 10));
        else
            stmt_bind_text(stmt, i + 1, row->values[i]);
    }
    int rc = stmt ? stmt_step(stmt) : JVDR_E_INTERNAL;
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* The rows sql selects from table t on from, each inserted into to with insert_text; adds them
 * to *rows. */
static enum jvdr_err copy_rows(struct end *from, struct end *to, const struct table *t,
                               const char *sql, const char *insert_text, long long *rows)
{
    struct row row = {0};
    enum jvdr_err code = JVDR_OK;
    if (from->pg) {
        PGresult *res = NULL;
        code = pg_query(from->pg, sql, NULL, 0, &res);
        for (int r = 0; code == JVDR_OK && r < PQntuples(res); r++) {
            for (int i = 0; i < t->n; i++) {
                row.values[i] = PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i);
                row.integer[i] = PQftype(res, i) == 20 || PQftype(res, i) == 23; /* int8, int4 */
            }
            code = insert(to, t, insert_text, &row);
            *rows += code == JVDR_OK;
        }
        PQclear(res);
        return code;
    }
    struct stmt *stmt = db_stmt(from->db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc;
    while (code == JVDR_OK && (rc = stmt_step(stmt)) == DB_ROW) {
        for (int i = 0; i < t->n; i++) {
            row.integer[i] = stmt_is_integer(stmt, i);
            if (stmt_is_null(stmt, i)) {
                row.values[i] = NULL;
            } else if (row.integer[i]) {
                snprintf(row.numbers[i], sizeof row.numbers[i], "%lld", stmt_int64(stmt, i));
                row.values[i] = row.numbers[i];
            } else {
                row.values[i] = stmt_text(stmt, i);
            }
        }
        code = insert(to, t, insert_text, &row);
        *rows += code == JVDR_OK;
    }
    if (code == JVDR_OK && rc != DB_DONE)
        code = db_error(rc);
    db_stmt_done(stmt);
    return code;
}

/* Streams table t from `from` into `to`; adds the rows to *rows. */
static enum jvdr_err copy_table(struct end *from, struct end *to, const struct table *t,
                                long long *rows)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", t->columns, t->table, t->order);
    char err[256] = "";
    if (to->pg) {
        enum jvdr_err code = pg_copy_start(to->pg, t->table, t->columns, err, sizeof err);
        if (code == JVDR_OK)
            code = copy_rows(from, to, t, sql, NULL, rows);
        /* (ended on failure too, so that the connection can roll back) */
        enum jvdr_err ended = pg_copy_end(to->pg, err, sizeof err);
        return code != JVDR_OK ? code : ended;
    }
    char *insert_text = insert_sql(t);
    if (!insert_text)
        return JVDR_E_NOMEM;
    enum jvdr_err code = copy_rows(from, to, t, sql, insert_text, rows);
    free(insert_text);
    return code;
}

/* The triggers that keep the search index (migrations/postgresql/0005_search.sql) and the
 * sources' counts (0011_counts_by_statement.sql) turned off or on, found by their functions;
 * ALTER TABLE is transactional, so they are off inside the copy alone. */
#define DERIVING_TRIGGERS(state)                                                                   \
    "DO $$ DECLARE t record; BEGIN FOR t IN SELECT tgrelid::regclass AS tab, tgname FROM "         \
    "pg_trigger WHERE tgfoid IN ('jvdr_search_changed'::regproc, 'jvdr_cites_added'::regproc, "    \
    "'jvdr_cites_removed'::regproc) LOOP "                                                         \
    "EXECUTE format('ALTER TABLE %s " state " TRIGGER %I', t.tab, t.tgname); END LOOP; END $$"

/* PostgreSQL: every table emptied at once (TRUNCATE leaves no dead rows for the load to step
 * over), and what the triggers derive left alone until the load is done. */
static enum jvdr_err pg_prepare_load(struct end *to, FILE *log)
{
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql, "TRUNCATE search_index, search_rows, source_counts");
    for (size_t t = 0; t < TABLES; t++)
        buf_printf(&sql, ", %s", tables[t].table);
    buf_puts(&sql, "; " DERIVING_TRIGGERS("DISABLE"));
    enum jvdr_err code = sql.failed ? JVDR_E_NOMEM : run(to, sql.data, log);
    buf_cleanup(&sql);
    return code;
}

/* Then the search rows, what the triggers derive made once, the triggers back on, and every
 * instance on TO told that everything changed. */
static enum jvdr_err pg_finish_load(struct end *from, struct end *to, FILE *log)
{
    long long rows = 0;
    enum jvdr_err code = copy_table(from, to, &search_rows, &rows);
    if (code == JVDR_OK)
        code = run(to, derived_sql, log);
    if (code == JVDR_OK)
        code = run(to, /* the deferred foreign keys checked first: ALTER TABLE wants none pending */
                   "SET CONSTRAINTS ALL IMMEDIATE; " DERIVING_TRIGGERS(
                       "ENABLE") "; SELECT pg_notify('" PG_NOTIFY_CHANNEL "', '*')",
                   log);
    return code;
}

/* TO must never have been written through the API: its audit trail is empty. */
static enum jvdr_err check_unused(struct end *to, FILE *log)
{
    long long n = -1;
    if (to->pg) {
        PGresult *res = NULL;
        if (pg_query(to->pg, "SELECT count(*) FROM changes", NULL, 0, &res) == JVDR_OK)
            n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        PQclear(res);
    } else {
        struct stmt *stmt = db_stmt(to->db, "SELECT count(*) FROM changes");
        if (stmt && stmt_step(stmt) == DB_ROW)
            n = stmt_int64(stmt, 0);
        db_stmt_done(stmt);
    }
    if (n == 0)
        return JVDR_OK;
    fprintf(log, "copy: the destination %s; copy into a new database\n",
            n < 0 ? "cannot be read" : "has an audit trail: it is in use, and is left as it is");
    return n < 0 ? JVDR_E_INTERNAL : JVDR_E_CONFLICT;
}

enum jvdr_err store_copy(const char *from, const char *to, FILE *log, long long *rows)
{
    *rows = 0;
    struct end source, target;
    enum jvdr_err code = open_end(&source, from, true, log);
    if (code == JVDR_OK)
        code = open_end(&target, to, false, log);
    else
        memset(&target, 0, sizeof target);
    if (code == JVDR_OK)
        code = run(&target, target.pg ? "BEGIN; SET CONSTRAINTS ALL DEFERRED" : "BEGIN IMMEDIATE",
                   log);
    if (code == JVDR_OK)
        code = check_unused(&target, log);
    /* The seed TO was created with goes, children first; then FROM's rows, parents first. */
    if (code == JVDR_OK && target.pg)
        code = pg_prepare_load(&target, log);
    for (size_t k = 0; code == JVDR_OK && !target.pg && k < TABLES; k++) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM %s", tables[TABLES - 1 - k].table);
        code = run(&target, sql, log);
    }
    for (size_t t = 0; code == JVDR_OK && t < TABLES; t++) {
        long long before = *rows;
        code = copy_table(&source, &target, &tables[t], rows);
        if (code == JVDR_OK)
            fprintf(log, "copy: %s: %lld rows\n", tables[t].table, *rows - before);
        else
            fprintf(log, "copy: %s: failed: %.*s\n", tables[t].table,
                    (int)strcspn(failure(&target), "\n"), failure(&target));
    }
    if (code == JVDR_OK && target.pg)
        code = pg_finish_load(&source, &target, log);
    /* The audit cursor goes on from the last row copied. */
    if (code == JVDR_OK && target.pg)
        code = run(&target,
                   "SELECT setval(pg_get_serial_sequence('changes', 'seq'), coalesce(max(seq), 1), "
                   "max(seq) IS NOT NULL) FROM changes",
                   log);
    if (code == JVDR_OK)
        code = run(&target, "COMMIT", log);
    else if (target.db || target.pg)
        run(&target, "ROLLBACK", NULL);
    close_end(&target);
    close_end(&source);
    if (code != JVDR_OK)
        *rows = 0;
    return code;
}
