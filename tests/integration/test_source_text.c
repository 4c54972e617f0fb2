/* Documents through the API: PUT and GET /v1/sources/{id}/text (ETags, If-Match, the audit
 * trail, the refusals), spans checked against the text they point into on every write (422 with
 * the pointer of the offending start or end), a text that would leave spans past its end refused
 * with 409 naming them, and after a random series of writes no span past its document's end. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "source-text-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_server server;

static void configure(struct config *cfg)
{
    cfg->api_token = "analyst:" TOKEN;
    cfg->max_body = 8192;
}

static void start(void)
{
    test_server_start(&server, configure);
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(source_text, .init = start, .fini = stop, .timeout = 120);

/* A request with a body (may be NULL) and up to three extra header lines. */
static void call(const char *method, const char *path, const char *type, const char *body,
                 size_t len, const char *extra, struct http_reply *reply)
{
    char url[256], content_type[128];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type ? type : "");
    const char *headers[] = {AUTH, type ? content_type : extra, type ? extra : NULL, NULL};
    http_send(NULL, method, url, headers, body, len, reply);
}

static int status_of(const char *method, const char *path, const char *type, const char *body,
                     const char *extra)
{
    struct http_reply reply;
    call(method, path, type, body, body ? strlen(body) : 0, extra, &reply);
    int status = (int)reply.status;
    http_reply_free(&reply);
    return status;
}

static void put_text(const char *id, const char *text, int expect)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/sources/%s/text", id);
    struct http_reply reply;
    call("PUT", path, "text/plain; charset=utf-8", text, strlen(text), NULL, &reply);
    cr_assert_eq(reply.status, expect, "PUT %s: %ld %s", path, reply.status, reply.body);
    http_reply_free(&reply);
}

static void new_source(const char *id)
{
    char body[256];
    snprintf(body, sizeof body, "{\"id\": \"%s\", \"title\": \"A document of the test's own\"}",
             id);
    cr_assert_eq(status_of("POST", "/v1/sources", "application/json", body, NULL), 201);
}

Test(source_text, a_text_is_loaded_read_back_replaced_and_audited)
{
    new_source("own-notes");
    const char *text = "Phan Văn Giang met Kishi Nobuo in Hà Nội.\nThey spoke of Viet Nam.";
    struct http_reply put, got, again;
    call("PUT", "/v1/sources/own-notes/text", "text/plain; charset=utf-8", text, strlen(text), NULL,
         &put);
    cr_assert_eq(put.status, 201, "%s", put.body);
    char etag[64], location[256], got_tag[64], type[64];
    cr_assert_not_null(http_header(&put, "ETag", etag, sizeof etag));
    cr_assert_not_null(http_header(&put, "Location", location, sizeof location));
    cr_assert(strstr(location, "/v1/sources/own-notes/text"), "%s", location);
    http_reply_free(&put);

    http_get(server.base_url, "/v1/sources/own-notes/text", &got);
    cr_assert_eq(got.status, 200);
    cr_assert_str_eq(http_header(&got, "Content-Type", type, sizeof type),
                     "text/plain; charset=utf-8");
    cr_assert_eq(got.body_len, strlen(text));
    cr_assert(memcmp(got.body, text, got.body_len) == 0, "the text as it was sent");
    cr_assert_str_eq(http_header(&got, "ETag", got_tag, sizeof got_tag), etag);
    http_reply_free(&got);

    char inm[96];
    snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
    const char *conditional[] = {inm, NULL};
    char url[256];
    snprintf(url, sizeof url, "%s/v1/sources/own-notes/text", server.base_url);
    http_call(NULL, "GET", url, conditional, &again);
    cr_assert_eq(again.status, 304);
    http_reply_free(&again);

    /* Replacing: If-Match must name the text's current ETag. */
    char if_match[96];
    snprintf(if_match, sizeof if_match, "If-Match: %s", etag);
    cr_assert_eq(status_of("PUT", "/v1/sources/own-notes/text", "text/plain",
                           "A longer text now, "
                           "longer than the first one was, by a good many characters.",
                           if_match),
                 204);
    cr_assert_eq(status_of("PUT", "/v1/sources/own-notes/text", "text/plain", "Again.", if_match),
                 412, "the first ETag is stale now");

    /* The detail says the text is loaded; the audit trail holds both writes, by the token's
     * label, as updates of the source. */
    http_get(server.base_url, "/v1/sources/own-notes", &got);
    json_t *detail = http_json(&got);
    cr_assert(json_is_true(json_object_get(detail, "text_loaded")));
    json_decref(detail);
    http_reply_free(&got);
    http_get(server.base_url, "/v1/changes?kind=source&id=own-notes", &got);
    json_t *changes = http_json(&got);
    json_t *items = json_object_get(changes, "items");
    cr_assert_eq(json_array_size(items), 3, "create, then two texts: %s", got.body);
    for (size_t i = 1; i < 3; i++) {
        json_t *change = json_array_get(items, i);
        cr_assert_str_eq(json_string_value(json_object_get(change, "action")), "update");
        cr_assert_str_eq(json_string_value(json_object_get(change, "actor")), "analyst");
    }
    json_decref(changes);
    http_reply_free(&got);
}

