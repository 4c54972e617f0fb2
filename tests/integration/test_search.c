/* Finding records the way readers type them: any alias, either name order, with or without
 * diacritics, and text filters whose metacharacters are taken literally. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "test_http.h"

static void assert_bad_param(const char *path, const char *parameter);
#include "test_server.h"

static struct test_server server;
static void start(void)
{
    test_server_start(&server, NULL);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(search, .init = start, .fini = stop);

/* The ids a list answers, comma-joined. */
static void ids_of(const char *path, char *out, size_t outlen)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %s", path, reply.body);
    json_t *list = http_json(&reply);
    out[0] = '\0';
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(list, "items"), i, item)
    {
        if (i)
            strncat(out, ",", outlen - strlen(out) - 1);
        strncat(out, json_string_value(json_object_get(item, "id")), outlen - strlen(out) - 1);
    }
    json_decref(list);
    http_reply_free(&reply);
}

Test(search, japanese_names_match_in_either_order)
{
    const char *queries[][2] = {
        {"/v1/officials?q=Kishi%20Nobuo", "nobuo-kishi"},
        {"/v1/officials?q=nobuo%20kishi", "nobuo-kishi"},
        {"/v1/officials?q=Nishida%20Yasunori", "yasunori-nishida"},
        {"/v1/officials?q=yasunori%20nishida", "yasunori-nishida"},
        {"/v1/officials?q=Suga%20Yoshihide", "yoshihide-suga"},
        {"/v1/officials?q=Yoshihide%20Suga", "yoshihide-suga"},
        {"/v1/officials?q=Kono%20Taro", "taro-kono"},
        {"/v1/officials?q=K%C5%8Dno", "taro-kono"},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char ids[512];
        ids_of(queries[i][0], ids, sizeof ids);
        cr_assert_str_eq(ids, queries[i][1], "%s", queries[i][0]);
    }
}

Test(search, vietnamese_names_match_with_or_without_diacritics)
{
    const char *queries[][2] = {
        {"/v1/officials?q=Phan%20V%C4%83n%20Giang", "phan-van-giang"},
        {"/v1/officials?q=phan%20van%20giang", "phan-van-giang"},
        {"/v1/officials?q=%C4%90%E1%BA%A1i%20Quang", "tran-dai-quang"},
        {"/v1/officials?q=dai%20quang", "tran-dai-quang"},
        {"/v1/officials?q=NGUYEN%20CHI", "nguyen-chi-vinh"},
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char ids[512];
        ids_of(queries[i][0], ids, sizeof ids);
        cr_assert_str_eq(ids, queries[i][1], "%s", queries[i][0]);
    }
}

/* GETs path and asserts a 400 problem naming parameter. */
static void assert_bad_param(const char *path, const char *parameter)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 400, "%s: %ld %s", path, reply.status, reply.body);
    json_t *p = http_json(&reply);
    cr_assert_str_eq(json_string_value(json_object_get(p, "parameter")), parameter, "%s", path);
    json_decref(p);
    http_reply_free(&reply);
}

Test(search, sql_in_a_value_is_only_text)
{
    char ids[4096];
    ids_of("/v1/events?q=1%3B%20DROP%20TABLE%20events", ids, sizeof ids);
    cr_assert_str_eq(ids, "");
    /* An OR makes it an FTS5 expression, and this one does not parse: a 400, not a 500. */
    assert_bad_param("/v1/events?q=%27%20OR%201%3D1%20--", "q");
    ids_of("/v1/events?limit=500", ids, sizeof ids);
    cr_assert_gt(strlen(ids), 100, "the events are all still there");
    ids_of("/v1/events?location=%25", ids, sizeof ids);
    cr_assert_str_eq(ids, "", "'%%' in a location is a literal percent sign");
    ids_of("/v1/events?location=_", ids, sizeof ids);
    cr_assert_str_eq(ids, "");
}

/* The total of a search, and the score of each of its hits, as "total:id=score,...". */
static void scores_of(const char *q, char *out, size_t outlen)
{
    char path[300];
    snprintf(path, sizeof path, "/v1/search?q=%s&limit=100", q);
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %s", path, reply.body);
    json_t *list = http_json(&reply);
    snprintf(out, outlen, "%lld:", (long long)json_integer_value(json_object_get(list, "total")));
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(list, "items"), i, item)
    {
        size_t used = strlen(out);
        snprintf(out + used, outlen - used, "%s%s=%lld", i ? "," : "",
                 json_string_value(json_object_get(item, "id")),
                 (long long)json_integer_value(json_object_get(item, "score")));
    }
    json_decref(list);
    http_reply_free(&reply);
}

