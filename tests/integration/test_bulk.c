/* Bulk loads, POST of application/x-ndjson to a collection, as an analyst or an operator relies
 * on them: every line taken as a single POST takes it, all or nothing; every failing line named
 * (up to the documented number, with a count of all); existing ids refused, replaced or skipped as
 * Prefer says; each record its own change; the body's limits; a client gone mid-body leaving
 * nothing; and every record of a store read as its detail loaded back into an empty store,
 * detail for detail. */
#define _GNU_SOURCE /* strcasestr */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/write/bulk.h"
#include "test_http.h"
#include "test_server.h"
#include "test_sse.h"

#define TOKEN "bulk-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_server server, empty;
static unsigned long max_bulk_body = 256ul << 20, max_body = 1 << 20;

static void settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->max_bulk_body = max_bulk_body;
    cfg->max_body = max_body;
}

static void start(void)
{
    test_server_start(&server, settings);
}

static void stop(void)
{
    test_server_stop(&empty);
    test_server_stop(&server);
}

/* POSTs body (len bytes) to the collection as NDJSON, with Prefer when not NULL. */
static void load(const struct test_server *to, const char *collection, const char *body, size_t len,
                 const char *prefer, struct http_reply *reply)
{
    char url[256], prefer_header[128];
    snprintf(url, sizeof url, "%s%s", to->base_url, collection);
    snprintf(prefer_header, sizeof prefer_header, "Prefer: %s", prefer ? prefer : "");
    const char *headers[] = {AUTH, "Content-Type: application/x-ndjson",
                             prefer ? prefer_header : NULL, NULL};
    http_send(NULL, "POST", url, headers, body, len, reply);
}

static long long changes_count(const struct test_server *of)
{
    json_t *page = http_get_json(of->base_url, "/v1/changes?since=0&limit=1000");
    long long n = (long long)json_array_size(json_object_get(page, "items"));
    json_decref(page);
    return n;
}

static void expect_counts(const struct http_reply *reply, long long created, long long replaced,
                          long long unchanged, long long skipped)
{
    cr_assert_eq(reply->status, 200, "%ld %s", reply->status, reply->body);
    json_t *got = json_loads(reply->body, 0, NULL);
    cr_assert_eq(json_integer_value(json_object_get(got, "created")), created, "%s", reply->body);
    cr_assert_eq(json_integer_value(json_object_get(got, "replaced")), replaced, "%s", reply->body);
    cr_assert_eq(json_integer_value(json_object_get(got, "unchanged")), unchanged, "%s",
                 reply->body);
    cr_assert_eq(json_integer_value(json_object_get(got, "skipped")), skipped, "%s", reply->body);
    json_decref(got);
}

/* The lines a refusal names, in order, as "line:pointer" joined by spaces. */
static void named_lines(const struct http_reply *reply, char *out, size_t len)
{
    json_t *problem = json_loads(reply->body, 0, NULL);
    cr_assert_not_null(problem, "%s", reply->body);
    out[0] = '\0';
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(problem, "errors"), i, e)
    {
        size_t at = strlen(out);
        snprintf(out + at, len - at, "%s%lld:%s", at ? " " : "",
                 (long long)json_integer_value(json_object_get(e, "line")),
                 json_string_value(json_object_get(e, "pointer")));
    }
    json_decref(problem);
}

