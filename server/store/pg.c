/* PostgreSQL connections; see include/jvdr/store/pg.h. */
#include "jvdr/store/pg.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/base/log.h"
#include "jvdr/store/pg_pipeline.h"

/* A prepared statement: its SQL text (owned) and the name it was prepared under. */
struct pg_statement {
    char *sql;
    char name[16];
};

struct pg {
    PGconn *conn;
    struct pg_statement *statements;
    size_t n, cap;
    long long next_attempt_ms;       /* a failed reconnect is not tried again before this */
    struct pg_pipeline *held;        /* pg_write's statements while batching; NULL when not */
    long long batched, next_analyze; /* pg_write's statements since the batch began */
};

/* While batching, the planner is told how the tables grew at these many statements, then four
 * times as many, and so on: a plan made while a table was small (a foreign key's check as a
 * sequential scan of a few rows) is kept for the whole transaction otherwise, and a load of
 * 100,000 events then scans the events once per row. ANALYZE counts the transaction's own rows
 * and makes the connection's plans be made again. Only a migrated store batches. */
#define PG_FIRST_ANALYZE 4096

bool pg_uri(const char *db)
{
    return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0);
}

bool pg_several_servers(const char *uri)
{
    PQconninfoOption *options = PQconninfoParse(uri, NULL);
    bool several = false;
    for (PQconninfoOption *o = options; o && o->keyword; o++)
        if ((strcmp(o->keyword, "host") == 0 || strcmp(o->keyword, "hostaddr") == 0) && o->val)
            several |= strchr(o->val, ',') != NULL;
    PQconninfoFree(options);
    return several;
}

void pg_describe(const char *uri, char *out, size_t len)
{
    PQconninfoOption *options = PQconninfoParse(uri, NULL);
    const char *user = "", *host = "", *port = "", *dbname = "";
    for (PQconninfoOption *o = options; o && o->keyword; o++) {
        const char *v = o->val ? o->val : "";
        if (strcmp(o->keyword, "user") == 0)
            user = v;
        else if (strcmp(o->keyword, "host") == 0)
            host = v;
        else if (strcmp(o->keyword, "port") == 0)
            port = v;
        else if (strcmp(o->keyword, "dbname") == 0)
            dbname = v;
    }
    snprintf(out, len, "postgresql://%s%s%s%s%s/%s", user, *user ? "@" : "", host, *port ? ":" : "",
             port, dbname);
    PQconninfoFree(options);
}

/* The first line of libpq's message, for a one-line reason. */
static void first_line(const char *message, char *err, size_t errlen)
{
    snprintf(err, errlen, "%.*s", (int)strcspn(message ? message : "", "\n"),
             message ? message : "");
}

/* Every commit durable before it is acknowledged (on, or the server's stronger remote_apply);
 * dates and text as the SQLite store has them. */
static enum jvdr_err session_setup(struct pg *pg, char *err, size_t errlen)
{
    return pg_exec(pg,
                   "SELECT set_config('synchronous_commit', 'on', false) WHERE "
                   "current_setting('synchronous_commit') <> 'remote_apply'; "
                   "SET client_encoding = 'UTF8'; SET client_min_messages = warning; "
                   "SET standard_conforming_strings = on",
                   err, errlen);
}

/* Settings the URI (or libpq's PG* environment) may give, with jvdr's defaults otherwise: a
 * server that accepts and never answers, or a host gone from the network, costs seconds rather
 * than the kernel's TCP timeouts (minutes to hours) before the request gets its 503. */
static const struct {
    const char *keyword, *env, *value;
} defaults[] = {
    {"connect_timeout", "PGCONNECT_TIMEOUT", "5"},
    {"keepalives_idle", NULL, "10"},
    {"keepalives_interval", NULL, "5"},
    {"keepalives_count", NULL, "3"},
    {"tcp_user_timeout", NULL, "10000"}, /* ms unacknowledged before the connection is dropped */
};
#define DEFAULTS (sizeof defaults / sizeof defaults[0])

/* Connects with the defaults first and the URI after them: libpq keeps the last value it reads,
 * so whatever the URI names wins; any_server, after it, takes a standby too. */
