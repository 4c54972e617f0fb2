/* A corrected text carries every citation (#33): PUT /v1/sources/{id}/text moves each span citing
 * the document onto its own words, records a correction of them, and never leaves a span quoting
 * other words: a span whose words are gone is refused (409, orphans) or, with Prefer:
 * handling=lenient, kept as an orphan beside the spans; /v1/changes says what happened to each. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_http.h"
#include "test_server.h"
#include "test_text.h"

#define TOKEN "span-carry-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN
#define LENIENT "Prefer: handling=lenient"

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

TestSuite(span_carry, .init = start, .fini = stop, .timeout = 120);

/* A request with the token; extra is one more header or NULL. The reply is the caller's. */
static long request(const char *method, const char *path, const char *type, const char *body,
                    const char *extra, struct http_reply *reply)
{
    char url[640], content_type[96];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type);
    const char *headers[] = {AUTH, content_type, extra, NULL};
    http_send(NULL, method, url, headers, body, strlen(body), reply);
    return reply->status;
}

static long call(const char *method, const char *path, const char *type, const char *body)
{
    struct http_reply reply;
    long status = request(method, path, type, body, NULL, &reply);
    http_reply_free(&reply);
    return status;
}

static long put_text(const char *id, const char *text, const char *extra, json_t **problem)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/sources/%s/text", id);
    struct http_reply reply;
    long status = request("PUT", path, "text/plain; charset=utf-8", text, extra, &reply);
    if (problem)
        *problem = status >= 400 ? http_json(&reply) : NULL;
    char applied[64];
    if (extra && status == 204)
        cr_assert_str_eq(http_header(&reply, "Preference-Applied", applied, sizeof applied),
                         "handling=lenient");
    http_reply_free(&reply);
    return status;
}

static char *get_text(const char *path)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %ld", path, reply.status);
    char *text = strdup(reply.body);
    http_reply_free(&reply);
    return text;
}

static void new_source(const char *id, const char *text)
{
    char body[256];
    snprintf(body, sizeof body, "{\"id\": \"%s\", \"title\": \"Source %s\"}", id, id);
    cr_assert_eq(call("POST", "/v1/sources", "application/json", body), 201);
    cr_assert_eq(put_text(id, text, NULL, NULL), 201);
}

/* An event citing source at spans (a JSON array's text). */
static void new_event(const char *id, const char *source, const char *spans)
{
    char body[2048];
    snprintf(body, sizeof body,
             "{\"id\": \"%s\", \"title\": \"Event %s\", \"type\": \"meeting\", \"sources\": "
             "[{\"id\": \"%s\", \"spans\": %s}]}",
             id, id, source, spans);
    cr_assert_eq(call("POST", "/v1/events", "application/json", body), 201, "%s", body);
}

/* The source reference of record path citing source. */
static json_t *reference(json_t *record, const char *source)
{
    size_t i;
    json_t *ref;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        if (strcmp(json_string_value(json_object_get(ref, "id")), source) == 0)
            return ref;
    }
    return NULL;
}

/* The last change of source id. */
static json_t *last_change(const char *id)
{
    char path[256];
    snprintf(path, sizeof path, "/v1/changes?kind=source&id=%s&limit=1000", id);
    json_t *list = http_get_json(server.base_url, path);
    json_t *items = json_object_get(list, "items");
    json_t *last = json_incref(json_array_get(items, json_array_size(items) - 1));
    json_decref(list);
    return last;
}

/* Every span of the record's reference to source quotes its words (passage == exact). */
static void assert_spans_quote(json_t *record, const char *source)
{
    size_t i;
    json_t *span;
    json_array_foreach(json_object_get(reference(record, source), "spans"), i, span)
    {
        cr_assert_str_eq(json_string_value(json_object_get(span, "passage")),
                         json_string_value(json_object_get(span, "exact")));
    }
}

/* The case that opened #33: a publisher's note put before the commentary every span of the Tokyo
 * consultation cites; all five keep their passages, moved by the note's length. */
