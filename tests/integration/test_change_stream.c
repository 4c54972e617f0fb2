/* The live change stream, GET /v1/changes as Server-Sent Events, as a dashboard relies on it:
 * every write once, in commit order, as the same object the list shows; a reconnect with
 * Last-Event-ID or ?since= misses nothing and repeats nothing, even from far behind; filters;
 * malformed cursors refused; limits per client and in all; a client that stops reading dropped
 * without holding anyone else up; a write by another server on the same database reaching this
 * one's streams; SIGTERM ending streams cleanly. Every wait is bounded and only ever fails a test:
 * each test first reads the stream's opening comment, so the stream is known to be open before
 * anything is written. */
#define _GNU_SOURCE /* strcasestr */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"
#include "test_server.h"
#include "test_sse.h"

#define TOKEN "stream-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN
#define WAIT_MS 10000 /* a generous bound: a healthy server takes milliseconds */

static struct test_server server, other;
static unsigned max_streams = 200, per_client = 8;
static unsigned long backlog = 1 << 20;
static unsigned timeout_seconds = 30;

static void settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->max_streams = max_streams;
    cfg->max_streams_per_client = per_client;
    cfg->stream_backlog = backlog;
    cfg->timeout_seconds = timeout_seconds;
}

static void other_settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->db_path = server.db_path;
}

static void start(void)
{
    test_server_start(&server, settings);
}

static void stop(void)
{
    test_server_stop(&other);
    test_server_stop(&server);
}

/* Opens a stream on target and reads its opening comment: from here on it sees every change. */
static void open_stream(struct sse *s, unsigned port, const char *target, const char *headers)
{
    sse_open(s, port, target, headers, 0, WAIT_MS);
    cr_assert_eq(s->status, 200, "%s answered %d: %s", target, s->status, s->head);
    cr_assert(strcasestr(s->head, "Content-Type: text/event-stream"), "%s", s->head);
    struct sse_event ev;
    cr_assert(sse_next(s, &ev, WAIT_MS), "the stream's opening comment");
    cr_assert_not_null(ev.comment);
    sse_event_free(&ev);
}

static void write_json(const struct test_server *to, const char *method, const char *path,
                       const char *body, long expect)
{
    http_write(to->base_url, AUTH, method, path, body, expect);
}

static void create_official(const char *id)
{
    char body[256];
    snprintf(body, sizeof body, "{\"id\":\"%s\",\"name\":\"Stream Person %s\",\"country\":\"JP\"}",
             id, id);
    write_json(&server, "POST", "/v1/officials", body, 201);
}

/* The newest change's cursor, from the list. */
static long long newest_cursor(void)
{
    json_t *page = http_get_json(server.base_url, "/v1/changes?since=0&limit=1000");
    json_t *items = json_object_get(page, "items");
    size_t n = json_array_size(items);
    long long cursor =
        n ? json_integer_value(json_object_get(json_array_get(items, n - 1), "cursor")) : 0;
    json_decref(page);
    return cursor;
}

static long long event_cursor(const struct sse_event *ev)
{
    json_t *data = json_loads(ev->data, 0, NULL);
    cr_assert_not_null(data, "data is JSON: %s", ev->data);
    long long cursor = json_integer_value(json_object_get(data, "cursor"));
    cr_assert_eq(cursor, atoll(ev->id), "the id is the change's cursor");
    json_decref(data);
    return cursor;
}

Test(change_stream, every_write_once_in_order_as_the_list_shows_it, .init = start, .fini = stop)
{
    long long before = newest_cursor();
    struct sse s;
    open_stream(&s, server.port, "/v1/changes", NULL);
    cr_assert(strcasestr(s.head, "X-Accel-Buffering: no"), "%s", s.head);
    cr_assert(strcasestr(s.head, "Cache-Control: no-store"), "%s", s.head);
    create_official("stream-a");
    write_json(&server, "PATCH", "/v1/officials/stream-a", "{\"summary\":\"changed\"}", 200);
    write_json(&server, "DELETE", "/v1/officials/stream-a", NULL, 204);

    char path[64];
    snprintf(path, sizeof path, "/v1/changes?since=%lld", before);
    json_t *page = http_get_json(server.base_url, path);
    json_t *items = json_object_get(page, "items");
    cr_assert_eq(json_array_size(items), 3);
    const char *actions[] = {"create", "update", "delete"};
    for (size_t i = 0; i < 3; i++) {
        struct sse_event ev;
        sse_expect(&s, &ev, WAIT_MS);
        json_t *data = json_loads(ev.data, 0, NULL);
        cr_assert(json_equal(data, json_array_get(items, i)), "event %zu is the list's item: %s", i,
                  ev.data);
        cr_assert_str_eq(json_string_value(json_object_get(data, "action")), actions[i]);
        event_cursor(&ev);
        json_decref(data);
        sse_event_free(&ev);
    }
    json_decref(page);
    sse_close(&s);
}