Test(bulk, every_line_lands_as_a_post_would_each_its_own_change, .init = start, .fini = stop)
{
    long long before = changes_count(&server);
    struct sse stream;
    sse_open(&stream, server.port, "/v1/changes", NULL, 0, 5000);
    struct sse_event ev;
    cr_assert(sse_next(&stream, &ev, 5000) && ev.comment);
    sse_event_free(&ev);
    const char body[] = "{\"id\":\"bulk-a\",\"name\":\"Bulk Person A\",\"country\":\"JP\"}\n"
                        "{\"id\":\"bulk-b\",\"name\":\"Bulk Person B\",\"country\":\"VN\","
                        "\"aliases\":[\"B\"]}\r\n"
                        "\n"
                        "{\"name\":\"Bulk Person C\",\"country\":\"US\"}";
    struct http_reply reply;
    load(&server, "/v1/officials", body, sizeof body - 1, NULL, &reply);
    expect_counts(&reply, 3, 0, 0, 0);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before + 3);
    json_t *b = http_get_json(server.base_url, "/v1/officials/bulk-b");
    cr_assert_str_eq(json_string_value(json_object_get(b, "name")), "Bulk Person B");
    json_decref(b);
    json_t *c = http_get_json(server.base_url, "/v1/officials/bulk-person-c");
    cr_assert_str_eq(json_string_value(json_object_get(c, "country")), "US",
                     "an id made from the name, as a POST without one gets");
    json_decref(c);
    json_t *found = http_get_json(server.base_url, "/v1/search?q=bulk%20person&limit=10");
    cr_assert_eq(json_integer_value(json_object_get(found, "total")), 3, "searchable at once");
    json_decref(found);
    for (int i = 0; i < 3; i++) {
        sse_expect(&stream, &ev, 5000);
        cr_assert(strstr(ev.data, "\"action\":\"create\""), "%s", ev.data);
        sse_event_free(&ev);
    }
    sse_close(&stream);
}

Test(bulk, every_bad_line_is_named_and_nothing_is_written, .init = start, .fini = stop)
{
    long long before = changes_count(&server);
    const char body[] = "{\"id\":\"bad-start\",\"name\":\"X\",\"country\":\"ZZ\"}\n"
                        "{\"id\":\"good-1\",\"name\":\"Good One\",\"country\":\"JP\"}\n"
                        "not json at all\n"
                        "{\"id\":\"good-2\",\"name\":\"Good Two\",\"country\":\"JP\"}\n"
                        "[1, 2]\n"
                        "{\"id\":\"good-3\",\"name\":\"Good Three\",\"country\":\"JP\","
                        "\"nickname\":\"x\"}";
    struct http_reply reply;
    load(&server, "/v1/officials", body, sizeof body - 1, NULL, &reply);
    cr_assert_eq(reply.status, 422, "%s", reply.body);
    cr_assert(strcasestr(reply.headers, "Content-Type: application/problem+json"));
    char lines[512];
    named_lines(&reply, lines, sizeof lines);
    cr_assert_str_eq(lines, "1:/country 3: 5: 6:/nickname");
    json_t *problem = json_loads(reply.body, 0, NULL);
    cr_assert_eq(json_integer_value(json_object_get(problem, "error_count")), 4);
    json_decref(problem);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before, "nothing was written");
    http_get(server.base_url, "/v1/officials/good-1", &reply);
    cr_assert_eq(reply.status, 404);
    http_reply_free(&reply);

    /* A line checked against the store (an unknown participant) fails the whole load too. */
    const char refs[] = "{\"id\":\"ok-event\",\"title\":\"Fine\",\"type\":\"meeting\"}\n"
                        "{\"id\":\"bad-event\",\"title\":\"Who\",\"type\":\"meeting\","
                        "\"participants\":[{\"id\":\"nobody-at-all\"}]}\n";
    load(&server, "/v1/events", refs, sizeof refs - 1, NULL, &reply);
    cr_assert_eq(reply.status, 422, "%s", reply.body);
    named_lines(&reply, lines, sizeof lines);
    cr_assert_str_eq(lines, "2:/participants/0/id");
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/events/ok-event", &reply);
    cr_assert_eq(reply.status, 404, "rolled back with the line that failed");
    http_reply_free(&reply);

    /* The failed load's indexing ended with it: a record written after it is found at once. */
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events", server.base_url);
    const char after[] = "{\"id\":\"after-failure\",\"title\":\"Zanzibarish talks\","
                         "\"type\":\"meeting\"}";
    http_send(NULL, "POST", url,
              (const char *const[]){AUTH, "Content-Type: application/json", NULL}, after,
              sizeof after - 1, &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    json_t *found = http_get_json(server.base_url, "/v1/search?q=zanzibarish");
    cr_assert_eq(json_integer_value(json_object_get(found, "total")), 1,
                 "indexed as it was written");
    json_decref(found);
}

