/* The SQLite engine; see include/jvdr/store/sqlite.h and struct db_engine in db.h. */
#include "jvdr/store/sqlite.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/base/log.h"
#include "jvdr/store/sqlite_functions.h"
#include "jvdr/store/sqlite_temp.h"

struct sqlite_conn {
    struct db_conn base;
    sqlite3 *handle;
    const struct db_budget *budget;
    int busy_ms; /* the lock wait set on the handle */
    /* Prepared on first use, kept for the connection's life: both run once per request. */
    sqlite3_stmt *snapshot, *data_version;
    sqlite3_stmt *copying; /* a bulk load's INSERT, between copy_start and copy_end */
    int copy_columns;
};

struct sqlite_stmt {
    struct stmt base;
    sqlite3_stmt *handle;
};

static struct sqlite_conn *conn_of(struct db_conn *conn)
{
    return (struct sqlite_conn *)conn;
}

static sqlite3_stmt *stmt_of(struct stmt *stmt)
{
    return ((struct sqlite_stmt *)stmt)->handle;
}

enum jvdr_err sqlite_error(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return JVDR_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return JVDR_E_BUSY;
    case SQLITE_CONSTRAINT:
        return JVDR_E_CONFLICT;
    case SQLITE_NOMEM:
        return JVDR_E_NOMEM;
    case SQLITE_FULL:
        return JVDR_E_STORAGE_FULL;
    case SQLITE_READONLY:
        return JVDR_E_FORBIDDEN;
    case SQLITE_INTERRUPT:
        return JVDR_E_TIMEOUT;
    default:
        return JVDR_E_INTERNAL;
    }
}

sqlite3 *sqlite_conn_handle(struct db_conn *conn)
{
    return conn && conn->engine == &sqlite_engine ? conn_of(conn)->handle : NULL;
}

sqlite3 *sqlite_handle(struct db *db)
{
    return sqlite_conn_handle(db ? db_conn(db) : NULL);
}

static bool claims(const char *path)
{
    (void)path;
    return true; /* listed last: whatever no server engine claims is a file */
}

static void describe(const char *path, char *out, size_t len)
{
    snprintf(out, len, "%s", path);
}

/* The progress handler: non-zero interrupts the statement running (SQLITE_INTERRUPT). */
static int past_deadline(void *arg)
{
    const struct db_budget *budget = arg;
    if (!budget->deadline_ns)
        return 0;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec > budget->deadline_ns;
}

/* path as a file: URI with immutable=1, its URI-special characters escaped; NULL without memory. */
static char *immutable_uri(const char *path)
{
    size_t len = strlen(path), size = 3 * len + 32;
    char *uri = malloc(size);
    if (!uri)
        return NULL;
    size_t o = (size_t)snprintf(uri, size, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '?' || *p == '#' || *p == '%')
            o += (size_t)snprintf(uri + o, size - o, "%%%02X", (unsigned char)*p);
        else
            uri[o++] = *p;
    }
    snprintf(uri + o, size - o, "?immutable=1");
    return uri;
}

static void close_conn(struct db_conn *conn)
{
    if (conn) {
        sqlite3_finalize(conn_of(conn)->copying);
        sqlite3_finalize(conn_of(conn)->snapshot);
        sqlite3_finalize(conn_of(conn)->data_version);
        sqlite3_close_v2(conn_of(conn)->handle);
        free(conn);
    }
}

static enum jvdr_err open_conn(const char *path, enum db_open_mode mode,
                               const struct db_budget *budget, struct db_conn **out, char *err,
                               size_t errlen)
{
    *out = NULL;
    struct sqlite_conn *c = calloc(1, sizeof *c);
    char *uri = mode == DB_IMMUTABLE ? immutable_uri(path) : NULL;
    if (!c || (mode == DB_IMMUTABLE && !uri)) {
        free(c);
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    c->base.engine = &sqlite_engine;
    c->budget = budget;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (mode == DB_READONLY || mode == DB_IMMUTABLE)
        flags |= SQLITE_OPEN_READONLY;
    else if (mode == DB_CREATE)
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    else
        flags |= SQLITE_OPEN_READWRITE;
    int rc = sqlite3_open_v2(uri ? uri : path, &c->handle, flags, sqlite_temp_vfs(path));
    free(uri);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", path,
                 c->handle ? sqlite3_errmsg(c->handle) : sqlite3_errstr(rc));
        close_conn(&c->base);
        return sqlite_error(rc) == JVDR_E_BUSY ? JVDR_E_BUSY : JVDR_E_INTERNAL;
    }
    sqlite3_extended_result_codes(c->handle, 1);
    sqlite3_busy_timeout(c->handle, DB_BUSY_TIMEOUT_MS);
    c->busy_ms = DB_BUSY_TIMEOUT_MS;
    /* Every 1,000 virtual-machine steps (a few microseconds) a statement checks its budget. */
    sqlite3_progress_handler(c->handle, 1000, past_deadline, (void *)(uintptr_t)budget);
    rc = sqlite3_exec(c->handle, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite_functions_register(c->handle);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot configure database '%s': %s", path,
                 sqlite3_errmsg(c->handle));
        close_conn(&c->base);
        return JVDR_E_INTERNAL;
    }
    *out = &c->base;
    return JVDR_OK;
}