Test(change_stream, resumes_from_last_event_id_or_since_without_gaps_or_repeats, .init = start,
     .fini = stop)
{
    long long first = newest_cursor();
    for (int i = 0; i < 5; i++) {
        char id[32];
        snprintf(id, sizeof id, "resume-%d", i);
        create_official(id);
    }
    /* Last-Event-ID wins over since, as a reconnecting EventSource sends both. */
    char target[64], header[64];
    snprintf(target, sizeof target, "/v1/changes?since=%lld", first);
    snprintf(header, sizeof header, "Last-Event-ID: %lld\r\n", first + 2);
    struct sse s;
    open_stream(&s, server.port, target, header);
    long long last = first + 2;
    for (int i = 0; i < 3; i++) {
        struct sse_event ev;
        sse_expect(&s, &ev, WAIT_MS);
        long long cursor = event_cursor(&ev);
        cr_assert_gt(cursor, last, "in order, none repeated");
        last = cursor;
        sse_event_free(&ev);
    }
    cr_assert_eq(last, newest_cursor(), "nothing missed up to the newest");
    create_official("resume-live");
    struct sse_event ev;
    sse_expect(&s, &ev, WAIT_MS);
    cr_assert(strstr(ev.data, "\"resume-live\""), "then live: %s", ev.data);
    sse_event_free(&ev);
    sse_close(&s);

    /* ?format=sse for clients that cannot set Accept; since alone. */
    snprintf(target, sizeof target, "/v1/changes?format=sse&since=%lld", first + 4);
    sse_open(&s, server.port, target, NULL, 0, WAIT_MS);
    cr_assert_eq(s.status, 200);
    sse_expect(&s, &ev, WAIT_MS);
    cr_assert_eq(event_cursor(&ev), first + 5);
    sse_event_free(&ev);
    sse_close(&s);
}

Test(change_stream, far_behind_the_window_comes_up_from_the_database, .fini = stop)
{
    backlog = 4096; /* a few changes: most of what follows is read back from the database */
    start();
    backlog = 1 << 20;
    long long first = newest_cursor();
    for (int i = 0; i < 40; i++) {
        char id[32];
        snprintf(id, sizeof id, "behind-%d", i);
        create_official(id);
    }
    char target[64];
    snprintf(target, sizeof target, "/v1/changes?since=%lld", first);
    struct sse s;
    open_stream(&s, server.port, target, NULL);
    for (int i = 0; i < 40; i++) {
        struct sse_event ev;
        sse_expect(&s, &ev, WAIT_MS);
        cr_assert_eq(event_cursor(&ev), first + 1 + i, "change %d of 40 in order", i);
        sse_event_free(&ev);
    }
    create_official("behind-live");
    struct sse_event ev;
    sse_expect(&s, &ev, WAIT_MS);
    cr_assert_eq(event_cursor(&ev), first + 41);
    sse_event_free(&ev);
    sse_close(&s);
}

Test(change_stream, filters_by_kind_and_record, .init = start, .fini = stop)
{
    struct sse by_id, by_kind;
    open_stream(&by_id, server.port, "/v1/changes?id=filter-b", NULL);
    open_stream(&by_kind, server.port, "/v1/changes?kind=event", NULL);
    create_official("filter-a");
    create_official("filter-b");
    write_json(&server, "POST", "/v1/events",
               "{\"id\":\"filter-event\",\"title\":\"Filtered\",\"type\":\"meeting\","
               "\"date\":\"2024-01-02\"}",
               201);
    struct sse_event ev;
    sse_expect(&by_id, &ev, WAIT_MS);
    cr_assert(strstr(ev.data, "\"id\":\"filter-b\""), "%s", ev.data);
    sse_event_free(&ev);
    sse_expect(&by_kind, &ev, WAIT_MS);
    cr_assert(strstr(ev.data, "\"kind\":\"event\""), "%s", ev.data);
    sse_event_free(&ev);
    sse_close(&by_id);
    sse_close(&by_kind);
}