Test(bulk, existing_ids_are_refused_replaced_or_skipped_as_prefer_says, .init = start, .fini = stop)
{
    const char first[] = "{\"id\":\"dup-a\",\"name\":\"Dup A\",\"country\":\"JP\"}\n";
    struct http_reply reply;
    load(&server, "/v1/officials", first, sizeof first - 1, NULL, &reply);
    expect_counts(&reply, 1, 0, 0, 0);
    http_reply_free(&reply);
    const char again[] = "{\"id\":\"dup-b\",\"name\":\"Dup B\",\"country\":\"JP\"}\n"
                         "{\"id\":\"dup-a\",\"name\":\"Dup A\",\"country\":\"JP\"}\n"
                         "{\"id\":\"dup-a\",\"name\":\"Dup A renamed\",\"country\":\"JP\"}\n";
    long long before = changes_count(&server);
    load(&server, "/v1/officials", again, sizeof again - 1, NULL, &reply);
    cr_assert_eq(reply.status, 409, "%s", reply.body);
    char lines[256];
    named_lines(&reply, lines, sizeof lines);
    cr_assert_str_eq(lines, "2:/id 3:/id");
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before);

    load(&server, "/v1/officials", again, sizeof again - 1, "resolution=ignore-duplicates", &reply);
    expect_counts(&reply, 1, 0, 0, 2);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before + 1);

    load(&server, "/v1/officials", again, sizeof again - 1, "resolution=merge-duplicates", &reply);
    expect_counts(&reply, 0, 1, 2, 0); /* dup-b and dup-a as they are, then dup-a renamed */
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before + 2, "only what changed is a change");
    json_t *a = http_get_json(server.base_url, "/v1/officials/dup-a");
    cr_assert_str_eq(json_string_value(json_object_get(a, "name")), "Dup A renamed");
    json_decref(a);
    json_t *found = http_get_json(server.base_url, "/v1/search?q=renamed&kind=official");
    cr_assert_eq(json_integer_value(json_object_get(found, "total")), 1,
                 "a replaced record is found by its new words");
    cr_assert_str_eq(json_string_value(
                         json_object_get(json_array_get(json_object_get(found, "items"), 0), "id")),
                     "dup-a");
    json_decref(found);

    load(&server, "/v1/officials", again, sizeof again - 1,
         "resolution=merge-duplicates, resolution=ignore-duplicates", &reply);
    cr_assert_eq(reply.status, 400, "%s", reply.body);
    http_reply_free(&reply);
}

Test(bulk, one_id_on_100000_lines, .init = start, .fini = stop, .timeout = 300)
{
    const char line[] = "{\"id\":\"many\",\"name\":\"Many Times\",\"country\":\"VN\"}\n";
    size_t n = 100000, len = sizeof line - 1;
    char *body = malloc(n * len);
    for (size_t i = 0; i < n; i++)
        memcpy(body + i * len, line, len);
    long long before = changes_count(&server);
    struct http_reply reply;
    load(&server, "/v1/officials", body, n * len, NULL, &reply);
    cr_assert_eq(reply.status, 409, "%s", reply.body);
    json_t *problem = json_loads(reply.body, 0, NULL);
    cr_assert_eq(json_integer_value(json_object_get(problem, "error_count")), 99999);
    cr_assert_eq(json_array_size(json_object_get(problem, "errors")), BULK_MAX_ERRORS);
    json_decref(problem);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before);
    load(&server, "/v1/officials", body, n * len, "resolution=ignore-duplicates", &reply);
    expect_counts(&reply, 1, 0, 0, 99999);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before + 1);
    free(body);
}

