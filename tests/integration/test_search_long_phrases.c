/* A phrase of three or more common words on /v1/events: the index's pairs narrow it to the events
 * holding each of its words and pairs, and each event shown is then read to confirm the words come
 * in one run (server/store/event_index_loose_page.c). Here every word is common
 * (search_common_rows 1) and at most three narrowed events are confirmed before the total is
 * estimated (search_confirm_rows 3), so that a handful of events shows both answers: the page
 * is always exactly the engine's, the total exact or marked as estimated. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "long-phrases-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_server server;
static void settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->search_common_rows = 1;
    cfg->search_confirm_rows = 3;
}
static void start(void)
{
    test_server_start(&server, settings);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(search_long_phrases, .init = start, .fini = stop);

static void event(const char *id, const char *title, const char *date)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\": \"%s\", \"title\": \"%s\", \"type\": \"meeting\", \"date\": \"%s\", "
             "\"countries\": [\"JP\", \"VN\"]}",
             id, title, date);
    http_write(server.base_url, AUTH, "POST", "/v1/events", body, 201);
}

/* A list's page: its ids comma-joined, its total, and whether it says the total is estimated
 * (in the body and the header alike). */
struct page {
    char ids[1024];
    long long total;
    bool estimated;
};

static struct page list(const char *path)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %ld %s", path, reply.status, reply.body);
    json_t *body = http_json(&reply);
    struct page p = {.total = json_integer_value(json_object_get(body, "total"))};
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(body, "items"), i, item)
    {
        size_t at = strlen(p.ids);
        snprintf(p.ids + at, sizeof p.ids - at, "%s%s", at ? "," : "",
                 json_string_value(json_object_get(item, "id")));
    }
    p.estimated = json_is_true(json_object_get(body, "total_estimated"));
    char header[16];
    bool marked = http_header(&reply, "X-Total-Estimated", header, sizeof header) != NULL;
    cr_assert_eq(marked, p.estimated, "%s: header and body disagree", path);
    cr_assert_eq(json_object_get(body, "total_estimated") != NULL, p.estimated,
                 "%s: total_estimated is only shown when true", path);
    json_decref(body);
    http_reply_free(&reply);
    return p;
}

static void expect_exact(const char *path, const char *ids, long long total)
{
    struct page p = list(path);
    cr_assert_str_eq(p.ids, ids, "%s: %s", path, p.ids);
    cr_assert_eq(p.total, total, "%s: total %lld", path, p.total);
    cr_assert_not(p.estimated, "%s: an exact total marked estimated", path);
}

static long long stats_total(const char *q)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/stats?q=%s", q);
    json_t *stats = http_get_json(server.base_url, path);
    long long total = json_integer_value(json_object_get(stats, "total"));
    json_decref(stats);
    return total;
}

#define PHRASE "%22kea%20gull%20tern%22"

/* Four events hold the phrase; two hold each of its pairs but never the three words in one run,
 * and one holds them in another order. */
static void events(void)
{
    event("kea-1", "Kea gull tern survey", "2021-01-01");
    event("kea-2", "The kea gull tern count", "2021-02-01");
    event("not-1", "Kea gull met a gull tern", "2021-03-01");
    event("kea-3", "Kea gull tern", "2021-04-01");
    event("not-2", "Gull tern then kea gull", "2021-05-01");
    event("kea-4", "Notes on kea gull tern", "2021-06-01");
    event("not-3", "Tern gull kea", "2021-07-01");
}

Test(search_long_phrases, the_page_is_the_phrase_and_the_total_is_exact_or_marked)
{
    events();
    /* Six events hold both pairs, more than three: the page read to its end is exact. */
    expect_exact("/v1/events?q=" PHRASE, "kea-1,kea-2,kea-3,kea-4", 4);
    expect_exact("/v1/events?q=" PHRASE "&sort=-date", "kea-4,kea-3,kea-2,kea-1", 4);
    expect_exact("/v1/events?q=" PHRASE "&offset=3", "kea-4", 4);

    /* A page that ends before the last narrowed event: exact items, an estimated total, marked,
     * never below the events confirmed (a next page is offered: there is one). */
    struct page p = list("/v1/events?q=" PHRASE "&limit=2");
    cr_assert_str_eq(p.ids, "kea-1,kea-2");
    cr_assert(p.estimated, "the total of six narrowed events, four read, is not exact");
    cr_assert(p.total >= 3 && p.total <= 6, "total %lld", p.total);
    p = list("/v1/events?q=" PHRASE "&limit=2&offset=2");
    cr_assert_str_eq(p.ids, "kea-3,kea-4");

    /* Three narrowed events or fewer are each read: exact. */
    expect_exact("/v1/events?q=" PHRASE "&to=2021-03-31", "kea-1,kea-2", 2);
    expect_exact("/v1/events?q=" PHRASE "%20survey", "kea-1", 1);

    /* The phrase in titles only, and as folded, are read alike. */
    expect_exact("/v1/events?q=title:" PHRASE "&to=2021-04-30", "kea-1,kea-2,kea-3", 3);
    expect_exact("/v1/events?q=%22K%C3%A9a%20gull%20TERN%22&from=2021-04-01", "kea-3,kea-4", 2);

    /* Elsewhere than a term of an AND, and in the stats, the engine answers exactly. */
    expect_exact("/v1/events?q=kea%20-" PHRASE, "not-1,not-2,not-3", 3);
    expect_exact("/v1/events?q=" PHRASE "%20OR%20survey&to=2021-03-31", "kea-1,kea-2", 2);
    cr_assert_eq(stats_total(PHRASE), 4);

    /* On the stats and the timeline, a phrase narrowed to three events or fewer is confirmed
     * row by row too: one event holds the pairs of each phrase below, and the words of the first
     * in one run, not those of the second. */
    unsigned long engine =
        test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}");
    cr_assert_eq(stats_total("%22gull%20tern%20then%22"), 1);
    cr_assert_eq(stats_total("%22then%20kea%20gull%20tern%22"), 0);
    expect_exact("/v1/timeline?q=%22gull%20tern%20then%22&kind=event", "not-2", 1);
    cr_assert_eq(test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}"),
                 engine);
}

/* Writes move events in and out of the phrase's rows, and a confirmed event is read as it is now.
 */
Test(search_long_phrases, an_event_is_confirmed_by_the_words_it_holds_now)
{
    events();
    http_write(server.base_url, AUTH, "PATCH", "/v1/events/not-1",
               "{\"title\": \"Kea gull tern again\"}", 200);
    http_write(server.base_url, AUTH, "PATCH", "/v1/events/kea-2", "{\"title\": \"Kea gull\"}",
               200);
    http_write(server.base_url, AUTH, "DELETE", "/v1/events/kea-3", NULL, 204);
    expect_exact("/v1/events?q=" PHRASE, "kea-1,not-1,kea-4", 3);
    cr_assert_eq(stats_total(PHRASE), 3);
}
