/* Details stay small however many records they relate to: an official's events, an agreement's
 * events and a document's citing records are shown up to 100 each, beside their total, and the
 * lists filtered by the record (?official=, ?agreement=, ?source=) hold every one of them. The
 * totals follow creates, replaced citations and deletes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "analyst:embedded-token-0123456789"
#define AUTH "Authorization: Bearer embedded-token-0123456789"
#define EMBED_LIMIT 100
#define CREATED 104

#define OFFICIAL "nobuo-kishi"
#define AGREEMENT "comprehensive-strategic-partnership"
#define SOURCE "deepen-security-ties-2021"

static struct test_server server;

static void with_token(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

static void start(void)
{
    test_server_start(&server, with_token);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(embedded, .init = start, .fini = stop, .timeout = 120);

static long send_json(const char *method, const char *path, const char *body)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    const char *type = strcmp(method, "PATCH") == 0 ? "Content-Type: application/merge-patch+json"
                                                    : "Content-Type: application/json";
    const char *const headers[] = {AUTH, type, NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

/* Every id of a filtered list, following its pages. */
static json_t *all_ids(const char *collection, const char *filter)
{
    json_t *ids = json_array();
    for (int offset = 0;; offset += 500) {
        char path[256];
        snprintf(path, sizeof path, "/v1/%s?%s&limit=500&offset=%d", collection, filter, offset);
        json_t *page = http_get_json(server.base_url, path);
        json_t *items = json_object_get(page, "items"), *item;
        size_t i;
        json_array_foreach(items, i, item) json_array_append(ids, json_object_get(item, "id"));
        size_t n = json_array_size(items);
        json_decref(page);
        if (n < 500)
            return ids;
    }
}

static bool contains(const json_t *ids, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) if (strcmp(json_string_value(v), id) == 0) return true;
    return false;
}

/* Fails unless detail's member shows min(total, 100) records, all in the list, and member_total
 * is how many the list holds. */
static void check_embedded(const char *detail_path, const char *member, const char *collection,
                           const char *filter)
{
    json_t *detail = http_get_json(server.base_url, detail_path);
    json_t *shown = json_object_get(detail, member);
    char total_name[64];
    snprintf(total_name, sizeof total_name, "%s_total", member);
    json_t *ids = all_ids(collection, filter);
    size_t total = json_array_size(ids);
    cr_assert_eq(json_integer_value(json_object_get(detail, total_name)), (json_int_t)total,
                 "%s: %s is %lld, /v1/%s?%s lists %zu", detail_path, total_name,
                 json_integer_value(json_object_get(detail, total_name)), collection, filter,
                 total);
    size_t expected = total < EMBED_LIMIT ? total : EMBED_LIMIT;
    cr_assert_eq(json_array_size(shown), expected, "%s shows %zu %s, expected %zu", detail_path,
                 json_array_size(shown), member, expected);
    size_t i;
    json_t *item;
    json_array_foreach(shown, i, item)
    {
        const char *id = json_string_value(json_object_get(item, "id"));
        cr_assert(contains(ids, id), "%s shows %s, which /v1/%s?%s does not list", detail_path, id,
                  collection, filter);
    }
    json_decref(ids);
    json_decref(detail);
}

static void check_all(void)
{
    check_embedded("/v1/officials/" OFFICIAL, "events", "events", "official=" OFFICIAL);
    check_embedded("/v1/agreements/" AGREEMENT, "events", "events", "agreement=" AGREEMENT);
    check_embedded("/v1/sources/" SOURCE, "events", "events", "source=" SOURCE);
    check_embedded("/v1/sources/" SOURCE, "officials", "officials", "source=" SOURCE);
    check_embedded("/v1/sources/" SOURCE, "agreements", "agreements", "source=" SOURCE);
}

Test(embedded, details_show_the_first_hundred_and_count_them_all)
{
    check_all(); /* the seed: everything shown */
    for (int i = 0; i < CREATED; i++) {
        char body[1024];
        snprintf(body, sizeof body,
                 "{\"id\": \"many-%03d\", \"title\": \"Meeting %d\", \"type\": \"meeting\", "
                 "\"date\": \"20%02d-%02d-%02d\", \"countries\": [\"JP\", \"VN\"], "
                 "\"participants\": [{\"id\": \"" OFFICIAL "\"}], "
                 "\"agreements\": [{\"id\": \"" AGREEMENT "\", \"relation\": \"discussed\"}], "
                 "\"sources\": [{\"id\": \"" SOURCE "\", \"spans\": [{\"start\": %d, \"end\": "
                 "%d}, {\"start\": %d, \"end\": %d}]}]}",
                 i, i, 10 + i % 15, 1 + i % 12, 1 + i % 28, i, i + 10, i + 20, i + 30);
        cr_assert_eq(send_json("POST", "/v1/events", body), 201, "creating many-%03d", i);
    }
    check_all();

    /* Citing the document with other spans, or no longer citing it, or going away. */
    cr_assert_eq(send_json("PATCH", "/v1/events/many-000",
                           "{\"sources\": [{\"id\": \"" SOURCE "\", \"spans\": [{\"start\": 1, "
                           "\"end\": 2}]}]}"),
                 200);
    cr_assert_eq(send_json("PATCH", "/v1/events/many-001",
                           "{\"sources\": [{\"id\": \"indo-pacific-spotlight-2018\", \"spans\": "
                           "[{\"start\": 1, \"end\": 2}]}]}"),
                 200);
    for (int i = 2; i < 12; i++) {
        char path[64];
        snprintf(path, sizeof path, "/v1/events/many-%03d", i);
        cr_assert_eq(send_json("DELETE", path, NULL), 204);
    }
    check_all();
    check_embedded("/v1/sources/indo-pacific-spotlight-2018", "events", "events",
                   "source=indo-pacific-spotlight-2018");
}
