/* Connections and the per-connection statement cache; see include/jvdr/store/db.h. */
#include "jvdr/store/db.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/base/log.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_stmt.h"
#include "jvdr/store/sqlite_functions.h"

/* One engine's statement: SQLite's, or PostgreSQL's (pg_stmt.c). */
struct stmt {
    sqlite3_stmt *lite;
    struct pg_stmt *pg;
};

struct cached_stmt {
    char *sql; /* owned copy; NULL for an empty slot */
    struct stmt *stmt;
};

struct db {
    sqlite3 *handle;                 /* SQLite's connection, or NULL on PostgreSQL */
    struct pg *pg;                   /* PostgreSQL's, or NULL on SQLite */
    unsigned timeout_ms;             /* PostgreSQL's statement_timeout as last set */
    unsigned wanted_timeout_ms;      /* and as the budget wants it for the next statement */
    bool timeout_set_in_transaction; /* so a rollback may have undone it */
    long long deadline_ns;           /* CLOCK_MONOTONIC; 0: none (see db_set_budget) */
    struct cached_stmt *slots;       /* open addressing on the SQL text's hash */
    size_t nslots;                   /* a power of two */
    size_t used;
};

static size_t sql_hash(const char *s)
{
    size_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

enum jvdr_err db_error(int rc)
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

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* SQLite's progress handler: non-zero interrupts the statement running (SQLITE_INTERRUPT). */
static int past_deadline(void *arg)
{
    const struct db *db = arg;
    return db->deadline_ns && now_ns() > db->deadline_ns;
}

/* PostgreSQL has no progress handler: each statement gets the budget as its timeout. The budget
 * only says what it wants (wanted_timeout_ms); it is set when the next statement is about to run,
 * and only when it differs from the session's, so that a steady budget (read after read) costs no
 * round trip and the end of a read none either. */
static void pg_apply_timeout(struct db *db)
{
    if (!db->pg)
        return;
    bool idle = PQtransactionStatus(pg_handle(db->pg)) == PQTRANS_IDLE;
    /* A SET made inside a transaction is undone by its rollback: once the transaction is over
     * the session's timeout is not known. */
    if (idle && db->timeout_set_in_transaction) {
        db->timeout_set_in_transaction = false;
        db->timeout_ms = UINT_MAX;
    }
    if (db->timeout_ms == db->wanted_timeout_ms)
        return;
    char sql[64], err[160];
    snprintf(sql, sizeof sql, "SET statement_timeout = %u", db->wanted_timeout_ms);
    if (pg_exec(db->pg, sql, err, sizeof err) == JVDR_OK) {
        db->timeout_ms = db->wanted_timeout_ms;
        db->timeout_set_in_transaction = !idle;
    }
}

void db_set_budget(struct db *db, unsigned ms)
{
    db->deadline_ns = ms ? now_ns() + (long long)ms * 1000000LL : 0;
    db->wanted_timeout_ms = ms;
}

long long db_budget_pause(struct db *db)
{
    long long saved = db->deadline_ns;
    db->deadline_ns = 0;
    db->wanted_timeout_ms = 0;
    return saved;
}

void db_budget_resume(struct db *db, long long saved)
{
    db->deadline_ns = saved;
    if (saved) {
        long long left_ms = (saved - now_ns()) / 1000000LL;
        db->wanted_timeout_ms = left_ms > 0 ? (unsigned)left_ms : 1;
    }
}

bool db_past_budget(const struct db *db)
{
    return past_deadline((void *)(uintptr_t)db) != 0;
}

enum jvdr_err db_open(const char *path, enum db_open_mode mode, struct db **out, char *err,
                      size_t errlen)
{
    *out = NULL;
    struct db *db = calloc(1, sizeof *db);
    if (!db) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    if (pg_uri(path)) {
        enum jvdr_err code = mode == DB_READONLY ? pg_open_any_server(path, &db->pg, err, errlen)
                                                 : pg_open(path, &db->pg, err, errlen);
        if (code != JVDR_OK) {
            db_free(db);
            return code;
        }
        *out = db;
        return JVDR_OK;
    }
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (mode == DB_READONLY || mode == DB_IMMUTABLE)
        flags |= SQLITE_OPEN_READONLY;
    else if (mode == DB_CREATE)
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    else
        flags |= SQLITE_OPEN_READWRITE;
    /* Immutable needs a file: URI; the path's URI-special characters are escaped in it. */
    char *uri = NULL;
    if (mode == DB_IMMUTABLE) {
        size_t len = strlen(path), size = 3 * len + 32, o = 5;
        uri = malloc(size);
        if (!uri) {
            db_free(db);
            snprintf(err, errlen, "out of memory");
            return JVDR_E_NOMEM;
        }
        memcpy(uri, "file:", 5);
        for (const char *p = path; *p; p++) {
            if (*p == '?' || *p == '#' || *p == '%')
                o += (size_t)snprintf(uri + o, size - o, "%%%02X", (unsigned char)*p);
            else
                uri[o++] = *p;
        }
        snprintf(uri + o, size - o, "?immutable=1");
    }
    int rc = sqlite3_open_v2(uri ? uri : path, &db->handle, flags, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", path,
                 db->handle ? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc));
        db_free(db);
        return db_error(rc) == JVDR_E_BUSY ? JVDR_E_BUSY : JVDR_E_INTERNAL;
    }
    sqlite3_extended_result_codes(db->handle, 1);
    sqlite3_busy_timeout(db->handle, DB_BUSY_TIMEOUT_MS);
    /* Every 1,000 virtual-machine steps (a few microseconds) a statement checks its budget. */
    sqlite3_progress_handler(db->handle, 1000, past_deadline, db);
    rc = sqlite3_exec(db->handle, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite_functions_register(db->handle);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot configure database '%s': %s", path,
                 sqlite3_errmsg(db->handle));
        db_free(db);
        return JVDR_E_INTERNAL;
    }
    *out = db;
    return JVDR_OK;
}

