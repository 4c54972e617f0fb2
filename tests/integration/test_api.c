/* The read API over real HTTP: lists with totals and paging, details with their relations, and
 * problem documents for unknown paths, ids, methods and malformed parameters. */
#include <criterion/criterion.h>
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
TestSuite(api, .init = start, .fini = stop);

/* GETs path and returns its JSON body, asserting the status and content type. */
static json_t *get_json(const char *path, long status, const char *type)
{
    struct http_reply reply;
    char ctype[128];
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, status, "GET %s: %ld %.300s", path, reply.status, reply.body);
    cr_assert_not_null(http_header(&reply, "Content-Type", ctype, sizeof ctype), "%s", path);
    cr_assert_str_eq(ctype, type, "GET %s", path);
    json_t *json = http_json(&reply);
    http_reply_free(&reply);
    return json;
}

static bool list_has_id(json_t *list, const char *id)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(list, "items"), i,
                       item) if (strcmp(json_string_value(json_object_get(item, "id")), id) ==
                                 0) return true;
    return false;
}

Test(api, every_collection_lists_with_total_limit_and_offset)
{
    const char *collections[] = {"/v1/events", "/v1/officials", "/v1/agreements", "/v1/sources"};
    for (size_t c = 0; c < 4; c++) {
        json_t *list = get_json(collections[c], 200, "application/json");
        json_t *items = json_object_get(list, "items");
        cr_assert(json_is_array(items));
        cr_assert_gt(json_array_size(items), 0, "%s is empty", collections[c]);
        cr_assert_eq(json_integer_value(json_object_get(list, "limit")), 50);
        cr_assert_eq(json_integer_value(json_object_get(list, "offset")), 0);
        json_int_t total = json_integer_value(json_object_get(list, "total"));
        cr_assert_eq((json_int_t)json_array_size(items), total < 50 ? total : 50);
        json_decref(list);
    }
    json_t *sources = get_json("/v1/sources", 200, "application/json");
    cr_assert_eq(json_integer_value(json_object_get(sources, "total")), 5);
    json_decref(sources);
}

Test(api, paging_by_link_next_visits_every_record_once)
{
    char url[1024];
    snprintf(url, sizeof url, "%s/v1/events?limit=7&sort=-date", server.base_url);
    char seen[64][128];
    size_t nseen = 0;
    json_int_t total = -1;
    for (int page = 0; page < 20; page++) {
        struct http_reply reply;
        char link[2048];
        http_call(NULL, "GET", url, NULL, &reply);
        cr_assert_eq(reply.status, 200);
        json_t *list = http_json(&reply);
        total = json_integer_value(json_object_get(list, "total"));
        size_t i;
        json_t *item;
        json_array_foreach(json_object_get(list, "items"), i, item)
        {
            const char *id = json_string_value(json_object_get(item, "id"));
            for (size_t k = 0; k < nseen; k++)
                cr_assert_str_neq(seen[k], id, "%s repeated across pages", id);
            cr_assert_lt(nseen, 64);
            strcpy(seen[nseen++], id);
        }
        json_decref(list);
        cr_assert_not_null(http_header(&reply, "Link", link, sizeof link));
        cr_assert(strstr(link, "rel=\"first\"") && strstr(link, "rel=\"last\""), "%s", link);
        cr_assert(strstr(link, "sort=-date"), "links carry the filters: %s", link);
        cr_assert_eq(strncmp(link + 1, server.base_url, strlen(server.base_url)), 0,
                     "links are absolute: %s", link);
        bool more = http_link(&reply, "next", url, sizeof url) != NULL;
        http_reply_free(&reply);
        if (!more)
            break;
    }
    cr_assert_eq((json_int_t)nseen, total, "pages covered %zu of %lld", nseen, (long long)total);
}

