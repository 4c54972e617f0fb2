/* The PostgreSQL engine; see include/jvdr/store/pg_engine.h and struct db_engine in db.h. */
#include "jvdr/store/pg_engine.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/log.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_copy.h"
#include "jvdr/store/pg_stmt.h"

struct pg_conn {
    struct db_conn base;
    struct pg *pg;
    const struct db_budget *budget;
    unsigned timeout_ms;             /* statement_timeout as last set (UINT_MAX: not known) */
    bool timeout_set_in_transaction; /* so a rollback may have undone it */
    struct pg_copying copying;
};

static struct pg_conn *conn_of(struct db_conn *conn)
{
    return (struct pg_conn *)conn;
}

struct pg *pg_conn_pg(struct db_conn *conn)
{
    return conn && conn->engine == &pg_engine ? conn_of(conn)->pg : NULL;
}

struct pg_copying *pg_conn_copy(struct db_conn *conn)
{
    return &conn_of(conn)->copying;
}

struct pg *pg_of(struct db *db)
{
    return pg_conn_pg(db ? db_conn(db) : NULL);
}

static void close_conn(struct db_conn *conn)
{
    if (conn) {
        buf_cleanup(&conn_of(conn)->copying.line);
        pg_free(conn_of(conn)->pg);
        free(conn);
    }
}

static enum jvdr_err open_conn(const char *path, enum db_open_mode mode,
                               const struct db_budget *budget, struct db_conn **out, char *err,
                               size_t errlen)
{
    *out = NULL;
    struct pg_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    c->base.engine = &pg_engine;
    c->budget = budget;
    buf_init(&c->copying.line);
    enum jvdr_err code = mode == DB_READONLY ? pg_open_any_server(path, &c->pg, err, errlen)
                                             : pg_open(path, &c->pg, err, errlen);
    if (code != JVDR_OK) {
        close_conn(&c->base);
        return code;
    }
    *out = &c->base;
    return JVDR_OK;
}

static enum jvdr_err check_connection(struct db_conn *conn)
{
    struct pg_conn *c = conn_of(conn);
    bool reconnected = false;
    enum jvdr_err code = pg_reconnect(c->pg, &reconnected);
    if (reconnected) {
        c->timeout_ms = 0; /* the new session has the server's default */
        c->timeout_set_in_transaction = false;
        log_error("postgresql: connected again");
    }
    return code;
}

static bool connection_lost(struct db_conn *conn)
{
    return PQstatus(pg_handle(conn_of(conn)->pg)) == CONNECTION_BAD;
}

static struct stmt *prepare(struct db_conn *conn, const char *sql)
{
    return pg_stmt_new(conn_of(conn)->pg, sql);
}

static enum jvdr_err exec(struct db_conn *conn, const char *sql)
{
    char err[256];
    return pg_exec(conn_of(conn)->pg, sql, err, sizeof err);
}

/* BEGIN alone takes no snapshot: the first read does, so read something now. */
static enum jvdr_err begin_read(struct db_conn *conn)
{
    return exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1");
}

static bool in_transaction(struct db_conn *conn)
{
    return PQtransactionStatus(pg_handle(conn_of(conn)->pg)) != PQTRANS_IDLE;
}

static const char *errmsg(struct db_conn *conn)
{
    return PQerrorMessage(pg_handle(conn_of(conn)->pg));
}

/* PostgreSQL has no progress handler: each statement gets the budget as its timeout, set when the
 * next statement is about to run and only when it differs from the session's, so that a steady
 * budget (read after read) costs no round trip and the end of a read none either. */
static void before_statement(struct db_conn *conn)
{
    struct pg_conn *c = conn_of(conn);
    bool idle = PQtransactionStatus(pg_handle(c->pg)) == PQTRANS_IDLE;
    /* A SET made inside a transaction is undone by its rollback: once the transaction is over
     * the session's timeout is not known. */
    if (idle && c->timeout_set_in_transaction) {
        c->timeout_set_in_transaction = false;
        c->timeout_ms = UINT_MAX;
    }
    if (c->timeout_ms == c->budget->ms)
        return;
    char sql[64], err[160];
    snprintf(sql, sizeof sql, "SET statement_timeout = %u", c->budget->ms);
    if (pg_exec(c->pg, sql, err, sizeof err) == JVDR_OK) {
        c->timeout_ms = c->budget->ms;
        c->timeout_set_in_transaction = !idle;
    }
}

static enum jvdr_err batch(struct db_conn *conn, bool on)
{
    return pg_batch(conn_of(conn)->pg, on);
}

static long long data_version(struct db_conn *conn)
{
    (void)conn;
    return -1; /* other connections' commits are heard by NOTIFY (pg_notify.h) */
}

static bool refused_search(struct db_conn *conn)
{
    return strstr(errmsg(conn), "syntax error in tsquery") != NULL;
}

static bool claims(const char *path)
{
    return pg_uri(path);
}

/* A new backend reads each table's and index's catalog entries the first time a statement names
 * them: planned once here, so that a render thread's first detail or list does not (18-44 ms on
 * a fresh process at a million events, with the connection's opening). */
#define PG_WARM_SQL                                                                                \
    "DO $$ DECLARE t regclass; BEGIN FOR t IN SELECT c.oid::regclass FROM pg_class c "             \
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' LOOP "              \
    "EXECUTE format('SELECT 1 FROM %s LIMIT 0', t); END LOOP; END $$"

const struct db_engine pg_engine = {
    .name = "postgresql",
    .notifies = true,
    .reads_standby = true,
    .reconnect_pause_ms = PG_RECONNECT_PAUSE_MS,
    .warm_sql = PG_WARM_SQL,
    .claims = claims,
    .describe = pg_describe,
    .init = NULL,
    .several_servers = pg_several_servers,
    .open = open_conn,
    .close = close_conn,
    .check_connection = check_connection,
    .connection_lost = connection_lost,
    .prepare = prepare,
    .finalize = pg_stmt_free,
    .bind_text = pg_stmt_bind,
    .bind_int64 = pg_stmt_bind_int64,
    .step = pg_stmt_step,
    .column_text = pg_stmt_text,
    .column_bytes = pg_stmt_bytes,
    .column_int64 = pg_stmt_int64,
    .column_is_null = pg_stmt_is_null,
    .column_is_integer = pg_stmt_is_integer,
    .reset = pg_stmt_reset,
    .exec = exec,
    .batch = batch,
    .begin_read = begin_read,
    .in_transaction = in_transaction,
    .errmsg = errmsg,
    .before_statement = before_statement,
    .data_version = data_version,
    .open_store = pg_open_store,
    .begin_write = pg_begin_write,
    .size_bytes = pg_size_bytes,
    .checkpoint = NULL,
    .announce = pg_announce,
    .session_id = pg_session_id,
    .listen = pg_listen,
    .hear = pg_hear,
    .unlisten = pg_unlisten,
    .absent = NULL,
    .load_begin = pg_load_begin,
    .copy_start = pg_copy_start,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .load_derived = pg_load_derived,
    .load_end = pg_load_end,
    .search =
        {
            .write = pg_search_write,
            .put_match = pg_search_put_match,
            .put_snippet = pg_search_put_snippet,
            .put_tier = pg_search_put_tier,
            .bounded_counts = false,
            .defer = pg_search_defer,
            .catch_up = pg_search_catch_up,
            .refused = refused_search,
            .tokenizer = pg_search_tokenizer,
        },
};
