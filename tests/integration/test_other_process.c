/* A commit by another process is seen, whatever this process keeps in memory: for each setting of
 * --cache and --event-index, a server that has answered every class of URL once, then sees
 * writes made through another server on the same database (a change of date, a rename) and a row
 * put in with SQL as an operator would, answers each URL — lists, totals, facets, stats, the
 * timeline, details, search, mentions — exactly as a server started afresh after them. The
 * README promises such a commit is seen within STORE_POLL_MS (5 ms); the test waits past it. On
 * PostgreSQL, where another instance is told by NOTIFY, the same holds. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "writer:other-process-token-0123456789"
#define AUTH "Authorization: Bearer other-process-token-0123456789"

static struct test_server writer, reader, fresh;
static bool reader_cache, reader_index;

static const char *const urls[] = {
    "/v1/events?from=2016&to=2016",
    "/v1/events?from=2018&to=2018",
    "/v1/events",
    "/v1/events?sort=-date&limit=5",
    "/v1/events?sort=title&limit=7",
    "/v1/events?official=nobuo-kishi",
    "/v1/events?official=phan-van-giang&sort=-date",
    "/v1/events?country=VN&limit=4",
    "/v1/events?q=operator",
    "/v1/events?location=hanoi",
    "/v1/events/lich-russia-visit-2018",
    "/v1/events/operator-row-event",
    "/v1/stats",
    "/v1/stats?official=nobuo-kishi",
    "/v1/stats?official=phan-van-giang",
    "/v1/stats?country=JP&from=2016",
    "/v1/timeline",
    "/v1/timeline?official=nobuo-kishi",
    "/v1/timeline?country=VN&limit=10",
    "/v1/timeline?from=2016&to=2016",
    "/v1/officials",
    "/v1/officials/nobuo-kishi",
    "/v1/officials?q=kishi",
    "/v1/agreements?signatory=nobuo-kishi",
    "/v1/search?q=kishi",
    "/v1/search?q=operator",
    "/v1/sources/deepen-security-ties-2021",
    "/v1/sources/deepen-security-ties-2021/mentions",
    "/v1/changes",
};

static void writer_settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

static void reader_settings(struct config *cfg)
{
    cfg->db_path = writer.db_path;
    cfg->cache = reader_cache;
    cfg->event_index = reader_index;
}

static void fresh_settings(struct config *cfg)
{
    cfg->db_path = writer.db_path;
    cfg->cache = false;
    cfg->event_index = false;
}

static void stop(void)
{
    test_server_stop(&fresh);
    test_server_stop(&reader);
    test_server_stop(&writer);
}

static void get(const struct test_server *server, const char *path, struct http_reply *reply)
{
    http_get(server->base_url, path, reply);
}

static void write_through(const char *method, const char *path, const char *body)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", writer.base_url, path);
    const char *const headers[] = {AUTH, "Content-Type: application/merge-patch+json", NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, strlen(body), &reply);
    cr_assert_eq(reply.status, 200, "%s %s: %s", method, path, reply.body);
    http_reply_free(&reply);
}

static void other_process_commits_are_seen(bool cache, bool index)
{
    reader_cache = cache;
    reader_index = index;
    test_server_start(&writer, writer_settings);
    test_server_start(&reader, reader_settings);
    size_t n = sizeof urls / sizeof urls[0];
    /* Every URL answered once, so that whatever the reader keeps is there to be served stale. */
    for (size_t i = 0; i < n; i++) {
        struct http_reply reply;
        get(&reader, urls[i], &reply);
        cr_assert(reply.status == 200 || reply.status == 404, "%s: %ld", urls[i], reply.status);
        http_reply_free(&reply);
    }

    write_through("PATCH", "/v1/events/lich-russia-visit-2018", "{\"date\": \"2016-12-31\"}");
    write_through("PATCH", "/v1/officials/nobuo-kishi", "{\"name\": \"Nobuo Kishi-Renamed\"}");
    test_server_sql(&writer, "INSERT INTO events (id, title, type, date, location, summary) VALUES "
                             "('operator-row-event', 'Operator row', 'meeting', '2016-06', "
                             "'Hanoi', 'Put in by an operator')");
    test_server_sql(&writer, "INSERT INTO event_participants (event_id, official_id, role) "
                             "VALUES ('operator-row-event', 'phan-van-giang', 'host')");
    test_server_sql(&writer, "INSERT INTO event_countries (event_id, country) VALUES "
                             "('operator-row-event', 'VN'), ('operator-row-event', 'JP')");
    /* Past the promised delay (STORE_POLL_MS, 5 ms) before the first look. */
    nanosleep(&(struct timespec){0, 20L * 1000 * 1000}, NULL);

    test_server_start(&fresh, fresh_settings);
    for (size_t i = 0; i < n; i++) {
        struct http_reply seen, truth;
        get(&reader, urls[i], &seen);
        get(&fresh, urls[i], &truth);
        cr_expect_eq(seen.status, truth.status, "%s (cache %d, index %d): %ld, afresh %ld", urls[i],
                     cache, index, seen.status, truth.status);
        cr_expect_str_eq(seen.body, truth.body,
                         "%s (cache %d, index %d): stale:\n%.400s\nafresh:\n%.400s", urls[i], cache,
                         index, seen.body, truth.body);
        http_reply_free(&seen);
        http_reply_free(&truth);
    }
}