/* If-None-Match: * loads a text only where none is (RFC 9110 section 13.1.2). */
Test(source_text, if_none_match_star_loads_a_text_only_where_none_is)
{
    new_source("only-if-absent");
    const char *path = "/v1/sources/only-if-absent/text";
    const char *type = "text/plain; charset=utf-8";
    cr_assert_eq(status_of("PUT", path, type, "The first text.", "If-None-Match: *"), 201);
    cr_assert_eq(status_of("PUT", path, type, "A second text.", "If-None-Match: *"), 412);
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_str_eq(reply.body, "The first text.", "the refused text was not stored");
    http_reply_free(&reply);
}

Test(source_text, bad_texts_are_refused_with_a_problem)
{
    new_source("refusals");
    const char *path = "/v1/sources/refusals/text";
    cr_assert_eq(status_of("PUT", path, "text/plain", "caf\xc3(", NULL), 400, "invalid UTF-8");
    struct http_reply reply;
    call("PUT", path, "text/plain", "a\0b", 3, NULL, &reply);
    cr_assert_eq(reply.status, 400, "a NUL byte");
    cr_assert(strstr(reply.body, "NUL"), "%s", reply.body);
    http_reply_free(&reply);
    cr_assert_eq(status_of("PUT", path, "text/plain", "", NULL), 400, "empty");
    cr_assert_eq(status_of("PUT", path, "text/html", "<p>text</p>", NULL), 415);
    cr_assert_eq(status_of("PUT", path, "text/plain; charset=iso-8859-1", "text", NULL), 415);
    cr_assert_eq(status_of("PUT", path, "application/json", "\"text\"", NULL), 415);
    char *big = malloc(9000);
    memset(big, 'a', 8999);
    big[8999] = '\0';
    cr_assert_eq(status_of("PUT", path, "text/plain", big, NULL), 413, "over JVDR_MAX_BODY");
    free(big);
    cr_assert_eq(status_of("PUT", "/v1/sources/no-such-source/text", "text/plain", "x", NULL), 404);

    char url[256];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    http_call(NULL, "PUT", url, (const char *const[]){"Content-Type: text/plain", NULL}, &reply);
    cr_assert_eq(reply.status, 401, "no token");
    http_reply_free(&reply);

    /* Nothing was stored: the text is still missing, a 404 problem. */
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 404);
    char type[64];
    cr_assert_str_eq(http_header(&reply, "Content-Type", type, sizeof type),
                     "application/problem+json");
    http_reply_free(&reply);
    http_call(NULL, "GET", url, (const char *const[]){"Accept: application/json", NULL}, &reply);
    cr_assert_eq(reply.status, 406, "the text is text/plain only");
    http_reply_free(&reply);
}

