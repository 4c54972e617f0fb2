/* The PostgreSQL store's migrations; see include/jvdr/store/pg_migrate.h. */
#include "jvdr/store/pg_migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/embedded.h"
#include "jvdr/store/pg.h"

/* The steps in order: a file of migrations/postgresql/ (own) or of migrations/ (shared). */
static const struct {
    long version;
    const char *name;
    bool shared;
} steps[] = {
    {1, "0001_schema.sql", false},
    {2, "0002_seed.sql", true},
    {3, "0010_agreement_aliases_seed.sql", true},
    {4, "0004_functions.sql", false},
    {5, "0005_search.sql", false},
    {6, "0006_notify.sql", false},
    {7, "0007_fold_ascii.sql", false},
    {8, "0008_ordering_nulls.sql", false},
    {9, "0009_span_quotes.sql", false},
    {10, "0010_span_orphans.sql", false},
    {11, "0011_counts_by_statement.sql", false},
    {12, "0012_places.sql", false},
    {13, "0013_source_url.sql", false},
    {14, "0014_search_defer.sql", false},
    {15, "0015_reverts.sql", false},
    {16, "0016_writers.sql", false},
    {17, "0017_source_links_nulls.sql", false},
    {18, "0018_event_ids_nulls.sql", false},
    {19, "0019_search_minor.sql", false},
    {20, "0020_lz4_texts.sql", false},
    {21, "0021_index_snapshot.sql", false},
};
#define STEPS (sizeof steps / sizeof steps[0])

/* Taken by every instance that migrates: "jvdr" in ASCII. */
#define MIGRATION_LOCK "1786147954"

long pg_migrate_latest(void)
{
    return steps[STEPS - 1].version;
}

static const struct embedded_file *find(const struct embedded_file *table, const char *name)
{
    for (const struct embedded_file *f = table; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

/* A shared file's SQL for PostgreSQL. Landed migrations are never edited, so what PostgreSQL
 * spells differently is translated here, line by line: SQLite's PRAGMA lines are left out (the
 * seed's defer_foreign_keys becomes SET CONSTRAINTS ALL DEFERRED, which the caller puts first),
 * and the span tables' column `end`, a reserved word in PostgreSQL, is quoted in the seed's
 * column lists ("start, end)"). */
static char *for_postgresql(const char *sql)
{
    static const char column[] = "start, end)";
    struct buf out;
    buf_init(&out);
    for (const char *line = sql; *line;) {
        size_t n = strcspn(line, "\n");
        const char *at = strstr(line, column);
        if (strncmp(line, "PRAGMA ", 7) == 0) {
            /* left out */
        } else if (at && at < line + n) {
            buf_append(&out, line, (size_t)(at - line));
            buf_puts(&out, "start, \"end\")");
            buf_append(&out, at + strlen(column), n - (size_t)(at - line) - strlen(column));
        } else {
            buf_append(&out, line, n);
        }
        buf_puts(&out, "\n");
        line += n + (line[n] == '\n');
    }
    return buf_take(&out, NULL);
}

static enum jvdr_err current_version(struct pg *pg, long *version, char *err, size_t errlen)
{
    PGresult *res = NULL;
    enum jvdr_err code =
        pg_query(pg, "SELECT coalesce(max(version), 0) FROM schema_migrations", NULL, 0, &res);
    if (code != JVDR_OK) {
        snprintf(err, errlen, "cannot read the schema version: %s", PQerrorMessage(pg_handle(pg)));
        return code;
    }
    *version = strtol(PQgetvalue(res, 0, 0), NULL, 10); /* PostgreSQL's own bigint text */
    PQclear(res);
    return JVDR_OK;
}

/* Applies step i in its own transaction. */
static enum jvdr_err apply(struct pg *pg, size_t i, char *err, size_t errlen)
{
    const struct embedded_file *file =
        find(steps[i].shared ? embedded_migrations : embedded_pg_migrations, steps[i].name);
    if (!file) {
        snprintf(err, errlen, "migration %s is not in this binary", steps[i].name);
        return JVDR_E_INTERNAL;
    }
    char *sql = steps[i].shared ? for_postgresql(file->data) : strdup(file->data);
    if (!sql) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    char version[24];
    snprintf(version, sizeof version, "%ld", steps[i].version);
    const char *record[] = {version, steps[i].name};
    enum jvdr_err code = pg_exec(pg, "BEGIN; SET CONSTRAINTS ALL DEFERRED", err, errlen);
    if (code == JVDR_OK && (code = pg_exec(pg, sql, err, errlen)) != JVDR_OK) {
        char reason[256];
        snprintf(reason, sizeof reason, "%s", err);
        snprintf(err, errlen, "migration %s failed: %s", steps[i].name, reason);
    }
    PGresult *res = NULL;
    if (code == JVDR_OK)
        code = pg_query(pg,
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
                        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))",
                        record, 2, &res);
    PQclear(res);
    free(sql);
    if (code == JVDR_OK)
        code = pg_exec(pg, "COMMIT", err, errlen);
    if (code != JVDR_OK) {
        char ignored[64];
        pg_exec(pg, "ROLLBACK", ignored, sizeof ignored);
    }
    return code;
}

enum jvdr_err pg_migrate(struct pg *pg, int *applied, char *err, size_t errlen)
{
    *applied = 0;
    enum jvdr_err code = pg_exec(pg,
                                 "SELECT pg_advisory_lock(" MIGRATION_LOCK ");"
                                 "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint "
                                 "PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
                                 err, errlen);
    long version = 0;
    if (code == JVDR_OK)
        code = current_version(pg, &version, err, errlen);
    if (code == JVDR_OK && version > pg_migrate_latest()) {
        snprintf(err, errlen,
                 "the database is at schema version %ld, newer than this jvdr's %ld: refusing "
                 "to touch it",
                 version, pg_migrate_latest());
        code = JVDR_E_CONFLICT;
    }
    for (size_t i = 0; code == JVDR_OK && i < STEPS; i++) {
        if (steps[i].version <= version)
            continue;
        code = apply(pg, i, err, errlen);
        *applied += code == JVDR_OK;
    }
    char ignored[64];
    pg_exec(pg, "SELECT pg_advisory_unlock(" MIGRATION_LOCK ")", ignored, sizeof ignored);
    return code;
}
