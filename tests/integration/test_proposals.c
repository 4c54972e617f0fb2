/* GET /v1/sources/{id}/proposals. Every proposal for each seed document, in the order given, is
 * accepted into a store holding the curated officials and agreements and that document, but no
 * events: every create answers 201 and every cite 200 with its If-Match. On an article of the
 * test's own: a person the knowledge base does not know is proposed as an official before the
 * event that names them, dates are resolved against the article's date, a planned visit is
 * planned, an event the knowledge base holds comes back as a cite carrying its ETag and its whole
 * sources array, every piece of evidence quotes the text at its offsets; once accepted, reading
 * the article again proposes nothing new. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_http.h"
#include "test_server.h"
#include "test_text.h"

#define TOKEN "proposals-token-0123456789"

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

TestSuite(proposals, .init = start, .fini = stop, .timeout = 120);

/* method on path with the token and body; the reply (freed by the caller). */
static void call(const char *method, const char *path, const char *type, const char *if_match,
                 const char *body, struct http_reply *reply)
{
    char url[512], content[128], match[128];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content, sizeof content, "Content-Type: %s", type);
    snprintf(match, sizeof match, "If-Match: %s", if_match ? if_match : "");
    const char *headers[] = {"Authorization: Bearer " TOKEN, content, if_match ? match : NULL,
                             NULL};
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, reply);
}

static void delete_every_event(void)
{
    for (;;) {
        json_t *page = http_get_json(server.base_url, "/v1/events?limit=100");
        json_t *items = json_object_get(page, "items");
        size_t n = json_array_size(items), i;
        json_t *event;
        json_array_foreach(items, i, event)
        {
            char path[256];
            snprintf(path, sizeof path, "/v1/events/%s",
                     json_string_value(json_object_get(event, "id")));
            struct http_reply reply;
            call("DELETE", path, "application/json", NULL, NULL, &reply);
            cr_assert_eq(reply.status, 204, "%s: %s", path, reply.body);
            http_reply_free(&reply);
        }
        json_decref(page);
        if (!n)
            return;
    }
}

static json_t *proposals_of(const char *source)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/sources/%s/proposals", source);
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %s", path, reply.body);
    json_t *answer = http_json(&reply);
    http_reply_free(&reply);
    cr_assert(json_is_array(json_object_get(answer, "items")), "%s: no items", path);
    return answer;
}

/* Every piece of evidence quotes text at its code points. */
static void check_evidence(const char *text, json_t *proposal)
{
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(proposal, "evidence"), i, ev)
    {
        long start = (long)json_integer_value(json_object_get(ev, "start"));
        long end = (long)json_integer_value(json_object_get(ev, "end"));
        char *words = test_slice(text, start, end);
        cr_assert_str_eq(words, json_string_value(json_object_get(ev, "exact")),
                         "evidence %s at %ld", json_string_value(json_object_get(ev, "pointer")),
                         start);
        free(words);
    }
}

/* Accepts every proposal in order: POST for a create (201), PATCH with If-Match for a cite. */
static void accept_all(const char *text, json_t *items)
{
    size_t i;
    json_t *p;
    json_array_foreach(items, i, p)
    {
        check_evidence(text, p);
        const char *kind = json_string_value(json_object_get(p, "kind"));
        char path[256];
        struct http_reply reply;
        if (strcmp(json_string_value(json_object_get(p, "action")), "create") == 0) {
            snprintf(path, sizeof path, "/v1/%ss", kind);
            char *body = json_dumps(json_object_get(p, "record"), JSON_COMPACT);
            call("POST", path, "application/json", NULL, body, &reply);
            cr_assert_eq(reply.status, 201, "proposal %zu, POST %s: %s\n%s", i, path, body,
                         reply.body);
            free(body);
        } else {
            snprintf(path, sizeof path, "/v1/%ss/%s", kind,
                     json_string_value(json_object_get(p, "id")));
            char *body = json_dumps(json_object_get(p, "patch"), JSON_COMPACT);
            call("PATCH", path, "application/merge-patch+json",
                 json_string_value(json_object_get(p, "etag")), body, &reply);
            cr_assert_eq(reply.status, 200, "proposal %zu, PATCH %s: %s\n%s", i, path, body,
                         reply.body);
            free(body);
        }
        http_reply_free(&reply);
    }
}

