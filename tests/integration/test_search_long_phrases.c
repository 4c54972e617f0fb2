/* A phrase of three or more common words on /v1/events (and /v1/search, below): the index's pairs
 * narrow it to the events holding each of its words and pairs, and each event shown is then read
 * to confirm the words come in one run (server/store/event_index_loose_page.c). Here every word is
 * common (search_common_rows 1) and at most three narrowed events are confirmed before the total is
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
    /* (/v1/search always shows it) */
    cr_assert(strncmp(path, "/v1/search", 10) == 0 ||
                  (json_object_get(body, "total_estimated") != NULL) == p.estimated,
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

/* A page of /v1/search: its ids, and its total exact (matches), or estimated and marked, between
 * the matches the page proves (those before it, its own, and one past it when there is a next
 * page) and the records narrowed to. */
static void expect_search(const char *path, const char *ids, long long matches, long long proven,
                          long long narrowed)
{
    struct page p = list(path);
    cr_assert_str_eq(p.ids, ids, "%s: %s", path, p.ids);
    if (p.estimated)
        cr_assert(p.total >= proven && p.total <= narrowed, "%s: estimated %lld", path, p.total);
    else
        cr_assert_eq(p.total, matches, "%s: total %lld", path, p.total);
}

/* /v1/search: title matches first, then the rest, each newest first, across kinds. On PostgreSQL
 * the phrase is narrowed by the pairs and each row read to confirm it, from the newest down, as
 * far as the page needs (its engine read every matching row's positions: a second at a million
 * events); on SQLite FTS5 finds the page itself. Both show the same page. */
Test(search_long_phrases, a_search_page_is_the_phrase_s_titles_then_the_rest_newest_first)
{
    events();
    /* The phrase in a summary only (the rest tier); a title and a summary holding its pairs but
     * not its run; a title holding it (the title tier); an official named so. */
    http_write(server.base_url, AUTH, "POST", "/v1/events",
               "{\"id\": \"sum-1\", \"title\": \"Field notes\", \"type\": \"meeting\", \"date\": "
               "\"2021-08-01\", \"summary\": \"A kea gull tern was seen.\"}",
               201);
    http_write(server.base_url, AUTH, "POST", "/v1/events",
               "{\"id\": \"sum-2\", \"title\": \"Kea gull\", \"type\": \"meeting\", \"date\": "
               "\"2021-09-01\", \"summary\": \"Gull tern kea.\"}",
               201);
    http_write(server.base_url, AUTH, "POST", "/v1/events",
               "{\"id\": \"sum-3\", \"title\": \"Kea gull tern\", \"type\": \"meeting\", "
               "\"date\": \"2021-10-01\", \"summary\": \"Kea gull tern again.\"}",
               201);
    http_write(server.base_url, AUTH, "POST", "/v1/officials",
               "{\"id\": \"kea-gull-tern\", \"name\": \"Kea Gull Tern\", \"country\": \"JP\"}",
               201);
    unsigned long engine =
        test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}");

    /* Eleven records hold the words (narrowed: more than three); seven hold the run. */
    expect_search("/v1/search?q=" PHRASE "&limit=100",
                  "kea-gull-tern,sum-3,kea-4,kea-3,kea-2,kea-1,sum-1", 7, 7, 11);
    expect_search("/v1/search?q=" PHRASE "&limit=2", "kea-gull-tern,sum-3", 7, 3, 11);
    expect_search("/v1/search?q=" PHRASE "&limit=2&offset=5", "kea-1,sum-1", 7, 7, 11);
    expect_search("/v1/search?q=" PHRASE "&limit=3&offset=6", "sum-1", 7, 7, 11);
    expect_search("/v1/search?q=" PHRASE "&kind=event&limit=100",
                  "sum-3,kea-4,kea-3,kea-2,kea-1,sum-1", 6, 6, 10);
    expect_search("/v1/search?q=" PHRASE "&kind=official", "kea-gull-tern", 1, 1, 1);
    expect_search("/v1/search?q=" PHRASE "&kind=agreement,source", "", 0, 0, 0);
    /* with a word, and in titles alone */
    expect_search("/v1/search?q=" PHRASE "%20again", "sum-3", 1, 1, 1);
    expect_search("/v1/search?q=title:" PHRASE "&kind=event&limit=100",
                  "sum-3,kea-4,kea-3,kea-2,kea-1", 5, 5, 10);

    /* A write moves a record into the phrase, another out of it. */
    http_write(server.base_url, AUTH, "PATCH", "/v1/events/sum-2",
               "{\"summary\": \"Kea gull tern, after all.\"}", 200);
    http_write(server.base_url, AUTH, "PATCH", "/v1/events/sum-3",
               "{\"title\": \"Gull kea\", \"summary\": \"Tern.\"}", 200);
    expect_search("/v1/search?q=" PHRASE "&kind=event&limit=100",
                  "kea-4,kea-3,kea-2,kea-1,sum-2,sum-1", 6, 6, 10);
    if (test_server_postgresql())
        cr_assert_eq(test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}"),
                     engine, "a page the postings can find was the engine's");
}