/* jvdr's own search syntax, as openapi/openapi.json describes it, on every engine. */
Test(search, the_search_syntax_means_what_the_api_document_says)
{
    const char *lists[][2] = {
        {"/v1/officials?q=kishi%20OR%20suga", "nobuo-kishi,yoshihide-suga"},
        {"/v1/officials?q=kishi%20AND%20nobuo", "nobuo-kishi"},
        {"/v1/officials?q=yoshihide%20-suga", ""},
        {"/v1/officials?q=yoshihide%20NOT%20suga", ""},
        {"/v1/officials?q=(kishi%20OR%20suga)%20-yoshihide", "nobuo-kishi"},
        {"/v1/officials?q=(kishi%20OR%20suga)%20-%22nobuo%20kishi%22", "yoshihide-suga"},
        {"/v1/officials?q=suga%20-(nobuo%20OR%20kishi)", "yoshihide-suga"},
        {"/v1/officials?q=yoshihide%20-(suga)", ""},
        {"/v1/officials?q=%22nobuo%20kishi%22", "nobuo-kishi"},
        {"/v1/officials?q=%22kishi%20nob%22", ""},
        {"/v1/officials?q=%22kishi%20nob%22*", "nobuo-kishi"},
        {"/v1/officials?q=kishi*", "nobuo-kishi"},
        {"/v1/officials?q=*kishi", "nobuo-kishi"},
        {"/v1/officials?q=TITLE:kish", "nobuo-kishi"},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        char ids[512];
        ids_of(lists[i][0], ids, sizeof ids);
        cr_assert_str_eq(ids, lists[i][1], "%s", lists[i][0]);
    }
    char scores[2048];
    /* title: finds the two records with Kishi in their title; both are the title tier. */
    scores_of("title:kishi", scores, sizeof scores);
    cr_assert(strncmp(scores, "2:", 2) == 0 && strstr(scores, "nobuo-kishi=2") &&
                  strstr(scores, "defense-ministers-meeting-2021-09=2"),
              "%s", scores);
    /* body: never puts a record in the title tier. */
    scores_of("body:kishi", scores, sizeof scores);
    cr_assert(strncmp(scores, "6:", 2) == 0 && !strstr(scores, "=2"), "%s", scores);
    scores_of("(kishi%20OR%20suga)%20visit", scores, sizeof scores);
    cr_assert(strncmp(scores, "7:", 2) == 0 && strstr(scores, "suga-vietnam-visit-2020=2"), "%s",
              scores);
    /* A phrase's title tier (read from the titles' own index on SQLite), and one beside a body:
     * (read from the whole, where the body: finds nothing among the titles). */
    scores_of("%22nobuo%20kishi%22", scores, sizeof scores);
    cr_assert(strstr(scores, "nobuo-kishi=2"), "%s", scores);
    scores_of("%22nobuo%20kishi%22%20OR%20body:suga", scores, sizeof scores);
    cr_assert(strstr(scores, "nobuo-kishi=2") && strstr(scores, "=1"), "%s", scores);
}

Test(search, search_syntax_errors_are_400_not_500)
{
    const char *bad[] = {"%22unclosed", "kishi%20AND", "nosuchcolumn:kishi",
                         "(",           "title:",      "NEAR(a%20b",
                         "%25",         "%20%20",      "-kishi",
                         "OR%20kishi",  "a%20OR%20-b", "-%22kishi%22",
                         "-(kishi)",    "kishi)",      "((((((((((a))))))))))",
                         "%22%2A%22",   "a%0d%0ab"};
    const char *where[] = {
        "/v1/search?q=",  "/v1/events?q=",   "/v1/officials?q=", "/v1/agreements?q=",
        "/v1/sources?q=", "/v1/timeline?q=", "/v1/stats?q="};
    for (size_t w = 0; w < sizeof where / sizeof where[0]; w++) {
        for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            char path[256];
            snprintf(path, sizeof path, "%s%s", where[w], bad[b]);
            assert_bad_param(path, "q");
        }
    }
}