Test(span_carry, a_note_prepended_to_a_seed_document_keeps_every_passage)
{
    struct stat st;
    if (stat(JVDR_SEEDS_DIR, &st) != 0)
        cr_skip_test("%s is not present", JVDR_SEEDS_DIR);
    const char *id = "consultation-tokyo-2020-commentary";
    json_t *source =
        http_get_json(server.base_url, "/v1/sources/consultation-tokyo-2020-commentary");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", JVDR_SEEDS_DIR,
             json_string_value(json_object_get(source, "file_name")));
    json_decref(source);
    char *text = test_read_file(path);
    long status = put_text(id, text, NULL, NULL);
    cr_assert(status == 201 || status == 204, "%ld", status);

    json_t *before = http_get_json(server.base_url, "/v1/events/defense-consultation-tokyo-2020");
    json_t *spans = json_object_get(reference(before, id), "spans");
    cr_assert_eq(json_array_size(spans), 5, "the seed cites the commentary five times");
    assert_spans_quote(before, id);

    const char *note = "Editor's note: this article was updated to correct a name.\n";
    char *noted = malloc(strlen(note) + strlen(text) + 1);
    strcpy(noted, note);
    strcat(noted, text);
    cr_assert_eq(put_text(id, noted, NULL, NULL), 204);

    json_t *after = http_get_json(server.base_url, "/v1/events/defense-consultation-tokyo-2020");
    json_t *moved = json_object_get(reference(after, id), "spans");
    cr_assert_eq(json_array_size(moved), 5);
    for (size_t i = 0; i < 5; i++) {
        json_t *was = json_array_get(spans, i), *is = json_array_get(moved, i);
        cr_assert_str_eq(json_string_value(json_object_get(is, "passage")),
                         json_string_value(json_object_get(was, "passage")));
        cr_assert_eq(json_integer_value(json_object_get(is, "start")),
                     json_integer_value(json_object_get(was, "start")) + (json_int_t)strlen(note));
    }
    assert_spans_quote(after, id);
    cr_assert_null(json_object_get(reference(after, id), "orphans"));

    /* The change says which spans moved, from where to where. */
    json_t *change = last_change(id);
    json_t *listed = json_object_get(json_object_get(change, "spans"), "moved");
    cr_assert_geq(json_array_size(listed), 5, "%s", json_dumps(change, 0));
    json_decref(change);
    json_decref(before);
    json_decref(after);
    free(noted);
    free(text);
}

Test(span_carry, a_text_losing_cited_words_is_refused_and_nothing_changes)
{
    new_source("losing", "The frigate visited Cam Ranh. The minister spoke about training.");
    new_event("cites-losing", "losing",
              "[{\"start\": 4, \"end\": 28}, {\"start\": 34, \"end\": 54}]");
    json_t *before = http_get_json(server.base_url, "/v1/events/cites-losing");

    json_t *problem = NULL;
    cr_assert_eq(put_text("losing", "The minister spoke about training.", NULL, &problem), 409);
    json_t *orphans = json_object_get(problem, "orphans");
    cr_assert_eq(json_array_size(orphans), 1, "%s", json_dumps(problem, 0));
    json_t *one = json_array_get(orphans, 0);
    cr_assert_str_eq(json_string_value(json_object_get(one, "kind")), "event");
    cr_assert_str_eq(json_string_value(json_object_get(one, "id")), "cites-losing");
    cr_assert_str_eq(json_string_value(json_object_get(one, "pointer")), "/sources/0/spans/0");
    cr_assert_str_eq(json_string_value(json_object_get(one, "exact")), "frigate visited Cam Ranh");
    json_decref(problem);

    char *text = get_text("/v1/sources/losing/text");
    cr_assert_str_eq(text, "The frigate visited Cam Ranh. The minister spoke about training.");
    free(text);
    json_t *after = http_get_json(server.base_url, "/v1/events/cites-losing");
    cr_assert(json_equal(before, after), "the record is as it was");
    json_decref(before);
    json_decref(after);
}

