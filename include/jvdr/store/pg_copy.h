/* Loading rows into a PostgreSQL table with COPY FROM STDIN: one statement and a stream of rows,
 * rather than a round trip per INSERT (what `jvdr copy` spends its time on otherwise). */
#ifndef JVDR_STORE_PG_COPY_H
#define JVDR_STORE_PG_COPY_H

#include "jvdr/base/buf.h"
#include "jvdr/store/pg.h"

/* Starts COPY table (columns) FROM STDIN on pg (the program's own names, never a client's). On
 * failure a one-line reason in err. */
enum jvdr_err pg_copy_start(struct pg *pg, const char *table, const char *columns, char *err,
                            size_t errlen);

/* Sends one row of n text values (NULL for SQL NULL); line is scratch space kept between rows. */
enum jvdr_err pg_copy_row(struct pg *pg, const char *const *values, int n, struct buf *line);

/* Ends the stream and says whether PostgreSQL took every row (err says why not). */
enum jvdr_err pg_copy_end(struct pg *pg, char *err, size_t errlen);

#endif
