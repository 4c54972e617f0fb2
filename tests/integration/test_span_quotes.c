/* Every span remembers its words (#33's first step): beside start and end, the words it covers
 * (exact) and up to 32 code points of context either side (prefix, suffix), as the W3C Web
 * Annotation TextQuoteSelector keeps them; taken from the document's text when the span is written
 * against a loaded text, or when the text arrives for spans written before it, and ignored on
 * input as passage is. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_http.h"
#include "test_server.h"
#include "test_text.h"

#define TOKEN "span-quotes-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

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

TestSuite(span_quotes, .init = start, .fini = stop, .timeout = 60);

static long call(const char *method, const char *path, const char *type, const char *body)
{
    char url[640], content_type[96];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type);
    const char *headers[] = {AUTH, content_type, NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, strlen(body), &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

/* Every span of the record at path quotes its document as loaded: exact is its passage, prefix
 * and suffix the 32 code points either side. texts maps a source id to its text. */
static size_t check_record(const char *path, json_t *texts)
{
    json_t *record = http_get_json(server.base_url, path);
    size_t checked = 0, i, j;
    json_t *ref, *span;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        const char *text = json_string_value(
            json_object_get(texts, json_string_value(json_object_get(ref, "id"))));
        json_array_foreach(json_object_get(ref, "spans"), j, span)
        {
            long start = (long)json_integer_value(json_object_get(span, "start"));
            long end = (long)json_integer_value(json_object_get(span, "end"));
            if (!text) {
                cr_assert(json_is_null(json_object_get(span, "exact")), "%s: no text, no quote",
                          path);
                continue;
            }
            char *exact = test_slice(text, start, end);
            char *prefix = test_slice(text, start > 32 ? start - 32 : 0, start);
            char *suffix = test_slice(text, end, end + 32);
            cr_assert_str_eq(json_string_value(json_object_get(span, "exact")), exact, "%s", path);
            cr_assert_str_eq(json_string_value(json_object_get(span, "passage")), exact, "%s",
                             path);
            cr_assert_str_eq(json_string_value(json_object_get(span, "prefix")), prefix, "%s",
                             path);
            cr_assert_str_eq(json_string_value(json_object_get(span, "suffix")), suffix, "%s",
                             path);
            free(exact);
            free(prefix);
            free(suffix);
            checked++;
        }
    }
    json_decref(record);
    return checked;
}

/* The seed documents' texts loaded through the API, after the spans citing them: each span gets
 * its quotes as the text arrives; every record's spans are checked. */
Test(span_quotes, spans_written_before_their_text_get_quotes_when_it_arrives)
{
    struct stat st;
    if (stat(JVDR_SEEDS_DIR, &st) != 0)
        cr_skip_test("%s is not present", JVDR_SEEDS_DIR);
    json_t *texts = json_object();
    json_t *sources = http_get_json(server.base_url, "/v1/sources?limit=500");
    size_t i;
    json_t *source;
    check_record("/v1/events/defense-consultation-tokyo-2020", texts); /* no text yet: null */
    json_array_foreach(json_object_get(sources, "items"), i, source)
    {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", JVDR_SEEDS_DIR,
                 json_string_value(json_object_get(source, "file_name")));
        char *text = test_read_file(path);
        const char *id = json_string_value(json_object_get(source, "id"));
        snprintf(path, sizeof path, "/v1/sources/%s/text", id);
        long status = call("PUT", path, "text/plain; charset=utf-8", text);
        cr_assert(status == 201 || status == 204, "%s: %ld", path, status);
        json_object_set_new(texts, id, json_string(text));
        free(text);
    }
    json_decref(sources);
    size_t checked = 0;
    static const char *const collections[] = {"events", "officials", "agreements"};
    for (size_t c = 0; c < 3; c++) {
        char path[128];
        snprintf(path, sizeof path, "/v1/%s?limit=500", collections[c]);
        json_t *list = http_get_json(server.base_url, path);
        json_t *item;
        json_array_foreach(json_object_get(list, "items"), i, item)
        {
            snprintf(path, sizeof path, "/v1/%s/%s", collections[c],
                     json_string_value(json_object_get(item, "id")));
            checked += check_record(path, texts);
        }
        json_decref(list);
    }
    cr_assert_geq(checked, 40, "only %zu spans were checked", checked);
    json_decref(texts);
}

