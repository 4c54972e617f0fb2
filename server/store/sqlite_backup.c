/* `jvdr backup` and `jvdr restore` on SQLite; see include/jvdr/store/backup.h. A backup is
 * VACUUM INTO: it reads one snapshot, however long it takes, where the online backup API, stepped
 * while the service writes, starts over at each write. A restore is the online backup API in the
 * other direction, under an exclusive lock that also proves the service is not running. */
#define _GNU_SOURCE /* mkostemp */
#include "jvdr/store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jvdr/base/embedded.h"
#include "jvdr/store/db.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/sqlite_migrate.h"
#include "jvdr/store/sqlite_temp.h"

static enum jvdr_err only_sqlite(const char *path, char *err, size_t errlen)
{
    if (db_engine_for(path) == &sqlite_engine)
        return JVDR_OK;
    snprintf(err, errlen,
             "backup and restore work on a SQLite store; for PostgreSQL use pg_basebackup with "
             "archived WAL, or `jvdr copy` into a file (README, \"Backups\")");
    return JVDR_E_INVALID;
}

/* One integer a query answers (its first column of its first row). */
static int query_integer(sqlite3 *handle, const char *sql, long long *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        *out = sqlite3_column_int64(stmt, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    return rc;
}

/* Checks that path holds a whole jvdr store this binary can run, and what it holds. */
static enum jvdr_err check_backup(const char *path, struct backup_report *report, char *err,
                                  size_t errlen)
{
    sqlite3 *handle = NULL;
    enum jvdr_err code = JVDR_E_INVALID;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, sqlite_temp_vfs(path));
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(handle, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        const char *verdict = (const char *)sqlite3_column_text(stmt, 0);
        if (!verdict || strcmp(verdict, "ok") != 0) {
            snprintf(err, errlen, "'%s' fails SQLite's integrity check: %s", path,
                     verdict ? verdict : "no answer");
            goto out;
        }
    } else {
        snprintf(err, errlen, "'%s' cannot be read as a SQLite database: %s", path,
                 handle ? sqlite_errmsg_why(handle) : sqlite3_errstr(rc));
        goto out;
    }
    long version = 0;
    if (migrate_current(handle, &version, err, errlen) != JVDR_OK || version == 0) {
        snprintf(err, errlen, "'%s' is a SQLite database but not a jvdr store", path);
        goto out;
    }
    long latest = migrate_latest(embedded_migrations);
    if (version > latest) {
        snprintf(err, errlen, "'%s' is at schema version %ld, newer than this jvdr knows (%ld)",
                 path, version, latest);
        code = JVDR_E_CONFLICT;
        goto out;
    }
    report->schema_version = version;
    if (query_integer(handle, "SELECT coalesce(max(seq), 0) FROM changes", &report->cursor) !=
        SQLITE_OK) {
        snprintf(err, errlen, "'%s' has no readable audit trail: %s", path,
                 sqlite_errmsg_why(handle));
        goto out;
    }
    struct stat st;
    report->bytes = stat(path, &st) == 0 ? (long long)st.st_size : 0;
    code = JVDR_OK;
out:
    sqlite3_finalize(stmt);
    sqlite3_close_v2(handle);
    return code;
}

/* Makes path's data, and its name in its directory, survive a power loss. */
static bool make_durable(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        slash[slash == dir] = '\0';
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ok = ok && fd >= 0 && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* VACUUM INTO a new, empty file named beside dest. The source is opened read-write although
 * nothing is written to it: SQLite 3.40 refuses VACUUM INTO from a read-only connection when a
 * table has generated columns ("has 13 columns but 16 values were supplied"). */
static enum jvdr_err vacuum_into(const char *db_path, const char *partial, char *err, size_t errlen)
{
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;
    enum jvdr_err code = JVDR_OK;
    int rc = sqlite3_open_v2(db_path, &handle, SQLITE_OPEN_READWRITE, sqlite_temp_vfs(db_path));
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(handle, DB_BUSY_TIMEOUT_MS);
        rc = sqlite3_prepare_v2(handle, "VACUUM INTO ?1", -1, &stmt, NULL);
    }
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, partial, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt);
    }
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "cannot copy '%s': %s", db_path,
                 handle ? sqlite_errmsg_why(handle) : sqlite3_errstr(rc));
        code = sqlite_error(rc) == JVDR_E_STORAGE_FULL ? JVDR_E_STORAGE_FULL : JVDR_E_INTERNAL;
    }
    sqlite3_finalize(stmt);
    sqlite3_close_v2(handle);
    return code;
}