static void expect_problem(const char *target, const char *header, int status)
{
    struct sse s;
    sse_open(&s, server.port, target, header, 0, WAIT_MS);
    cr_assert_eq(s.status, status, "%s %s: %s", target, header ? header : "", s.head);
    cr_assert(strcasestr(s.head, "Content-Type: application/problem+json"), "%s", s.head);
    sse_close(&s);
}

Test(change_stream, malformed_cursors_are_refused_and_a_future_one_starts_at_the_newest,
     .init = start, .fini = stop)
{
    expect_problem("/v1/changes", "Last-Event-ID: abc\r\n", 400);
    expect_problem("/v1/changes", "Last-Event-ID: -1\r\n", 400);
    expect_problem("/v1/changes", "Last-Event-ID:\r\n", 400);
    expect_problem("/v1/changes", "Last-Event-ID: 99999999999999999999999\r\n", 400);
    expect_problem("/v1/changes?since=x", NULL, 400);
    expect_problem("/v1/changes?limit=5", NULL, 400);
    expect_problem("/v1/changes?kind=nope", NULL, 400);

    long long newest = newest_cursor();
    struct sse s;
    char header[64];
    snprintf(header, sizeof header, "Last-Event-ID: %lld\r\n", newest + 1000);
    open_stream(&s, server.port, "/v1/changes", header);
    create_official("future");
    struct sse_event ev;
    sse_expect(&s, &ev, WAIT_MS);
    cr_assert_eq(event_cursor(&ev), newest + 1, "the next change, not one 1000 on");
    sse_event_free(&ev);
    sse_close(&s);
}

/* Waits, within a bound, until /metrics says series is value: the server notices a closed
 * client when it next looks (every second). */
static void await_metric(const char *series, unsigned long value)
{
    for (int i = 0; i < 300 && test_server_metric(&server, series) != value; i++)
        usleep(100 * 1000);
    cr_assert_eq(test_server_metric(&server, series), value, "%s", series);
}