Test(bulk, limits_of_the_body_and_of_a_line, .fini = stop)
{
    max_bulk_body = 64 << 10;
    max_body = 4096;
    start();
    max_bulk_body = 256ul << 20;
    max_body = 1 << 20;
    /* A line over JVDR_MAX_BODY, one of invalid UTF-8, one with a NUL, one nested too deep. */
    char body[16384];
    int n = snprintf(body, sizeof body,
                     "{\"id\":\"fine\",\"name\":\"Fine\",\"country\":\"JP\"}\n"
                     "{\"id\":\"long\",\"name\":\"%05000d\",\"country\":\"JP\"}\n"
                     "{\"id\":\"utf\",\"name\":\"bad \xff\xfe\",\"country\":\"JP\"}\n",
                     0);
    memcpy(body + n, "{\"id\":\"nul\",\"name\":\"a\0b\",\"country\":\"JP\"}\n", 42);
    n += 42;
    n += snprintf(body + n, sizeof body - (size_t)n,
                  "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]}\n");
    struct http_reply reply;
    load(&server, "/v1/officials", body, (size_t)n, NULL, &reply);
    cr_assert_eq(reply.status, 422, "%s", reply.body);
    char lines[256];
    named_lines(&reply, lines, sizeof lines);
    cr_assert_str_eq(lines, "2: 3: 4: 5:");
    http_reply_free(&reply);

    /* Over JVDR_MAX_BULK_BODY: 413, whether declared or sent chunked. */
    size_t big = 70 << 10;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    load(&server, "/v1/officials", huge, big, NULL, &reply);
    cr_assert_eq(reply.status, 413, "%s", reply.body);
    http_reply_free(&reply);
    char url[128];
    snprintf(url, sizeof url, "%s/v1/officials", server.base_url);
    const char *chunked[] = {AUTH, "Content-Type: application/x-ndjson",
                             "Transfer-Encoding: chunked", NULL};
    http_send(NULL, "POST", url, chunked, huge, big, &reply);
    cr_assert_eq(reply.status, 413, "%s", reply.body);
    http_reply_free(&reply);
    free(huge);

    /* Refused before the body: no token, another charset. */
    const char *no_token[] = {"Content-Type: application/x-ndjson", NULL};
    http_send(NULL, "POST", url, no_token, "{}\n", 3, &reply);
    cr_assert_eq(reply.status, 401, "%s", reply.body);
    cr_assert(strcasestr(reply.headers, "WWW-Authenticate: Bearer"), "%s", reply.headers);
    http_reply_free(&reply);
    const char *latin[] = {AUTH, "Content-Type: application/x-ndjson; charset=latin1", NULL};
    http_send(NULL, "POST", url, latin, "{}\n", 3, &reply);
    cr_assert_eq(reply.status, 415, "%s", reply.body);
    http_reply_free(&reply);
}

Test(bulk, a_client_gone_mid_body_leaves_nothing, .init = start, .fini = stop)
{
    long long before = changes_count(&server);
    const char head[] = "POST /v1/officials HTTP/1.1\r\nHost: x\r\n" AUTH "\r\n"
                        "Content-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n"
                        "{\"id\":\"half-1\",\"name\":\"Half One\",\"country\":\"JP\"}\n"
                        "{\"id\":\"half-2\",\"name\":\"Half";
    int fd = -1;
    free(raw_exchange_open(server.port, head, &fd));
    close(fd); /* gone, the body cut mid-line */
    /* The server answers on and has written nothing (the load never began). */
    struct http_reply reply;
    http_get(server.base_url, "/v1/officials/half-1", &reply);
    cr_assert_eq(reply.status, 404);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(&server), before);
}

/* DELETEs every record of collection through the API it can (a record still referred to is left
 * for a later pass); returns how many are left. */
static size_t delete_all(struct test_server *s, const char *collection)
{
    size_t left = 0;
    char path[128], url[256];
    snprintf(path, sizeof path, "%s?limit=500", collection);
    json_t *page = http_get_json(s->base_url, path);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        snprintf(url, sizeof url, "%s%s/%s", s->base_url, collection,
                 json_string_value(json_object_get(item, "id")));
        const char *headers[] = {AUTH, NULL};
        struct http_reply reply;
        http_call(NULL, "DELETE", url, headers, &reply);
        cr_assert(reply.status == 204 || reply.status == 409, "DELETE %s: %ld %s", url,
                  reply.status, reply.body);
        left += reply.status == 409;
        http_reply_free(&reply);
    }
    json_decref(page);
    return left;
}

/* Every record of collection in from, each read as its detail, a line each. */
static char *details_of(struct test_server *from, const char *collection, size_t *len)
{
    char path[128];
    snprintf(path, sizeof path, "%s?limit=500", collection);
    json_t *page = http_get_json(from->base_url, path);
    size_t cap = 1 << 16, used = 0;
    char *body = malloc(cap);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        snprintf(path, sizeof path, "%s/%s", collection,
                 json_string_value(json_object_get(item, "id")));
        struct http_reply reply;
        http_get(from->base_url, path, &reply);
        cr_assert_eq(reply.status, 200);
        while (used + reply.body_len + 2 > cap)
            body = realloc(body, cap *= 2);
        memcpy(body + used, reply.body, reply.body_len);
        used += reply.body_len;
        body[used++] = '\n';
        http_reply_free(&reply);
    }
    json_decref(page);
    *len = used;
    return body;
}

