/* Lists as CSV and whole collections streamed as NDJSON: the same records as the JSON pages, in
 * the same order; gzip'd exports and CSV pages inflating to the same bytes, CSV pages with ETags
 * of their own; and a clear 400 for a page asked of an export. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "test_http.h"
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

static void call(const char *path, const char *accept, struct http_reply *reply)
{
    char url[256], h[128];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(h, sizeof h, "Accept: %s", accept ? accept : "");
    const char *headers[] = {accept ? h : NULL, NULL};
    http_call(NULL, "GET", url, headers, reply);
}

/* Lines of text (CRLF or LF ended). */
static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* One collection's export against its JSON page of up to 500 (every record of the seed). */
static void check_export(const char *path)
{
    struct http_reply page, whole;
    char url[128], type[128];
    snprintf(url, sizeof url, "%s?limit=500", path);
    call(url, NULL, &page);
    call(path, "application/x-ndjson", &whole);
    cr_assert_eq(whole.status, 200, "%s", path);
    http_header(&whole, "Content-Type", type, sizeof type);
    cr_assert_str_eq(type, "application/x-ndjson");
    char disposition[128], expected[128];
    snprintf(expected, sizeof expected, "attachment; filename=\"%s.ndjson\"",
             strrchr(path, '/') + 1);
    cr_assert_str_eq(http_header(&whole, "Content-Disposition", disposition, sizeof disposition),
                     expected);
    json_t *json = http_json(&page);
    json_t *items = json_object_get(json, "items");
    cr_assert_gt(json_array_size(items), 0);
    cr_assert_eq(count_lines(whole.body), json_array_size(items), "%s", path);
    const char *line = whole.body;
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        const char *end = strchr(line, '\n');
        json_t *record = json_loadb(line, (size_t)(end - line), 0, NULL);
        cr_assert(json_equal(record, item), "%s: line %zu differs from the page's item", path, i);
        json_decref(record);
        line = end + 1;
    }
    json_decref(json);
    http_reply_free(&page);
    http_reply_free(&whole);
}

Test(exports, ndjson_holds_every_record_in_order, .init = start, .fini = stop)
{
    const char *paths[] = {"/v1/events", "/v1/officials", "/v1/agreements", "/v1/sources",
                           "/v1/timeline"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        check_export(paths[i]);
}

Test(exports, csv_pages_and_whole_csv, .init = start, .fini = stop)
{
    struct http_reply page, whole, json_page;
    char type[128], disposition[128];
    call("/v1/events?limit=3", "text/csv", &page);
    cr_assert_eq(page.status, 200);
    http_header(&page, "Content-Type", type, sizeof type);
    cr_assert_str_eq(type, "text/csv; charset=utf-8");
    http_header(&page, "Content-Disposition", disposition, sizeof disposition);
    cr_assert_str_eq(disposition, "attachment; filename=\"events.csv\"");
    cr_assert(strncmp(page.body, "id,title,type,status,date,", 26) == 0, "header row: %s",
              page.body);
    cr_assert_eq(count_lines(page.body), 4, "a header and three rows");
    cr_assert_not_null(strstr(page.body, "\r\n"), "RFC 4180 line ends");

    call("/v1/events?format=csv&limit=all", NULL, &whole);
    call("/v1/events?limit=500", NULL, &json_page);
    cr_assert_eq(whole.status, 200);
    json_t *json = http_json(&json_page);
    cr_assert_eq(count_lines(whole.body), 1 + json_array_size(json_object_get(json, "items")));
    json_decref(json);
    http_reply_free(&page);
    http_reply_free(&whole);
    http_reply_free(&json_page);
}

Test(exports, an_export_is_whole_and_formats_are_checked, .init = start, .fini = stop)
{
    const char *bad[] = {"/v1/events?format=ndjson&limit=5", "/v1/events?format=ndjson&offset=3",
                         "/v1/events?format=xml", "/v1/events?format=ndjson&sort=nope",
                         "/v1/search?q=vietnam&format=ndjson"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct http_reply reply;
        call(bad[i], NULL, &reply);
        cr_assert_eq(reply.status, 400, "%s", bad[i]);
        http_reply_free(&reply);
    }
}

/* A GET of path with the extra header lines (NULL-terminated, may be empty). */
static void get_with(const char *path, const char *const *headers, struct http_reply *reply)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    http_call(NULL, "GET", url, headers, reply);
}

Test(exports, gzip_sends_the_same_bytes_and_csv_has_etags_of_its_own, .init = start, .fini = stop)
{
    const char *none[] = {NULL};
    const char *gzip[] = {"Accept-Encoding: gzip", NULL};
    char value[128], plain_tag[128], packed_tag[128], json_tag[128];

    /* An export, compressed on the fly, inflates to the very bytes of the plain one. */
    struct http_reply plain, packed;
    get_with("/v1/events?format=ndjson", none, &plain);
    get_with("/v1/events?format=ndjson", gzip, &packed);
    cr_assert_eq(packed.status, 200);
    cr_assert_str_eq(http_header(&packed, "Content-Encoding", value, sizeof value), "gzip");
    cr_assert_null(http_header(&packed, "ETag", value, sizeof value), "a stream has no ETag");
    cr_assert_str_eq(http_header(&packed, "Cache-Control", value, sizeof value), "no-store");
    size_t len = 0;
    char *inflated = http_inflate(&packed, &len);
    cr_assert_eq(len, plain.body_len);
    cr_assert(memcmp(inflated, plain.body, len) == 0, "the inflated export differs");
    free(inflated);
    http_reply_free(&plain);
    http_reply_free(&packed);

    /* A CSV page: the same bytes once inflated, a strong ETag per encoding, 304 for either, and
     * never the JSON page's tag (a JSON tag does not make a CSV request 304). */
    get_with("/v1/officials?format=csv", none, &plain);
    get_with("/v1/officials?format=csv", gzip, &packed);
    cr_assert_str_eq(http_header(&packed, "Content-Encoding", value, sizeof value), "gzip");
    inflated = http_inflate(&packed, &len);
    cr_assert_eq(len, plain.body_len);
    cr_assert(memcmp(inflated, plain.body, len) == 0, "the inflated CSV differs");
    free(inflated);
    http_header(&plain, "ETag", plain_tag, sizeof plain_tag);
    http_header(&packed, "ETag", packed_tag, sizeof packed_tag);
    cr_assert_str_neq(plain_tag, packed_tag);
    struct http_reply json;
    get_with("/v1/officials", none, &json);
    http_header(&json, "ETag", json_tag, sizeof json_tag);
    cr_assert_str_neq(json_tag, plain_tag, "CSV and JSON are different representations");
    http_reply_free(&json);

    const char *tags[] = {plain_tag, packed_tag};
    for (int i = 0; i < 2; i++) {
        char inm[160];
        snprintf(inm, sizeof inm, "If-None-Match: %s", tags[i]);
        const char *headers[] = {"Accept-Encoding: gzip", inm, NULL};
        struct http_reply again;
        get_with("/v1/officials?format=csv", headers, &again);
        cr_assert_eq(again.status, 304, "If-None-Match %s", tags[i]);
        http_reply_free(&again);
    }
    char inm[160];
    snprintf(inm, sizeof inm, "If-None-Match: %s", json_tag);
    const char *headers[] = {inm, NULL};
    struct http_reply csv_again;
    get_with("/v1/officials?format=csv", headers, &csv_again);
    cr_assert_eq(csv_again.status, 200, "the JSON page's tag is not the CSV's");
    http_reply_free(&csv_again);
    http_reply_free(&plain);
    http_reply_free(&packed);
}
