/* A SQLite store as a whole: opening the file (read-only media served as it is), its migrations
 * and WAL mode, the writers' lock, its size, checkpoints and the readiness probe. The operations
 * of sqlite_engine (db.h) that concern the store rather than one connection. */
#include <stdio.h>
#include <sys/stat.h>

#include "jvdr/base/embedded.h"
#include "jvdr/base/log.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/sqlite_migrate.h"

void sqlite_init(void)
{
    /* Memory statistics take a process-wide mutex on every SQLite allocation; jvdr never reads
     * them. Only possible before SQLite initialises, so a later call leaves it as it is. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Refuses a newer schema (and an old one on read-only media), then, when writable, turns on WAL
 * and applies the migrations this binary carries. */
static enum jvdr_err prepare(const char *path, sqlite3 *handle, bool readonly, char *err,
                             size_t errlen)
{
    long current = 0, latest = migrate_latest(embedded_migrations);
    enum jvdr_err code = migrate_current(handle, &current, err, errlen);
    if (code != JVDR_OK)
        return code;
    if (current > latest) {
        snprintf(err, errlen,
                 "database '%s' is at schema version %ld, newer than this jvdr knows (%ld); "
                 "refusing to use or modify it",
                 path, current, latest);
        return JVDR_E_CONFLICT;
    }
    if (readonly) {
        if (current < latest) {
            snprintf(err, errlen,
                     "database '%s' is read-only and at schema version %ld, older than this jvdr "
                     "needs (%ld); make it writable once so it can be upgraded",
                     path, current, latest);
            return JVDR_E_CONFLICT;
        }
        log_error("database '%s' is read-only: serving reads, refusing writes (403)", path);
        return JVDR_OK;
    }
    char *msg = NULL;
    if (sqlite3_exec(handle, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL, NULL,
                     &msg) != SQLITE_OK) {
        snprintf(err, errlen, "cannot set WAL mode on '%s': %s", path, msg ? msg : "unknown error");
        sqlite3_free(msg);
        return JVDR_E_INTERNAL;
    }
    int applied = 0;
    code = migrate_run(handle, embedded_migrations, &applied, err, errlen);
    if (code == JVDR_OK && applied > 0)
        log_error("applied %d migration(s) to %s", applied, path);
    return code;
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

enum jvdr_err sqlite_open_store(const char *path, struct db **out, bool *readonly, char *err,
                                size_t errlen)
{
    struct db *db = NULL;
    *readonly = false;
    enum jvdr_err code = db_open(path, DB_CREATE, &db, err, errlen);
    if (code != JVDR_OK)
        return code;
    /* A file we cannot write (read-only media or permissions): serve reads from it as it is —
     * unless commits wait in its write-ahead log, which an immutable file's reader never sees. */
    if (sqlite3_db_readonly(sqlite_handle(db), "main") == 1) {
        db_free(db);
        db = NULL;
        char wal[4096];
        long long pending =
            (size_t)snprintf(wal, sizeof wal, "%s-wal", path) < sizeof wal ? file_size(wal) : 0;
        if (pending > 0) {
            snprintf(err, errlen,
                     "database '%s' is read-only and its write-ahead log '%s' holds %lld bytes of "
                     "commits not yet in it, which a read-only start would not show; make it "
                     "writable once so the log is folded in",
                     path, wal, pending);
            return JVDR_E_CONFLICT;
        }
        code = db_open(path, DB_IMMUTABLE, &db, err, errlen);
        if (code != JVDR_OK)
            return code;
        *readonly = true;
    }
    code = prepare(path, sqlite_handle(db), *readonly, err, errlen);
    if (code != JVDR_OK) {
        db_free(db);
        return code;
    }
    *out = db;
    return JVDR_OK;
}

enum jvdr_err sqlite_begin_write(struct db_conn *conn)
{
    return sqlite_engine.exec(conn, "BEGIN IMMEDIATE");
}

long long sqlite_size_bytes(const char *path, struct db *db)
{
    (void)db;
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    return file_size(path) + file_size(wal);
}

void sqlite_checkpoint(struct db_conn *conn)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(sqlite_conn_handle(conn), NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                       &log, &done);
    /* Said, because a read-only start of the file would not see what the log still holds. */
    if (rc != SQLITE_OK || done < log)
        log_error("the write-ahead log was not folded into the database at stop (%s; %d of %d "
                  "pages)",
                  sqlite3_errstr(rc), done, log);
}

/* SQLite keeps serving a file that was removed or whose volume went away; ask the file system too,
 * so that the orchestrator hears about it. */
bool sqlite_missing(const char *path, char *why, size_t whylen)
{
    if (!sqlite_absent(path))
        return false;
    snprintf(why, whylen, "the database file %s is missing", path);
    return true;
}

bool sqlite_index_snapshot_path(const char *path, char *out, size_t len)
{
    return (size_t)snprintf(out, len, "%s-index", path) < len;
}

bool sqlite_absent(const char *path)
{
    struct stat st;
    return stat(path, &st) != 0;
}

/* The seed the store was created with goes, children first (the copy brings its own). */
enum jvdr_err sqlite_load_begin(struct db_conn *conn, const struct db_table *tables, size_t n)
{
    enum jvdr_err code = JVDR_OK;
    for (size_t k = 0; code == JVDR_OK && k < n; k++) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM %s", tables[n - 1 - k].table);
        code = sqlite_engine.exec(conn, sql);
    }
    return code;
}
