/* q= on the lists, the stats and the timeline answers from the index's postings of common words
 * (server/store/event_index_terms.c) when the words are plain: here every word is common
 * (search_common_rows 1), so each answer below comes from bitmaps kept up to date by the writes.
 * A reader must see exactly what FTS5 finds: a record found by the words it holds now, never by
 * words it lost, and never another record through the place a deleted one held. The postings hold
 * the engine's own words: FTS5's tokenizer's on SQLite, the stored tsvectors' lexemes on
 * PostgreSQL. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "postings-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_server server;
static void settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->search_common_rows = 1;
}
static void start(void)
{
    test_server_start(&server, settings);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(search_postings, .init = start, .fini = stop);

/* The ids of a page (events and agreements alike), comma-joined in the answer's order, and its
 * total. */
static long long ids_of(const char *path, char *out, size_t len)
{
    json_t *page = http_get_json(server.base_url, path);
    cr_assert_not_null(page, "%s", path);
    out[0] = '\0';
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(page, "items"), i, item)
    {
        size_t at = strlen(out);
        snprintf(out + at, len - at, "%s%s", at ? "," : "",
                 json_string_value(json_object_get(item, "id")));
    }
    long long total = json_integer_value(json_object_get(page, "total"));
    json_decref(page);
    return total;
}

static void expect(const char *path, const char *ids)
{
    char got[2048];
    long long total = ids_of(path, got, sizeof got);
    cr_assert_str_eq(got, ids, "%s: %s", path, got);
    long long want = ids[0] ? 1 : 0;
    for (const char *c = ids; *c; c++)
        want += *c == ',';
    cr_assert_eq(total, want, "%s: total %lld, %lld ids", path, total, want);
}

static void event(const char *id, const char *title, const char *date)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\": \"%s\", \"title\": \"%s\", \"type\": \"meeting\", \"date\": \"%s\", "
             "\"countries\": [\"JP\", \"VN\"]}",
             id, title, date);
    http_write(server.base_url, AUTH, "POST", "/v1/events", body, 201);
}

static unsigned long from(const char *answer)
{
    char series[96];
    snprintf(series, sizeof series, "jvdr_search_postings_total{answer=\"%s\"}", answer);
    return test_server_metric(&server, series);
}

Test(search_postings, a_record_is_found_by_the_words_it_holds_now)
{
    unsigned long postings = from("postings"), engine = from("engine");
    event("quokka-drill", "Quokka drill at sea", "2021-05-01");
    event("quokka-talks", "Quokka talks", "2022-05-01");
    expect("/v1/events?q=quokka", "quokka-drill,quokka-talks");
    expect("/v1/events?q=quok&sort=-date", "quokka-talks,quokka-drill");
    expect("/v1/events?q=quokka%20drill", "quokka-drill");
    expect("/v1/events?q=QUOKKA&sort=title", "quokka-drill,quokka-talks");

    http_write(server.base_url, AUTH, "PATCH", "/v1/events/quokka-drill",
               "{\"title\": \"Wallaby drill at sea\"}", 200);
    expect("/v1/events?q=quokka", "quokka-talks");
    expect("/v1/events?q=wallaby", "quokka-drill");
    expect("/v1/events?q=wallaby%20quokka", "");

    json_t *stats = http_get_json(server.base_url, "/v1/stats?q=quokka");
    cr_assert_eq(json_integer_value(json_object_get(stats, "total")), 1);
    json_decref(stats);
    /* Each of those answers came from the postings, on either engine. */
    cr_assert_eq(from("engine"), engine);
    cr_assert_geq(from("postings"), postings + 8);
}

/* Words of letters and digits in any mix (numbers, "2nd", "1e5", "x86") are one word each, as
 * the engine's own index makes them: found whole and by a prefix, from the postings. */
Test(search_postings, words_of_letters_and_digits_are_found_whole_and_by_prefix)
{
    static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    unsigned seed = 12345;
    unsigned long engine = from("engine");
    for (int n = 0; n < 24; n++) {
        char word[16], id[32], title[64], path[128];
        size_t len = 3 + n % 9;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            /* mostly digits in some, mostly letters in others, "e" often (number-like words) */
            unsigned pick = (seed >> 16) % (n % 3 == 0 ? 12 : 36);
            word[i] = n % 3 == 0 && pick >= 10 ? 'e' : alphabet[pick];
        }
        word[len] = '\0';
        word[0] = n % 2 ? word[0] : 'q'; /* none collides with another event's words */
        snprintf(id, sizeof id, "alnum-%d", n);
        snprintf(title, sizeof title, "Zq%sz %s", word, word);
        event(id, title, "2018-06-01");
        snprintf(path, sizeof path, "/v1/events?q=zq%sz", word);
        expect(path, id);
        snprintf(path, sizeof path, "/v1/events?q=zq%.*s", (int)(len / 2), word);
        char got[2048];
        cr_assert_geq(ids_of(path, got, sizeof got), 1, "%s", path);
        cr_assert(strstr(got, id), "%s: %s", path, got);
    }
    cr_assert_eq(from("engine"), engine);
}

