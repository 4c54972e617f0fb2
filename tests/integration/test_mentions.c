/* GET /v1/sources/{id}/mentions on the five documents, loaded through the API: for Phan Van
 * Giang, Nguyen Chi Vinh and Kishi Nobuo, every whole-word occurrence of any of their names in a
 * document's text (found here by the test itself) lies in one of their mentions, every mention's
 * words are one of their names, and none overlap; on a document of the test's own, exactly the
 * mentions it was written with; and an official added later is found at once. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jvdr/base/fold.h"
#include "test_http.h"
#include "test_server.h"
#include "test_text.h"

#define TOKEN "mentions-token-0123456789"

static struct test_server server;

static void configure(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

static void start(void)
{
    test_server_start(&server, configure);
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(mentions, .init = start, .fini = stop, .timeout = 60);

static void send_text(const char *id, const char *text)
{
    char url[256];
    snprintf(url, sizeof url, "%s/v1/sources/%s/text", server.base_url, id);
    const char *headers[] = {"Authorization: Bearer " TOKEN, "Content-Type: text/plain", NULL};
    struct http_reply reply;
    http_send(NULL, "PUT", url, headers, text, strlen(text), &reply);
    cr_assert(reply.status == 201 || reply.status == 204, "%s: %ld", url, reply.status);
    http_reply_free(&reply);
}

/* POSTs body to path with the token; fails the test unless it is created. */
static void create(const char *path, const char *body)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    const char *headers[] = {"Authorization: Bearer " TOKEN, "Content-Type: application/json",
                             NULL};
    struct http_reply reply;
    http_send(NULL, "POST", url, headers, body, strlen(body), &reply);
    cr_assert_eq(reply.status, 201, "%s: %s", path, reply.body);
    http_reply_free(&reply);
}

/* The folded text of text[start, end) in code points (malloc'd). */
static char *folded_slice(const char *text, long start, long end)
{
    const char *p = text;
    for (long cp = 0; *p && cp < start; p++)
        cp += ((unsigned char)p[1] & 0xC0) != 0x80;
    const char *q = p;
    for (long cp = start; *q && cp < end; q++)
        cp += ((unsigned char)q[1] & 0xC0) != 0x80;
    char *out = malloc((size_t)(q - p) + 1);
    fold_utf8(p, (size_t)(q - p), out);
    return out;
}

/* The code point offset of byte offset at in text. */
static long code_point_at(const char *text, size_t at)
{
    long n = 0;
    for (size_t i = 0; i < at; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* An official's names, folded: name, name with diacritics, aliases. */
static size_t official_names(const char *id, char names[][128], size_t max)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/officials/%s", id);
    json_t *official = http_get_json(server.base_url, path);
    size_t n = 0;
    const char *fields[] = {"name", "name_diacritics"};
    for (size_t f = 0; f < 2; f++) {
        const char *value = json_string_value(json_object_get(official, fields[f]));
        if (value && n < max)
            fold_utf8(value, strlen(value), names[n++]);
    }
    size_t i;
    json_t *alias;
    json_array_foreach(json_object_get(official, "aliases"), i, alias)
    {
        if (n < max)
            fold_utf8(json_string_value(alias), json_string_length(alias), names[n++]);
    }
    json_decref(official);
    return n;
}

/* Checks the mentions of official in document source (text as loaded); returns how many. */
static size_t check_official(const char *source, const char *text, const char *official)
{
    char names[16][128];
    size_t nnames = official_names(official, names, 16);
    char path[128];
    snprintf(path, sizeof path, "/v1/sources/%s/mentions", source);
    json_t *answer = http_get_json(server.base_url, path);
    json_t *items = json_object_get(answer, "items");
    long starts[256], ends[256];
    size_t mine = 0, i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "id")), official) != 0)
            continue;
        long start = (long)json_integer_value(json_object_get(item, "start"));
        long end = (long)json_integer_value(json_object_get(item, "end"));
        char *words = folded_slice(text, start, end);
        bool named = false;
        for (size_t k = 0; k < nnames; k++)
            named |= strcmp(words, names[k]) == 0;
        cr_assert(named, "%s: \"%s\" at %ld is not a name of %s", source, words, start, official);
        free(words);
        cr_assert(mine == 0 || start >= ends[mine - 1], "%s: mentions of %s overlap", source,
                  official);
        starts[mine] = start;
        ends[mine++] = end;
    }
    /* Every whole-word occurrence of a name lies in a mention. */
    size_t len = strlen(text);
    char *folded = malloc(len + 1);
    size_t flen = fold_utf8(text, len, folded);
    cr_assert_eq(flen, len, "the seed documents fold byte for byte (no diacritics in names)");
    for (size_t k = 0; k < nnames; k++) {
        size_t n = strlen(names[k]);
        for (const char *p = strstr(folded, names[k]); p; p = strstr(p + 1, names[k])) {
            size_t at = (size_t)(p - folded);
            if ((at > 0 && is_word(folded[at - 1])) || is_word(folded[at + n]))
                continue;
            long cp = code_point_at(text, at);
            bool covered = false;
            for (size_t m = 0; m < mine && !covered; m++)
                covered = starts[m] <= cp && cp < ends[m];
            cr_assert(covered, "%s: \"%s\" at %ld is in no mention of %s", source, names[k], cp,
                      official);
        }
    }
    free(folded);
    json_decref(answer);
    return mine;
}