Test(proposals, every_seed_proposal_posts_in_order_into_a_store_without_events)
{
    struct stat st;
    if (stat(JVDR_SEEDS_DIR, &st) != 0)
        cr_skip_test("%s is not present", JVDR_SEEDS_DIR);
    json_t *sources = http_get_json(server.base_url, "/v1/sources?limit=100");
    size_t i, proposed = 0;
    json_t *source;
    json_array_foreach(json_object_get(sources, "items"), i, source)
    {
        const char *id = json_string_value(json_object_get(source, "id"));
        char path[512];
        snprintf(path, sizeof path, "%s/%s", JVDR_SEEDS_DIR,
                 json_string_value(json_object_get(source, "file_name")));
        char *text = test_read_file(path);
        snprintf(path, sizeof path, "/v1/sources/%s/text", id);
        struct http_reply reply;
        call("PUT", path, "text/plain; charset=utf-8", NULL, text, &reply);
        cr_assert(reply.status == 201 || reply.status == 204, "%s: %s", path, reply.body);
        http_reply_free(&reply);
        delete_every_event();
        json_t *answer = proposals_of(id);
        json_t *items = json_object_get(answer, "items");
        cr_assert_gt(json_array_size(items), 0, "%s: nothing proposed", id);
        proposed += json_array_size(items);
        accept_all(text, items);
        json_decref(answer);
        free(text);
    }
    cr_assert_gt(proposed, 20);
    json_decref(sources);
}

/* An article nobody curated, dated Saturday 2026-03-14. */
static const char article[] =
    "Defense ministers meet in Hanoi\n\n"
    "Indonesian Defense Minister Budi Santoso met Vietnamese Defense Minister Phan Van Giang in "
    "Hanoi on Monday, the first talks between the two since Santoso took office. The two "
    "ministers signed a Memorandum of Understanding on Maritime Search and Rescue.\n\n"
    "Santoso will visit Tokyo next month, his ministry said.\n\n"
    "Giang had earlier received Japanese Defense Minister Minoru Kihara in Hanoi in early August "
    "2024, when the two discussed search and rescue.\n";

static json_t *find(json_t *items, const char *action, const char *kind, const char *type,
                    size_t *at)
{
    size_t i;
    json_t *p;
    json_array_foreach(items, i, p)
    {
        json_t *record = json_object_get(p, "record");
        if (strcmp(json_string_value(json_object_get(p, "action")), action) == 0 &&
            strcmp(json_string_value(json_object_get(p, "kind")), kind) == 0 &&
            (!type || strcmp(json_string_value(json_object_get(record, "type")), type) == 0)) {
            if (at)
                *at = i;
            return p;
        }
    }
    return NULL;
}

static bool names(json_t *record, const char *official)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(record, "participants"), i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "id")), official) == 0)
            return true;
    }
    return false;
}

