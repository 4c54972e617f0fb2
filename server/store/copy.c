/* Copying a whole store into another; see include/jvdr/store/copy.h. Tables go in dependency
 * order, each row written as it is read, through the bulk load of TO's engine (struct db_engine:
 * load_begin, copy_start/row/end, load_derived, load_end); each table is read with one statement
 * of FROM's. */
#include "jvdr/store/copy.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/store/db.h"
#include "jvdr/store/store.h"

/* Every table that holds data, parents first, with the columns written (generated ones and the
 * counts the triggers keep are left to TO) and the key that orders them. */
static const struct db_table tables[] = {
    {"sources",
     "id, title, publisher, url, author, date, date_qualifier, date_inferred, date_note, "
     "file_name, summary, note, text",
     "id", 13},
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
    {"changes",
     "seq, at, actor, action, kind, record_id, before, after, request_id, spans, reverts, writer",
     "seq", 12},
    {"change_texts", "seq, text_before, text_after", "seq", 3},
};
#define TABLES (sizeof tables / sizeof tables[0])
#define MAX_COLUMNS 16 /* the most any table above has, and room to grow */

/* One end of the copy: a store and a connection to it. */
struct end {
    struct store store;
    struct db *db;
};

/* Opens one end; FROM must exist (a mistyped path would otherwise be created, seeded and
 * copied), TO is created when it does not. */
static enum jvdr_err open_end(struct end *e, const char *name, bool existing, FILE *log)
{
    memset(e, 0, sizeof *e);
    char err[512], described[256];
    const struct db_engine *engine = db_engine_for(name);
    engine->describe(name, described, sizeof described); /* a password is never printed */
    if (existing && engine->absent && engine->absent(name)) {
        fprintf(log, "copy: %s: no database there\n", described);
        return JVDR_E_NOT_FOUND;
    }
    enum jvdr_err code = store_open(&e->store, name, err, sizeof err);
    if (code == JVDR_OK)
        code = store_db(&e->store, &e->db);
    if (code != JVDR_OK)
        fprintf(log, "copy: %s: %s\n", described, err);
    return code;
}

static void close_end(struct end *e)
{
    store_close(&e->store);
}

/* A row as text: values[i] NULL for SQL NULL, integer[i] when the value is an integer. */
struct row {
    const char *values[MAX_COLUMNS];
    bool integer[MAX_COLUMNS];
    char numbers[MAX_COLUMNS][24];
};

/* The first line of why the last statement on e failed. */
static int failure_len(struct end *e)
{
    return (int)strcspn(db_errmsg(e->db), "\n");
}

/* Streams table t from `from` into `to`, ordered by its key; adds the rows to *rows. */
static enum jvdr_err copy_table(struct end *from, struct end *to, const struct db_table *t,
                                long long *rows)
{
    const struct db_engine *into = db_engine(to->db);
    if (t->n > MAX_COLUMNS)
        return JVDR_E_INTERNAL; /* a table grew past the row buffer: raise MAX_COLUMNS */
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", t->columns, t->table, t->order);
    struct stmt *stmt = db_stmt(from->db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    enum jvdr_err code = into->copy_start(db_conn(to->db), t);
    struct row row = {0};
    int rc = DB_DONE;
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
        code = into->copy_row(db_conn(to->db), row.values, row.integer);
        *rows += code == JVDR_OK;
    }
    if (code == JVDR_OK && rc != DB_DONE)
        code = db_error(rc);
    db_stmt_done(stmt);
    /* (ended on failure too, so that the connection can roll back) */
    enum jvdr_err ended = into->copy_end(db_conn(to->db));
    return code != JVDR_OK ? code : ended;
}

/* TO must never have been written through the API: its audit trail is empty. */
static enum jvdr_err check_unused(struct end *to, FILE *log)
{
    long long n = -1;
    struct stmt *stmt = db_stmt(to->db, "SELECT count(*) FROM changes");
    if (stmt && stmt_step(stmt) == DB_ROW)
        n = stmt_int64(stmt, 0);
    db_stmt_done(stmt);
    if (n == 0)
        return JVDR_OK;
    fprintf(log, "copy: the destination %s; copy into a new database\n",
            n < 0 ? "cannot be read" : "has an audit trail: it is in use, and is left as it is");
    return n < 0 ? JVDR_E_INTERNAL : JVDR_E_CONFLICT;
}

/* In one write transaction on TO: TO checked unused, its seed gone (the copy brings its own),
 * then FROM's rows, parents first, then what TO's engine wants copied rather than derived, then
 * what it derives. */
static enum jvdr_err load(struct end *from, struct end *to, FILE *log, long long *rows)
{
    const struct db_engine *into = db_engine(to->db);
    enum jvdr_err code = into->begin_write(db_conn(to->db));
    if (code == JVDR_OK)
        code = check_unused(to, log);
    if (code == JVDR_OK)
        code = into->load_begin(db_conn(to->db), tables, TABLES);
    for (size_t t = 0; code == JVDR_OK && t < TABLES; t++) {
        long long before = *rows;
        code = copy_table(from, to, &tables[t], rows);
        if (code == JVDR_OK)
            fprintf(log, "copy: %s: %lld rows\n", tables[t].table, *rows - before);
        else
            fprintf(log, "copy: %s: failed: %.*s\n", tables[t].table, failure_len(to),
                    db_errmsg(to->db));
    }
    long long derived = 0;
    for (const struct db_table *t = into->load_derived; code == JVDR_OK && t && t->table; t++)
        code = copy_table(from, to, t, &derived);
    if (code == JVDR_OK && into->load_end)
        code = into->load_end(db_conn(to->db));
    if (code == JVDR_OK)
        code = db_exec(to->db, "COMMIT");
    if (code != JVDR_OK && db_in_transaction(to->db))
        db_exec(to->db, "ROLLBACK");
    return code;
}

enum jvdr_err store_copy(const char *from, const char *to, FILE *log, long long *rows)
{
    *rows = 0;
    struct end source, target;
    memset(&target, 0, sizeof target);
    enum jvdr_err code = open_end(&source, from, true, log);
    if (code == JVDR_OK)
        code = open_end(&target, to, false, log);
    if (code == JVDR_OK)
        code = load(&source, &target, log, rows);
    close_end(&target);
    close_end(&source);
    if (code != JVDR_OK)
        *rows = 0;
    return code;
}
