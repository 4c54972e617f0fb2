/* A PostgreSQL connection (libpq) for the second store: opened from a libpq URI (every libpq
 * parameter honoured; the URI, which may hold a password, is never logged), with statements
 * prepared once per connection and cached by their SQL text, and PostgreSQL's errors mapped to
 * the service's. Like struct db, a struct pg belongs to one thread at a time. */
#ifndef JVDR_STORE_PG_H
#define JVDR_STORE_PG_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"
#include "jvdr/store/pg_error.h"

struct pg;

/* Between attempts to open a lost connection again: while the server is away a request is
 * answered at once (503, or from a standby) rather than each waiting for connect_timeout. */
#define PG_RECONNECT_PAUSE_MS 200

/* True when the --db setting names PostgreSQL (postgresql:// or postgres://), not a file. */
bool pg_uri(const char *db);

/* True when uri names more than one server (host=a,b or postgresql://a,b/...). */
bool pg_several_servers(const char *uri);

/* What uri names, for a log line: user, hosts, ports and database, never a password or another
 * parameter. */
void pg_describe(const char *uri, char *out, size_t len);

/* Connects to uri. On failure returns an error with a one-line reason in err and sets *out to
 * NULL. */
enum jvdr_err pg_open(const char *uri, struct pg **out, char *err, size_t errlen);

/* Like pg_open, to whichever of the URI's servers answers, a (hot) standby included: for reads
 * while no server accepts writes. */
enum jvdr_err pg_open_any_server(const char *uri, struct pg **out, char *err, size_t errlen);

/* Closes the connection and forgets its prepared statements. NULL is a no-op. */
void pg_free(struct pg *pg);

PGconn *pg_handle(struct pg *pg);

/* When the connection was lost (the server restarted or went away, a standby was promoted; an idle
 * connection with something to read counts as lost), opens it again,
 * forgets what was prepared on the old one and sets the session up; *reconnected says it did.
 * JVDR_OK when connected (at once, or again), JVDR_E_BUSY when the server is still away (tried
 * again at most every 200 ms). */
enum jvdr_err pg_reconnect(struct pg *pg, bool *reconnected);

/* Runs sql, one or more statements without parameters; on failure a one-line reason in err. */
enum jvdr_err pg_exec(struct pg *pg, const char *sql, char *err, size_t errlen);

/* Runs sql (the program's own text, $1.. for values) with n text parameters (NULL for SQL
 * NULL), prepared on first use on this connection. *out is the result (PQclear it) when the
 * answer is JVDR_OK. */
enum jvdr_err pg_query(struct pg *pg, const char *sql, const char *const *params, int n,
                       PGresult **out);

/* Runs sql (as pg_query) that answers nothing but success: an INSERT, UPDATE or DELETE without
 * RETURNING. While the connection batches, it is held and sent with the next statement that is
 * not (pg_pipeline.h): its failure is then that statement's, or pg_batch's. */
enum jvdr_err pg_write(struct pg *pg, const char *sql, const char *const *params, int n);

/* Starts (on) or ends batching on the connection; ending sends what is held and answers the
 * first failure among it. For one write transaction's many rows (a bulk load). */
enum jvdr_err pg_batch(struct pg *pg, bool on);

#endif
