/* Statements that answer nothing but success, held on the client and sent many at once (libpq's
 * pipeline mode) with the next statement whose answer is wanted: a bulk load on PostgreSQL would
 * otherwise wait a round trip for each row it inserts. A held statement's failure is reported by
 * the flush that sends it, and aborts what follows it (the transaction is rolled back anyway). */
#ifndef JVDR_STORE_PG_PIPELINE_H
#define JVDR_STORE_PG_PIPELINE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

/* At most this many statements are held: their answers are a few bytes each, so that the server
 * never waits on a full socket while the client is still sending (libpq's blocking mode). */
#define PG_PIPELINE_MAX 64

struct pg_pipeline;

struct pg_pipeline *pg_pipeline_new(void);
void pg_pipeline_free(struct pg_pipeline *p);

/* How many statements are held. */
size_t pg_pipeline_held(const struct pg_pipeline *p);

/* Holds the prepared statement name with copies of its n text parameters (NULL for SQL NULL);
 * false when memory runs out (nothing held then). */
bool pg_pipeline_hold(struct pg_pipeline *p, const char *name, const char *const *params, int n);

/* Forgets what is held without sending it (the connection was lost). */
void pg_pipeline_forget(struct pg_pipeline *p);

/* Sends every held statement on conn, then the prepared statement name with its parameters when
 * name is not NULL, in one pipeline, and reads every answer. JVDR_OK when all succeeded, then *out
 * (when out is not NULL) is name's result, to PQclear; else the first failure's error. Nothing is
 * held afterwards. */
enum jvdr_err pg_pipeline_flush(struct pg_pipeline *p, PGconn *conn, const char *name,
                                const char *const *params, int n, PGresult **out);

#endif