/* Every detail of collection is the same in both stores. */
static void same_details(const char *collection)
{
    char path[128];
    snprintf(path, sizeof path, "%s?limit=500", collection);
    json_t *a = http_get_json(server.base_url, path), *b = http_get_json(empty.base_url, path);
    cr_assert_eq(json_integer_value(json_object_get(a, "total")),
                 json_integer_value(json_object_get(b, "total")), "%s", collection);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(a, "items"), i, item)
    {
        snprintf(path, sizeof path, "%s/%s", collection,
                 json_string_value(json_object_get(item, "id")));
        json_t *x = http_get_json(server.base_url, path), *y = http_get_json(empty.base_url, path);
        char *xs = json_dumps(x, JSON_SORT_KEYS), *ys = json_dumps(y, JSON_SORT_KEYS);
        cr_assert_str_eq(xs, ys, "%s differs", path);
        free(xs);
        free(ys);
        json_decref(x);
        json_decref(y);
    }
    json_decref(a);
    json_decref(b);
}

static void empty_settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

Test(bulk, every_detail_loads_back_into_an_empty_store, .init = start, .fini = stop, .timeout = 300)
{
    /* Writes on the store first: a new official, an edited event, a new agreement. */
    const char official[] = "{\"id\":\"round-trip\",\"name\":\"Round Trip\",\"country\":\"JP\","
                            "\"aliases\":[\"RT\"],\"summary\":\"Loaded back.\"}\n";
    struct http_reply reply;
    load(&server, "/v1/officials", official, sizeof official - 1, NULL, &reply);
    expect_counts(&reply, 1, 0, 0, 0);
    http_reply_free(&reply);
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events/admm-2020", server.base_url);
    const char *patch[] = {AUTH, "Content-Type: application/merge-patch+json", NULL};
    const char edit[] = "{\"summary\":\"Edited before the round trip.\"}";
    http_send(NULL, "PATCH", url, patch, edit, sizeof edit - 1, &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);

    test_server_start(&empty, empty_settings);
    size_t left = 1;
    for (int pass = 0; pass < 4 && left; pass++)
        left = delete_all(&empty, "/v1/events") + delete_all(&empty, "/v1/agreements") +
               delete_all(&empty, "/v1/officials") + delete_all(&empty, "/v1/sources");
    cr_assert_eq(left, 0, "the second store is empty");

    /* Sources with their texts, then officials, agreements, events. */
    size_t len;
    char *lines = details_of(&server, "/v1/sources", &len);
    load(&empty, "/v1/sources", lines, len, NULL, &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    free(lines);
    json_t *sources = http_get_json(server.base_url, "/v1/sources?limit=500");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(sources, "items"), i, s)
    {
        char path[160];
        snprintf(path, sizeof path, "/v1/sources/%s/text",
                 json_string_value(json_object_get(s, "id")));
        struct http_reply text;
        http_get(server.base_url, path, &text);
        if (text.status == 200) {
            snprintf(url, sizeof url, "%s%s", empty.base_url, path);
            const char *put[] = {AUTH, "Content-Type: text/plain; charset=utf-8", NULL};
            http_send(NULL, "PUT", url, put, text.body, text.body_len, &reply);
            cr_assert_lt(reply.status, 300, "%s: %s", path, reply.body);
            http_reply_free(&reply);
        }
        http_reply_free(&text);
    }
    json_decref(sources);
    static const char *const order[] = {"/v1/officials", "/v1/agreements", "/v1/events"};
    for (size_t k = 0; k < 3; k++) {
        lines = details_of(&server, order[k], &len);
        load(&empty, order[k], lines, len, NULL, &reply);
        cr_assert_eq(reply.status, 200, "%s: %s", order[k], reply.body);
        http_reply_free(&reply);
        free(lines);
    }
    same_details("/v1/sources");
    same_details("/v1/officials");
    same_details("/v1/agreements");
    same_details("/v1/events");
}

