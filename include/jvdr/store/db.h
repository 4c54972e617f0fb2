/* A SQLite connection with the service's settings (WAL, foreign keys, busy timeout, the fold()
 * function) and a cache of prepared statements keyed by their SQL text. A struct db belongs to one
 * thread at a time (connections are opened with SQLITE_OPEN_NOMUTEX). */
#ifndef JVDR_STORE_DB_H
#define JVDR_STORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

/* How long a connection waits for another's lock before answering busy (503). */
#define DB_BUSY_TIMEOUT_MS 5000

struct db;

enum db_open_mode {
    DB_CREATE,   /* read-write, creating the file if needed: start-up only */
    DB_EXISTING, /* read-write, the file must exist: worker threads, so a vanished database is an
                    error rather than a new empty one */
    DB_READONLY,
    DB_IMMUTABLE, /* read-only media: no locks, no shared memory (SQLite's immutable=1) */
};

/* Opens path in mode and applies the connection settings. On failure returns an error with a
 * one-line reason in err and sets *out to NULL. */
enum jvdr_err db_open(const char *path, enum db_open_mode mode, struct db **out, char *err,
                      size_t errlen);

/* Finalizes the cached statements and closes the connection. NULL is a no-op. */
void db_free(struct db *db);

sqlite3 *db_handle(struct db *db);

/* The prepared statement for sql, prepared on first use and cached for the connection's life.
 * sql must be built from the program's own text, never from client input (values are bound).
 * Returns NULL when it does not compile (logged to stderr). The caller binds, steps and then
 * calls db_stmt_done(). */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* Resets a statement from db_stmt and clears its bindings so it can be reused. */
void db_stmt_done(sqlite3_stmt *stmt);

/* PRAGMA data_version: a value that changes when another connection (of this process or
 * another) commits, and not for this connection's own commits. -1 when it cannot be read. */
long long db_data_version(struct db *db);

/* Gives the connection's statements from now on ms milliseconds in all (0: no limit): a statement
 * still running past them is interrupted and fails with SQLITE_INTERRUPT (JVDR_E_TIMEOUT). */
void db_set_budget(struct db *db, unsigned ms);

/* Lifts the budget for work that must finish whoever asked for it (loading the index of events,
 * which every later request needs), returning it for db_budget_resume. */
long long db_budget_pause(struct db *db);
void db_budget_resume(struct db *db, long long saved);

/* True when the budget set by db_set_budget has run out. */
bool db_past_budget(const struct db *db);

/* Maps a SQLite result code to the service's error: busy and locked are JVDR_E_BUSY, constraint
 * failures JVDR_E_CONFLICT, out of memory JVDR_E_NOMEM, a full disk JVDR_E_STORAGE_FULL, a
 * read-only file JVDR_E_FORBIDDEN, an interrupted statement (past its budget) JVDR_E_TIMEOUT, the
 * rest JVDR_E_INTERNAL. */
enum jvdr_err db_error(int rc);

#endif