/* An event citing source with one span; returns the status. */
static int cite(const char *method, const char *path, const char *source, long start, long end)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"title\": \"Cites a span\", \"type\": \"meeting\", \"sources\": [{\"id\": "
             "\"%s\", \"spans\": [{\"start\": %ld, \"end\": %ld}]}]}",
             source, start, end);
    return status_of(method, path,
                     strcmp(method, "PATCH") == 0 ? "application/merge-patch+json"
                                                  : "application/json",
                     body, NULL);
}

Test(source_text, spans_are_checked_against_the_text_they_point_into)
{
    new_source("five-points");
    put_text("five-points", "ŠĐÂÊÔ", 201); /* 5 code points, 10 bytes */
    struct http_reply reply;
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\": \"cites-the-end\", \"title\": \"At the boundary\", \"type\": \"meeting\", "
             "\"sources\": [{\"id\": \"five-points\", \"spans\": [{\"start\": 3, \"end\": 5}]}]}");
    call("POST", "/v1/events", "application/json", body, strlen(body), NULL, &reply);
    cr_assert_eq(reply.status, 201, "a span ending at the text's end: %s", reply.body);
    json_t *event = http_json(&reply);
    json_t *span = json_array_get(
        json_object_get(json_array_get(json_object_get(event, "sources"), 0), "spans"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(span, "passage")), "ÊÔ");
    json_decref(event);
    http_reply_free(&reply);

    /* One past the end: 422 at the end; starting at the end: 422 at the start. */
    const struct {
        long start, end;
        const char *pointer;
    } past[] = {{3, 6, "/sources/0/spans/0/end"},
                {5, 6, "/sources/0/spans/0/start"},
                {99999, 100000, "/sources/0/spans/0/start"}};
    for (size_t i = 0; i < sizeof past / sizeof past[0]; i++) {
        snprintf(body, sizeof body,
                 "{\"title\": \"Past the end\", \"type\": \"meeting\", \"sources\": [{\"id\": "
                 "\"five-points\", \"spans\": [{\"start\": %ld, \"end\": %ld}]}]}",
                 past[i].start, past[i].end);
        call("POST", "/v1/events", "application/json", body, strlen(body), NULL, &reply);
        cr_assert_eq(reply.status, 422, "[%ld, %ld): %s", past[i].start, past[i].end, reply.body);
        json_t *problem = http_json(&reply);
        cr_assert_str_eq(json_string_value(json_object_get(
                             json_array_get(json_object_get(problem, "errors"), 0), "pointer")),
                         past[i].pointer);
        json_decref(problem);
        http_reply_free(&reply);
    }
    /* A change through PATCH and PUT is checked the same way. */
    cr_assert_eq(cite("PATCH", "/v1/events/cites-the-end", "five-points", 0, 6), 422);
    cr_assert_eq(cite("PUT", "/v1/events/cites-the-end", "five-points", 0, 6), 422);

    /* Into a document without text: accepted, the passage null until the text arrives. */
    new_source("no-text-yet");
    cr_assert_eq(cite("POST", "/v1/events", "no-text-yet", 100, 200), 201);
}