Test(other_process, seen_with_the_cache_and_the_index, .fini = stop, .timeout = 60)
{
    other_process_commits_are_seen(true, true);
}

Test(other_process, seen_with_the_cache_alone, .fini = stop, .timeout = 60)
{
    other_process_commits_are_seen(true, false);
}

Test(other_process, seen_with_the_index_alone, .fini = stop, .timeout = 60)
{
    other_process_commits_are_seen(false, true);
}

Test(other_process, seen_with_neither, .fini = stop, .timeout = 60)
{
    other_process_commits_are_seen(false, false);
}

/* A counter of the reader's /metrics (the line that starts with name, labels included). */
static long long metric(const char *name)
{
    struct http_reply reply;
    get(&reader, "/metrics", &reply);
    cr_assert_eq(reply.status, 200);
    long long value = -1;
    for (const char *line = reply.body; line && *line; line = strchr(line, '\n')) {
        line += *line == '\n';
        if (strncmp(line, name, strlen(name)) == 0 && line[strlen(name)] == ' ')
            value = atoll(line + strlen(name) + 1);
    }
    http_reply_free(&reply);
    cr_assert_geq(value, 0, "%s not in /metrics", name);
    return value;
}

static long long loads(void)
{
    return metric("jvdr_event_index_loads_total{from=\"file\"}") +
           metric("jvdr_event_index_loads_total{from=\"database\"}");
}

/* Each answer of the reader as a server started afresh gives it. */
static void reader_answers_afresh(void)
{
    test_server_start(&fresh, fresh_settings);
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        struct http_reply seen, truth;
        get(&reader, urls[i], &seen);
        get(&fresh, urls[i], &truth);
        cr_assert_eq(seen.status, truth.status, "%s: %ld, afresh %ld", urls[i], seen.status,
                     truth.status);
        cr_assert_str_eq(seen.body, truth.body, "%s: stale:\n%.400s\nafresh:\n%.400s", urls[i],
                         seen.body, truth.body);
        http_reply_free(&seen);
        http_reply_free(&truth);
    }
    test_server_stop(&fresh);
}

/* On SQLite another jvdr's writes are journaled: the reader's index reads those records again
 * (a catch-up) instead of loading every event — a million of them take 12-20 s, its answers
 * waiting — and answers as a fresh server does; an operator's SQL, which journals nothing, still
 * makes it load afresh. */
Test(other_process, another_jvdr_s_writes_are_caught_up_not_reloaded, .fini = stop, .timeout = 60)
{
    if (test_server_postgresql())
        return; /* told by NOTIFY there: store_listen.c */
    reader_cache = false;
    reader_index = true;
    test_server_start(&writer, writer_settings);
    test_server_start(&reader, reader_settings);
    struct http_reply reply;
    get(&reader, "/v1/stats", &reply); /* the index loaded */
    http_reply_free(&reply);
    long long loaded = loads();
    cr_assert_eq(loaded, 1);

    write_through("PATCH", "/v1/events/lich-russia-visit-2018", "{\"date\": \"2016-12-31\"}");
    write_through("PATCH", "/v1/officials/nobuo-kishi", "{\"name\": \"Nobuo Kishi-Renamed\"}");
    nanosleep(&(struct timespec){0, 20L * 1000 * 1000}, NULL); /* past STORE_POLL_MS */
    reader_answers_afresh();
    cr_assert_eq(loads(), loaded, "the reader loaded its index again");
    cr_assert_geq(metric("jvdr_event_index_catch_ups_total"), 1);
    cr_assert_geq(metric("jvdr_event_index_caught_up_records_total"), 2);

    test_server_sql(&writer, "UPDATE events SET title = 'Renamed by SQL' "
                             "WHERE id = 'lich-russia-visit-2018'");
    nanosleep(&(struct timespec){0, 20L * 1000 * 1000}, NULL);
    reader_answers_afresh();
    cr_assert_eq(loads(), loaded + 1, "an operator's SQL was not loaded afresh");

    /* After the load, another jvdr's write is caught up again. */
    write_through("PATCH", "/v1/events/lich-russia-visit-2018", "{\"date\": \"2017-01-02\"}");
    nanosleep(&(struct timespec){0, 20L * 1000 * 1000}, NULL);
    reader_answers_afresh();
    cr_assert_eq(loads(), loaded + 1);
}
