/* Facets and the timeline for dashboards: counts that agree with the filtered lists, and events
 * with agreements merged in date order. */
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
TestSuite(facets, .init = start, .fini = stop);

static json_t *get(const char *path)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %s", path, reply.body);
    json_t *json = http_json(&reply);
    http_reply_free(&reply);
    return json;
}

static json_int_t total_of(const char *path)
{
    json_t *list = get(path);
    json_int_t total = json_integer_value(json_object_get(list, "total"));
    json_decref(list);
    return total;
}

/* Each facet value's count equals the total of the list filtered by that value. */
static void assert_facet_matches_list(json_t *facets, const char *facet, const char *param,
                                      const char *filters)
{
    size_t i;
    json_t *entry;
    int checked = 0;
    json_array_foreach(json_object_get(facets, facet), i, entry)
    {
        const char *key = json_string_value(json_object_get(entry, "key"));
        if (!key)
            continue;
        char path[512];
        snprintf(path, sizeof path, "/v1/events?%s=%s%s", param, key, filters);
        cr_assert_eq(json_integer_value(json_object_get(entry, "count")), total_of(path), "%s",
                     path);
        checked++;
    }
    cr_assert_gt(checked, 0, "facet %s is empty", facet);
}

Test(facets, counts_agree_with_the_filtered_lists)
{
    json_t *stats = get("/v1/stats?from=2018");
    cr_assert_eq(json_integer_value(json_object_get(stats, "total")),
                 total_of("/v1/events?from=2018"));
    json_t *facets = json_object_get(stats, "facets");
    assert_facet_matches_list(facets, "type", "type", "&from=2018");
    assert_facet_matches_list(facets, "topic", "topic", "&from=2018");
    assert_facet_matches_list(facets, "country", "country", "&from=2018");
    assert_facet_matches_list(facets, "official", "official", "&from=2018");
    size_t i;
    json_t *year;
    json_array_foreach(json_object_get(facets, "year"), i, year)
    {
        const char *key = json_string_value(json_object_get(year, "key"));
        char path[128];
        snprintf(path, sizeof path, "/v1/events?from=%s&to=%s", key, key);
        cr_assert_eq(json_integer_value(json_object_get(year, "count")), total_of(path), "%s",
                     path);
    }
    json_decref(stats);
}

Test(facets, official_facet_names_the_official)
{
    json_t *stats = get("/v1/stats?official=phan-van-giang");
    json_t *officials = json_object_get(json_object_get(stats, "facets"), "official");
    json_t *first = json_array_get(officials, 0);
    cr_assert_str_eq(json_string_value(json_object_get(first, "key")), "phan-van-giang");
    cr_assert_str_eq(json_string_value(json_object_get(first, "name")), "Phan Van Giang");
    cr_assert_eq(json_integer_value(json_object_get(first, "count")),
                 json_integer_value(json_object_get(stats, "total")));
    json_decref(stats);
}

/* A dashboard asks for the few most frequent values of each facet (at a million events the
 * official facet alone had 10,012): what it gets is the head of the whole facet, the year facet
 * whole, and how many values each facet has in all. */
Test(facets, facet_limit_keeps_the_most_frequent_values_and_counts_them_all)
{
    static const char *const names[] = {"year", "type", "topic", "country", "official"};
    json_t *whole = get("/v1/stats?facet_limit=10000&from=2015");
    json_t *all = json_object_get(whole, "facets");
    for (size_t i = 0; i < 5; i++)
        cr_assert_eq(
            json_integer_value(json_object_get(json_object_get(whole, "facet_values"), names[i])),
            (json_int_t)json_array_size(json_object_get(all, names[i])), "%s", names[i]);
    cr_assert_gt(json_array_size(json_object_get(all, "official")), 2, "the seed has officials");
    json_t *standard = get("/v1/stats?from=2015");
    cr_assert(json_equal(standard, whole), "the seed's facets hold fewer than 100 values");
    json_decref(standard);

    for (size_t limit = 0; limit <= 2; limit++) {
        char path[64];
        snprintf(path, sizeof path, "/v1/stats?from=2015&facet_limit=%zu", limit);
        json_t *cut = get(path);
        cr_assert(json_equal(json_object_get(cut, "total"), json_object_get(whole, "total")));
        cr_assert(json_equal(json_object_get(cut, "facet_values"),
                             json_object_get(whole, "facet_values")),
                  "%s", path);
        json_t *facets = json_object_get(cut, "facets");
        cr_assert(json_equal(json_object_get(facets, "year"), json_object_get(all, "year")),
                  "years stay whole");
        for (size_t i = 1; i < 5; i++) {
            json_t *head = json_object_get(facets, names[i]),
                   *full = json_object_get(all, names[i]);
            size_t want = json_array_size(full) < limit ? json_array_size(full) : limit;
            cr_assert_eq(json_array_size(head), want, "%s %s", path, names[i]);
            for (size_t k = 0; k < want; k++)
                cr_assert(json_equal(json_array_get(head, k), json_array_get(full, k)), "%s %s",
                          path, names[i]);
        }
        json_decref(cut);
    }
    json_decref(whole);

    static const char *const bad[] = {"/v1/stats?facet_limit=10001", "/v1/stats?facet_limit=-1",
                                      "/v1/stats?facet_limit=ten",
                                      "/v1/stats?facet_limit=", "/v1/events?facet_limit=5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct http_reply reply;
        http_get(server.base_url, bad[i], &reply);
        cr_assert_eq(reply.status, 400, "%s: %s", bad[i], reply.body);
        cr_assert(strstr(reply.body, "facet_limit"), "names the parameter: %s", reply.body);
        http_reply_free(&reply);
    }
}

