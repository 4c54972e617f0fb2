/* The service's SQL, written for SQLite, as PostgreSQL runs it: translated once per statement
 * (the cache of prepared statements keeps the result), so that every query has one text. The SQL
 * is the program's own; values are parameters in both dialects, never spliced. */
#ifndef JVDR_STORE_PG_SQL_H
#define JVDR_STORE_PG_SQL_H

#include <stdbool.h>

#include "jvdr/base/buf.h"

/* Appends to out the PostgreSQL text of sql, SQLite's dialect as the service writes it:
 *   ?N parameters become $N, and a bare ? the one after the largest so far ($1, $2, ... when
 *   all are bare), as SQLite numbers them; *nparams is the largest;
 *   json_object( and json_array( become json_build_object( and json_build_array( (the answer's
 *   text is made compact again by the PostgreSQL engine of db.c);
 *   the lowercase identifier end (a span's column, reserved in PostgreSQL) is quoted;
 *   x COLLATE NOCASE, for a column x (alias.column), becomes jvdr_nocase(x);
 *   every ORDER BY term says where NULLs go as SQLite puts them (first ascending, last
 *   descending).
 * String literals and quoted identifiers are copied untouched. Returns false, with out's content
 * unspecified, for text the translation does not know how to carry over faithfully (an unclosed
 * literal, COLLATE NOCASE after something other than a column, FTS5's MATCH: each engine writes
 * its own full-text match, db.h's put_match).
 *
 * Why a rewrite rather than a text per engine: what differs is spelling at the level of tokens,
 * the same in every one of the service's few hundred statements and fragments, never what a
 * statement means; SQLite's functions PostgreSQL lacks are defined there under the same names
 * (migrations/postgresql/0004_functions.sql). Two texts of each would double the SQL to keep in
 * step for no difference in meaning. What does differ in meaning is an engine operation (db.h). */
bool pg_sql_translate(const char *sql, struct buf *out, int *nparams);

#endif