/* A span written against a loaded text is quoted at once, astral characters and combining marks
 * counted as the code points they are; what a client sends as quotes is ignored, as passage is. */
Test(span_quotes, a_span_written_against_a_text_is_quoted_at_once)
{
    const char *text = "A first line 🙂 with e\xcc\x81 marks.\r\nThe ministers met in Hanoi and "
                       "agreed to work together on peacekeeping.";
    cr_assert_eq(call("POST", "/v1/sources", "application/json",
                      "{\"id\": \"quoted\", \"title\": \"Quoted\"}"),
                 201);
    cr_assert_eq(call("PUT", "/v1/sources/quoted/text", "text/plain; charset=utf-8", text), 201);
    cr_assert_eq(call("POST", "/v1/events", "application/json",
                      "{\"id\": \"quoted-meeting\", \"title\": \"Quoted meeting\", \"type\": "
                      "\"meeting\", \"sources\": [{\"id\": \"quoted\", \"spans\": [{\"start\": 31, "
                      "\"end\": 48, \"exact\": \"not these words\", \"prefix\": \"nor\"}, "
                      "{\"start\": 0, \"end\": 20}]}]}"),
                 201);
    json_t *texts = json_pack("{s:s}", "quoted", text);
    cr_assert_eq(check_record("/v1/events/quoted-meeting", texts), 2);
    json_t *record = http_get_json(server.base_url, "/v1/events/quoted-meeting");
    json_t *span = json_array_get(
        json_object_get(json_array_get(json_object_get(record, "sources"), 0), "spans"), 1);
    cr_assert_str_eq(json_string_value(json_object_get(span, "exact")), "The ministers met");
    json_decref(record);
    json_decref(texts);
}

/* The body of a POST of an event citing source "pasted" with spans (a JSON array's text). */
static long cite(const char *spans)
{
    static int n;
    size_t size = strlen(spans) + 160;
    char *body = malloc(size);
    snprintf(body, size,
             "{\"id\": \"cited-%d\", \"title\": \"Cited\", \"type\": \"meeting\", \"sources\": "
             "[{\"id\": \"pasted\", \"spans\": %s}]}",
             ++n, spans);
    long status = call("POST", "/v1/events", "application/json", body);
    free(body);
    return status;
}

/* A span may cite by its words: the server places it where they stand in the loaded text,
 * whitespace, typographic punctuation and NFC/NFD aside, and the stored span covers the
 * document's own characters. */