static enum jvdr_err check_connection(struct db_conn *conn)
{
    (void)conn; /* a file has no server to lose */
    return JVDR_OK;
}

static bool connection_lost(struct db_conn *conn)
{
    (void)conn;
    return false;
}

static struct stmt *prepare(struct db_conn *conn, const char *sql)
{
    sqlite3 *handle = conn_of(conn)->handle;
    struct sqlite_stmt *stmt = malloc(sizeof *stmt);
    if (!stmt)
        return NULL;
    stmt->base.engine = &sqlite_engine;
    int rc = sqlite3_prepare_v3(handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt->handle, NULL);
    if (rc != SQLITE_OK) {
        log_error("cannot prepare statement: %s", sqlite3_errmsg(handle));
        free(stmt);
        return NULL;
    }
    return &stmt->base;
}

static void finalize(struct stmt *stmt)
{
    if (stmt) {
        sqlite3_finalize(stmt_of(stmt));
        free(stmt);
    }
}

static void bind_text(struct stmt *stmt, int i, const char *value, size_t len)
{
    if (value)
        sqlite3_bind_text64(stmt_of(stmt), i, value, len, SQLITE_STATIC, SQLITE_UTF8);
    else
        sqlite3_bind_null(stmt_of(stmt), i);
}

static void bind_int64(struct stmt *stmt, int i, long long value)
{
    sqlite3_bind_int64(stmt_of(stmt), i, value);
}

static int step(struct stmt *stmt)
{
    int rc = sqlite3_step(stmt_of(stmt));
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    enum jvdr_err code = sqlite_error(rc);
    return code == JVDR_OK ? (int)JVDR_E_INTERNAL : (int)code;
}

static const char *column_text(struct stmt *stmt, int col)
{
    return (const char *)sqlite3_column_text(stmt_of(stmt), col);
}

static size_t column_bytes(struct stmt *stmt, int col)
{
    return (size_t)sqlite3_column_bytes(stmt_of(stmt), col);
}

static long long column_int64(struct stmt *stmt, int col)
{
    return sqlite3_column_int64(stmt_of(stmt), col);
}

static bool column_is_null(struct stmt *stmt, int col)
{
    return sqlite3_column_type(stmt_of(stmt), col) == SQLITE_NULL;
}

static bool column_is_integer(struct stmt *stmt, int col)
{
    return sqlite3_column_type(stmt_of(stmt), col) == SQLITE_INTEGER;
}

static void reset(struct stmt *stmt)
{
    sqlite3_reset(stmt_of(stmt));
    sqlite3_clear_bindings(stmt_of(stmt));
}

static enum jvdr_err exec(struct db_conn *conn, const char *sql)
{
    return sqlite_error(sqlite3_exec(conn_of(conn)->handle, sql, NULL, NULL, NULL));
}