Test(api, prev_past_the_end_leads_to_the_last_page_with_items)
{
    const char *paths[] = {"/v1/events?offset=1000", "/v1/events?offset=1000&limit=10",
                           "/v1/officials?limit=7&offset=500"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct http_reply reply, prev;
        char url[1024];
        http_get(server.base_url, paths[i], &reply);
        cr_assert_eq(reply.status, 200);
        cr_assert(strstr(reply.body, "\"items\":[]"), "past the end: %s", reply.body);
        cr_assert(http_link(&reply, "prev", url, sizeof url), "%s has no prev link", paths[i]);
        http_call(NULL, "GET", url, NULL, &prev);
        json_t *page = http_json(&prev);
        json_int_t total = json_integer_value(json_object_get(page, "total"));
        json_int_t offset = json_integer_value(json_object_get(page, "offset"));
        size_t items = json_array_size(json_object_get(page, "items"));
        cr_assert_gt(items, 0, "%s: prev (%s) is empty too", paths[i], url);
        cr_assert_eq(offset + (json_int_t)items, total, "%s: prev (%s) is not the last page",
                     paths[i], url);
        json_decref(page);
        http_reply_free(&prev);
        http_reply_free(&reply);
    }
}

Test(api, event_detail_embeds_participants_agreements_and_sources)
{
    json_t *event =
        get_json("/v1/events/defense-ministers-meeting-2021-11", 200, "application/json");
    cr_assert_str_eq(json_string_value(json_object_get(event, "date")), "2021-11");
    cr_assert_str_eq(json_string_value(json_object_get(event, "date_precision")), "month");
    cr_assert_str_eq(json_string_value(json_object_get(event, "date_qualifier")), "late");
    json_t *people = json_object_get(event, "participants");
    cr_assert_eq(json_array_size(people), 2);
    bool giang = false, kishi = false;
    size_t i;
    json_t *p;
    json_array_foreach(people, i, p)
    {
        const char *id = json_string_value(json_object_get(p, "id"));
        giang |= strcmp(id, "phan-van-giang") == 0;
        kishi |= strcmp(id, "nobuo-kishi") == 0;
        cr_assert_not_null(json_string_value(json_object_get(p, "role")));
    }
    cr_assert(giang && kishi);
    json_t *agreements = json_object_get(event, "agreements");
    cr_assert_eq(json_array_size(agreements), 3, "two memoranda signed, one framework referenced");
    json_t *sources = json_object_get(event, "sources");
    cr_assert_geq(json_array_size(sources), 1);
    json_t *span = json_array_get(json_object_get(json_array_get(sources, 0), "spans"), 0);
    cr_assert(json_integer_value(json_object_get(span, "end")) >
              json_integer_value(json_object_get(span, "start")));
    cr_assert(json_is_null(json_object_get(span, "passage")), "no passage before import");
    json_decref(event);
}

Test(api, agreement_detail_names_signatories_and_signing_event)
{
    json_t *a = get_json("/v1/agreements/joint-vision-statement-2018", 200, "application/json");
    cr_assert_str_eq(json_string_value(json_object_get(a, "type")), "joint-statement");
    cr_assert_eq(json_array_size(json_object_get(a, "signatories")), 2);
    json_t *signed_at = json_object_get(a, "signed_at");
    cr_assert_str_eq(json_string_value(json_object_get(signed_at, "id")),
                     "lich-onodera-talks-2018");
    json_t *parties = json_object_get(a, "parties");
    cr_assert_str_eq(json_string_value(json_array_get(parties, 0)), "JP");
    cr_assert_str_eq(json_string_value(json_array_get(parties, 1)), "VN");
    json_decref(a);
}

Test(api, official_detail_lists_positions_and_events)
{
    json_t *o = get_json("/v1/officials/phan-van-giang", 200, "application/json");
    cr_assert_str_eq(json_string_value(json_object_get(o, "name_diacritics")), "Phan Văn Giang");
    cr_assert_str_eq(json_string_value(json_object_get(o, "country")), "VN");
    cr_assert_geq(json_array_size(json_object_get(o, "positions")), 1);
    cr_assert_geq(json_array_size(json_object_get(o, "events")), 3, "2021-09, 2021-11, 2024-08");
    cr_assert_eq(json_array_size(json_object_get(o, "agreements")), 2, "the two 2021 memoranda");
    json_decref(o);
}

Test(api, source_detail_lists_every_record_drawn_from_it)
{
    json_t *s = get_json("/v1/sources/indo-pacific-spotlight-2018", 200, "application/json");
    cr_assert_str_eq(json_string_value(json_object_get(s, "date")), "2018-04-11");
    cr_assert_str_eq(json_string_value(json_object_get(s, "author")), "Prashanth Parameswaran");
    cr_assert_geq(json_array_size(json_object_get(s, "events")), 10);
    cr_assert_geq(json_array_size(json_object_get(s, "officials")), 4);
    cr_assert_geq(json_array_size(json_object_get(s, "agreements")), 5);
    json_decref(s);
}