Test(change_stream, limits_per_client_and_in_all, .fini = stop)
{
    per_client = 2;
    start();
    per_client = 8;
    struct sse a, b, refused;
    open_stream(&a, server.port, "/v1/changes", NULL);
    open_stream(&b, server.port, "/v1/changes", NULL);
    sse_open(&refused, server.port, "/v1/changes", NULL, 0, WAIT_MS);
    cr_assert_eq(refused.status, 429, "%s", refused.head);
    cr_assert(strcasestr(refused.head, "Retry-After:"), "%s", refused.head);
    sse_close(&refused);
    cr_assert_eq(test_server_metric(&server, "jvdr_streams_open"), 2);
    cr_assert_eq(test_server_metric(&server, "jvdr_streams_refused_total"), 1);

    /* A client that goes away frees its place. */
    sse_close(&a);
    await_metric("jvdr_streams_open", 1);
    open_stream(&a, server.port, "/v1/changes", NULL);
    sse_close(&a);
    sse_close(&b);
    test_server_stop(&server);

    max_streams = 2;
    start();
    max_streams = 200;
    open_stream(&a, server.port, "/v1/changes", NULL);
    open_stream(&b, server.port, "/v1/changes", NULL);
    sse_open(&refused, server.port, "/v1/changes", NULL, 0, WAIT_MS);
    cr_assert_eq(refused.status, 503, "%s", refused.head);
    cr_assert(strcasestr(refused.head, "Retry-After:"), "%s", refused.head);
    sse_close(&refused);
    /* Everything else is still served. */
    struct http_reply reply;
    http_get(server.base_url, "/v1/events?limit=1", &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
    sse_close(&a);
    sse_close(&b);
}

Test(change_stream, head_answers_the_headers_alone, .init = start, .fini = stop)
{
    char url[128];
    snprintf(url, sizeof url, "%s/v1/changes?format=sse", server.base_url);
    struct http_reply reply;
    http_call(NULL, "HEAD", url, NULL, &reply);
    cr_assert_eq(reply.status, 200);
    cr_assert(strcasestr(reply.headers, "Content-Type: text/event-stream"), "%s", reply.headers);
    http_reply_free(&reply);
    cr_assert_eq(test_server_metric(&server, "jvdr_streams_open"), 0);
}

/* A client that stops reading: once it is more than the backlog behind it is dropped (its
 * connection closed when the server cannot send to it for JVDR_TIMEOUT), while a stream that
 * reads gets every change and writes go on. */
Test(change_stream, a_client_that_stops_reading_is_dropped_alone, .fini = stop)
{
    backlog = 64 << 10;
    timeout_seconds = 2;
    start();
    backlog = 1 << 20;
    timeout_seconds = 30;
    struct sse stuck, reading;
    sse_open(&stuck, server.port, "/v1/changes", NULL, 4096, WAIT_MS);
    cr_assert_eq(stuck.status, 200);
    open_stream(&reading, server.port, "/v1/changes", NULL);
    create_official("stuck");
    long long first = newest_cursor();
    /* About 2 MB of changes: far more than the backlog, the socket buffers and libmicrohttpd's. */
    struct sse_event ev;
    sse_expect(&reading, &ev, WAIT_MS); /* the create */
    sse_event_free(&ev);
    char *body = malloc(4000);
    for (int i = 0; i < 300; i++) {
        snprintf(body, 4000, "{\"summary\":\"%0*d\"}", 3000, i);
        write_json(&server, "PATCH", "/v1/officials/stuck", body, 200);
        sse_expect(&reading, &ev, WAIT_MS);
        cr_assert_eq(event_cursor(&ev), first + 1 + i);
        sse_event_free(&ev);
    }
    free(body);
    await_metric("jvdr_streams_dropped_total", 1);
    await_metric("jvdr_streams_open", 1);
    sse_close(&stuck);
    sse_close(&reading);
}

/* A write through another server on the same database reaches this one's streams: on SQLite
 * another process's commit to the file, on PostgreSQL another instance's NOTIFY. */
Test(change_stream, a_write_through_another_server_reaches_the_stream, .init = start, .fini = stop)
{
    test_server_start(&other, other_settings);
    struct sse s;
    open_stream(&s, server.port, "/v1/changes", NULL);
    write_json(&other, "POST", "/v1/officials",
               "{\"id\":\"from-other\",\"name\":\"Other Server\",\"country\":\"VN\"}", 201);
    struct sse_event ev;
    sse_expect(&s, &ev, WAIT_MS);
    cr_assert(strstr(ev.data, "\"from-other\""), "%s", ev.data);
    sse_event_free(&ev);
    sse_close(&s);
}

Test(change_stream, metrics_count_streams_and_events, .init = start, .fini = stop)
{
    struct sse s;
    open_stream(&s, server.port, "/v1/changes", NULL);
    cr_assert_eq(test_server_metric(&server, "jvdr_streams_open"), 1);
    create_official("counted");
    struct sse_event ev;
    sse_expect(&s, &ev, WAIT_MS);
    sse_event_free(&ev);
    cr_assert_eq(test_server_metric(&server, "jvdr_stream_events_total"), 1);
    sse_close(&s);
}

Test(change_stream, sigterm_ends_every_stream_cleanly)
{
    char dir[] = "/tmp/jvdr-stream-XXXXXX", db[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    const char *const args[] = {"--port", "0", "--db", db, "--shutdown-timeout", "30", NULL};
    struct test_process p = {0};
    test_process_start(&p, args, NULL);
    struct sse a, b;
    open_stream(&a, p.port, "/v1/changes", NULL);
    open_stream(&b, p.port, "/v1/changes?kind=event", NULL);
    /* Were the streams left to the 30 s shutdown timeout, they would be cut, not ended. */
    int status = test_process_stop(&p, SIGTERM);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct sse_event ev;
    cr_assert_not(sse_next(&a, &ev, WAIT_MS));
    cr_assert(a.closed_cleanly, "the stream ended with its last chunk");
    cr_assert_not(sse_next(&b, &ev, WAIT_MS));
    cr_assert(b.closed_cleanly);
    sse_close(&a);
    sse_close(&b);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