Test(proposals, an_article_of_its_own_is_read_against_the_knowledge_base)
{
    struct http_reply reply;
    call("POST", "/v1/sources", "application/json", NULL,
         "{\"id\": \"own-article\", \"title\": \"Defense ministers meet in Hanoi\", "
         "\"publisher\": \"Test Wire\", \"date\": \"2026-03-14\"}",
         &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    call("PUT", "/v1/sources/own-article/text", "text/plain; charset=utf-8", NULL, article, &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);

    json_t *answer = proposals_of("own-article");
    json_t *items = json_object_get(answer, "items");
    size_t official_at = 0, meeting_at = 0;
    json_t *official = find(items, "create", "official", NULL, &official_at);
    cr_assert(official, "no new official proposed");
    json_t *person = json_object_get(official, "record");
    cr_assert_str_eq(json_string_value(json_object_get(person, "name")), "Budi Santoso");
    cr_assert_str_eq(json_string_value(json_object_get(person, "country")), "ID");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(person, "positions"), 0), "title")),
                     "Defense Minister");

    json_t *meeting = find(items, "create", "event", "meeting", &meeting_at);
    cr_assert(meeting, "the meeting on Monday is not proposed");
    json_t *record = json_object_get(meeting, "record");
    cr_assert_str_eq(json_string_value(json_object_get(record, "date")), "2026-03-09");
    cr_assert(json_string_length(json_object_get(record, "date_note")) > 0);
    cr_assert_str_eq(json_string_value(json_object_get(record, "location")), "Hanoi");
    cr_assert(names(record, json_string_value(json_object_get(person, "id"))));
    cr_assert(names(record, "phan-van-giang"));
    cr_assert_lt(official_at, meeting_at, "the official comes after the event naming him");

    /* The memorandum they signed, unknown: proposed before the meeting, which signed it. */
    size_t agreement_at = 0;
    json_t *memorandum = find(items, "create", "agreement", NULL, &agreement_at);
    cr_assert(memorandum, "the memorandum is not proposed");
    json_t *mou = json_object_get(memorandum, "record");
    cr_assert_str_eq(json_string_value(json_object_get(mou, "title")),
                     "Memorandum of Understanding on Maritime Search and Rescue");
    cr_assert_str_eq(json_string_value(json_object_get(mou, "type")), "memorandum");
    cr_assert_str_eq(json_string_value(json_object_get(mou, "status")), "signed");
    cr_assert_str_eq(json_string_value(json_object_get(mou, "date")), "2026-03-09");
    cr_assert_lt(agreement_at, meeting_at);
    json_t *signed_one = json_array_get(json_object_get(record, "agreements"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(signed_one, "id")),
                     json_string_value(json_object_get(mou, "id")));
    cr_assert_str_eq(json_string_value(json_object_get(signed_one, "relation")), "signed");

    json_t *visit = find(items, "create", "event", "visit", NULL);
    cr_assert(visit, "the planned visit is not proposed");
    json_t *trip = json_object_get(visit, "record");
    cr_assert_str_eq(json_string_value(json_object_get(trip, "status")), "planned");
    cr_assert_str_eq(json_string_value(json_object_get(trip, "date")), "2026-04");
    cr_assert_str_eq(json_string_value(json_object_get(trip, "location")), "Tokyo");

    /* Known: the Kihara-Giang meeting of August 2024, cited with its ETag and whole sources. */
    json_t *cite = find(items, "cite", "event", NULL, NULL);
    cr_assert(cite, "the known meeting is not recognised");
    cr_assert_str_eq(json_string_value(json_object_get(cite, "id")),
                     "kihara-giang-meeting-hanoi-2024");
    http_get(server.base_url, "/v1/events/kihara-giang-meeting-hanoi-2024", &reply);
    char etag[64];
    cr_assert(http_header(&reply, "ETag", etag, sizeof etag));
    cr_assert_str_eq(json_string_value(json_object_get(cite, "etag")), etag);
    json_t *stored = http_json(&reply);
    http_reply_free(&reply);
    json_t *patched = json_object_get(json_object_get(cite, "patch"), "sources");
    cr_assert_eq(json_array_size(patched), json_array_size(json_object_get(stored, "sources")) + 1);
    json_decref(stored);

    /* A known official named in it, whose record does not cite it yet: a cite of his sentence. */
    json_t *named = find(items, "cite", "official", NULL, NULL);
    cr_assert(named, "Phan Van Giang's record is not proposed to cite the article");
    cr_assert_str_eq(json_string_value(json_object_get(named, "id")), "phan-van-giang");

    accept_all(article, items);
    json_decref(answer);
    json_t *giang = http_get_json(server.base_url, "/v1/officials/phan-van-giang");
    char *cites = json_dumps(json_object_get(giang, "sources"), JSON_COMPACT);
    cr_assert(cites && strstr(cites, "\"own-article\""), "%s", cites);
    free(cites);
    json_decref(giang);

    /* Accepted: read again, nothing is new; the events come back as cites. */
    answer = proposals_of("own-article");
    items = json_object_get(answer, "items");
    cr_assert_null(find(items, "create", "event", NULL, NULL), "%s",
                   json_dumps(items, JSON_COMPACT));
    cr_assert_null(find(items, "create", "official", NULL, NULL));
    cr_assert_null(find(items, "cite", "official", NULL, NULL), "cited already");
    cr_assert(find(items, "cite", "event", NULL, NULL));
    json_decref(answer);
}