Test(search_postings, a_deleted_record_lends_its_words_to_no_other)
{
    /* The deleted event's slot goes to the next new one, whose full-text row is another (the
     * newest row, emu's, stays): the old row's words must not follow the slot. */
    event("numbat-visit", "Numbat visit", "2020-01-10");
    event("emu-visit", "Emu visit", "2020-01-12");
    expect("/v1/events?q=numbat", "numbat-visit");
    http_write(server.base_url, AUTH, "DELETE", "/v1/events/numbat-visit", NULL, 204);
    expect("/v1/events?q=numbat", "");
    event("bilby-visit", "Bilby visit", "2020-01-11");
    event("bilby-return", "Bilby return visit", "2020-02-11");
    expect("/v1/events?q=numbat", "");
    expect("/v1/events?q=bilby", "bilby-visit,bilby-return");
    expect("/v1/timeline?q=numbat", "");
}

Test(search_postings, agreements_on_the_timeline_are_found_by_their_words)
{
    http_write(server.base_url, AUTH, "POST", "/v1/agreements",
               "{\"id\": \"dugong-accord\", \"title\": \"Dugong accord\", \"type\": "
               "\"memorandum\", \"status\": \"signed\", \"date\": \"2023-03-04\", "
               "\"parties\": [\"JP\", \"VN\"]}",
               201);
    event("dugong-survey", "Dugong survey", "2023-01-04");
    expect("/v1/timeline?q=dugong", "dugong-survey,dugong-accord");
    expect("/v1/timeline?q=dugong&kind=agreement", "dugong-accord");
    http_write(server.base_url, AUTH, "PATCH", "/v1/agreements/dugong-accord",
               "{\"title\": \"Manatee accord\"}", 200);
    expect("/v1/timeline?q=dugong", "dugong-survey");
    expect("/v1/timeline?q=manatee", "dugong-accord");
}

/* /v1/search counts plain words from the same postings (every kind's rows): a deleted record,
 * whatever its kind, is no longer counted or shown. */
Test(search_postings, a_search_counts_only_the_records_there_are)
{
    http_write(server.base_url, AUTH, "POST", "/v1/officials",
               "{\"id\": \"quagga-person\", \"name\": \"Quagga Person\", \"country\": \"JP\"}",
               201);
    event("quagga-summit", "Quagga summit", "2024-02-02");
    char got[512];
    cr_assert_eq(ids_of("/v1/search?q=quagga", got, sizeof got), 2, "%s", got);
    http_write(server.base_url, AUTH, "DELETE", "/v1/officials/quagga-person", NULL, 204);
    expect("/v1/search?q=quagga", "quagga-summit");
    expect("/v1/search?q=quagga&kind=official,event", "quagga-summit");
    http_write(server.base_url, AUTH, "DELETE", "/v1/events/quagga-summit", NULL, 204);
    expect("/v1/search?q=quagga", "");
}

/* A word too long for the postings' keys is kept cut: a prefix of it is read from FTS5, and
 * found. */
Test(search_postings, a_very_long_word_is_found_by_its_prefix)
{
    char word[301], body[1024];
    for (size_t i = 0; i < 300; i++)
        word[i] = (char)('a' + i % 26);
    word[300] = '\0';
    memcpy(word, "zyxlong", 7);
    snprintf(body, sizeof body,
             "{\"id\": \"long-word\", \"title\": \"Long word meeting\", \"type\": \"meeting\", "
             "\"date\": \"2019-01-01\", \"countries\": [\"JP\"], \"summary\": \"%s\"}",
             word);
    http_write(server.base_url, AUTH, "POST", "/v1/events", body, 201);
    expect("/v1/events?q=zyxlongh", "long-word");
    expect("/v1/search?q=zyxlong", "long-word");
}

/* OR, NOT and title: of words come from the postings too (bitmaps joined, met and taken away);
 * a phrase and body: are the engine's. */