Test(search, ranked_hits_say_kind_id_title_and_highlight)
{
    struct http_reply reply;
    http_get(server.base_url, "/v1/search?q=joint%20vision", &reply);
    cr_assert_eq(reply.status, 200);
    json_t *r = http_json(&reply);
    json_t *top = json_array_get(json_object_get(r, "items"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(top, "kind")), "agreement");
    cr_assert_str_eq(json_string_value(json_object_get(top, "id")), "joint-vision-statement-2018");
    cr_assert(strstr(json_string_value(json_object_get(top, "snippet")), "<mark>"));
    double previous = 1e9;
    size_t i;
    json_t *hit;
    json_array_foreach(json_object_get(r, "items"), i, hit)
    {
        double score = json_number_value(json_object_get(hit, "score"));
        cr_assert_leq(score, previous, "hits are in descending score");
        previous = score;
    }
    json_decref(r);
    http_reply_free(&reply);
}

/* Paging through a search with its Link headers visits every hit once, title matches first. */
Test(search, pages_follow_link_and_cover_every_hit_once)
{
    char seen[16384] = ",";
    long long total = -1, visited = 0;
    char path[512] = "/v1/search?q=defense&limit=3";
    int last_score = 2;
    while (path[0]) {
        struct http_reply reply;
        http_get(server.base_url, path, &reply);
        cr_assert_eq(reply.status, 200, "%s: %s", path, reply.body);
        json_t *r = http_json(&reply);
        total = json_integer_value(json_object_get(r, "total"));
        size_t i;
        json_t *hit;
        json_array_foreach(json_object_get(r, "items"), i, hit)
        {
            char key[160];
            snprintf(key, sizeof key, ",%s/%s,", json_string_value(json_object_get(hit, "kind")),
                     json_string_value(json_object_get(hit, "id")));
            cr_assert_null(strstr(seen, key), "%s came twice", key);
            strncat(seen, key + 1, sizeof seen - strlen(seen) - 1);
            int score = (int)json_integer_value(json_object_get(hit, "score"));
            cr_assert_leq(score, last_score, "a title match came after a text match");
            last_score = score;
            visited++;
        }
        json_decref(r);
        char links[2048];
        const char *link = http_header(&reply, "Link", links, sizeof links);
        const char *next = link ? strstr(link, "rel=\"next\"") : NULL;
        path[0] = '\0';
        if (next) {
            const char *open = next;
            while (open > link && *open != '<')
                open--;
            const char *at = strstr(open, "/v1/search");
            size_t n = (size_t)(strchr(open, '>') - at);
            cr_assert_lt(n, sizeof path);
            memcpy(path, at, n);
            path[n] = '\0';
        }
        http_reply_free(&reply);
    }
    cr_assert_gt(total, 6, "too few hits to page");
    cr_assert_eq(visited, total, "pages showed %lld of %lld hits", visited, total);
}

Test(search, kind_narrows_and_accents_do_not_matter)
{
    char ids[4096];
    /* Other officials' summaries mention Lich too; his own record must rank first. */
    ids_of("/v1/search?q=Ng%C3%B4%20Xu%C3%A2n%20L%E1%BB%8Bch&kind=official", ids, sizeof ids);
    cr_assert_eq(strncmp(ids, "ngo-xuan-lich", 13), 0, "%s", ids);
    ids_of("/v1/search?q=ngo%20xuan%20lich&kind=official", ids, sizeof ids);
    cr_assert_eq(strncmp(ids, "ngo-xuan-lich", 13), 0, "%s", ids);
    ids_of("/v1/search?q=TRAN%20DAI&kind=official", ids, sizeof ids);
    cr_assert_str_eq(ids, "tran-dai-quang");
    struct http_reply reply;
    http_get(server.base_url, "/v1/search?q=Tokyo&kind=event", &reply);
    json_t *r = http_json(&reply);
    cr_assert_geq(json_array_size(json_object_get(r, "items")), 2);
    size_t i;
    json_t *hit;
    json_array_foreach(json_object_get(r, "items"), i, hit)
        cr_assert_str_eq(json_string_value(json_object_get(hit, "kind")), "event");
    json_decref(r);
    http_reply_free(&reply);
    assert_bad_param("/v1/search?q=x&kind=people", "kind");
    assert_bad_param("/v1/search", "q");
}

