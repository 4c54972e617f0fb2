/* Commits' facts carried by LISTEN/NOTIFY; see include/jvdr/store/pg_notify.h. */
#include "jvdr/store/pg_notify.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/store/pg.h"

static void put_escaped(struct buf *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\t')
            buf_puts(out, "\\t");
        else if (*p == '\n')
            buf_puts(out, "\\n");
        else if (*p == '\\')
            buf_puts(out, "\\\\");
        else
            buf_append(out, p, 1);
    }
}

void pg_notify_payload(const struct store_change *changes, size_t count, struct buf *out)
{
    size_t start = out->len;
    for (size_t i = 0; changes && i < count && out->len - start <= PG_NOTIFY_MAX; i++) {
        put_escaped(out, changes[i].kind);
        buf_puts(out, "\t");
        put_escaped(out, changes[i].field);
        buf_puts(out, "\t");
        put_escaped(out, changes[i].value);
        buf_puts(out, "\n");
    }
    if (!changes || out->len - start > PG_NOTIFY_MAX || out->len == start) {
        out->len = start; /* too many to say: everything */
        buf_puts(out, "*");
    }
}

/* The static name of a kind a payload names; NULL for one this service does not have. */
static const char *known_kind(const char *kind)
{
    /* ("sync": an instance's own mark before it saves its index, store.c) */
    static const char *const kinds[] = {"event",  "official", "agreement",
                                        "source", "change",   "sync"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return kinds[i];
    return NULL;
}

/* Unescapes one tab-separated field of line into out (at most cap bytes); the rest of the line
 * after the field's tab, or NULL when the field does not end in a tab (last: end of line). */
static const char *take_field(const char *line, char *out, size_t cap, bool last)
{
    size_t o = 0;
    for (const char *p = line; *p && *p != '\n'; p++) {
        if (*p == '\t')
            return last ? NULL : (out[o] = '\0', p + 1);
        char c = *p;
        if (c == '\\' && p[1]) {
            p++;
            c = *p;
            if (c == 't')
                c = '\t';
            else if (c == 'n')
                c = '\n';
        }
        if (o + 1 >= cap)
            return NULL;
        out[o++] = c;
    }
    out[o] = '\0';
    return last ? line : NULL;
}

void pg_notify_read(const char *payload, struct store_changes *list, bool *everything)
{
    *everything = !payload || strcmp(payload, "*") == 0 || !*payload;
    for (const char *line = payload; !*everything && line && *line;) {
        char kind[32], field[64], value[512];
        const char *rest = take_field(line, kind, sizeof kind, false);
        rest = rest ? take_field(rest, field, sizeof field, false) : NULL;
        const char *end = rest ? take_field(rest, value, sizeof value, true) : NULL;
        const char *static_kind = end ? known_kind(kind) : NULL;
        if (!static_kind) {
            *everything = true;
            break;
        }
        store_changes_add(list, static_kind, field, value);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
}

enum jvdr_err pg_notify_send(struct pg *pg, const struct store_change *changes, size_t count)
{
    struct buf payload;
    buf_init(&payload);
    pg_notify_payload(changes, count, &payload);
    const char *params[] = {PG_NOTIFY_CHANNEL, payload.data};
    PGresult *res = NULL;
    enum jvdr_err code =
        payload.failed ? JVDR_E_NOMEM : pg_query(pg, "SELECT pg_notify($1, $2)", params, 2, &res);
    PQclear(res);
    buf_cleanup(&payload);
    return code;
}

struct pg_listener {
    struct pg *pg;
};

enum jvdr_err pg_listener_open(const char *uri, struct pg_listener **out, char *err, size_t errlen)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return JVDR_E_NOMEM;
    enum jvdr_err code = pg_open(uri, &(*out)->pg, err, errlen);
    if (code == JVDR_OK)
        code = pg_exec((*out)->pg, "LISTEN " PG_NOTIFY_CHANNEL, err, errlen);
    if (code != JVDR_OK) {
        pg_listener_free(*out);
        *out = NULL;
    }
    return code;
}

void pg_listener_free(struct pg_listener *listener)
{
    if (!listener)
        return;
    pg_free(listener->pg);
    free(listener);
}

enum jvdr_err pg_listener_wait(struct pg_listener *listener, int timeout_ms,
                               void (*heard)(void *context, const char *payload, int sender),
                               void *context)
{
    PGconn *conn = pg_handle(listener->pg);
    struct pollfd p = {.fd = PQsocket(conn), .events = POLLIN};
    if (p.fd < 0)
        return JVDR_E_BUSY;
    if (poll(&p, 1, timeout_ms) < 0)
        return JVDR_OK; /* interrupted: the caller waits again */
    if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK)
        return JVDR_E_BUSY;
    PGnotify *n;
    while ((n = PQnotifies(conn)) != NULL) {
        heard(context, n->extra, n->be_pid);
        PQfreemem(n);
    }
    return JVDR_OK;
}