Test(span_carry, lenient_keeps_the_lost_words_as_orphans_beside_the_spans)
{
    new_source("lenient", "The frigate visited Cam Ranh. The minister spoke about training.");
    new_event("cites-lenient", "lenient",
              "[{\"start\": 4, \"end\": 28}, {\"start\": 34, \"end\": 54}]");
    cr_assert_eq(put_text("lenient", "Update. The minister spoke about training.", LENIENT, NULL),
                 204);
    json_t *record = http_get_json(server.base_url, "/v1/events/cites-lenient");
    json_t *ref = reference(record, "lenient");
    json_t *spans = json_object_get(ref, "spans"), *orphans = json_object_get(ref, "orphans");
    cr_assert_eq(json_array_size(spans), 1);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(spans, 0), "passage")),
                     "minister spoke about");
    cr_assert_eq(json_array_size(orphans), 1);
    json_t *orphan = json_array_get(orphans, 0);
    cr_assert_str_eq(json_string_value(json_object_get(orphan, "exact")),
                     "frigate visited Cam Ranh");
    cr_assert_str_eq(json_string_value(json_object_get(orphan, "prefix")), "The ");
    cr_assert_null(json_object_get(orphan, "start"), "an orphan has no place in the text");

    /* The change lists it; a GET body goes back with PUT (orphans read-only) and keeps it. */
    json_t *change = last_change("lenient");
    json_t *report = json_object_get(change, "spans");
    cr_assert_eq(json_array_size(json_object_get(report, "orphaned")), 1);
    cr_assert_eq(json_array_size(json_object_get(report, "moved")), 1);
    json_decref(change);
    char *body = json_dumps(record, JSON_COMPACT);
    cr_assert_eq(call("PUT", "/v1/events/cites-lenient", "application/json", body), 200);
    free(body);
    json_t *again = http_get_json(server.base_url, "/v1/events/cites-lenient");
    cr_assert_eq(json_array_size(json_object_get(reference(again, "lenient"), "orphans")), 1);
    json_decref(again);

    /* Lenient with nothing lost is an ordinary replacement. */
    cr_assert_eq(put_text("lenient", "Update 2. The minister spoke about training.", LENIENT, NULL),
                 204);
    json_decref(record);
}

Test(span_carry, a_reference_left_with_orphans_alone_still_shows_them)
{
    new_source("all-lost", "Only this sentence is cited here.");
    new_event("cites-all-lost", "all-lost", "[{\"start\": 0, \"end\": 18}]");
    cr_assert_eq(call("PATCH", "/v1/events/cites-all-lost", "application/merge-patch+json",
                      "{\"date\": \"2024-05-01\"}"),
                 200);
    cr_assert_eq(put_text("all-lost", "Something else entirely.", LENIENT, NULL), 204);
    json_t *record = http_get_json(server.base_url, "/v1/events/cites-all-lost");
    json_t *ref = reference(record, "all-lost");
    cr_assert_not_null(ref, "the reference stays, with its orphan");
    cr_assert_eq(json_array_size(json_object_get(ref, "spans")), 0);
    cr_assert_eq(json_array_size(json_object_get(ref, "orphans")), 1);
    /* Orphans alone are no citation: the lists' filter and the document's counts say so. */
    static const char *const lists[] = {"/v1/events?source=all-lost",
                                        "/v1/events?source=all-lost&sort=-date"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        json_t *citing = http_get_json(server.base_url, lists[i]);
        cr_assert_eq(json_integer_value(json_object_get(citing, "total")), 0, "%s: %s", lists[i],
                     json_dumps(citing, 0));
        json_decref(citing);
    }
    json_t *source = http_get_json(server.base_url, "/v1/sources/all-lost");
    cr_assert_eq(json_integer_value(json_object_get(source, "events_total")), 0, "%s",
                 json_dumps(source, 0));
    json_decref(source);
    char *body = json_dumps(record, JSON_COMPACT);
    struct http_reply reply;
    cr_assert_eq(
        request("PUT", "/v1/events/cites-all-lost", "application/json", body, NULL, &reply), 200,
        "%s", reply.body);
    http_reply_free(&reply);
    free(body);
    json_decref(record);
}

Test(span_carry, a_typo_fixed_inside_the_cited_words_is_recorded_as_a_correction)
{
    new_source("typo", "Yesterday the delegation arrived in Hanio for the annual talks.");
    new_event("cites-typo", "typo", "[{\"start\": 10, \"end\": 62}]");
    cr_assert_eq(put_text("typo", "Yesterday the delegation arrived in Hanoi for the annual talks.",
                          NULL, NULL),
                 204);
    json_t *record = http_get_json(server.base_url, "/v1/events/cites-typo");
    json_t *span = json_array_get(json_object_get(reference(record, "typo"), "spans"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(span, "exact")),
                     "the delegation arrived in Hanoi for the annual talks");
    assert_spans_quote(record, "typo");
    json_t *change = last_change("typo");
    json_t *fixed =
        json_array_get(json_object_get(json_object_get(change, "spans"), "corrected"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(fixed, "old_exact")),
                     "the delegation arrived in Hanio for the annual talks");
    cr_assert_str_eq(json_string_value(json_object_get(fixed, "pointer")), "/sources/0/spans/0");
    json_decref(change);
    json_decref(record);
}