Test(search, event_text_and_location_filters)
{
    char ids[4096];
    ids_of("/v1/events?location=tokyo&sort=date", ids, sizeof ids);
    cr_assert_str_eq(ids,
                     "arf-maritime-domain-awareness-workshop-2020,defense-consultation-tokyo-2020");
    ids_of("/v1/events?q=unisfa", ids, sizeof ids);
    cr_assert_str_eq(ids, "defense-ministers-meeting-2021-11,unisfa-experts-dispatch",
                     "dated first, undated last");
    ids_of("/v1/agreements?q=vientiane", ids, sizeof ids);
    cr_assert_str_eq(ids, "vientiane-vision");
}

/* Whether text has a word starting with prefix (lower-case ASCII), ignoring case. */
static bool has_word_starting(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = text; *p; p++) {
        bool starts = p == text || !isalnum((unsigned char)p[-1]);
        if (starts && strncasecmp(p, prefix, n) == 0)
            return true;
    }
    return false;
}

Test(search, the_title_tier_holds_exactly_the_records_whose_title_has_every_word)
{
    /* "defen" is in titles and in summaries; no name, alias, location or author holds it, so a
     * hit belongs to the first tier exactly when its title does. */
    struct http_reply reply;
    http_get(server.base_url, "/v1/search?q=defen&limit=100", &reply);
    cr_assert_eq(reply.status, 200);
    json_t *found = http_json(&reply);
    json_t *items = json_object_get(found, "items"), *hit;
    cr_assert_eq(json_integer_value(json_object_get(found, "total")),
                 (json_int_t)json_array_size(items), "one page holds them all");
    size_t i, tiers[3] = {0, 0, 0};
    json_array_foreach(items, i, hit)
    {
        const char *title = json_string_value(json_object_get(hit, "title"));
        int score = (int)json_integer_value(json_object_get(hit, "score"));
        cr_assert_eq(score, has_word_starting(title, "defen") ? 2 : 1, "%s: score %d", title,
                     score);
        tiers[score]++;
    }
    cr_assert(tiers[2] > 0 && tiers[1] > 0, "both tiers present (%zu, %zu)", tiers[2], tiers[1]);
    /* Small pages give the same hits in the same order (where the first tier ends decides where
     * each page of the second starts). */
    for (size_t offset = 0; offset < json_array_size(items); offset += 3) {
        char path[96];
        snprintf(path, sizeof path, "/v1/search?q=defen&limit=3&offset=%zu", offset);
        struct http_reply page;
        http_get(server.base_url, path, &page);
        json_t *body = http_json(&page);
        json_t *part = json_object_get(body, "items");
        for (size_t k = 0; k < json_array_size(part); k++)
            cr_assert_str_eq(
                json_string_value(json_object_get(json_array_get(part, k), "id")),
                json_string_value(json_object_get(json_array_get(items, offset + k), "id")),
                "%s, hit %zu", path, k);
        json_decref(body);
        http_reply_free(&page);
    }
    json_decref(found);
    http_reply_free(&reply);
}

/* A server that counts exactly up to two matches: past that (and past the page asked for) its
 * totals are estimates on SQLite, as a common word's are at a million records — where the index
 * of events does not answer (here: none; in practice, searches that are not plain words, or
 * kinds without events). */
static void count_two(struct config *cfg)
{
    cfg->search_exact_total = 2;
    cfg->event_index = false;
}

/* The same bound, and the index's postings of common words (every word a bitmap): plain words
 * among kinds with events are counted from the bitmaps, exactly, and each page of the text tier
 * found there. */
static void count_two_from_postings(struct config *cfg)
{
    cfg->search_exact_total = 2;
    cfg->search_common_rows = 1;
}

/* GET base+path, a 200, as JSON (reply kept for its headers). */
static json_t *search_page(const char *base, const char *path, struct http_reply *reply)
{
    http_get(base, path, reply);
    cr_assert_eq(reply->status, 200, "%s: %s", path, reply->body);
    return http_json(reply);
}

/* Appends the hits of a search answer to out, "kind/id," each. */
static void append_hits(json_t *body, char *out, size_t outlen)
{
    size_t i;
    json_t *hit;
    json_array_foreach(json_object_get(body, "items"), i, hit)
    {
        char key[160];
        snprintf(key, sizeof key, "%s/%s,", json_string_value(json_object_get(hit, "kind")),
                 json_string_value(json_object_get(hit, "id")));
        strncat(out, key, outlen - strlen(out) - 1);
    }
}