Test(proposals, no_text_is_404_and_unknown_parameters_are_400)
{
    struct http_reply reply;
    call("POST", "/v1/sources", "application/json", NULL,
         "{\"id\": \"no-text-yet\", \"title\": \"Not loaded\"}", &reply);
    cr_assert_eq(reply.status, 201);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/sources/no-text-yet/proposals", &reply);
    cr_assert_eq(reply.status, 404);
    char type[64];
    cr_assert_str_eq(http_header(&reply, "Content-Type", type, sizeof type),
                     "application/problem+json");
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/sources/nobody/proposals", &reply);
    cr_assert_eq(reply.status, 404);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/sources/no-text-yet/proposals?limit=3", &reply);
    cr_assert_eq(reply.status, 400, "%s", reply.body);
    http_reply_free(&reply);
}

/* Texts that strain the reading: names and dates cut off at the end, impossible dates, no stops
 * at all, a thousand cues in one sentence, other scripts, combining marks, titles with no name.
 * Each is read (200, never a 500 or a hang), every piece of evidence quotes it, and every
 * proposal is accepted as it stands. */
Test(proposals, texts_that_strain_the_reading_give_proposals_that_post)
{
    static const char *const texts[] = {
        "Japanese Defense Minister Nobuo Kishi met Phan Van Giang",
        "They met on",
        "The ministers met in late",
        "Talks were held on April 31 and on February 29, 2023, in Hanoi.",
        "Vietnamese Defense Minister",
        "Indonesian Defense Minister Budi Santoso",
        "Gen. Phan Van Giang met Gen. Gen. Gen. in Hanoi on Monday. U.S. Sen. met.",
        "\xe5\x9b\xbd\xe9\x98\xb2\xe9\x83\xa8\xe9\x95\xb7 met "
        "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb2\xd9\x8a"
        "\xd8\xb1 in Hanoi on Monday \xf0\x9f\x98\x80. Phan Va\xcc\x86n Giang visited Tokyo.",
        "\"Visit\" [met] (talks) \xe2\x80\x9cMeeting\xe2\x80\x9d \xe2\x80\x94 signed \xe2\x80\x94 "
        "drills, port calls; exercises: visited.",
        NULL,
    };
    char *long_one = malloc(300000), *cues = malloc(20000);
    size_t n = 0;
    while (n + 60 < 300000)
        n +=
            (size_t)sprintf(long_one + n, "Phan Van Giang met Nobuo Kishi in Hanoi on Monday and ");
    long_one[n] = '\0';
    n = 0;
    while (n + 20 < 20000)
        n += (size_t)sprintf(cues + n, "met visit talks, ");
    cues[n] = '\0';
    const char *all[16];
    size_t count = 0;
    for (const char *const *t = texts; *t; t++)
        all[count++] = *t;
    all[count++] = long_one;
    all[count++] = cues;
    for (size_t i = 0; i < count; i++) {
        char body[256], path[128];
        snprintf(
            body, sizeof body,
            "{\"id\": \"strained-%zu\", \"title\": \"Strained %zu\", \"date\": \"2024-03-0%zu\"}",
            i, i, i % 9 + 1);
        struct http_reply reply;
        call("POST", "/v1/sources", "application/json", NULL, body, &reply);
        cr_assert_eq(reply.status, 201, "%s", reply.body);
        http_reply_free(&reply);
        snprintf(path, sizeof path, "/v1/sources/strained-%zu/text", i);
        call("PUT", path, "text/plain; charset=utf-8", NULL, all[i], &reply);
        cr_assert_eq(reply.status, 201, "text %zu: %s", i, reply.body);
        http_reply_free(&reply);
        snprintf(path, sizeof path, "strained-%zu", i);
        json_t *answer = proposals_of(path);
        accept_all(all[i], json_object_get(answer, "items"));
        json_decref(answer);
    }
    free(long_one);
    free(cues);
}