Test(span_carry, a_cached_record_shows_its_moved_passages_at_once)
{
    new_source("cached", "Alpha. The ships docked at the port. Omega.");
    new_event("cites-cached", "cached", "[{\"start\": 7, \"end\": 35}]");
    json_t *before = http_get_json(server.base_url, "/v1/events/cites-cached"); /* cached now */
    cr_assert_eq(
        put_text("cached", "Intro. Alpha. The ships docked at the port. Omega.", NULL, NULL), 204);
    json_t *after = http_get_json(server.base_url, "/v1/events/cites-cached");
    json_t *span = json_array_get(json_object_get(reference(after, "cached"), "spans"), 0);
    cr_assert_eq(json_integer_value(json_object_get(span, "start")), 14);
    cr_assert_str_eq(json_string_value(json_object_get(span, "passage")),
                     "The ships docked at the port");
    json_decref(before);
    json_decref(after);
}

Test(span_carry, two_spans_landing_on_the_same_words_become_one)
{
    /* Both quote the same sentence; the first occurrence is deleted, so both go to the second. */
    new_source("twice", "The pact was signed. Then: The pact was signed. End.");
    new_event("cites-twice", "twice",
              "[{\"start\": 0, \"end\": 20}, {\"start\": 27, \"end\": 47}]");
    cr_assert_eq(put_text("twice", "Then: The pact was signed. End.", NULL, NULL), 204);
    json_t *record = http_get_json(server.base_url, "/v1/events/cites-twice");
    json_t *spans = json_object_get(reference(record, "twice"), "spans");
    cr_assert_eq(json_array_size(spans), 1, "%s", json_dumps(record, 0));
    assert_spans_quote(record, "twice");
    json_t *change = last_change("twice");
    cr_assert_eq(json_array_size(json_object_get(json_object_get(change, "spans"), "merged")), 1);
    json_decref(change);
    json_decref(record);
}

/* Spans of one record moving onto each other's places (a row's key is its record, source and
 * start): each one, moved right and then left, keeps its words. */
Test(span_carry, spans_moving_onto_each_others_places_keep_their_words)
{
    const char *text = "Head. First fact. Next fact. Last fact. Tail.";
    /* "First fact." [6, 17), "Next fact." [18, 28), "Last fact." [29, 39) */
    new_source("chain", text);
    new_event("cites-chain", "chain",
              "[{\"start\": 6, \"end\": 17}, {\"start\": 18, \"end\": 28}, {\"start\": 29, "
              "\"end\": 39}]");
    /* Twelve code points before them: the first moves onto the second's place, and back. */
    static const char *const versions[] = {
        "Head. 0123456789X First fact. Next fact. Last fact. Tail.",
        "Head. First fact. Next fact. Last fact. Tail.",
    };
    static const long firsts[] = {6 + 12, 6};
    for (size_t v = 0; v < 2; v++) {
        cr_assert_eq(put_text("chain", versions[v], NULL, NULL), 204, "version %zu", v);
        json_t *record = http_get_json(server.base_url, "/v1/events/cites-chain");
        json_t *spans = json_object_get(reference(record, "chain"), "spans");
        cr_assert_eq(json_array_size(spans), 3);
        assert_spans_quote(record, "chain");
        static const char *const words[] = {"First fact.", "Next fact.", "Last fact."};
        for (size_t i = 0; i < 3; i++)
            cr_assert_str_eq(json_string_value(json_object_get(json_array_get(spans, i), "exact")),
                             words[i]);
        cr_assert_eq(json_integer_value(json_object_get(json_array_get(spans, 0), "start")),
                     firsts[v]);
        json_decref(record);
    }
}

/* ---- Random edits through the API: every span quotes its words or is reported. ---- */

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned below)
{
    rnd_state = rnd_state * 1664525u + 1013904223u;
    return (rnd_state >> 8) % below;
}