/* Without facet_limit a facet lists its 100 most frequent values, on the index and on SQL (a
 * location filter): 130 officials with an event each, written beside the server (which then
 * loads its index again), and one of them with a second event, so that it leads the facet. */
Test(facets, the_default_facet_limit_is_a_hundred)
{
    static const char numbers[] =
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 130) ";
    char sql[512];
    snprintf(sql, sizeof sql,
             "%sINSERT INTO officials (id, name, country) SELECT 'many-' || i, 'Many ' || i, 'VN' "
             "FROM n",
             numbers);
    test_server_sql(&server, sql);
    snprintf(sql, sizeof sql,
             "%sINSERT INTO events (id, title, type, date, location) SELECT 'many-event-' || i, "
             "'Many ' || i, 'meeting', '2030', 'Hue' FROM n",
             numbers);
    test_server_sql(&server, sql);
    snprintf(sql, sizeof sql,
             "%sINSERT INTO event_participants (event_id, official_id) SELECT 'many-event-' || i, "
             "'many-' || i FROM n UNION ALL SELECT 'many-event-1', 'many-77'",
             numbers);
    test_server_sql(&server, sql);
    static const char *const filters[] = {"from=2030", "from=2030&location=hue"};
    for (size_t i = 0; i < 2; i++) {
        char path[96];
        snprintf(path, sizeof path, "/v1/stats?%s", filters[i]);
        json_t *standard = get(path);
        json_t *official = json_object_get(json_object_get(standard, "facets"), "official");
        cr_assert_eq(json_array_size(official), 100, "%s", path);
        cr_assert_str_eq(json_string_value(json_object_get(json_array_get(official, 0), "key")),
                         "many-77", "%s: the most frequent first", path);
        cr_assert_eq(json_integer_value(
                         json_object_get(json_object_get(standard, "facet_values"), "official")),
                     130, "%s", path);
        snprintf(path, sizeof path, "/v1/stats?%s&facet_limit=100", filters[i]);
        json_t *hundred = get(path);
        cr_assert(json_equal(standard, hundred), "%s", path);
        json_decref(hundred);
        json_decref(standard);
    }
}

Test(facets, stats_refuse_paging_and_bad_filters)
{
    struct http_reply reply;
    http_get(server.base_url, "/v1/stats?limit=5", &reply);
    cr_assert_eq(reply.status, 400);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/stats?from=20x1", &reply);
    cr_assert_eq(reply.status, 400);
    http_reply_free(&reply);
}

Test(facets, timeline_merges_dated_events_and_agreements_in_order)
{
    json_t *line = get("/v1/timeline?limit=500");
    json_int_t dated_events = total_of("/v1/events?from=0001&limit=0");
    json_int_t dated_agreements = total_of("/v1/agreements?from=0001&limit=0");
    cr_assert_eq(json_integer_value(json_object_get(line, "total")),
                 dated_events + dated_agreements);
    char previous[11] = "0000-00-00";
    bool saw_event = false, saw_agreement = false;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(line, "items"), i, item)
    {
        const char *date = json_string_value(json_object_get(item, "date"));
        cr_assert_not_null(date, "undated records are left out");
        char start[11];
        snprintf(start, sizeof start, "%s%s", date,
                 strlen(date) == 4   ? "-01-01"
                 : strlen(date) == 7 ? "-01"
                                     : "");
        cr_assert_geq(strcmp(start, previous), 0, "%s comes before %s", start, previous);
        strcpy(previous, start);
        const char *kind = json_string_value(json_object_get(item, "kind"));
        saw_event |= strcmp(kind, "event") == 0;
        saw_agreement |= strcmp(kind, "agreement") == 0;
    }
    cr_assert(saw_event && saw_agreement);
    json_decref(line);
    cr_assert_eq(total_of("/v1/timeline?official=nobuo-kishi"), 4,
                 "two events attended and two memoranda signed");
}