static PGconn *connect_with_defaults(const char *uri, bool any_server)
{
    const char *keywords[DEFAULTS + 3], *values[DEFAULTS + 3];
    size_t n = 0;
    for (size_t i = 0; i < DEFAULTS; i++)
        if (!defaults[i].env || !getenv(defaults[i].env)) {
            keywords[n] = defaults[i].keyword;
            values[n++] = defaults[i].value;
        }
    keywords[n] = "dbname";
    values[n++] = uri;
    if (any_server) {
        keywords[n] = "target_session_attrs";
        values[n++] = "any";
    }
    keywords[n] = values[n] = NULL;
    return PQconnectdbParams(keywords, values, 1);
}

/* PostgreSQL's notices and warnings go to the service's log (libpq would print them on stderr,
 * outside the JSON lines). */
static void log_notice(void *arg, const char *message)
{
    (void)arg;
    log_error("postgresql: %.*s", (int)strcspn(message, "\n"), message);
}

static enum jvdr_err open_connection(const char *uri, bool any_server, struct pg **out, char *err,
                                     size_t errlen)
{
    *out = NULL;
    struct pg *pg = calloc(1, sizeof *pg);
    if (!pg) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    pg->conn = connect_with_defaults(uri, any_server);
    if (!pg->conn || PQstatus(pg->conn) != CONNECTION_OK) {
        char reason[512];
        first_line(pg->conn ? PQerrorMessage(pg->conn) : "out of memory", reason, sizeof reason);
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", reason);
        pg_free(pg);
        return JVDR_E_BUSY;
    }
    PQsetNoticeProcessor(pg->conn, log_notice, NULL);
    if (session_setup(pg, err, errlen) != JVDR_OK) {
        pg_free(pg);
        return JVDR_E_INTERNAL;
    }
    *out = pg;
    return JVDR_OK;
}

enum jvdr_err pg_open(const char *uri, struct pg **out, char *err, size_t errlen)
{
    return open_connection(uri, false, out, err, errlen);
}

enum jvdr_err pg_open_any_server(const char *uri, struct pg **out, char *err, size_t errlen)
{
    return open_connection(uri, true, out, err, errlen);
}

void pg_free(struct pg *pg)
{
    if (!pg)
        return;
    if (pg->conn)
        PQfinish(pg->conn);
    pg_pipeline_free(pg->held);
    for (size_t i = 0; i < pg->n; i++)
        free(pg->statements[i].sql);
    free(pg->statements);
    free(pg);
}

/* Whether an idle connection still has its server: libpq learns of a closed connection only when
 * it next reads, so the request that found out would fail. A connection that is idle (not
 * listening, not in a transaction) has nothing to read unless its server went away (the end of
 * the stream, or the message a server sends before it closes), so anything readable means: open
 * it again before use. */
static bool still_connected(PGconn *conn)
{
    if (PQstatus(conn) != CONNECTION_OK)
        return false;
    if (PQtransactionStatus(conn) != PQTRANS_IDLE)
        return true;
    struct pollfd p = {.fd = PQsocket(conn), .events = POLLIN};
    return poll(&p, 1, 0) == 0;
}

enum jvdr_err pg_reconnect(struct pg *pg, bool *reconnected)
{
    *reconnected = false;
    if (still_connected(pg->conn))
        return JVDR_OK;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long now_ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    if (now_ms < pg->next_attempt_ms)
        return JVDR_E_BUSY;
    if (pg->held)
        pg_pipeline_forget(pg->held); /* they were for the session that is gone */
    PQreset(pg->conn);
    if (PQstatus(pg->conn) != CONNECTION_OK) {
        pg->next_attempt_ms = now_ms + PG_RECONNECT_PAUSE_MS;
        return JVDR_E_BUSY;
    }
    /* A new session: nothing is prepared on it yet. */
    for (size_t i = 0; i < pg->n; i++)
        free(pg->statements[i].sql);
    pg->n = 0;
    char err[256];
    if (session_setup(pg, err, sizeof err) != JVDR_OK) {
        log_error("postgresql: reconnected, but cannot set the session up: %s", err);
        return JVDR_E_BUSY;
    }
    *reconnected = true;
    return JVDR_OK;
}

PGconn *pg_handle(struct pg *pg)
{
    return pg->conn;
}

