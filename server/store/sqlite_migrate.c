/* Applying the embedded migrations; see include/jvdr/store/sqlite_migrate.h. */
#include "jvdr/store/sqlite_migrate.h"

#include <stdio.h>
#include <stdlib.h>

#include "jvdr/store/sqlite_temp.h"

long migrate_number(const char *name)
{
    char *end = NULL;
    if (name[0] < '0' || name[0] > '9')
        return -1;
    long n = strtol(name, &end, 10);
    return (*end == '_' && n > 0) ? n : -1;
}

long migrate_latest(const struct embedded_file *table)
{
    long latest = 0;
    for (const struct embedded_file *m = table; m->name; m++) {
        long n = migrate_number(m->name);
        if (n > latest)
            latest = n;
    }
    return latest;
}

enum jvdr_err migrate_current(sqlite3 *handle, long *version, char *err, size_t errlen)
{
    sqlite3_stmt *stmt = NULL;
    *version = 0;
    int rc = sqlite3_prepare_v2(handle,
                                "SELECT count(*) FROM sqlite_schema "
                                "WHERE type = 'table' AND name = 'schema_migrations'",
                                -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW && sqlite3_column_int(stmt, 0)) {
        sqlite3_finalize(stmt);
        rc = sqlite3_prepare_v2(handle, "SELECT coalesce(max(version), 0) FROM schema_migrations",
                                -1, &stmt, NULL);
        if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
            *version = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW) {
        snprintf(err, errlen, "cannot read the schema version: %s", sqlite3_errmsg(handle));
        return (rc & 0xff) == SQLITE_BUSY ? JVDR_E_BUSY : JVDR_E_INTERNAL;
    }
    return JVDR_OK;
}

/* Runs one migration's SQL and records it; the caller holds the transaction. */
static int migrate_apply_one(sqlite3 *handle, const struct embedded_file *m, long number)
{
    int rc = sqlite3_exec(handle, m->data, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *stmt = NULL;
    rc = sqlite3_prepare_v2(handle,
                            "INSERT INTO schema_migrations (version, name, applied_at) "
                            "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                            -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(stmt, 1, number);
        sqlite3_bind_text(stmt, 2, m->name, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(handle);
    }
    sqlite3_finalize(stmt);
    return rc;
}

enum jvdr_err migrate_run(sqlite3 *handle, const struct embedded_file *table, int *applied,
                          char *err, size_t errlen)
{
    long latest = migrate_latest(table), current = 0, previous = 0;
    enum jvdr_err code = JVDR_OK;
    *applied = 0;

    for (const struct embedded_file *m = table; m->name; m++) {
        long n = migrate_number(m->name);
        if (n <= previous) {
            snprintf(err, errlen, "migration '%s' is not numbered after the one before it",
                     m->name);
            return JVDR_E_INTERNAL;
        }
        previous = n;
    }
    if ((code = migrate_current(handle, &current, err, errlen)) != JVDR_OK)
        return code;
    if (current > latest) {
        snprintf(err, errlen,
                 "the database is at schema version %ld, newer than this jvdr knows (%ld); "
                 "refusing to use or modify it",
                 current, latest);
        return JVDR_E_CONFLICT;
    }
    if (current == latest)
        return JVDR_OK;

    int rc = sqlite3_exec(handle,
                          "BEGIN IMMEDIATE;"
                          "CREATE TABLE IF NOT EXISTS schema_migrations ("
                          " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                          " applied_at TEXT NOT NULL);",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot start migrating: %s", sqlite3_errmsg(handle));
        sqlite3_exec(handle, "ROLLBACK", NULL, NULL, NULL);
        return (rc & 0xff) == SQLITE_BUSY ? JVDR_E_BUSY : JVDR_E_INTERNAL;
    }
    /* Another process may have migrated between the read above and the lock. */
    if ((code = migrate_current(handle, &current, err, errlen)) != JVDR_OK)
        goto rollback;
    for (const struct embedded_file *m = table; m->name; m++) {
        long n = migrate_number(m->name);
        if (n <= current)
            continue;
        rc = migrate_apply_one(handle, m, n);
        if (rc != SQLITE_OK) {
            snprintf(err, errlen, "migration '%s' failed: %s", m->name, sqlite_errmsg_why(handle));
            code = JVDR_E_INTERNAL;
            goto rollback;
        }
        (*applied)++;
    }
    rc = sqlite3_exec(handle, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot commit the migrations: %s", sqlite_errmsg_why(handle));
        code = JVDR_E_INTERNAL;
        goto rollback;
    }
    return JVDR_OK;

rollback:
    sqlite3_exec(handle, "ROLLBACK", NULL, NULL, NULL);
    *applied = 0;
    return code;
}