static const char *const pieces[] = {
    "the ",  "ministers ", "met ",       "in ",        "Hà Nội ",   "Tokyo. ",
    "🙂 ", "𝔘𝔫𝔦 ",       "e\xcc\x81 ", "\r\n",       "signed ",   "a ",
    "pact ", "on ",        "maritime ",  "security, ", "“quoted” ", "– ",
    "2024 ", "Đà Nẵng ",   "naval ",     "drills. ",   "\n\n",      "and ",
};

static char *edited(const char *text)
{
    size_t n = test_points(text), at = rnd((unsigned)n + 1), span = 1 + rnd((unsigned)n / 6 + 1);
    if (at + span > n)
        span = n - at;
    size_t a = test_byte_of(text, at), b = test_byte_of(text, at + span);
    char insert[512] = "";
    switch (rnd(5)) {
    case 0: /* words inserted */
        for (int i = 0, k = 1 + (int)rnd(4); i < k; i++)
            strcat(insert, pieces[rnd(sizeof pieces / sizeof *pieces)]);
        b = a;
        break;
    case 1: /* a typo */
        strcpy(insert, "x");
        b = test_byte_of(text, at + 1 > n ? n : at + 1);
        break;
    case 2: /* a stretch duplicated elsewhere */
        if (b - a < sizeof insert) {
            memcpy(insert, text + a, b - a);
            insert[b - a] = '\0';
        }
        a = b = test_byte_of(text, rnd((unsigned)n + 1));
        break;
    default: /* a stretch deleted */
        break;
    }
    size_t len = strlen(text), ins = strlen(insert);
    char *out = malloc(len - (b - a) + ins + 1);
    memcpy(out, text, a);
    memcpy(out + a, insert, ins);
    memcpy(out + a + ins, text + b, len - b + 1);
    return out;
}

/* Whether list (a JSON array of objects) has an entry whose exact is exact. */
static bool has_exact(json_t *list, const char *exact)
{
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "exact")), exact) == 0)
            return true;
    }
    return false;
}

/* The span at a report's pointer (/sources/N/spans/M) in record, or NULL. */
static json_t *span_at(json_t *record, const char *pointer)
{
    size_t source, span;
    char rest;
    if (sscanf(pointer, "/sources/%zu/spans/%zu%c", &source, &span, &rest) != 2)
        return NULL;
    json_t *ref = json_array_get(json_object_get(record, "sources"), source);
    return json_array_get(json_object_get(ref, "spans"), span);
}

/* Every span the report says moved or was corrected in record id is at its pointer, there. */
static void assert_reported_places(json_t *report, json_t *record, const char *id, int round)
{
    static const char *const members[] = {"moved", "corrected"};
    for (size_t m = 0; m < 2; m++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(report, members[m]), i, entry)
        {
            if (strcmp(json_string_value(json_object_get(entry, "id")), id) != 0)
                continue;
            const char *pointer = json_string_value(json_object_get(entry, "pointer"));
            json_t *span = span_at(record, pointer);
            cr_assert_not_null(span, "round %d: %s has nothing at %s", round, id, pointer);
            cr_assert_eq(json_integer_value(json_object_get(span, "start")),
                         json_integer_value(json_object_get(entry, "start")),
                         "round %d: %s%s is not where the change says", round, id, pointer);
            cr_assert_eq(json_integer_value(json_object_get(span, "end")),
                         json_integer_value(json_object_get(entry, "end")));
        }
    }
}