enum jvdr_err pg_exec(struct pg *pg, const char *sql, char *err, size_t errlen)
{
    if (pg_pipeline_held(pg->held)) {
        enum jvdr_err code = pg_pipeline_flush(pg->held, pg->conn, NULL, NULL, 0, NULL);
        if (code != JVDR_OK) {
            first_line(PQerrorMessage(pg->conn), err, errlen);
            return code;
        }
    }
    PGresult *res = PQexec(pg->conn, sql);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    enum jvdr_err code = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
                             ? JVDR_OK
                             : (res ? pg_error(res) : JVDR_E_BUSY);
    if (code != JVDR_OK)
        first_line(PQerrorMessage(pg->conn), err, errlen);
    PQclear(res);
    return code;
}

/* The name sql is prepared under on this connection, preparing it on first use; NULL when it
 * does not prepare (logged) or memory runs out. */
static const char *prepared(struct pg *pg, const char *sql)
{
    for (size_t i = 0; i < pg->n; i++)
        if (strcmp(pg->statements[i].sql, sql) == 0)
            return pg->statements[i].name;
    if (pg->n == pg->cap) {
        size_t cap = pg->cap ? pg->cap * 2 : 32;
        struct pg_statement *grown = realloc(pg->statements, cap * sizeof *grown);
        if (!grown)
            return NULL;
        pg->statements = grown;
        pg->cap = cap;
    }
    struct pg_statement *s = &pg->statements[pg->n];
    snprintf(s->name, sizeof s->name, "jvdr%zu", pg->n);
    PGresult *res = PQprepare(pg->conn, s->name, sql, 0, NULL);
    bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) {
        char reason[512];
        first_line(PQerrorMessage(pg->conn), reason, sizeof reason);
        log_error("postgresql: cannot prepare a statement: %s in: %.300s", reason, sql);
    }
    PQclear(res);
    if (!ok || !(s->sql = strdup(sql)))
        return NULL;
    pg->n++;
    return s->name;
}

enum jvdr_err pg_query(struct pg *pg, const char *sql, const char *const *params, int n,
                       PGresult **out)
{
    *out = NULL;
    const char *name = prepared(pg, sql);
    if (!name)
        return PQstatus(pg->conn) == CONNECTION_OK ? JVDR_E_INTERNAL : JVDR_E_BUSY;
    if (pg_pipeline_held(pg->held))
        return pg_pipeline_flush(pg->held, pg->conn, name, params, n, out);
    PGresult *res = PQexecPrepared(pg->conn, name, n, params, NULL, NULL, 0);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        *out = res;
        return JVDR_OK;
    }
    enum jvdr_err code = res ? pg_error(res) : JVDR_E_BUSY;
    PQclear(res);
    return code;
}

enum jvdr_err pg_write(struct pg *pg, const char *sql, const char *const *params, int n)
{
    if (!pg->held) {
        PGresult *res = NULL;
        enum jvdr_err code = pg_query(pg, sql, params, n, &res);
        PQclear(res);
        return code;
    }
    if (++pg->batched == pg->next_analyze) {
        char err[256];
        /* migrations/postgresql/0014: the service's tables; sends what is held first */
        enum jvdr_err code = pg_exec(pg, "SELECT jvdr_analyze()", err, sizeof err);
        if (code != JVDR_OK)
            return code;
        pg->next_analyze *= 4;
    }
    if (pg_pipeline_held(pg->held) == PG_PIPELINE_MAX) {
        enum jvdr_err code = pg_pipeline_flush(pg->held, pg->conn, NULL, NULL, 0, NULL);
        if (code != JVDR_OK)
            return code;
    }
    const char *name = prepared(pg, sql);
    if (!name)
        return PQstatus(pg->conn) == CONNECTION_OK ? JVDR_E_INTERNAL : JVDR_E_BUSY;
    return pg_pipeline_hold(pg->held, name, params, n) ? JVDR_OK : JVDR_E_NOMEM;
}

enum jvdr_err pg_batch(struct pg *pg, bool on)
{
    if (on) {
        if (!pg->held && !(pg->held = pg_pipeline_new()))
            return JVDR_E_NOMEM;
        pg->batched = 0;
        pg->next_analyze = PG_FIRST_ANALYZE;
        return JVDR_OK;
    }
    enum jvdr_err code = pg_pipeline_held(pg->held)
                             ? pg_pipeline_flush(pg->held, pg->conn, NULL, NULL, 0, NULL)
                             : JVDR_OK;
    pg_pipeline_free(pg->held);
    pg->held = NULL;
    return code;
}