/* Deeper pages of /v1/search, where more rows hold the words than one read's batch (64): each
 * tier is read from the newest down only as far as the page needs, and a page past 4 times
 * confirm_rows rows read is the engine's. Both show the same page. */
static void deep_settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->search_common_rows = 1;
    cfg->search_confirm_rows = 20; /* read to 80 rows, two batches, for a page */
}
static void deep_start(void)
{
    test_server_start(&server, deep_settings);
}
TestSuite(search_long_phrases_deep, .init = deep_start, .fini = stop);

/* The ids of 150 events' page of the newest offset.. of those holding the phrase (the even
 * ones), limit of them. */
static void deep_ids(unsigned offset, unsigned limit, char *out, size_t len)
{
    out[0] = '\0';
    for (unsigned k = offset; k < offset + limit && 148 >= 2 * k; k++) {
        size_t at = strlen(out);
        snprintf(out + at, len - at, "%sdeep-%03u", at ? "," : "", 148 - 2 * k);
    }
}

Test(search_long_phrases_deep, a_deep_page_reads_as_far_as_it_needs_or_is_the_engine_s)
{
    /* 150 events hold the words and pairs; the even ones hold the run, the odd ones not. */
    for (unsigned i = 0; i < 150; i++) {
        char id[16], title[64];
        snprintf(id, sizeof id, "deep-%03u", i);
        snprintf(title, sizeof title, i % 2 ? "Kea gull and gull tern %u" : "Kea gull tern %u", i);
        event(id, title, "2022-01-01");
    }
    unsigned long engine =
        test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}");
    char ids[512], path[128];
    /* 41 matches needed: two batches read, the older rows not */
    deep_ids(35, 5, ids, sizeof ids);
    expect_search("/v1/search?q=" PHRASE "&offset=35&limit=5", ids, 75, 41, 150);
    deep_ids(0, 20, ids, sizeof ids);
    expect_search("/v1/search?q=" PHRASE, ids, 75, 21, 150);
    if (test_server_postgresql())
        cr_assert_eq(test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}"),
                     engine, "a page within two batches was the engine's");
    /* 76 needed: past the rows a page may read, the engine's, and the same page */
    deep_ids(70, 5, ids, sizeof ids);
    expect_search("/v1/search?q=" PHRASE "&offset=70&limit=5", ids, 75, 75, 150);
    if (test_server_postgresql())
        cr_assert_eq(test_server_metric(&server, "jvdr_search_postings_total{answer=\"engine\"}"),
                     engine + 1, "a page past the rows it may read was not the engine's");
    /* the last page, exactly: no next one */
    deep_ids(60, 100, ids, sizeof ids);
    snprintf(path, sizeof path, "/v1/search?q=%s&offset=60&limit=100", PHRASE);
    expect_search(path, ids, 75, 75, 150);
}