void db_free(struct db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->nslots; i++) {
        free(db->slots[i].sql);
        if (db->slots[i].stmt) {
            sqlite3_finalize(db->slots[i].stmt->lite);
            pg_stmt_free(db->slots[i].stmt->pg);
        }
        free(db->slots[i].stmt);
    }
    free(db->slots);
    if (db->handle)
        sqlite3_close_v2(db->handle);
    pg_free(db->pg);
    free(db);
}

sqlite3 *db_handle(struct db *db)
{
    return db->handle;
}

enum jvdr_err db_check_connection(struct db *db)
{
    if (!db->pg)
        return JVDR_OK;
    bool reconnected = false;
    enum jvdr_err code = pg_reconnect(db->pg, &reconnected);
    if (reconnected) {
        db->timeout_ms = 0; /* the new session has the server's default */
        db->timeout_set_in_transaction = false;
        log_error("postgresql: connected again");
    }
    return code;
}

struct pg *db_pg(struct db *db)
{
    return db->pg;
}

/* Doubles the slot table, rehashing the cached statements. */
static int cache_grow(struct db *db)
{
    size_t nslots = db->nslots ? db->nslots * 2 : 64;
    struct cached_stmt *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < db->nslots; i++) {
        if (!db->slots[i].sql)
            continue;
        size_t j = sql_hash(db->slots[i].sql) & (nslots - 1);
        while (slots[j].sql)
            j = (j + 1) & (nslots - 1);
        slots[j] = db->slots[i];
    }
    free(db->slots);
    db->slots = slots;
    db->nslots = nslots;
    return 0;
}

struct stmt *db_stmt(struct db *db, const char *sql)
{
    pg_apply_timeout(db);
    if (db->nslots) {
        size_t j = sql_hash(sql) & (db->nslots - 1);
        while (db->slots[j].sql) {
            if (strcmp(db->slots[j].sql, sql) == 0)
                return db->slots[j].stmt;
            j = (j + 1) & (db->nslots - 1);
        }
    }
    if ((db->used + 1) * 2 > db->nslots && cache_grow(db) != 0)
        return NULL;
    sqlite3_stmt *lite = NULL;
    struct pg_stmt *pg = NULL;
    if (db->pg) {
        if (!(pg = pg_stmt_new(db->pg, sql)))
            return NULL;
    } else {
        int rc = sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &lite, NULL);
        if (rc != SQLITE_OK) {
            fprintf(stderr, "jvdr: cannot prepare statement: %s\n", sqlite3_errmsg(db->handle));
            return NULL;
        }
    }
    char *copy = strdup(sql);
    struct stmt *stmt = malloc(sizeof *stmt);
    if (!copy || !stmt) {
        free(copy);
        free(stmt);
        sqlite3_finalize(lite);
        pg_stmt_free(pg);
        return NULL;
    }
    stmt->lite = lite;
    stmt->pg = pg;
    size_t j = sql_hash(sql) & (db->nslots - 1);
    while (db->slots[j].sql)
        j = (j + 1) & (db->nslots - 1);
    db->slots[j].sql = copy;
    db->slots[j].stmt = stmt;
    db->used++;
    return stmt;
}

long long db_data_version(struct db *db)
{
    if (db->pg)
        return -1; /* PostgreSQL says what others commit by NOTIFY (pg_notify.h) */
    struct stmt *stmt = db_stmt(db, "PRAGMA data_version");
    long long version = stmt && stmt_step(stmt) == DB_ROW ? stmt_int64(stmt, 0) : -1;
    db_stmt_done(stmt);
    return version;
}