Test(span_quotes, a_span_cited_by_its_words_is_placed_where_they_stand)
{
    const char *text = "Hanoi, 8 June.\n\nVietnam\xe2\x80\x99s minister met Japan\xe2\x80\x99s "
                       "counterpart in \xc4\x90\xc3\xa0 N\xe1\xba\xb5ng \xe2\x80\x94 the "
                       "\xe2\x80\x9c"
                       "first\xe2\x80\x9d such talks. They met again in Tokyo. They met again "
                       "in Hue.";
    cr_assert_eq(call("POST", "/v1/sources", "application/json",
                      "{\"id\": \"pasted\", \"title\": \"Pasted\"}"),
                 201);
    cr_assert_eq(cite("[{\"exact\": \"met\"}]"), 422, "no text loaded yet: offsets only");
    cr_assert_eq(call("PUT", "/v1/sources/pasted/text", "text/plain; charset=utf-8", text), 201);
    /* ASCII punctuation, doubled spaces, a line break and the NFD spelling of Đà Nẵng. */
    cr_assert_eq(cite("[{\"exact\": \"Vietnam's minister  met\\nJapan's counterpart in "
                      "\\u0110a\\u0300 Na\\u0306\\u0303ng - the \\\"first\\\" such talks\"}]"),
                 201);
    json_t *record = http_get_json(server.base_url, "/v1/events/cited-2");
    json_t *span = json_array_get(
        json_object_get(json_array_get(json_object_get(record, "sources"), 0), "spans"), 0);
    cr_assert_eq(json_integer_value(json_object_get(span, "start")), 16);
    cr_assert_str_eq(json_string_value(json_object_get(span, "passage")),
                     "Vietnam\xe2\x80\x99s minister met Japan\xe2\x80\x99s counterpart in "
                     "\xc4\x90\xc3\xa0 N\xe1\xba\xb5ng \xe2\x80\x94 the \xe2\x80\x9c"
                     "first\xe2\x80\x9d such talks",
                     "the document's own characters");
    cr_assert_str_eq(json_string_value(json_object_get(span, "exact")),
                     json_string_value(json_object_get(span, "passage")));
    json_decref(record);

    cr_assert_eq(cite("[{\"exact\": \"They met again\"}]"), 422, "two places");
    cr_assert_eq(cite("[{\"exact\": \"They met again\", \"suffix\": \"in Hue\"}]"), 201);
    cr_assert_eq(cite("[{\"exact\": \"They met again\", \"prefix\": \"such talks.\"}]"), 201);
    cr_assert_eq(cite("[{\"exact\": \"They met again\", \"prefix\": \"in Hue\"}]"), 422);
    cr_assert_eq(cite("[{\"exact\": \"they danced\"}]"), 422, "not in the text");
    cr_assert_eq(cite("[{\"exact\": \"   \"}]"), 422, "no words");
    cr_assert_eq(cite("[{\"exact\": \"\"}]"), 422, "empty");
    cr_assert_eq(cite("[{\"exact\": 7}]"), 422, "not a string");
    cr_assert_eq(cite("[{\"exact\": \"Hanoi\"}, {\"start\": 0, \"end\": 3}]"), 422,
                 "two spans starting at one place");
    char *huge = malloc(12000 + 64);
    strcpy(huge, "[{\"exact\": \"");
    memset(huge + 12, 'a', 12000);
    strcpy(huge + 12 + 12000, "\"}]");
    cr_assert_eq(cite(huge), 422, "over 10,000 characters");
    free(huge);
    /* Offsets win: quotes beside them are derived, so a GET body can be PUT back edited. */
    cr_assert_eq(cite("[{\"start\": 0, \"end\": 5, \"exact\": \"They met again\"}]"), 201);
}

/* The errors name the span by pointer and say why. */
Test(span_quotes, a_quote_that_cannot_be_placed_is_a_422_at_its_pointer)
{
    cr_assert_eq(call("POST", "/v1/sources", "application/json",
                      "{\"id\": \"pasted\", \"title\": \"Pasted\"}"),
                 201);
    cr_assert_eq(call("PUT", "/v1/sources/pasted/text", "text/plain; charset=utf-8",
                      "One line. One line. Another."),
                 201);
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events", server.base_url);
    const char *headers[] = {AUTH, "Content-Type: application/json", NULL};
    const char body[] =
        "{\"title\": \"T\", \"type\": \"meeting\", \"sources\": [{\"id\": \"pasted\", "
        "\"spans\": [{\"start\": 0, \"end\": 3}, {\"exact\": \"One line\"}, "
        "{\"exact\": \"Two lines\"}]}]}";
    struct http_reply reply;
    http_send(NULL, "POST", url, headers, body, strlen(body), &reply);
    cr_assert_eq(reply.status, 422);
    json_t *problem = http_json(&reply);
    json_t *errors = json_object_get(problem, "errors");
    cr_assert_eq(json_array_size(errors), 2, "%s", reply.body);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 0), "pointer")),
                     "/sources/0/spans/1/exact");
    cr_assert(strstr(json_string_value(json_object_get(json_array_get(errors, 0), "detail")),
                     "2 places"));
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(errors, 1), "pointer")),
                     "/sources/0/spans/2/exact");
    cr_assert(strstr(json_string_value(json_object_get(json_array_get(errors, 1), "detail")),
                     "not in the document"));
    json_decref(problem);
    http_reply_free(&reply);
}