static const char *const officials[] = {"phan-van-giang", "nguyen-chi-vinh", "nobuo-kishi"};

/* The seed sources, in date order (skips the test when the documents are not beside it). */
static json_t *seed_sources(void)
{
    struct stat st;
    if (stat(JVDR_SEEDS_DIR, &st) != 0)
        cr_skip_test("%s is not present", JVDR_SEEDS_DIR);
    return http_get_json(server.base_url, "/v1/sources?limit=500&sort=date");
}

/* Loads source's document through the API; returns its text (malloc'd). */
static char *load_seed(json_t *source)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", JVDR_SEEDS_DIR,
             json_string_value(json_object_get(source, "file_name")));
    char *text = test_read_file(path);
    send_text(json_string_value(json_object_get(source, "id")), text);
    return text;
}

/* One seed document, the n-th in date order: its text loaded, each official checked. */
static void check_document(size_t n)
{
    json_t *sources = seed_sources();
    json_t *source = json_array_get(json_object_get(sources, "items"), n);
    cr_assert_not_null(source);
    char *text = load_seed(source);
    for (size_t o = 0; o < 3; o++)
        check_official(json_string_value(json_object_get(source, "id")), text, officials[o]);
    free(text);
    json_decref(sources);
}

/* A test per seed document (there are five). */
Test(mentions, seed_document_1)
{
    check_document(0);
}
Test(mentions, seed_document_2)
{
    check_document(1);
}
Test(mentions, seed_document_3)
{
    check_document(2);
}
Test(mentions, seed_document_4)
{
    check_document(3);
}
Test(mentions, seed_document_5)
{
    check_document(4);
}

Test(mentions, the_three_officials_are_each_named_in_some_document)
{
    json_t *sources = seed_sources();
    size_t found[3] = {0, 0, 0}, i;
    json_t *source;
    json_array_foreach(json_object_get(sources, "items"), i, source)
    {
        char *text = load_seed(source);
        for (size_t o = 0; o < 3; o++)
            found[o] += check_official(json_string_value(json_object_get(source, "id")), text,
                                       officials[o]);
        free(text);
    }
    json_decref(sources);
    for (size_t o = 0; o < 3; o++)
        cr_assert_gt(found[o], 0, "%s is named somewhere in the five", officials[o]);
}

Test(mentions, a_document_of_our_own_names_what_it_was_written_with)
{
    create("/v1/sources", "{\"id\": \"our-own\", \"title\": \"Our own document\"}");
    /* "Đ" and "ă" fold away; "Vinhs" is not "Vinh"; "Kishi" inside "Nobuo Kishi" is one mention. */
    const char *text = "Gen. Phan Văn Giang greeted Nobuo Kishi in Viet Nam; Kishi spoke of "
                       "Japan. The Vinhs were not there.";
    send_text("our-own", text);
    json_t *answer = http_get_json(server.base_url, "/v1/sources/our-own/mentions");
    const char *expected[][3] = {{"official", "phan-van-giang", "Gen. Phan Văn Giang"},
                                 {"official", "nobuo-kishi", "Nobuo Kishi"},
                                 {"country", "VN", "Viet Nam"},
                                 {"official", "nobuo-kishi", "Kishi"},
                                 {"country", "JP", "Japan"}};
    json_t *items = json_object_get(answer, "items");
    cr_assert_eq(json_array_size(items), 5, "%s", json_dumps(answer, 0));
    for (size_t i = 0; i < 5; i++) {
        json_t *item = json_array_get(items, i);
        cr_assert_str_eq(json_string_value(json_object_get(item, "kind")), expected[i][0]);
        cr_assert_str_eq(json_string_value(json_object_get(item, "id")), expected[i][1]);
        cr_assert_str_eq(json_string_value(json_object_get(item, "text")), expected[i][2]);
        long start = (long)json_integer_value(json_object_get(item, "start"));
        long end = (long)json_integer_value(json_object_get(item, "end"));
        char *words = folded_slice(text, start, end);
        char folded[128];
        fold_utf8(expected[i][2], strlen(expected[i][2]), folded);
        cr_assert_str_eq(words, folded, "the span covers the words");
        free(words);
    }
    json_decref(answer);

    /* A new official named in the text is found on the next read (the cached answer is gone). */
    create("/v1/officials",
           "{\"id\": \"the-vinhs\", \"name\": \"The Vinhs\", \"country\": \"VN\"}");
    answer = http_get_json(server.base_url, "/v1/sources/our-own/mentions");
    json_t *last = json_array_get(json_object_get(answer, "items"), 5);
    cr_assert_str_eq(json_string_value(json_object_get(last, "id")), "the-vinhs");
    json_decref(answer);
}

