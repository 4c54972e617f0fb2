/* A connection to the store with a cache of prepared statements keyed by their SQL text, and the
 * statements' interface every query of the service goes through, on either engine: SQLite (a file
 * path; db_open sets foreign keys, the busy timeout and the fold() function) or PostgreSQL (a
 * libpq URI; store/pg_stmt.h runs the statements there). The SQL is SQLite's, as the service
 * writes it; store/pg_sql.h translates it for PostgreSQL. A struct db belongs to one thread at a
 * time (SQLite connections are opened with SQLITE_OPEN_NOMUTEX). */
#ifndef JVDR_STORE_DB_H
#define JVDR_STORE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

/* How long a connection waits for another's lock before answering busy (503). */
#define DB_BUSY_TIMEOUT_MS 5000

struct db;
struct stmt; /* a prepared statement of one struct db, owned by its cache */

/* What stmt_step answers besides an error code (one of SQLite's, for db_error, on either
 * engine): a row is ready, or the statement has run to its end. */
enum { DB_ROW = 100, DB_DONE = 101 };

struct pg;

enum db_open_mode {
    DB_CREATE,   /* read-write, creating the file if needed: start-up only */
    DB_EXISTING, /* read-write, the file must exist: worker threads, so a vanished database is an
                    error rather than a new empty one */
    DB_READONLY,
    DB_IMMUTABLE, /* read-only media: no locks, no shared memory (SQLite's immutable=1) */
};

/* Opens path in mode (a libpq URI: connects; DB_READONLY to any of its servers, a standby
 * included) and applies the connection settings. On failure returns an error with a one-line reason
 * in err and sets *out to NULL. */
enum jvdr_err db_open(const char *path, enum db_open_mode mode, struct db **out, char *err,
                      size_t errlen);

/* Finalizes the cached statements and closes the connection. NULL is a no-op. */
void db_free(struct db *db);

/* The SQLite connection, for the SQLite engine's own code (migrations, pragmas, checkpoints);
 * NULL on PostgreSQL. */
sqlite3 *db_handle(struct db *db);

/* The PostgreSQL connection, for that engine's own code; NULL on SQLite. */
/* PostgreSQL: reopens a connection the server dropped (db_stmt's statements are prepared again
 * on first use); JVDR_E_BUSY while the server is away. Nothing on SQLite. */
enum jvdr_err db_check_connection(struct db *db);

struct pg *db_pg(struct db *db);

/* The prepared statement for sql, prepared on first use and cached for the connection's life.
 * sql must be built from the program's own text, never from client input (values are bound).
 * Returns NULL when it does not compile (logged to stderr). The caller binds, steps and then
 * calls db_stmt_done(). */
struct stmt *db_stmt(struct db *db, const char *sql);

/* Binds parameter i (from 1): text (borrowed: it must outlive the statement's steps), text of len
 * bytes, an integer or NULL. */
void stmt_bind_text(struct stmt *stmt, int i, const char *value);
void stmt_bind_textn(struct stmt *stmt, int i, const char *value, size_t len);
void stmt_bind_int64(struct stmt *stmt, int i, long long value);
void stmt_bind_null(struct stmt *stmt, int i);

/* Runs the statement to its next row: DB_ROW, DB_DONE, or an error code (see db_error). */
int stmt_step(struct stmt *stmt);

/* Column col (from 0) of the current row: its text (NULL for NULL; valid until the next step or
 * db_stmt_done), its length in bytes, as an integer, whether it is NULL, whether it holds an
 * integer. */
const char *stmt_text(struct stmt *stmt, int col);
size_t stmt_bytes(struct stmt *stmt, int col);
long long stmt_int64(struct stmt *stmt, int col);
bool stmt_is_null(struct stmt *stmt, int col);
bool stmt_is_integer(struct stmt *stmt, int col);

/* Resets a statement from db_stmt and clears its bindings so it can be reused. NULL is a no-op. */
void db_stmt_done(struct stmt *stmt);

/* Runs sql (the program's own text, no parameters, no rows wanted: BEGIN, COMMIT, ROLLBACK).
 * Returns JVDR_OK or the mapped error. */
enum jvdr_err db_exec(struct db *db, const char *sql);

/* Begins a read transaction that sees the data as of this call for every statement up to its
 * ROLLBACK (a snapshot; blocks no writer). */
enum jvdr_err db_begin_read(struct db *db);

/* True while the connection is inside a transaction. */
bool db_in_transaction(struct db *db);

/* True when PostgreSQL's connection has broken (the server died or closed it); never on SQLite. */
bool db_connection_lost(struct db *db);

/* The last failure's message and code (SQLite's, or the nearest one on PostgreSQL). */
const char *db_errmsg(struct db *db);
int db_errcode(struct db *db);

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