/* Past BULK_EXACT_FACTS records the cache and the index of events are told that everything may
 * have changed: lists, totals and search answer the load at once all the same. */
Test(bulk, a_large_load_is_seen_at_once_by_lists_stats_and_search, .init = start, .fini = stop,
     .timeout = 300)
{
    json_t *stats = http_get_json(server.base_url, "/v1/stats");
    long long total = json_integer_value(json_object_get(stats, "total"));
    json_decref(stats);
    json_decref(http_get_json(server.base_url, "/v1/events?limit=1")); /* cached */
    size_t n = 1500, cap = n * 200, used = 0;
    char *body = malloc(cap);
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(body + used, cap - used,
                                 "{\"id\":\"load-%zu\",\"title\":\"Loaded meeting %zu\","
                                 "\"type\":\"meeting\",\"date\":\"2030-01-%02zu\"}\n",
                                 i, i, 1 + i % 28);
    struct http_reply reply;
    load(&server, "/v1/events", body, used, NULL, &reply);
    expect_counts(&reply, (long long)n, 0, 0, 0);
    http_reply_free(&reply);
    free(body);
    stats = http_get_json(server.base_url, "/v1/stats");
    cr_assert_eq(json_integer_value(json_object_get(stats, "total")), total + (long long)n);
    json_decref(stats);
    json_t *page = http_get_json(server.base_url, "/v1/events?limit=1&sort=-date");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(page, "items"), 0), "date")),
                     "2030-01-28");
    json_decref(page);
    json_t *found = http_get_json(server.base_url, "/v1/search?q=loaded%20meeting%201499");
    cr_assert_eq(json_integer_value(json_object_get(found, "total")), 1);
    json_decref(found);
}

/* Loads big enough to leave tens of thousands of pages in SQLite's write-ahead log: folding them
 * back into the database file is the checkpointer thread's work, after the loads have answered,
 * not a load's own (a checkpoint inside a commit once held a write 1.6 s on a large store). */
Test(bulk, a_large_load_is_checkpointed_beside_the_writer, .init = start, .fini = stop,
     .timeout = 300)
{
    if (test_server_postgresql())
        cr_skip_test("SQLite's write-ahead log");
    char db_file[256];
    snprintf(db_file, sizeof db_file, "%s", server.db_path);
    FILE *f = fopen(db_file, "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long before = ftell(f);
    fclose(f);
    unsigned long long checkpoints = test_server_metric(&server, "jvdr_wal_checkpoints_total");

    /* Loads of 3,000 events until the log is long enough for the thread, which works after a
     * load's answer: the wait is bounded by the test's timeout, not by a guess at its speed.
     * Then the pages are in the file. */
    enum { EVENTS = 3000 };
    size_t size = (size_t)EVENTS * 300;
    char *body = malloc(size);
    cr_assert_not_null(body);
    int loads = 0;
    while (test_server_metric(&server, "jvdr_wal_checkpoints_total") == checkpoints) {
        size_t len = 0;
        for (int i = 0; i < EVENTS; i++)
            len += (size_t)snprintf(body + len, size - len,
                                    "{\"id\": \"checkpoint-%d-%04d\", \"title\": \"A load to "
                                    "checkpoint, line %d, with words enough for the search "
                                    "index\", \"type\": \"meeting\", \"date\": \"2020-01-%02d\"}\n",
                                    loads, i, i, 1 + i % 28);
        struct http_reply reply;
        load(&server, "/v1/events", body, len, NULL, &reply);
        cr_assert_eq(reply.status, 200, "%s", reply.body);
        http_reply_free(&reply);
        loads++;
        for (int waits = 0;
             waits < 100 &&
             test_server_metric(&server, "jvdr_wal_checkpoints_total") == checkpoints;
             waits++)
            usleep(10000); /* a second for the thread, if this load was enough */
    }
    free(body);
    f = fopen(db_file, "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long after = ftell(f);
    fclose(f);
    cr_assert_gt(after, before + 1000 * 1024, "the file grew from %ld to %ld bytes", before, after);
    struct http_reply event;
    http_get(server.base_url, "/v1/events/checkpoint-0-2999", &event);
    cr_assert_eq(event.status, 200);
    http_reply_free(&event);
}
