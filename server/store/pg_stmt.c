/* The service's statements on PostgreSQL; see include/jvdr/store/pg_stmt.h. */
#include "jvdr/store/pg_stmt.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/error.h"
#include "jvdr/base/log.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_engine.h"
#include "jvdr/store/pg_sql.h"

/* PostgreSQL's type oids (catalog/pg_type.dat) the service's columns come back as. */
enum {
    OID_BOOL = 16,
    OID_INT8 = 20,
    OID_INT2 = 21,
    OID_INT4 = 23,
    OID_JSON = 114,
    OID_NUMERIC = 1700,
    OID_JSONB = 3802,
};

struct pg_stmt {
    struct stmt base;
    struct pg *pg;
    char *sql; /* PostgreSQL's text */
    int nparams;
    char **values; /* nparams owned copies; NULL for SQL NULL */
    PGresult *res; /* once stepped, until reset */
    bool quiet;    /* answers nothing but success: run by pg_write, perhaps held */
    bool written;  /* a quiet statement, stepped */
    int row, nrows;
    /* The current row's JSON columns made compact, built when first read. */
    char **compact;
    int compact_row;
};

static struct pg_stmt *of(struct stmt *stmt)
{
    return (struct pg_stmt *)stmt;
}

/* An INSERT, UPDATE or DELETE without RETURNING: its answer is only its success. */
static bool answers_nothing(const char *sql)
{
    sql += strspn(sql, " \t\n");
    bool writes = strncasecmp(sql, "INSERT ", 7) == 0 || strncasecmp(sql, "UPDATE ", 7) == 0 ||
                  strncasecmp(sql, "DELETE ", 7) == 0;
    return writes && !strstr(sql, "RETURNING"); /* the program's SQL, keywords in capitals */
}

struct stmt *pg_stmt_new(struct pg *pg, const char *sql)
{
    struct buf text;
    buf_init(&text);
    int nparams = 0;
    if (!pg_sql_translate(sql, &text, &nparams)) {
        buf_cleanup(&text);
        log_error("postgresql: cannot carry a statement over: %.120s", sql);
        return NULL;
    }
    struct pg_stmt *stmt = calloc(1, sizeof *stmt);
    if (!stmt) {
        buf_cleanup(&text);
        return NULL;
    }
    stmt->base.engine = &pg_engine;
    stmt->pg = pg;
    stmt->sql = buf_take(&text, NULL);
    stmt->nparams = nparams;
    stmt->quiet = answers_nothing(stmt->sql);
    stmt->values = nparams ? calloc((size_t)nparams, sizeof *stmt->values) : NULL;
    if (!stmt->sql || (nparams && !stmt->values)) {
        pg_stmt_free(&stmt->base);
        return NULL;
    }
    stmt->row = -1;
    return &stmt->base;
}

static void forget_compact(struct pg_stmt *stmt)
{
    if (!stmt->compact || !stmt->res)
        return;
    int ncols = PQnfields(stmt->res);
    for (int i = 0; i < ncols; i++) {
        free(stmt->compact[i]);
        stmt->compact[i] = NULL;
    }
}

void pg_stmt_reset(struct stmt *base)
{
    struct pg_stmt *stmt = of(base);
    forget_compact(stmt);
    free(stmt->compact);
    stmt->compact = NULL;
    PQclear(stmt->res);
    stmt->res = NULL;
    stmt->row = -1;
    stmt->nrows = 0;
    stmt->written = false;
    for (int i = 0; i < stmt->nparams; i++) {
        free(stmt->values[i]);
        stmt->values[i] = NULL;
    }
}

void pg_stmt_free(struct stmt *base)
{
    struct pg_stmt *stmt = of(base);
    if (!stmt)
        return;
    if (stmt->values)
        pg_stmt_reset(base);
    free(stmt->values);
    free(stmt->sql);
    free(stmt);
}