Test(api, unknown_ids_and_paths_are_404_problems)
{
    const char *paths[] = {"/v1/events/no-such-event",
                           "/v1/sources/no-such-source/text",
                           "/v1/nothing",
                           "/v1/events/x/y",
                           "/v2/events",
                           "/v1/%2Fevents"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        json_t *p = get_json(paths[i], 404, "application/problem+json");
        cr_assert_eq(json_integer_value(json_object_get(p, "status")), 404);
        cr_assert_str_eq(json_string_value(json_object_get(p, "type")),
                         "urn:jvdr:problem:not-found");
        cr_assert_not_null(json_string_value(json_object_get(p, "detail")));
        json_decref(p);
    }
}

Test(api, a_path_segment_no_id_can_be_is_a_400_naming_it)
{
    const char *paths[] = {"/v1/officials/NOT-AN-ID", "/v1/agreements/..%2F..%2Fetc",
                           "/v1/sources/a%20b", "/v1/events/admm-2020%00junk",
                           "/v1/sources/x%00/text"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        json_t *p = get_json(paths[i], 400, "application/problem+json");
        cr_assert_str_eq(json_string_value(json_object_get(p, "type")),
                         "urn:jvdr:problem:bad-request", "%s", paths[i]);
        cr_assert_str_eq(json_string_value(json_object_get(p, "segment")), "id", "%s", paths[i]);
        json_decref(p);
    }
    /* An escape of an ordinary character is that character. */
    json_decref(get_json("/v1/%65vents/admm%2D2020", 200, "application/json"));
}

Test(api, wrong_method_is_405_with_allow)
{
    struct http_reply reply;
    char url[256], allow[128];
    snprintf(url, sizeof url, "%s/v1/events", server.base_url);
    http_call(NULL, "DELETE", url, NULL, &reply);
    cr_assert_eq(reply.status, 405);
    cr_assert_not_null(http_header(&reply, "Allow", allow, sizeof allow));
    cr_assert_str_eq(allow, "GET, HEAD, POST, OPTIONS");
    http_reply_free(&reply);
    snprintf(url, sizeof url, "%s/v1/stats", server.base_url);
    http_call(NULL, "POST", url, NULL, &reply);
    cr_assert_eq(reply.status, 405);
    cr_assert_str_eq(http_header(&reply, "Allow", allow, sizeof allow), "GET, HEAD, OPTIONS");
    json_t *p = http_json(&reply);
    cr_assert_str_eq(json_string_value(json_object_get(p, "type")),
                     "urn:jvdr:problem:method-not-allowed");
    json_decref(p);
    http_reply_free(&reply);
}