/* A first text must hold the spans written before it (offsets alone, nothing to carry). */
Test(source_text, a_first_text_too_short_for_its_spans_is_refused_naming_them)
{
    new_source("cited-doc");
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\": \"cites-the-doc\", \"title\": \"Cites two spans\", \"type\": \"meeting\", "
             "\"sources\": [{\"id\": \"cited-doc\", \"spans\": [{\"start\": 0, \"end\": 2}, "
             "{\"start\": 6, \"end\": 10}]}]}");
    cr_assert_eq(status_of("POST", "/v1/events", "application/json", body, NULL), 201);
    struct http_reply before, reply, after;
    http_get(server.base_url, "/v1/events/cites-the-doc", &before); /* cached now */

    call("PUT", "/v1/sources/cited-doc/text", "text/plain", "01234567", 8, NULL, &reply);
    cr_assert_eq(reply.status, 409, "%s", reply.body);
    json_t *problem = http_json(&reply);
    json_t *broken = json_object_get(problem, "broken");
    cr_assert_eq(json_array_size(broken), 1, "%s", reply.body);
    json_t *one = json_array_get(broken, 0);
    cr_assert_str_eq(json_string_value(json_object_get(one, "kind")), "event");
    cr_assert_str_eq(json_string_value(json_object_get(one, "id")), "cites-the-doc");
    cr_assert_str_eq(json_string_value(json_object_get(one, "pointer")), "/sources/0/spans/1");
    json_decref(problem);
    http_reply_free(&reply);

    /* Refused means unchanged; a text long enough goes in, and the detail shows its passages at
     * once (the cached answer is gone). */
    http_get(server.base_url, "/v1/sources/cited-doc/text", &reply);
    cr_assert_eq(reply.status, 404);
    http_reply_free(&reply);
    put_text("cited-doc", "ABCDEFGHIJKL", 201);
    http_get(server.base_url, "/v1/events/cites-the-doc", &after);
    cr_assert(strstr(before.body, "\"passage\":null"), "%s", before.body);
    cr_assert(strstr(after.body, "\"passage\":\"AB\""), "%s", after.body);
    cr_assert(strstr(after.body, "\"passage\":\"GHIJ\""), "%s", after.body);
    http_reply_free(&before);
    http_reply_free(&after);

    /* A correction that loses cited words is refused naming them (test_span_carry has the
     * rest); search follows the text. */
    call("PUT", "/v1/sources/cited-doc/text", "text/plain", "ABCDEFGH", 8, NULL, &reply);
    cr_assert_eq(reply.status, 409, "%s", reply.body);
    problem = http_json(&reply);
    one = json_array_get(json_object_get(problem, "orphans"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(one, "exact")), "GHIJ", "%s", reply.body);
    json_decref(problem);
    http_reply_free(&reply);
    put_text("cited-doc", "ABCDEFGHIJKL zyxwvutsr", 204);
    http_get(server.base_url, "/v1/search?q=zyxwvutsr", &reply);
    cr_assert(strstr(reply.body, "\"id\":\"cited-doc\""), "%s", reply.body);
    http_reply_free(&reply);
}