void db_stmt_done(struct stmt *stmt)
{
    if (stmt && stmt->pg) {
        pg_stmt_reset(stmt->pg);
    } else if (stmt) {
        sqlite3_reset(stmt->lite);
        sqlite3_clear_bindings(stmt->lite);
    }
}

void stmt_bind_text(struct stmt *stmt, int i, const char *value)
{
    if (stmt->pg) {
        pg_stmt_bind(stmt->pg, i, value, value ? strlen(value) : 0);
        return;
    }
    sqlite3_bind_text(stmt->lite, i, value, -1, SQLITE_STATIC);
}

void stmt_bind_textn(struct stmt *stmt, int i, const char *value, size_t len)
{
    if (stmt->pg) {
        pg_stmt_bind(stmt->pg, i, value, len);
        return;
    }
    sqlite3_bind_text64(stmt->lite, i, value, len, SQLITE_STATIC, SQLITE_UTF8);
}

void stmt_bind_int64(struct stmt *stmt, int i, long long value)
{
    if (stmt->pg) {
        char text[24];
        int n = snprintf(text, sizeof text, "%lld", value);
        pg_stmt_bind(stmt->pg, i, text, (size_t)n);
        return;
    }
    sqlite3_bind_int64(stmt->lite, i, value);
}

void stmt_bind_null(struct stmt *stmt, int i)
{
    if (stmt->pg) {
        pg_stmt_bind(stmt->pg, i, NULL, 0);
        return;
    }
    sqlite3_bind_null(stmt->lite, i);
}

int stmt_step(struct stmt *stmt)
{
    if (stmt->pg)
        return pg_stmt_step(stmt->pg);
    return sqlite3_step(stmt->lite);
}

const char *stmt_text(struct stmt *stmt, int col)
{
    if (stmt->pg)
        return pg_stmt_text(stmt->pg, col);
    return (const char *)sqlite3_column_text(stmt->lite, col);
}

size_t stmt_bytes(struct stmt *stmt, int col)
{
    if (stmt->pg)
        return pg_stmt_bytes(stmt->pg, col);
    return (size_t)sqlite3_column_bytes(stmt->lite, col);
}

long long stmt_int64(struct stmt *stmt, int col)
{
    if (stmt->pg)
        return pg_stmt_int64(stmt->pg, col);
    return sqlite3_column_int64(stmt->lite, col);
}

bool stmt_is_null(struct stmt *stmt, int col)
{
    if (stmt->pg)
        return pg_stmt_is_null(stmt->pg, col);
    return sqlite3_column_type(stmt->lite, col) == SQLITE_NULL;
}

bool stmt_is_integer(struct stmt *stmt, int col)
{
    if (stmt->pg)
        return pg_stmt_is_integer(stmt->pg, col);
    return sqlite3_column_type(stmt->lite, col) == SQLITE_INTEGER;
}

enum jvdr_err db_exec(struct db *db, const char *sql)
{
    if (db->pg) {
        char err[256];
        pg_apply_timeout(db);
        return pg_exec(db->pg, sql, err, sizeof err);
    }
    return db_error(sqlite3_exec(db->handle, sql, NULL, NULL, NULL));
}

enum jvdr_err db_begin_read(struct db *db)
{
    /* BEGIN alone takes no snapshot: the first read does, so read something now. */
    if (db->pg) {
        char err[256];
        pg_apply_timeout(db);
        return pg_exec(db->pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1", err,
                       sizeof err);
    }
    struct stmt *stmt = db_stmt(db, "SELECT count(*) FROM sqlite_schema");
    int rc = sqlite3_exec(db->handle, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = stmt ? stmt_step(stmt) : SQLITE_ERROR;
    db_stmt_done(stmt);
    return rc == DB_ROW ? JVDR_OK : db_error(rc);
}

bool db_in_transaction(struct db *db)
{
    if (db->pg)
        return PQtransactionStatus(pg_handle(db->pg)) != PQTRANS_IDLE;
    return !sqlite3_get_autocommit(db->handle);
}

bool db_connection_lost(struct db *db)
{
    return db->pg && PQstatus(pg_handle(db->pg)) == CONNECTION_BAD;
}

const char *db_errmsg(struct db *db)
{
    if (db->pg)
        return PQerrorMessage(pg_handle(db->pg));
    return sqlite3_errmsg(db->handle);
}

int db_errcode(struct db *db)
{
    if (db->pg) /* the service tells only failed from not failed on PostgreSQL */
        return *PQerrorMessage(pg_handle(db->pg)) ? SQLITE_ERROR : SQLITE_OK;
    return sqlite3_extended_errcode(db->handle);
}