Test(search_postings, or_not_and_title_searches_are_answered_from_the_postings)
{
    event("kiwi-drill", "Kiwi drill", "2021-01-01");
    event("kiwi-talks", "Kiwi talks on the takahe", "2021-02-01");
    event("takahe-drill", "Takahe drill", "2021-03-01");
    http_write(server.base_url, AUTH, "PATCH", "/v1/events/takahe-drill",
               "{\"summary\": \"kiwi observers came\"}", 200);
    unsigned long engine = from("engine"), postings = from("postings");
    expect("/v1/events?q=kiwi%20OR%20takahe", "kiwi-drill,kiwi-talks,takahe-drill");
    expect("/v1/events?q=kiwi%20-takahe", "kiwi-drill");
    expect("/v1/events?q=kiwi%20NOT%20drill", "kiwi-talks");
    expect("/v1/events?q=title:kiwi", "kiwi-drill,kiwi-talks");
    expect("/v1/events?q=title:kiwi%20-title:talks", "kiwi-drill");
    expect("/v1/events?q=(kiwi%20OR%20takahe)%20dri", "kiwi-drill,takahe-drill");
    expect("/v1/events?q=title:(kiwi%20OR%20takahe)%20-talks&sort=-date",
           "takahe-drill,kiwi-drill");
    expect("/v1/timeline?q=takahe%20OR%20kiw&kind=event", "kiwi-drill,kiwi-talks,takahe-drill");
    cr_assert_eq(from("engine"), engine);
    cr_assert_eq(from("postings"), postings + 8);
    /* /v1/search's two tiers: titles first (newest first), then the rest */
    expect("/v1/search?q=kiwi%20OR%20takahe", "takahe-drill,kiwi-talks,kiwi-drill");
    expect("/v1/search?q=kiwi%20-talks", "kiwi-drill,takahe-drill");
    cr_assert_eq(from("engine"), engine);
    cr_assert_eq(from("postings"), postings + 12);
    expect("/v1/events?q=body:kiwi", "takahe-drill");
    cr_assert_eq(from("engine"), engine + 1);
}

static void summary(const char *id, const char *text)
{
    char body[256];
    char path[128];
    snprintf(body, sizeof body, "{\"summary\": \"%s\"}", text);
    snprintf(path, sizeof path, "/v1/events/%s", id);
    http_write(server.base_url, AUTH, "PATCH", path, body, 200);
}

/* A phrase of two words is a bitmap of the pairs of common words: b right after a, in one column
 * (FTS5's phrase), never across a title's end and a summary's start; kept by every write, so that
 * a record found by a phrase it no longer holds is never shown. */
Test(search_postings, phrases_of_two_words_are_answered_from_pairs_of_words)
{
    /* Loaded first, so that the words below are made common, and their pairs counted, by the
     * writes themselves. */
    expect("/v1/events?q=%22weka%20hunt%22", "");
    event("weka-hunt", "Weka hunt", "2021-01-01");
    event("hunt-weka", "Hunt weka", "2021-02-01");
    event("weka-and-hunt", "Weka and hunt", "2021-03-01");
    event("weka-night", "Night weka", "2021-04-01");
    summary("weka-night", "hunt at dawn");
    event("told-weka", "Told story", "2021-05-01");
    summary("told-weka", "a weka hunt was told");
    unsigned long engine = from("engine"), postings = from("postings");
    expect("/v1/events?q=%22weka%20hunt%22", "weka-hunt,told-weka");
    expect("/v1/events?q=%22hunt%20weka%22", "hunt-weka");
    expect("/v1/events?q=%22W%C3%A9ka%20HUNT%22&sort=-date", "told-weka,weka-hunt");
    expect("/v1/events?q=title:%22weka%20hunt%22", "weka-hunt");
    expect("/v1/events?q=%22weka%22%20-%22weka%20hunt%22", "hunt-weka,weka-and-hunt,weka-night");
    expect("/v1/events?q=%22hunt%20at%22%20OR%20%22and%20hunt%22", "weka-and-hunt,weka-night");
    expect("/v1/events?q=%22night%20hunt%22", "");
    expect("/v1/timeline?q=%22weka%20hunt%22&kind=event", "weka-hunt,told-weka");
    expect("/v1/search?q=%22weka%20hunt%22", "weka-hunt,told-weka");
    cr_assert_eq(from("engine"), engine);
    cr_assert_eq(from("postings"), postings + 10); /* /v1/search: one per tier */

    /* A write moves a record in and out of a pair's rows. */
    summary("told-weka", "a weka was told of a hunt");
    summary("weka-night", "weka hunt at dawn");
    expect("/v1/events?q=%22weka%20hunt%22", "weka-hunt,weka-night");
    http_write(server.base_url, AUTH, "DELETE", "/v1/events/weka-hunt", NULL, 204);
    expect("/v1/events?q=%22weka%20hunt%22", "weka-night");

    /* Three words: narrowed by the pairs, each event then confirmed (test_search_long_phrases.c);
     * a last word as a prefix: the engine's. */
    engine = from("engine");
    expect("/v1/events?q=%22weka%20and%20hunt%22", "weka-and-hunt");
    cr_assert_eq(from("engine"), engine);
    expect("/v1/events?q=%22weka%20hun%22*", "weka-night");
    cr_assert_eq(from("engine"), engine + 1);
}