/* The length in code points of UTF-8 text. */
static long code_points(const char *text)
{
    long n = 0;
    for (const char *p = text; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

Test(source_text, after_random_writes_no_span_points_past_its_document)
{
    static const char *const docs[] = {"random-a", "random-b", "random-c"};
    for (size_t d = 0; d < 3; d++)
        new_source(docs[d]);
    for (int e = 0; e < 10; e++) { /* ten events citing the documents before any text */
        char body[256];
        snprintf(body, sizeof body,
                 "{\"id\": \"random-event-%d\", \"title\": \"Random\", \"type\": \"meeting\", "
                 "\"sources\": [{\"id\": \"%s\", \"spans\": [{\"start\": 0, \"end\": %d}]}]}",
                 e, docs[e % 3], 1 + e);
        cr_assert_eq(status_of("POST", "/v1/events", "application/json", body, NULL), 201);
    }
    srand(20261202);
    int accepted = 0, refused = 0, texts_refused = 0;
    for (int step = 0; step < 300; step++) {
        const char *doc = docs[rand() % 3];
        int what = rand() % 4;
        if (what == 0) { /* a new text of 1 to 40 code points, some of them two bytes */
            char text[128];
            int n = 1 + rand() % 40, o = 0;
            for (int i = 0; i < n; i++)
                o += snprintf(text + o, sizeof text - (size_t)o, "%s", rand() % 3 ? "a" : "é");
            char path[64];
            snprintf(path, sizeof path, "/v1/sources/%s/text", doc);
            int status = status_of("PUT", path, "text/plain", text, NULL);
            cr_assert(status == 201 || status == 204 || status == 409, "PUT text: %d", status);
            texts_refused += status == 409;
        } else { /* one of the ten events cites a random span: replaced, patched or created */
            long start = rand() % 45, end = start + 1 + rand() % 10;
            char path[64];
            snprintf(path, sizeof path, "/v1/events/random-event-%d", rand() % 10);
            const char *method = what == 1 ? "POST" : what == 2 ? "PUT" : "PATCH";
            int status = cite(method, what == 1 ? "/v1/events" : path, doc, start, end);
            cr_assert(status == 201 || status == 200 || status == 422, "%s: %d", method, status);
            accepted += status == 201 || status == 200;
            refused += status == 422;
        }
    }
    cr_assert_gt(accepted, 0);
    cr_assert_gt(refused, 0, "some spans fell past their document's end");
    cr_assert_gt(texts_refused, 0, "some texts were too short for their spans");

    /* Every event citing the documents: each span within its text, its passage shown. */
    for (size_t d = 0; d < 3; d++) {
        char path[128];
        snprintf(path, sizeof path, "/v1/sources/%s/text", docs[d]);
        struct http_reply text, list;
        http_get(server.base_url, path, &text);
        long length = text.status == 200 ? code_points(text.body) : -1;
        snprintf(path, sizeof path, "/v1/events?source=%s&limit=500", docs[d]);
        http_get(server.base_url, path, &list);
        json_t *events = http_json(&list);
        size_t i, j, k;
        json_t *event, *ref, *span;
        json_array_foreach(json_object_get(events, "items"), i, event)
        {
            struct http_reply detail;
            snprintf(path, sizeof path, "/v1/events/%s",
                     json_string_value(json_object_get(event, "id")));
            http_get(server.base_url, path, &detail);
            json_t *record = http_json(&detail);
            json_array_foreach(json_object_get(record, "sources"), j, ref)
            {
                if (strcmp(json_string_value(json_object_get(ref, "id")), docs[d]) != 0)
                    continue;
                json_array_foreach(json_object_get(ref, "spans"), k, span)
                {
                    json_int_t end = json_integer_value(json_object_get(span, "end"));
                    if (length >= 0) {
                        cr_assert_leq(end, length, "%s cites past the end of %s", path, docs[d]);
                        cr_assert(json_is_string(json_object_get(span, "passage")));
                    }
                }
            }
            json_decref(record);
            http_reply_free(&detail);
        }
        json_decref(events);
        http_reply_free(&list);
        http_reply_free(&text);
    }
}

/* Whether GET path lists the record id (as "id":"<id>"). */
static bool lists(const char *path, const char *id)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "GET %s: %ld %s", path, reply.status, reply.body);
    char needle[128];
    snprintf(needle, sizeof needle, "\"id\":\"%s\"", id);
    bool found = strstr(reply.body, needle) != NULL;
    http_reply_free(&reply);
    return found;
}

/* A document is searched by its text as it stands now: each replacement's words are found and the
 * words it took out are not, in every search (the full-text rows are rewritten once per write,
 * migrations/0020), and so is a new title. */
Test(source_text, search_follows_each_replacement_of_a_text_and_a_new_title)
{
    new_source("searched-doc");
    put_text("searched-doc", "The first wording: qalphazq.", 201);
    cr_assert(lists("/v1/search?q=qalphazq", "searched-doc"));
    put_text("searched-doc", "The second wording: qbetazq.", 204);
    for (int round = 0; round < 2; round++) {
        cr_assert(lists("/v1/search?q=qbetazq", "searched-doc"), "round %d", round);
        cr_assert(lists("/v1/sources?q=qbetazq", "searched-doc"), "round %d", round);
        cr_assert(!lists("/v1/search?q=qalphazq", "searched-doc"), "round %d", round);
        cr_assert(!lists("/v1/sources?q=qalphazq", "searched-doc"), "round %d", round);
        /* The title changes; the text, which the change does not name, stays searchable. */
        const char *patch = round == 0 ? "{\"title\": \"Renamed qgammazq\"}"
                                       : "{\"title\": \"Renamed again qdeltazq\"}";
        cr_assert_eq(status_of("PATCH", "/v1/sources/searched-doc", "application/merge-patch+json",
                               patch, NULL),
                     200);
        cr_assert(
            lists(round == 0 ? "/v1/search?q=qgammazq" : "/v1/search?q=qdeltazq", "searched-doc"));
    }
    cr_assert(!lists("/v1/search?q=qgammazq", "searched-doc"));
}
