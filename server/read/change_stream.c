/* The live change stream: GET /v1/changes with Accept: text/event-stream (or ?format=sse), in
 * the format of the WHATWG HTML standard's server-sent events. Each change is one event of the
 * default type, `id:` its cursor and `data:` the object /v1/changes lists, so that a browser's
 * EventSource hands every change to onmessage and, reconnecting, sends the last cursor as
 * Last-Event-ID: nothing missed, nothing repeated. The changes come from the store's change feed
 * (store/change_feed.h); the connection sleeps between them (http/live.h), costing no thread. */
#include "jvdr/read/change_stream.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/log.h"
#include "jvdr/http/live.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/store/change_feed.h"
#include "jvdr/store/db.h"

/* How long a browser waits before reconnecting after the stream ends (the `retry:` field). */
#define STREAM_RETRY_MS 2000

struct change_stream {
    struct live_signal signal;
    struct feed_reader *reader;
    struct metrics *metrics;
    struct buf pending; /* made, not yet handed to libmicrohttpd */
    size_t handed;      /* of pending */
    bool opened;
};

/* One change as an event: its cursor as the id, its JSON as data (a line each, should the JSON
 * ever hold a line break, which the client joins back with "\n": JSON whitespace). */
static void emit(void *context, long long seq, const char *json, size_t len)
{
    struct change_stream *s = context;
    buf_printf(&s->pending, "id: %lld\n", seq);
    const char *p = json, *end = json + len;
    do {
        size_t n = 0;
        while (p + n < end && p[n] != '\n' && p[n] != '\r')
            n++;
        buf_puts(&s->pending, "data: ");
        buf_append(&s->pending, p, n);
        buf_puts(&s->pending, "\n");
        p += n + (p + n < end);
    } while (p < end);
    buf_puts(&s->pending, "\n");
    atomic_fetch_add(&s->metrics->stream_events, 1);
}

static long stream_read(void *context, char *out, size_t max)
{
    struct change_stream *s = context;
    if (s->handed == s->pending.len) {
        s->pending.len = 0;
        s->handed = 0;
        if (!s->opened) {
            /* At once, so that a client knows the stream is open before any change. */
            s->opened = true;
            buf_printf(&s->pending, ": jvdr changes\nretry: %d\n\n", STREAM_RETRY_MS);
        } else {
            switch (feed_reader_take(s->reader, max, emit, s)) {
            case FEED_SENT:
                break;
            case FEED_BEAT:
                buf_puts(&s->pending, ": keep-alive\n\n");
                break;
            case FEED_WAIT:
                return STREAM_WAIT;
            case FEED_END:
                return 0;
            case FEED_DROPPED:
                return -1; /* counted as it closes */
            }
        }
        if (s->pending.failed)
            return -1;
    }
    size_t n = s->pending.len - s->handed;
    if (n > max)
        n = max;
    memcpy(out, s->pending.data + s->handed, n);
    s->handed += n;
    return (long)n;
}

static void stream_done(void *context)
{
    struct change_stream *s = context;
    if (feed_reader_dropped(s->reader)) {
        atomic_fetch_add(&s->metrics->streams_dropped, 1);
        log_error("dropped a change stream whose client fell more than JVDR_STREAM_BACKLOG "
                  "behind (it resumes with Last-Event-ID)");
    }
    feed_reader_close(s->reader); /* no wake after this */
    atomic_fetch_sub(&s->metrics->streams_open, 1);
    live_signal_cleanup(&s->signal);
    buf_cleanup(&s->pending);
    free(s);
}

static void stream_wake(void *context)
{
    struct change_stream *s = context;
    live_wake(&s->signal);
}

/* Last-Event-ID as a cursor: digits only. */
static enum jvdr_err last_event_id(struct request *req, bool *given, unsigned long *cursor)
{
    const char *value = request_header(req, "Last-Event-ID");
    if (!value)
        return JVDR_OK;
    size_t len = strlen(value);
    bool digits = len > 0 && len <= 18;
    for (size_t i = 0; digits && i < len; i++)
        digits = value[i] >= '0' && value[i] <= '9';
    if (!digits)
        return request_fail(req, JVDR_E_BAD_REQUEST,
                            "Last-Event-ID must be a change's cursor (the id of an event of this "
                            "stream)");
    *given = true;
    *cursor = strtoul(value, NULL, 10);
    return JVDR_OK;
}

/* The newest change's cursor (0 when there is none). */
static enum jvdr_err newest(struct request *req, long long *seq)
{
    struct stmt *stmt = db_stmt(req->db, "SELECT coalesce(max(seq), 0) FROM changes");
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc = stmt_step(stmt);
    if (rc == DB_ROW)
        *seq = stmt_int64(stmt, 0);
    db_stmt_done(stmt);
    return rc == DB_ROW ? JVDR_OK : db_error(rc);
}

enum jvdr_err change_stream_open(struct request *req, struct response *res, bool since_given,
                                 unsigned long since, const char *kind, const char *id)
{
    if (params_get(req, "limit"))
        return params_fail(req, "limit", "is not taken by the live stream, which has no end");
    enum jvdr_err code = last_event_id(req, &since_given, &since);
    long long head = 0;
    if (code == JVDR_OK)
        code = newest(req, &head);
    if (code != JVDR_OK)
        return code;
    /* A cursor past the newest change starts the stream there. */
    long long after = since_given && (long long)since < head ? (long long)since : head;
    response_header(res, "X-Accel-Buffering", "no"); /* nginx: pass each event on at once */
    if (req->method == HTTP_HEAD) {
        response_body(res, 200, "text/event-stream", NULL, 0);
        return JVDR_OK;
    }
    struct site *site = req->site;
    struct change_feed *feed = site->store->feed;
    struct change_stream *s = calloc(1, sizeof *s);
    if (!s)
        return JVDR_E_NOMEM;
    live_signal_init(&s->signal);
    buf_init(&s->pending);
    s->metrics = &site->metrics;
    code = feed ? feed_reader_open(feed, req->client, after, kind, id, stream_wake, s, &s->reader)
                : JVDR_E_BUSY;
    if (code != JVDR_OK) {
        live_signal_cleanup(&s->signal);
        free(s);
        atomic_fetch_add(&site->metrics.streams_refused, 1);
        if (code == JVDR_E_RATE_LIMITED) {
            response_header(res, "Retry-After", "5");
            return request_fail(req, code,
                                "this client holds %u live streams, the limit "
                                "(JVDR_MAX_STREAMS_PER_CLIENT)",
                                site->config->max_streams_per_client);
        }
        return code == JVDR_E_BUSY
                   ? request_fail(req, code,
                                  "%u live streams are open, the limit (JVDR_MAX_STREAMS), or the "
                                  "service is stopping",
                                  site->config->max_streams)
                   : code;
    }
    atomic_fetch_add(&site->metrics.streams_open, 1);
    response_stream(res, 200, "text/event-stream",
                    (struct response_stream){stream_read, stream_done, s, &s->signal});
    return JVDR_OK;
}
