/* Bulk loads into PostgreSQL (jvdr copy): the tables emptied at once, each table's rows sent with
 * COPY FROM STDIN (one statement and a stream of rows, rather than a round trip per INSERT), and
 * what the triggers derive (the search index, the sources' counts) made once at the end instead
 * of row by row. pg_engine's absent, load_begin, copy_start, copy_row, copy_end, load_derived and
 * load_end (db.h). */
#ifndef JVDR_STORE_PG_COPY_H
#define JVDR_STORE_PG_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"
#include "jvdr/store/db.h"

enum jvdr_err pg_load_begin(struct db_conn *conn, const struct db_table *tables, size_t n);
enum jvdr_err pg_copy_start(struct db_conn *conn, const struct db_table *table);
enum jvdr_err pg_copy_row(struct db_conn *conn, const char *const *values, const bool *integer);
enum jvdr_err pg_copy_end(struct db_conn *conn);
extern const struct db_table pg_load_derived[];
enum jvdr_err pg_load_end(struct db_conn *conn);

#endif
