/* COPY FROM STDIN in PostgreSQL's text format; see include/jvdr/store/pg_copy.h. */
#include "jvdr/store/pg_copy.h"

#include <stdio.h>
#include <string.h>

/* The first line of PostgreSQL's message, into err. */
static void say(PGconn *conn, char *err, size_t errlen)
{
    const char *why = PQerrorMessage(conn);
    snprintf(err, errlen, "%.*s", (int)strcspn(why, "\n"), why);
}

enum jvdr_err pg_copy_start(struct pg *pg, const char *table, const char *columns, char *err,
                            size_t errlen)
{
    char sql[512];
    snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", table, columns);
    PGresult *res = PQexec(pg_handle(pg), sql);
    enum jvdr_err code = PQresultStatus(res) == PGRES_COPY_IN ? JVDR_OK : pg_error(res);
    if (code != JVDR_OK)
        say(pg_handle(pg), err, errlen);
    PQclear(res);
    return code;
}

/* Appends value with the text format's escapes: backslash, and the characters that end a
 * column or a row. */
static void put_value(struct buf *line, const char *value)
{
    if (!value) {
        buf_puts(line, "\\N");
        return;
    }
    for (const char *p = value; *p; p++) {
        const char *escape = *p == '\\'   ? "\\\\"
                             : *p == '\t' ? "\\t"
                             : *p == '\n' ? "\\n"
                             : *p == '\r' ? "\\r"
                                          : NULL;
        if (escape)
            buf_puts(line, escape);
        else
            buf_append(line, p, 1);
    }
}

enum jvdr_err pg_copy_row(struct pg *pg, const char *const *values, int n, struct buf *line)
{
    line->len = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            buf_puts(line, "\t");
        put_value(line, values[i]);
    }
    buf_puts(line, "\n");
    if (line->failed)
        return JVDR_E_NOMEM;
    return PQputCopyData(pg_handle(pg), line->data, (int)line->len) == 1 ? JVDR_OK : JVDR_E_BUSY;
}

enum jvdr_err pg_copy_end(struct pg *pg, char *err, size_t errlen)
{
    PGconn *conn = pg_handle(pg);
    enum jvdr_err code = PQputCopyEnd(conn, NULL) == 1 ? JVDR_OK : JVDR_E_BUSY;
    PGresult *res;
    while ((res = PQgetResult(conn)) != NULL) {
        if (code == JVDR_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
            code = pg_error(res);
        PQclear(res);
    }
    if (code != JVDR_OK)
        say(conn, err, errlen);
    return code;
}