Test(span_carry, random_corrections_never_leave_a_span_quoting_other_words)
{
    char text[8192] = "";
    for (int i = 0; i < 150; i++)
        strcat(text, pieces[rnd(sizeof pieces / sizeof *pieces)]);
    new_source("random", text);
    /* Six events, three spans each; each one's words are remembered by the test. */
    enum { EVENTS = 6, SPANS = 3 };
    json_t *model[EVENTS]; /* per event: the set of words it cites (object: words -> true) */
    size_t n = test_points(text);
    for (int e = 0; e < EVENTS; e++) {
        char spans[512] = "[", id[32];
        model[e] = json_object();
        long starts[SPANS];
        for (int s = 0; s < SPANS; s++) {
            long start;
            bool clash;
            do {
                start = (long)rnd((unsigned)n - 50);
                clash = false;
                for (int k = 0; k < s; k++)
                    clash |= starts[k] == start;
            } while (clash);
            starts[s] = start;
            long end = start + 3 + (long)rnd(40);
            char one[64];
            snprintf(one, sizeof one, "%s{\"start\": %ld, \"end\": %ld}", s ? ", " : "", start,
                     end);
            strcat(spans, one);
        }
        strcat(spans, "]");
        snprintf(id, sizeof id, "random-%d", e);
        new_event(id, "random", spans);
        json_t *record =
            http_get_json(server.base_url, strcat(strcpy((char[64]){0}, "/v1/events/"), id));
        size_t i;
        json_t *span;
        json_array_foreach(json_object_get(reference(record, "random"), "spans"), i, span)
        {
            json_object_set_new(model[e], json_string_value(json_object_get(span, "exact")),
                                json_true());
        }
        json_decref(record);
    }
    char *current = strdup(text);
    size_t corrected = 0, orphaned = 0, moved = 0;
    size_t citing; /* events left with a span into the document, this round */
    for (int round = 0; round < 40; round++) {
        char *next = edited(current);
        if (test_points(next) == 0 || strcmp(next, current) == 0) {
            free(next);
            continue;
        }
        cr_assert_eq(put_text("random", next, LENIENT, NULL), 204, "round %d", round);
        free(current);
        current = next;
        json_t *change = last_change("random");
        json_t *report = json_object_get(change, "spans");
        moved += json_array_size(json_object_get(report, "moved"));
        citing = 0;
        for (int e = 0; e < EVENTS; e++) {
            char id[32], path[64];
            snprintf(id, sizeof id, "random-%d", e);
            snprintf(path, sizeof path, "/v1/events/%s", id);
            json_t *record = http_get_json(server.base_url, path);
            json_t *ref = reference(record, "random");
            /* The model follows only what the change reported. */
            size_t i;
            json_t *entry;
            json_array_foreach(json_object_get(report, "orphaned"), i, entry)
            {
                if (strcmp(json_string_value(json_object_get(entry, "id")), id) == 0) {
                    json_object_del(model[e], json_string_value(json_object_get(entry, "exact")));
                    orphaned++;
                }
            }
            json_array_foreach(json_object_get(report, "corrected"), i, entry)
            {
                if (strcmp(json_string_value(json_object_get(entry, "id")), id) == 0) {
                    json_object_del(model[e],
                                    json_string_value(json_object_get(entry, "old_exact")));
                    json_object_set_new(
                        model[e], json_string_value(json_object_get(entry, "exact")), json_true());
                    corrected++;
                }
            }
            assert_reported_places(report, record, id, round);
            citing += json_array_size(json_object_get(ref, "spans")) > 0;
            /* Every span quotes words the model expects, and its passage is its words. */
            json_t *span;
            json_array_foreach(json_object_get(ref, "spans"), i, span)
            {
                const char *exact = json_string_value(json_object_get(span, "exact"));
                cr_assert_str_eq(json_string_value(json_object_get(span, "passage")), exact);
                char *stored =
                    test_slice(current, (long)json_integer_value(json_object_get(span, "start")),
                               (long)json_integer_value(json_object_get(span, "end")));
                cr_assert_str_eq(stored, exact, "round %d: %s's span is not the text's words",
                                 round, id);
                free(stored);
                cr_assert_not_null(json_object_get(model[e], exact),
                                   "round %d: %s quotes '%s', which it never cited", round, id,
                                   exact);
            }
            /* Every orphan reported this round is shown beside the spans. */
            json_array_foreach(json_object_get(report, "orphaned"), i, entry)
            {
                if (strcmp(json_string_value(json_object_get(entry, "id")), id) == 0)
                    cr_assert(has_exact(json_object_get(ref, "orphans"),
                                        json_string_value(json_object_get(entry, "exact"))),
                              "round %d: %s lost '%s' but does not show it", round, id,
                              json_string_value(json_object_get(entry, "exact")));
            }
            json_decref(record);
        }
        /* The document's count of the events citing it follows the spans they keep. */
        json_t *source = http_get_json(server.base_url, "/v1/sources/random");
        cr_assert_eq(json_integer_value(json_object_get(source, "events_total")),
                     (json_int_t)citing, "round %d", round);
        json_decref(source);
        json_decref(change);
    }
    cr_log_info("moved %zu, corrected %zu, orphaned %zu", moved, corrected, orphaned);
    cr_assert_gt(moved, 0);
    for (int e = 0; e < EVENTS; e++)
        json_decref(model[e]);
    free(current);
}