/* "Add an article": a source with the address it can be read at, shown as given; an address
 * that is not an absolute http(s) one is a 422 naming /url, and changes nothing. */
Test(proposals, an_article_is_added_with_its_address)
{
    struct http_reply reply;
    call("POST", "/v1/sources", "application/json", NULL,
         "{\"id\": \"with-address\", \"title\": \"An article\", "
         "\"url\": \"https://news.example/2026/03/ministers-meet?ref=a#top\"}",
         &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    json_t *source = http_get_json(server.base_url, "/v1/sources/with-address");
    cr_assert_str_eq(json_string_value(json_object_get(source, "url")),
                     "https://news.example/2026/03/ministers-meet?ref=a#top");
    json_decref(source);
    static const char *const bad[] = {"\"ftp://news.example/a\"",
                                      "\"https://\"",
                                      "\"https:///path\"",
                                      "\"https://news.example/a b\"",
                                      "\"news.example/a\"",
                                      "42",
                                      NULL};
    for (const char *const *b = bad; *b; b++) {
        char body[256];
        snprintf(body, sizeof body, "{\"url\": %s}", *b);
        call("PATCH", "/v1/sources/with-address", "application/merge-patch+json", NULL, body,
             &reply);
        cr_assert_eq(reply.status, 422, "%s: %s", *b, reply.body);
        cr_assert(strstr(reply.body, "\"/url\""), "%s: %s", *b, reply.body);
        http_reply_free(&reply);
    }
    call("PATCH", "/v1/sources/with-address", "application/merge-patch+json", NULL,
         "{\"url\": null}", &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    source = http_get_json(server.base_url, "/v1/sources/with-address");
    cr_assert(json_is_null(json_object_get(source, "url")));
    json_decref(source);
}

/* A browser takes gzip, so the ETag it holds is the gzip'd representation's: accepting a cite
 * with it (If-Match) must work, and a stale one must still be refused. */
Test(proposals, an_etag_taken_gzipped_is_good_for_if_match)
{
    char url[256], tag[2][64];
    snprintf(url, sizeof url, "%s/v1/officials/phan-van-giang", server.base_url);
    for (int i = 0; i < 2; i++) { /* the first rendered, the second from the cache */
        struct http_reply reply;
        const char *headers[] = {"Accept-Encoding: gzip", NULL};
        http_call(NULL, "GET", url, headers, &reply);
        cr_assert_eq(reply.status, 200);
        cr_assert(http_header(&reply, "ETag", tag[i], sizeof tag[i]));
        cr_assert(strstr(tag[i], "-gz\""), "%s", tag[i]);
        http_reply_free(&reply);
    }
    cr_assert_str_eq(tag[0], tag[1]);
    struct http_reply reply;
    call("PATCH", "/v1/officials/phan-van-giang", "application/merge-patch+json", tag[0],
         "{\"summary\": \"Edited through a gzip'd ETag.\"}", &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    call("PATCH", "/v1/officials/phan-van-giang", "application/merge-patch+json", tag[0],
         "{\"summary\": \"Edited again with the stale one.\"}", &reply);
    cr_assert_eq(reply.status, 412, "%s", reply.body);
    http_reply_free(&reply);
}
