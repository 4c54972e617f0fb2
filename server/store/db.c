/* Connections and the per-connection statement cache; see include/jvdr/store/db.h. Everything
 * here is the same for every engine: the engine's operations do the rest. */
#include "jvdr/store/db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cached_stmt {
    char *sql; /* owned copy; NULL for an empty slot */
    struct stmt *stmt;
};

struct db {
    const struct db_engine *engine;
    struct db_conn *conn;
    struct db_budget budget;   /* watched by the engine (see db_set_budget) */
    struct cached_stmt *slots; /* open addressing on the SQL text's hash */
    size_t nslots;             /* a power of two */
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
    return rc == DB_ROW || rc == DB_DONE ? JVDR_OK : (enum jvdr_err)rc;
}

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

void db_set_budget(struct db *db, unsigned ms)
{
    db->budget.deadline_ns = ms ? now_ns() + (long long)ms * 1000000LL : 0;
    db->budget.ms = ms;
}

long long db_budget_pause(struct db *db)
{
    long long saved = db->budget.deadline_ns;
    db->budget.deadline_ns = 0;
    db->budget.ms = 0;
    return saved;
}

void db_budget_resume(struct db *db, long long saved)
{
    db->budget.deadline_ns = saved;
    if (saved) {
        long long left_ms = (saved - now_ns()) / 1000000LL;
        db->budget.ms = left_ms > 0 ? (unsigned)left_ms : 1;
    }
}

bool db_past_budget(const struct db *db)
{
    return db->budget.deadline_ns && now_ns() > db->budget.deadline_ns;
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
    db->engine = db_engine_for(path);
    enum jvdr_err code = db->engine->open(path, mode, &db->budget, &db->conn, err, errlen);
    if (code != JVDR_OK) {
        free(db);
        return code;
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
        if (db->slots[i].stmt)
            db->engine->finalize(db->slots[i].stmt);
    }
    free(db->slots);
    db->engine->close(db->conn);
    free(db);
}

const struct db_engine *db_engine(const struct db *db)
{
    return db->engine;
}

struct db_conn *db_conn(struct db *db)
{
    return db->conn;
}

const struct db_search_dialect *db_search(struct db *db)
{
    /* Without a connection (SQL written for a test or a fuzzer): the default engine's, a file's. */
    return &(db ? db->engine : db_engine_for(""))->search;
}

enum jvdr_err db_search_defer(struct db *db)
{
    return db->engine->search.defer ? db->engine->search.defer(db->conn) : JVDR_OK;
}

enum jvdr_err db_search_defer_note(struct db *db, const char *kind, const char *id)
{
    return db->engine->search.defer_note ? db->engine->search.defer_note(db->conn, kind, id)
                                         : JVDR_OK;
}

enum jvdr_err db_search_catch_up(struct db *db, bool index)
{
    return db->engine->search.catch_up ? db->engine->search.catch_up(db->conn, index) : JVDR_OK;
}

enum jvdr_err db_batch(struct db *db, bool on)
{
    return db->engine->batch ? db->engine->batch(db->conn, on) : JVDR_OK;
}

struct db_tokenizer *db_search_tokenizer(struct db *db)
{
    return db->engine->search.tokenizer ? db->engine->search.tokenizer(db->conn) : NULL;
}

bool db_search_refused(struct db *db)
{
    return db->engine->search.refused(db->conn);
}

enum jvdr_err db_check_connection(struct db *db)
{
    return db->engine->check_connection(db->conn);
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
    db->engine->before_statement(db->conn);
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
    struct stmt *stmt = db->engine->prepare(db->conn, sql);
    char *copy = stmt ? strdup(sql) : NULL;
    if (!copy) {
        if (stmt)
            db->engine->finalize(stmt);
        return NULL;
    }
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
    return db->engine->data_version(db->conn);
}

void db_stmt_done(struct stmt *stmt)
{
    if (stmt)
        stmt->engine->reset(stmt);
}

void stmt_bind_text(struct stmt *stmt, int i, const char *value)
{
    stmt->engine->bind_text(stmt, i, value, value ? strlen(value) : 0);
}

void stmt_bind_textn(struct stmt *stmt, int i, const char *value, size_t len)
{
    stmt->engine->bind_text(stmt, i, value, len);
}

void stmt_bind_int64(struct stmt *stmt, int i, long long value)
{
    stmt->engine->bind_int64(stmt, i, value);
}

void stmt_bind_null(struct stmt *stmt, int i)
{
    stmt->engine->bind_text(stmt, i, NULL, 0);
}

int stmt_step(struct stmt *stmt)
{
    return stmt->engine->step(stmt);
}

const char *stmt_text(struct stmt *stmt, int col)
{
    return stmt->engine->column_text(stmt, col);
}

size_t stmt_bytes(struct stmt *stmt, int col)
{
    return stmt->engine->column_bytes(stmt, col);
}

char *stmt_text_copy(struct stmt *stmt, int col, size_t *len)
{
    if (len)
        *len = 0;
    if (stmt_is_null(stmt, col))
        return NULL;
    size_t n = stmt_bytes(stmt, col);
    char *copy = malloc(n + 1);
    if (copy)
        memcpy(copy, stmt_text(stmt, col), n + 1);
    if (copy && len)
        *len = n;
    return copy;
}

long long stmt_int64(struct stmt *stmt, int col)
{
    return stmt->engine->column_int64(stmt, col);
}

bool stmt_is_null(struct stmt *stmt, int col)
{
    return stmt->engine->column_is_null(stmt, col);
}

bool stmt_is_integer(struct stmt *stmt, int col)
{
    return stmt->engine->column_is_integer(stmt, col);
}

enum jvdr_err db_exec(struct db *db, const char *sql)
{
    db->engine->before_statement(db->conn);
    return db->engine->exec(db->conn, sql);
}

enum jvdr_err db_begin_read(struct db *db)
{
    db->engine->before_statement(db->conn);
    return db->engine->begin_read(db->conn);
}

bool db_in_transaction(struct db *db)
{
    return db->engine->in_transaction(db->conn);
}

bool db_connection_lost(struct db *db)
{
    return db->engine->connection_lost(db->conn);
}

const char *db_errmsg(struct db *db)
{
    return db->engine->errmsg(db->conn);
}
