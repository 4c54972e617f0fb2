/* A statement of the service's SQL run on PostgreSQL: the statements of pg_engine. The SQLite
 * text is translated once (pg_sql.h) and prepared once per connection; values are bound as text
 * copies and sent with the statement when it first steps; the rows are then read one by one from
 * the result, as the SQLite engine gives them: a boolean is 1 or 0, and a JSON value comes back as
 * compact as SQLite's JSON functions write it, so that a body built in SQL is the same text on
 * both engines. Each function is the struct db_engine operation of its name (db.h). */
#ifndef JVDR_STORE_PG_STMT_H
#define JVDR_STORE_PG_STMT_H

#include <stdbool.h>
#include <stddef.h>

struct pg;
struct stmt;

/* The statement for sql (SQLite's dialect) on pg; NULL when it cannot be translated or prepared
 * (logged). */
struct stmt *pg_stmt_new(struct pg *pg, const char *sql);
void pg_stmt_free(struct stmt *stmt);

/* Parameter i (from 1) is len bytes of text (copied), or NULL for value; or an integer. */
void pg_stmt_bind(struct stmt *stmt, int i, const char *value, size_t len);
void pg_stmt_bind_int64(struct stmt *stmt, int i, long long value);

/* DB_ROW, DB_DONE, or the service's error for PostgreSQL's failure (pg_error). */
int pg_stmt_step(struct stmt *stmt);

/* Column col of the current row, as stmt_text, stmt_bytes and the rest in db.h. */
const char *pg_stmt_text(struct stmt *stmt, int col);
size_t pg_stmt_bytes(struct stmt *stmt, int col);
long long pg_stmt_int64(struct stmt *stmt, int col);
bool pg_stmt_is_null(struct stmt *stmt, int col);
bool pg_stmt_is_integer(struct stmt *stmt, int col);

/* Forgets the result and the bound values, ready to run again. */
void pg_stmt_reset(struct stmt *stmt);

#endif