Test(api, malformed_parameters_are_400_naming_the_parameter)
{
    const char *cases[][2] = {
        {"/v1/events?limit=501", "limit"},
        {"/v1/events?limit=-1", "limit"},
        {"/v1/events?offset=abc", "offset"},
        {"/v1/events?from=2021-13", "from"},
        {"/v1/events?to=yesterday", "to"},
        {"/v1/events?country=Japan", "country"},
        {"/v1/events?official=Kishi", "official"},
        {"/v1/events?sort=colour", "sort"},
        {"/v1/events?colour=red", "colour"},
        {"/v1/events?limit=1&limit=2", "limit"},
        {"/v1/agreements?party=1", "party"},
        {"/v1/officials?q=", "q"},
        {"/v1/events/defense-consultation-tokyo-2020?x=1", "x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *p = get_json(cases[i][0], 400, "application/problem+json");
        cr_assert_str_eq(json_string_value(json_object_get(p, "parameter")), cases[i][1], "%s",
                         cases[i][0]);
        cr_assert(strstr(json_string_value(json_object_get(p, "detail")), cases[i][1]));
        json_decref(p);
    }
}

Test(api, filters_combine)
{
    json_t *l = get_json("/v1/events?official=phan-van-giang&from=2024", 200, "application/json");
    cr_assert_eq(json_integer_value(json_object_get(l, "total")), 1);
    cr_assert(list_has_id(l, "kihara-giang-meeting-hanoi-2024"));
    json_decref(l);
    l = get_json("/v1/events?country=jp&type=workshop", 200, "application/json");
    cr_assert(list_has_id(l, "arf-maritime-domain-awareness-workshop-2020"));
    json_decref(l);
    l = get_json("/v1/events?type=parade", 200, "application/json");
    cr_assert_eq(json_integer_value(json_object_get(l, "total")), 0, "unknown value: empty list");
    json_decref(l);
    l = get_json("/v1/agreements?party=asean&status=under-negotiation", 200, "application/json");
    cr_assert(list_has_id(l, "south-china-sea-code-of-conduct"));
    json_decref(l);
    l = get_json("/v1/agreements?signatory=nobuo-kishi", 200, "application/json");
    cr_assert_eq(json_integer_value(json_object_get(l, "total")), 2);
    json_decref(l);
}

Test(api, reduced_precision_dates_filter_as_intervals)
{
    /* "late November 2021" is the month 2021-11: it overlaps a range ending 2021-11-15. */
    json_t *l = get_json("/v1/events?from=2021-11-10&to=2021-11-15", 200, "application/json");
    cr_assert(list_has_id(l, "defense-ministers-meeting-2021-11"));
    cr_assert_not(list_has_id(l, "defense-ministers-meeting-2021-09"));
    json_decref(l);
    /* The 7-11 April 2018 visit overlaps 2018-04-10 but a day-precision range after it does not. */
    l = get_json("/v1/events?from=2018-04-10&to=2018-04-10", 200, "application/json");
    cr_assert(list_has_id(l, "lich-official-visit-japan-2018"));
    json_decref(l);
    l = get_json("/v1/events?from=2018-04-12&to=2018-04-30", 200, "application/json");
    cr_assert_not(list_has_id(l, "lich-official-visit-japan-2018"));
    cr_assert(list_has_id(l, "lich-abe-meeting-2018"), "a month-precision date overlaps");
    json_decref(l);
}

Test(api, openapi_document_is_served)
{
    json_t *doc = get_json("/openapi.json", 200, "application/json");
    cr_assert_str_eq(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    cr_assert_not_null(json_object_get(json_object_get(doc, "paths"), "/v1/events/{id}"));
    json_decref(doc);
}

Test(api, health_and_readiness_answer)
{
    json_t *h = get_json("/healthz", 200, "application/json");
    json_decref(h);
    json_t *r = get_json("/readyz", 200, "application/json");
    cr_assert_str_eq(json_string_value(json_object_get(r, "status")), "ready");
    json_decref(r);
}

/* Pages walked with an offset hold exactly the rows of one long page, in its order, whatever the
 * sort (a deep page reads its keys first, then its items: test of that path). */
Test(api, pages_walked_by_offset_are_the_whole_list_in_order)
{
    static const char *const lists[] = {
        "/v1/officials?sort=-name",       "/v1/officials?sort=country,name",
        "/v1/agreements?sort=date",       "/v1/agreements?sort=-date",
        "/v1/agreements?sort=type,-date", "/v1/sources?sort=-date",
        "/v1/events?sort=title,-date",    "/v1/events?location=a&sort=-date"};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        char path[256];
        snprintf(path, sizeof path, "%s&limit=500", lists[l]);
        json_t *whole = get_json(path, 200, "application/json");
        json_t *items = json_object_get(whole, "items");
        size_t n = json_array_size(items);
        cr_assert_gt(n, 3, "%s: %zu items", path, n);
        for (size_t offset = 1; offset < n; offset += 3) {
            snprintf(path, sizeof path, "%s&limit=3&offset=%zu", lists[l], offset);
            json_t *page = get_json(path, 200, "application/json");
            json_t *got = json_object_get(page, "items");
            for (size_t i = 0; i < 3 && offset + i < n; i++)
                cr_assert(json_equal(json_array_get(got, i), json_array_get(items, offset + i)),
                          "%s: item %zu differs", path, i);
            cr_assert_eq(json_array_size(got), offset + 3 <= n ? 3 : n - offset, "%s", path);
            json_decref(page);
        }
        json_decref(whole);
    }
}