/* Runs *stmt (sql, prepared on first use) to its first row: SQLite's result code. */
static int first_row(sqlite3 *handle, sqlite3_stmt **stmt, const char *sql)
{
    int rc = *stmt ? SQLITE_OK
                   : sqlite3_prepare_v3(handle, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
    return rc == SQLITE_OK ? sqlite3_step(*stmt) : rc;
}

/* BEGIN alone takes no snapshot: the first read does, so read something now. */
static enum jvdr_err begin_read(struct db_conn *conn)
{
    struct sqlite_conn *c = conn_of(conn);
    int rc = sqlite3_exec(c->handle, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = first_row(c->handle, &c->snapshot, "SELECT count(*) FROM sqlite_schema");
    sqlite3_reset(c->snapshot);
    return rc == SQLITE_ROW ? JVDR_OK : sqlite_error(rc) ? sqlite_error(rc) : JVDR_E_INTERNAL;
}

static bool in_transaction(struct db_conn *conn)
{
    return !sqlite3_get_autocommit(conn_of(conn)->handle);
}

static const char *errmsg(struct db_conn *conn)
{
    return sqlite_errmsg_why(conn_of(conn)->handle);
}

/* The progress handler watches the budget as a statement runs, but not while it waits for a lock:
 * that wait is bounded by the budget here. */
static void before_statement(struct db_conn *conn)
{
    struct sqlite_conn *c = conn_of(conn);
    unsigned ms = c->budget->ms;
    int wait = ms && ms < DB_BUSY_TIMEOUT_MS ? (int)ms : DB_BUSY_TIMEOUT_MS;
    if (wait != c->busy_ms) {
        sqlite3_busy_timeout(c->handle, wait);
        c->busy_ms = wait;
    }
}

static long long data_version(struct db_conn *conn)
{
    struct sqlite_conn *c = conn_of(conn);
    long long version = first_row(c->handle, &c->data_version, "PRAGMA data_version") == SQLITE_ROW
                            ? sqlite3_column_int64(c->data_version, 0)
                            : -1;
    sqlite3_reset(c->data_version);
    return version;
}

/* A bulk load into SQLite is one prepared INSERT per table, stepped once per row. */
static enum jvdr_err copy_start(struct db_conn *conn, const struct db_table *table)
{
    struct sqlite_conn *c = conn_of(conn);
    char sql[1024];
    int o = snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (", table->table, table->columns);
    for (int i = 0; i < table->n && o > 0 && (size_t)o < sizeof sql; i++)
        o += snprintf(sql + o, sizeof sql - (size_t)o, i ? ", ?" : "?");
    if (o <= 0 || (size_t)o + 2 > sizeof sql)
        return JVDR_E_INTERNAL;
    snprintf(sql + o, sizeof sql - (size_t)o, ")");
    sqlite3_finalize(c->copying);
    c->copy_columns = table->n;
    return sqlite_error(sqlite3_prepare_v2(c->handle, sql, -1, &c->copying, NULL));
}

static enum jvdr_err copy_row(struct db_conn *conn, const char *const *values, const bool *integer)
{
    struct sqlite_conn *c = conn_of(conn);
    for (int i = 0; i < c->copy_columns; i++) {
        if (!values[i])
            sqlite3_bind_null(c->copying, i + 1);
        else if (integer[i])
            sqlite3_bind_int64(c->copying, i + 1, strtoll(values[i], NULL, 10));
        else
            sqlite3_bind_text(c->copying, i + 1, values[i], -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(c->copying);
    sqlite3_reset(c->copying);
    return rc == SQLITE_DONE ? JVDR_OK : sqlite_error(rc) ? sqlite_error(rc) : JVDR_E_INTERNAL;
}

static enum jvdr_err copy_end(struct db_conn *conn)
{
    struct sqlite_conn *c = conn_of(conn);
    sqlite3_finalize(c->copying);
    c->copying = NULL;
    return JVDR_OK;
}

/* FTS5 refuses a query with a plain SQLITE_ERROR and one of these messages. */
static bool refused_search(struct db_conn *conn)
{
    static const char *const refusals[] = {"fts5: ", "no such column", "unknown special query",
                                           "unterminated string"};
    sqlite3 *handle = conn_of(conn)->handle;
    if (sqlite3_extended_errcode(handle) != SQLITE_ERROR)
        return false;
    const char *msg = sqlite3_errmsg(handle);
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
        if (strstr(msg, refusals[i]))
            return true;
    return false;
}

/* The schema parsed, and the page cache's 2 MB (SQLite's default) filled: a fresh connection's
 * first official detail took 13 ms, 6 after this, 3 after its first (each slot of the cache is
 * memory the process touches for the first time, costly page faults on a virtual machine). */
#define SQLITE_WARM_SQL                                                                            \
    "SELECT count(*) FROM sqlite_schema; "                                                         \
    "SELECT count(*) FROM (SELECT title, summary FROM events LIMIT 10000)"

const struct db_engine sqlite_engine = {
    .name = "sqlite",
    .notifies = false,
    .reads_standby = false,
    .warm_sql = SQLITE_WARM_SQL,
    .claims = claims,
    .describe = describe,
    .init = sqlite_init,
    .several_servers = NULL,
    .open = open_conn,
    .close = close_conn,
    .check_connection = check_connection,
    .connection_lost = connection_lost,
    .prepare = prepare,
    .finalize = finalize,
    .bind_text = bind_text,
    .bind_int64 = bind_int64,
    .step = step,
    .column_text = column_text,
    .column_bytes = column_bytes,
    .column_int64 = column_int64,
    .column_is_null = column_is_null,
    .column_is_integer = column_is_integer,
    .reset = reset,
    .exec = exec,
    .begin_read = begin_read,
    .in_transaction = in_transaction,
    .errmsg = errmsg,
    .before_statement = before_statement,
    .data_version = data_version,
    .open_store = sqlite_open_store,
    .begin_write = sqlite_begin_write,
    .size_bytes = sqlite_size_bytes,
    .checkpoint = sqlite_checkpoint,
    .missing = sqlite_missing,
    .index_snapshot_path = sqlite_index_snapshot_path,
    .upkeep_start = sqlite_upkeep_start,
    .upkeep_stop = sqlite_upkeep_stop,
    .upkeep_counts = sqlite_upkeep_counts,
    .announce = NULL, /* does not notify: store.c polls data_version */
    .session_id = NULL,
    .listen = NULL,
    .hear = NULL,
    .unlisten = NULL,
    .absent = sqlite_absent,
    .load_begin = sqlite_load_begin,
    .copy_start = copy_start,
    .copy_row = copy_row,
    .copy_end = copy_end,
    .load_derived = NULL,
    .load_end = NULL,
    .search =
        {
            .write = sqlite_search_write,
            .put_match = sqlite_search_put_match,
            .put_snippet = sqlite_search_put_snippet,
            .put_tier = NULL,
            .bounded_counts = true,
            .refused = refused_search,
            .defer = sqlite_search_defer,
            .defer_note = sqlite_search_note,
            .catch_up = sqlite_search_catch_up,
            .tokenizer = sqlite_search_tokenizer,
        },
};
