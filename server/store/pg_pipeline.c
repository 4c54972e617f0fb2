/* Held statements sent in one pipeline; see include/jvdr/store/pg_pipeline.h. */
#include "jvdr/store/pg_pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/store/pg_error.h"

struct held {
    char name[16]; /* a prepared statement's name (pg.c: "jvdr" and a number) */
    char **params;
    int n;
};

struct pg_pipeline {
    struct held held[PG_PIPELINE_MAX];
    size_t count;
};

struct pg_pipeline *pg_pipeline_new(void)
{
    return calloc(1, sizeof(struct pg_pipeline));
}

void pg_pipeline_free(struct pg_pipeline *p)
{
    if (p)
        pg_pipeline_forget(p);
    free(p);
}

size_t pg_pipeline_held(const struct pg_pipeline *p)
{
    return p ? p->count : 0;
}

static void free_params(char **params, int n)
{
    for (int i = 0; params && i < n; i++)
        free(params[i]);
    free(params);
}

bool pg_pipeline_hold(struct pg_pipeline *p, const char *name, const char *const *params, int n)
{
    if (p->count == PG_PIPELINE_MAX || strlen(name) >= sizeof p->held[0].name)
        return false;
    char **copies = n ? calloc((size_t)n, sizeof *copies) : NULL;
    bool ok = !n || copies;
    for (int i = 0; ok && i < n; i++)
        ok = !params[i] || (copies[i] = strdup(params[i]));
    if (!ok) {
        free_params(copies, n);
        return false;
    }
    struct held *h = &p->held[p->count++];
    snprintf(h->name, sizeof h->name, "%s", name);
    h->params = copies;
    h->n = n;
    return true;
}

void pg_pipeline_forget(struct pg_pipeline *p)
{
    for (size_t i = 0; i < p->count; i++)
        free_params(p->held[i].params, p->held[i].n);
    p->count = 0;
}

/* Reads the answers up to the pipeline's sync: query i's results end with a NULL; the result of
 * query `wanted` goes to *out. Two NULLs in a row mean nothing more is coming (a lost
 * connection). */
static enum jvdr_err read_answers(PGconn *conn, size_t wanted, PGresult **out)
{
    enum jvdr_err code = JVDR_OK;
    size_t query = 0;
    bool after_null = false;
    for (;;) {
        PGresult *res = PQgetResult(conn);
        if (!res) {
            if (after_null)
                return code == JVDR_OK ? JVDR_E_BUSY : code;
            after_null = true;
            query++;
            continue;
        }
        after_null = false;
        ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            return code;
        }
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            if (out && query == wanted && code == JVDR_OK) {
                PQclear(*out);
                *out = res;
                continue;
            }
        } else if (status != PGRES_PIPELINE_ABORTED && code == JVDR_OK) {
            code = pg_error(res);
        }
        PQclear(res);
    }
}

enum jvdr_err pg_pipeline_flush(struct pg_pipeline *p, PGconn *conn, const char *name,
                                const char *const *params, int n, PGresult **out)
{
    if (out)
        *out = NULL;
    size_t count = p ? p->count : 0;
    bool sent = PQenterPipelineMode(conn) == 1;
    for (size_t i = 0; sent && i < count; i++)
        sent = PQsendQueryPrepared(conn, p->held[i].name, p->held[i].n,
                                   (const char *const *)p->held[i].params, NULL, NULL, 0) == 1;
    if (sent && name)
        sent = PQsendQueryPrepared(conn, name, n, params, NULL, NULL, 0) == 1;
    if (p)
        pg_pipeline_forget(p);
    enum jvdr_err code = JVDR_E_BUSY;
    if (PQpipelineStatus(conn) == PQ_PIPELINE_ON && PQpipelineSync(conn) == 1)
        code = read_answers(conn, count, name ? out : NULL);
    if (!sent && code == JVDR_OK)
        code = JVDR_E_BUSY;
    if (PQexitPipelineMode(conn) != 1 && code == JVDR_OK)
        code = JVDR_E_BUSY;
    if (code != JVDR_OK && out) {
        PQclear(*out);
        *out = NULL;
    }
    return code;
}