Test(mentions, agreements_are_found_by_title_and_alias)
{
    create("/v1/sources", "{\"id\": \"on-agreements\", \"title\": \"On agreements\"}");
    send_text("on-agreements", "The AOIP came before the Vientiane Vision; the Joint Vision "
                               "Statement came first.");
    json_t *answer = http_get_json(server.base_url, "/v1/sources/on-agreements/mentions");
    const char *expected[][2] = {{"asean-outlook-on-the-indo-pacific", "AOIP"},
                                 {"vientiane-vision", "Vientiane Vision"},
                                 {"joint-vision-statement-2018", "Joint Vision Statement"}};
    json_t *items = json_object_get(answer, "items");
    cr_assert_eq(json_array_size(items), 3, "%s", json_dumps(answer, 0));
    for (size_t i = 0; i < 3; i++) {
        json_t *item = json_array_get(items, i);
        cr_assert_str_eq(json_string_value(json_object_get(item, "kind")), "agreement");
        cr_assert_str_eq(json_string_value(json_object_get(item, "id")), expected[i][0]);
        cr_assert_str_eq(json_string_value(json_object_get(item, "text")), expected[i][1]);
    }
    json_decref(answer);
    /* Search finds an agreement by its alias too. */
    json_t *hits = http_get_json(server.base_url, "/v1/search?q=aoip&kind=agreement");
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(json_object_get(hits, "items"), 0), "id")),
        "asean-outlook-on-the-indo-pacific");
    json_decref(hits);
}

/* Mentions are a list like the others: pages of at most 500 (the default, so that an ordinary
 * article's mentions still come in one), total, X-Total-Count and Link; NDJSON holds them all.
 * A document naming Japan 1,200 times has 1,200 mentions: the pages walked by their next links
 * and the NDJSON lines are the same mentions in the same order. */
Test(mentions, are_paged_as_a_list_and_whole_as_ndjson)
{
    create("/v1/sources", "{\"id\": \"many-mentions\", \"title\": \"A long document\"}");
    enum { NAMED = 1200 };
    char *text = malloc(NAMED * 7 + 1);
    for (size_t i = 0; i < NAMED; i++)
        memcpy(text + i * 7, "Japan. ", 7);
    text[NAMED * 7] = '\0';
    send_text("many-mentions", text);
    free(text);

    json_t *first = http_get_json(server.base_url, "/v1/sources/many-mentions/mentions");
    cr_assert_eq(json_integer_value(json_object_get(first, "total")), NAMED);
    cr_assert_eq(json_array_size(json_object_get(first, "items")), 500, "the default page");
    cr_assert_eq(json_integer_value(json_object_get(first, "limit")), 500);
    cr_assert_eq(json_integer_value(json_object_get(first, "offset")), 0);
    json_decref(first);

    struct http_reply reply;
    http_get(server.base_url, "/v1/sources/many-mentions/mentions?limit=501", &reply);
    cr_assert_eq(reply.status, 400, "500 is the largest page");
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/sources/many-mentions/mentions?format=ndjson&offset=5", &reply);
    cr_assert_eq(reply.status, 400, "NDJSON is every mention");
    http_reply_free(&reply);

    http_get(server.base_url, "/v1/sources/many-mentions/mentions?format=ndjson", &reply);
    cr_assert_eq(reply.status, 200);
    char count[32];
    cr_assert_str_eq(http_header(&reply, "X-Total-Count", count, sizeof count), "1200");
    char *ndjson = strdup(reply.body);
    http_reply_free(&reply);

    char url[1024];
    snprintf(url, sizeof url, "%s/v1/sources/many-mentions/mentions?limit=7&offset=0",
             server.base_url);
    char *line = ndjson;
    size_t seen = 0, pages = 0;
    for (bool more = true; more; pages++) {
        http_call(NULL, "GET", url, NULL, &reply);
        cr_assert_eq(reply.status, 200, "%s", url);
        json_t *page = http_json(&reply);
        cr_assert_eq(json_integer_value(json_object_get(page, "total")), NAMED);
        size_t i;
        json_t *item;
        json_array_foreach(json_object_get(page, "items"), i, item)
        {
            char *end = strchr(line, '\n');
            cr_assert_not_null(end, "NDJSON ends before mention %zu", seen);
            *end = '\0';
            json_t *same = json_loads(line, 0, NULL);
            cr_assert(json_equal(item, same), "mention %zu: %s", seen, line);
            json_decref(same);
            line = end + 1;
            seen++;
        }
        json_decref(page);
        more = http_link(&reply, "next", url, sizeof url) != NULL;
        http_reply_free(&reply);
    }
    cr_assert_eq(seen, NAMED);
    cr_assert_eq(pages, (NAMED + 6) / 7);
    cr_assert_str_eq(line, "", "NDJSON holds no more than the pages");
    free(ndjson);
}