enum jvdr_err store_backup(const char *db_path, const char *dest, struct backup_report *report,
                           char *err, size_t errlen)
{
    memset(report, 0, sizeof *report);
    enum jvdr_err code = only_sqlite(db_path, err, errlen);
    if (code != JVDR_OK)
        return code;
    if (sqlite_absent(db_path)) {
        snprintf(err, errlen, "no database at '%s'", db_path);
        return JVDR_E_NOT_FOUND;
    }
    if (access(dest, F_OK) == 0) {
        snprintf(err, errlen, "'%s' already exists; a backup never overwrites a file", dest);
        return JVDR_E_CONFLICT;
    }
    /* An empty file of our own, which VACUUM INTO accepts as its target. */
    char partial[4200];
    snprintf(partial, sizeof partial, "%s.partial-XXXXXX", dest);
    int fd = mkostemp(partial, O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write beside '%s': %s", dest, strerror(errno));
        return JVDR_E_INVALID;
    }
    close(fd);
    code = vacuum_into(db_path, partial, err, errlen);
    if (code == JVDR_OK)
        code = check_backup(partial, report, err, errlen);
    if (code == JVDR_OK && !make_durable(partial)) {
        snprintf(err, errlen, "cannot flush '%s' to disk: %s", partial, strerror(errno));
        code = JVDR_E_INTERNAL;
    }
    /* link() refuses a dest that appeared meanwhile, where rename() would replace it. */
    if (code == JVDR_OK && link(partial, dest) != 0) {
        snprintf(err, errlen, "cannot name the backup '%s': %s", dest, strerror(errno));
        code = errno == EEXIST ? JVDR_E_CONFLICT : JVDR_E_INTERNAL;
    }
    unlink(partial);
    if (code == JVDR_OK && !make_durable(dest)) {
        snprintf(err, errlen, "cannot flush '%s' to disk: %s", dest, strerror(errno));
        code = JVDR_E_INTERNAL;
    }
    return code;
}

/* Opens db_path for the restore and holds it exclusively until closed: refused (JVDR_E_BUSY) when
 * another connection has it open, which is how a running service shows. */
static enum jvdr_err open_exclusively(const char *db_path, sqlite3 **out, char *err, size_t errlen)
{
    sqlite3 *handle = NULL;
    int rc = sqlite3_open_v2(db_path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             sqlite_temp_vfs(db_path));
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(handle, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", NULL,
                          NULL, NULL);
    *out = handle;
    if (rc == SQLITE_OK)
        return JVDR_OK;
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        snprintf(err, errlen,
                 "'%s' is in use by another process: stop jvdr (and anything else using it) "
                 "before restoring",
                 db_path);
        return JVDR_E_BUSY;
    }
    snprintf(err, errlen, "cannot open '%s': %s", db_path,
             handle ? sqlite_errmsg_why(handle) : sqlite3_errstr(rc));
    return JVDR_E_INTERNAL;
}

enum jvdr_err store_restore(const char *backup, const char *db_path, struct backup_report *report,
                            char *err, size_t errlen)
{
    memset(report, 0, sizeof *report);
    enum jvdr_err code = only_sqlite(db_path, err, errlen);
    if (code == JVDR_OK)
        code = check_backup(backup, report, err, errlen);
    if (code != JVDR_OK)
        return code;
    sqlite3 *from = NULL, *to = NULL;
    code = open_exclusively(db_path, &to, err, errlen);
    int rc = SQLITE_OK;
    if (code == JVDR_OK)
        rc = sqlite3_open_v2(backup, &from, SQLITE_OPEN_READONLY, NULL);
    if (code == JVDR_OK && rc == SQLITE_OK) {
        sqlite3_backup *copy = sqlite3_backup_init(to, "main", from, "main");
        if (copy) {
            rc = sqlite3_backup_step(copy, -1); /* every page, in one transaction */
            sqlite3_backup_finish(copy);
        } else {
            rc = sqlite3_errcode(to);
        }
        if (rc != SQLITE_DONE) {
            snprintf(err, errlen, "cannot restore into '%s': %s", db_path, sqlite_errmsg_why(to));
            code = sqlite_error(rc) == JVDR_E_STORAGE_FULL ? JVDR_E_STORAGE_FULL : JVDR_E_INTERNAL;
        }
    } else if (code == JVDR_OK) {
        snprintf(err, errlen, "cannot read '%s': %s", backup, sqlite3_errstr(rc));
        code = JVDR_E_INVALID;
    }
    sqlite3_close_v2(from);
    sqlite3_close_v2(to); /* checkpoints the restored pages into the file and ends the lock */
    return code;
}
