/* A statement of the service's SQL run on PostgreSQL: the engine of struct stmt (db.h) for a
 * PostgreSQL store. The SQLite text is translated once (pg_sql.h) and prepared once per
 * connection; values are bound as text copies and sent with the statement when it first steps;
 * the rows are then read one by one from the result, in SQLite's terms: a boolean is 1 or 0, and
 * a JSON value comes back as compact as SQLite's JSON functions write it, so that a body built in
 * SQL is the same text on both engines. */
#ifndef JVDR_STORE_PG_STMT_H
#define JVDR_STORE_PG_STMT_H

#include <stdbool.h>
#include <stddef.h>

struct pg;
struct pg_stmt;

/* The statement for sql (SQLite's dialect) on pg; NULL when it cannot be translated or prepared
 * (logged). */
struct pg_stmt *pg_stmt_new(struct pg *pg, const char *sql);
void pg_stmt_free(struct pg_stmt *stmt);

/* Parameter i (from 1) is len bytes of text (copied), or NULL for value. */
void pg_stmt_bind(struct pg_stmt *stmt, int i, const char *value, size_t len);

/* DB_ROW, DB_DONE, or the SQLite result code nearest PostgreSQL's failure (see db_error). */
int pg_stmt_step(struct pg_stmt *stmt);

/* Column col of the current row, as stmt_text, stmt_bytes and the rest in db.h. */
const char *pg_stmt_text(struct pg_stmt *stmt, int col);
size_t pg_stmt_bytes(struct pg_stmt *stmt, int col);
long long pg_stmt_int64(struct pg_stmt *stmt, int col);
bool pg_stmt_is_null(struct pg_stmt *stmt, int col);
bool pg_stmt_is_integer(struct pg_stmt *stmt, int col);

/* Forgets the result and the bound values, ready to run again. */
void pg_stmt_reset(struct pg_stmt *stmt);

/* The SQLite result code nearest a PostgreSQL error of the service (JVDR_E_*). */
int pg_stmt_sqlite_code(int jvdr_err);

#endif