/* Walks the pages of three of each query from a server started with settings: the same hits in
 * the same order as one page of them all from the suite's server, every estimate marked, a next
 * link exactly while hits remain; and whether any total was estimated (want_estimates: on
 * SQLite, where the settings leave counts to estimates). */
static void walk_pages(void (*settings)(struct config *), bool want_estimates);

Test(search, estimated_totals_are_marked_and_every_page_stays_exact)
{
    walk_pages(count_two, !test_server_postgresql());
}

Test(search, plain_words_from_the_postings_are_exact_and_page_alike)
{
    walk_pages(count_two_from_postings, false);
}

static void walk_pages(void (*settings)(struct config *), bool want_estimates)
{
    struct test_server estimating;
    test_server_start(&estimating, settings);
    const char *queries[] = {"defen", "defen&kind=event", "tokyo", "minister&kind=official,event"};
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        /* The exact answer, one page, from the suite's server. */
        char path[160], expected[16384] = "", walked[16384] = "";
        snprintf(path, sizeof path, "/v1/search?q=%s&limit=100", queries[q]);
        struct http_reply reply;
        json_t *all = search_page(server.base_url, path, &reply);
        long long total = (long long)json_integer_value(json_object_get(all, "total"));
        cr_assert(json_is_false(json_object_get(all, "total_estimated")), "%s", path);
        char value[64];
        cr_assert_null(http_header(&reply, "X-Total-Estimated", value, sizeof value));
        cr_assert_eq((long long)json_array_size(json_object_get(all, "items")), total);
        cr_assert_gt(total, 6, "%s: too few hits to page past the bound", path);
        append_hits(all, expected, sizeof expected);
        json_decref(all);
        http_reply_free(&reply);

        /* Pages of three from the estimating server, by their next links: the same hits in the
         * same order, every estimate marked, a next link exactly while hits remain. */
        bool any_estimate = false;
        for (long long offset = 0; offset < total + 3; offset += 3) {
            snprintf(path, sizeof path, "/v1/search?q=%s&limit=3&offset=%lld", queries[q], offset);
            json_t *page = search_page(estimating.base_url, path, &reply);
            size_t n = json_array_size(json_object_get(page, "items"));
            long long said = (long long)json_integer_value(json_object_get(page, "total"));
            bool estimated = json_is_true(json_object_get(page, "total_estimated"));
            cr_assert(estimated || json_is_false(json_object_get(page, "total_estimated")));
            cr_assert_eq(http_header(&reply, "X-Total-Estimated", value, sizeof value) != NULL,
                         estimated, "%s: header and body disagree", path);
            cr_assert(!estimated || strcmp(value, "true") == 0);
            cr_assert_not_null(http_header(&reply, "X-Total-Count", value, sizeof value));
            cr_assert_eq(atoll(value), said, "%s", path);
            cr_assert(estimated || said == total, "%s: exact %lld, said %lld", path, total, said);
            cr_assert(n == 0 || said >= offset + (long long)n, "%s: %lld, fewer than shown", path,
                      said);
            char links[2048] = "";
            http_header(&reply, "Link", links, sizeof links);
            cr_assert_eq(strstr(links, "rel=\"next\"") != NULL, offset + 3 < total,
                         "%s: next link with %lld hits (%s)", path, total, links);
            any_estimate |= estimated;
            append_hits(page, walked, sizeof walked);
            json_decref(page);
            http_reply_free(&reply);
            /* The same question, the same estimate: an ETag does not change by chance. */
            json_t *again = search_page(estimating.base_url, path, &reply);
            cr_assert_eq((long long)json_integer_value(json_object_get(again, "total")), said);
            json_decref(again);
            http_reply_free(&reply);
        }
        /* PostgreSQL counts every match (bounded_counts): exact there, never marked. */
        cr_assert_eq(any_estimate, want_estimates, "%s: estimated %d", queries[q], any_estimate);
        cr_assert_str_eq(walked, expected, "%s", queries[q]);
    }
    /* Few enough matches for the page asked: exact, and said to be. */
    struct http_reply reply;
    json_t *few = search_page(estimating.base_url, "/v1/search?q=kishi", &reply);
    cr_assert(json_is_false(json_object_get(few, "total_estimated")));
    cr_assert_eq((long long)json_integer_value(json_object_get(few, "total")),
                 (long long)json_array_size(json_object_get(few, "items")));
    json_decref(few);
    http_reply_free(&reply);
    test_server_stop(&estimating);
}