void pg_stmt_bind(struct stmt *base, int i, const char *value, size_t len)
{
    struct pg_stmt *stmt = of(base);
    if (i < 1 || i > stmt->nparams)
        return; /* as SQLite: a parameter the statement lacks (it reports SQLITE_RANGE) */
    free(stmt->values[i - 1]);
    stmt->values[i - 1] = NULL;
    if (value && (stmt->values[i - 1] = malloc(len + 1))) {
        memcpy(stmt->values[i - 1], value, len);
        stmt->values[i - 1][len] = '\0';
    }
}

void pg_stmt_bind_int64(struct stmt *stmt, int i, long long value)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", value);
    pg_stmt_bind(stmt, i, text, (size_t)n);
}

int pg_stmt_step(struct stmt *base)
{
    struct pg_stmt *stmt = of(base);
    if (stmt->quiet) {
        if (stmt->written)
            return DB_DONE;
        enum jvdr_err code =
            pg_write(stmt->pg, stmt->sql, (const char *const *)stmt->values, stmt->nparams);
        stmt->written = code == JVDR_OK;
        return code == JVDR_OK ? DB_DONE : (int)code;
    }
    if (!stmt->res) {
        PGresult *res = NULL;
        enum jvdr_err code =
            pg_query(stmt->pg, stmt->sql, (const char *const *)stmt->values, stmt->nparams, &res);
        if (code != JVDR_OK)
            return code;
        stmt->res = res;
        stmt->nrows = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : 0;
        stmt->row = -1;
    }
    if (stmt->row < stmt->nrows)
        stmt->row++;
    return stmt->row < stmt->nrows ? DB_ROW : DB_DONE;
}

static bool has_value(const struct pg_stmt *stmt, int col)
{
    return stmt->res && stmt->row >= 0 && stmt->row < stmt->nrows && col >= 0 &&
           col < PQnfields(stmt->res) && !PQgetisnull(stmt->res, stmt->row, col);
}

/* JSON text without the blanks PostgreSQL writes between tokens (json_build_object's " : " and
 * ", "): the text SQLite's JSON functions write for the same value. */
static char *compact_json(const char *json)
{
    char *out = malloc(strlen(json) + 1), *o = out;
    if (!out)
        return NULL;
    bool in_string = false;
    for (const char *p = json; *p; p++) {
        if (in_string) {
            *o++ = *p;
            if (*p == '\\' && p[1])
                *o++ = *++p;
            else if (*p == '"')
                in_string = false;
        } else if (*p == '"') {
            in_string = true;
            *o++ = *p;
        } else if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

const char *pg_stmt_text(struct stmt *base, int col)
{
    struct pg_stmt *stmt = of(base);
    if (!has_value(stmt, col))
        return NULL;
    const char *value = PQgetvalue(stmt->res, stmt->row, col);
    Oid type = PQftype(stmt->res, col);
    if (type == OID_BOOL)
        return value[0] == 't' ? "1" : "0";
    if (type != OID_JSON && type != OID_JSONB)
        return value;
    if (stmt->compact && stmt->compact_row != stmt->row)
        forget_compact(stmt);
    if (!stmt->compact && !(stmt->compact = calloc((size_t)PQnfields(stmt->res), sizeof(char *))))
        return NULL;
    stmt->compact_row = stmt->row;
    if (!stmt->compact[col])
        stmt->compact[col] = compact_json(value);
    return stmt->compact[col];
}

size_t pg_stmt_bytes(struct stmt *stmt, int col)
{
    const char *text = pg_stmt_text(stmt, col);
    return text ? strlen(text) : 0;
}

long long pg_stmt_int64(struct stmt *stmt, int col)
{
    const char *text = pg_stmt_text(stmt, col);
    return text ? strtoll(text, NULL, 10) : 0;
}

bool pg_stmt_is_null(struct stmt *stmt, int col)
{
    return !has_value(of(stmt), col);
}

bool pg_stmt_is_integer(struct stmt *base, int col)
{
    struct pg_stmt *stmt = of(base);
    if (!has_value(stmt, col))
        return false;
    switch (PQftype(stmt->res, col)) {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
        return true;
    case OID_NUMERIC: /* sum() of bigints: an integer when it has no fraction */
        return !strchr(PQgetvalue(stmt->res, stmt->row, col), '.');
    default:
        return false;
    }
}
