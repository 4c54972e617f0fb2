/* The response cache (and the in-memory index /v1/stats reads) is exact: after every write of a
 * random sequence — creating, patching and deleting events, officials, agreements and sources, and
 * changing the relations between them — every URL of a fixed set answers from the caching server
 * exactly what a second server on the same database, with its caches off, renders afresh from SQL:
 * status, body, ETag, Link and X-Total-Count. The caching server has answered each URL before the
 * write, so its stale answers, if any, are there to be served. The sequence is random but
 * reproducible: JVDR_TEST_SEED picks another. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "consistency:consistency-token-0123456789"
#define AUTH "Authorization: Bearer consistency-token-0123456789"
#define HOST "Host: jvdr.test" /* both servers then build the same absolute URLs */
#define STEPS 120
#define MAX_CREATED 6

static struct test_server cached, uncached;
static CURL *cached_handle, *uncached_handle;
static uint64_t rng;

static const char *const officials[] = {"phan-van-giang", "nobuo-kishi",      "nguyen-chi-vinh",
                                        "ngo-xuan-lich",  "itsunori-onodera", "minoru-kihara",
                                        "taro-kono",      "yasunori-nishida"};
static const char *const agreements[] = {
    "asean-outlook-on-the-indo-pacific",          "coast-guard-cooperation-agreement",
    "comprehensive-strategic-partnership",        "declaration-on-conduct-south-china-sea",
    "defense-cooperation-expansion-2023",         "defense-cooperation-new-level-2021",
    "defense-equipment-technology-transfer-2021", "extensive-strategic-partnership"};
static const char *const sources[] = {"bolstering-defense-relations-2024",
                                      "consultation-tokyo-2020-commentary",
                                      "deepen-security-ties-2021", "indo-pacific-spotlight-2018",
                                      "regionalized-defense-partnership-2021"};
static const char *const seed_events[] = {"admm-2020",
                                          "admm-plus-10th-anniversary-2020",
                                          "arf-maritime-domain-awareness-workshop-2020",
                                          "asean-defense-meetings-manila-2017",
                                          "comprehensive-strategic-partnership-2023",
                                          "defense-consultation-tokyo-2020",
                                          "defense-equipment-exhibition-2020",
                                          "defense-ministers-meeting-2021-09"};
static const char *const collections[] = {
    "/v1/events?limit=5&sort=-date",
    "/v1/events",
    "/v1/events?sort=date&limit=7&offset=20",
    "/v1/events?sort=-date&offset=25",
    "/v1/events?country=VN&limit=3",
    "/v1/events?country=jp&type=meeting&sort=-date&limit=4&offset=1",
    "/v1/events?from=2020&to=2021-06",
    "/v1/events?topic=maritime-security&sort=-date",
    "/v1/events?status=held&limit=500&offset=3",
    "/v1/events?official=nobuo-kishi&sort=-date",
    "/v1/events?sort=type&limit=9",
    "/v1/events?sort=title&limit=6&offset=3",
    "/v1/events?country=VN&sort=-title",
    "/v1/events?sort=-type&official=nobuo-kishi",
    "/v1/events?sort=title,-date&limit=5",
    "/v1/events?location=hanoi",
    "/v1/events?location=H%C3%A0%20N&sort=-date",
    "/v1/events?location=%C4%91a&limit=3&country=VN",
    "/v1/events?location=o&q=random&sort=title",
    "/v1/stats?location=noi",
    "/v1/events?official=phan-van-giang",
    "/v1/events?agreement=comprehensive-strategic-partnership",
    "/v1/events?q=random",
    "/v1/events?q=de&sort=title",
    "/v1/events?q=Defense%20cooperation&limit=5&offset=1",
    "/v1/timeline?q=vi",
    "/v1/stats?q=minis",
    "/v1/officials",
    "/v1/officials?event=admm-2020",
    "/v1/officials?sort=-name&limit=3&offset=1",
    "/v1/officials?sort=country&limit=6",
    "/v1/officials?sort=-country&country=VN",
    "/v1/officials?q=random",
    "/v1/officials?q=dai&sort=-name",
    "/v1/officials?q=%C4%91%E1%BA%A1i",
    "/v1/officials?q=nguyen%20OR%20random&sort=country",
    "/v1/officials?q=name%20-random",
    "/v1/officials?q=title:made",
    "/v1/officials?q=%22random%20name%22",
    "/v1/officials?source=deepen-security-ties-2021&sort=-name",
    "/v1/officials?country=JP&event=defense-consultation-tokyo-2020",
    "/v1/agreements",
    "/v1/agreements?signatory=nobuo-kishi",
    "/v1/agreements?sort=-date&limit=4&offset=2",
    "/v1/agreements?sort=title&offset=3",
    "/v1/agreements?sort=-title&limit=5",
    "/v1/agreements?sort=type&limit=6&offset=1",
    "/v1/agreements?sort=-status&status=signed",
    "/v1/agreements?sort=status,-date",
    "/v1/agreements?party=asean&sort=-date",
    "/v1/agreements?party=VN&type=memorandum",
    "/v1/agreements?from=2019&to=2022&sort=-date",
    "/v1/agreements?to=2020",
    "/v1/agreements?event=defense-consultation-tokyo-2020",
    "/v1/agreements?source=deepen-security-ties-2021&sort=title",
    "/v1/agreements?q=random&sort=-date&limit=3",
    "/v1/agreements?q=random%20OR%20made&offset=1",
    "/v1/agreements?q=%22random%20agreement%22",
    "/v1/agreements?q=agree&signatory=phan-van-giang",
    "/v1/sources",
    "/v1/timeline?limit=10",
    "/v1/timeline?offset=60&limit=5",
    "/v1/timeline?offset=1000",
    "/v1/events?offset=1000",
    "/v1/events?sort=-date&offset=30&limit=4",
    "/v1/timeline",
    "/v1/timeline?sort=-date&limit=15&offset=5",
    "/v1/timeline?kind=agreement",
    "/v1/timeline?kind=event&offset=10&limit=7",
    "/v1/timeline?country=JP&limit=20",
    "/v1/timeline?official=nobuo-kishi",
    "/v1/timeline?topic=maritime-security&sort=-date",
    "/v1/timeline?from=2019&to=2021",
    "/v1/timeline?from=2021&limit=40",
    "/v1/timeline?to=2019&sort=-date&limit=40",
    "/v1/timeline?kind=agreement&country=VN",
    "/v1/timeline?q=random",
    "/v1/timeline?q=random%20event&kind=event",
    "/v1/events?q=random&sort=-date&limit=3",
    "/v1/events?q=%22unterminated",
    "/v1/events?q=%22random%20event%22",
    "/v1/events?q=%22event%20random%22&sort=-date",
    "/v1/events?q=title:%22random%20title%22%20OR%20%22defense%20cooperation%22",
    "/v1/events?q=%22random%20event%22%20-%22random%20title%22&limit=4",
    "/v1/events?q=%22Random%22&sort=title",
    "/v1/events?q=%22r%C3%A1ndom%20event%22",
    "/v1/events?q=%22random%20event%201%22",
    "/v1/stats?q=%22random%20title%22",
    "/v1/timeline?q=%22random%20agreement%22",
    "/v1/search?q=%22random%20event%22",
    "/v1/search?q=title:%22random%20source%22&kind=source",
    "/v1/events?q=defense%20OR%20random&offset=2",
    "/v1/events?q=random%20-defense&sort=title",
    "/v1/events?q=title:random%20OR%20title:minis&sort=-date&limit=4",
    "/v1/events?q=(random%20OR%20defense)%20-title:meeting",
    "/v1/stats?q=random%20OR%20minis",
    "/v1/timeline?q=title:random%20OR%20vi",
    "/v1/stats?q=meeting&country=JP",
    "/v1/stats",
    "/v1/stats?country=JP",
    "/v1/stats?country=vn&type=meeting",
    "/v1/stats?official=phan-van-giang",
    "/v1/stats?topic=maritime-security",
    "/v1/stats?from=2020&to=2021-06",
    "/v1/stats?from=2019",
    "/v1/stats?to=2021",
    "/v1/stats?facet_limit=1",
    "/v1/stats?facet_limit=0&country=JP",
    "/v1/stats?from=2019&facet_limit=3",
    "/v1/stats?from=2018&to=2022",
    "/v1/stats?from=2020-01&to=2021-12",
    "/v1/stats?agreement=comprehensive-strategic-partnership",
    "/v1/stats?status=held&from=2019-11-15",
    "/v1/stats?type=no-such-type",
    "/v1/stats?q=random",
    "/v1/search?q=random",
    "/v1/search?q=random%20title&kind=event",
    "/v1/search?q=Random%20Name",
    "/v1/search?q=defen&limit=5&offset=2",
    "/v1/search?q=agreement&kind=agreement,source",
    "/v1/search?q=random%20OR%20partnership",
    "/v1/search?q=title:random%20-name",
    "/v1/search?q=random%20-title:agreement&kind=agreement,event&offset=1",
    "/v1/search?q=(defen%20OR%20random)%20NOT%20name&limit=4",
    "/v1/search?q=random%20name&kind=official",
    "/v1/search?q=defen&kind=official,agreement&limit=3&offset=1",
    "/v1/events?type=meeting&limit=5",
    "/v1/events?q=title",
    "/v1/officials?q=random",
    "/v1/officials?q=giang",
    "/v1/officials?country=JP",
    "/v1/agreements?q=random",
    "/v1/agreements?party=JP",
    "/v1/agreements?from=2019&to=2021",
    "/v1/agreements?event=admm-2020",
    "/v1/sources?q=random",
    "/v1/sources?from=2020&to=2021",
    "/v1/stats?from=2015&to=2018",
    /* Filters most events match: counted as all of them less the others. */
    "/v1/stats?status=held",
    "/v1/stats?country=JP&from=2018&to=2022",
    "/v1/stats?country=VN&to=2021-06",
    "/v1/timeline?from=2022&to=2024&country=VN",
    /* Deep pages reached by binary search, both ways; dates cut inside a year-long event. */
    "/v1/timeline?offset=33&limit=11",
    "/v1/timeline?sort=-date&offset=37&limit=9",
    "/v1/timeline?sort=-date&offset=1000",
    "/v1/timeline?kind=agreement&sort=-date&offset=2&limit=3",
    "/v1/timeline?from=2019-06&to=2020-02&sort=-date",
    "/v1/events?from=2019-06&to=2020-02&sort=title",
    "/v1/events?from=2020&official=nobuo-kishi&sort=-date",
    "/v1/events?to=2019&limit=3&offset=2&sort=-date",
    "/v1/events?country=JP&topic=maritime-security&offset=2&limit=3",
    "/v1/changes",
    "/v1/events?source=deepen-security-ties-2021&sort=-date",
    "/v1/events?source=indo-pacific-spotlight-2018&limit=4",
    "/v1/officials?source=deepen-security-ties-2021",
    "/v1/agreements?source=indo-pacific-spotlight-2018",
    "/v1/stats?source=deepen-security-ties-2021",
    "/v1/officials?event=rand-event-1",
    "/v1/agreements?event=rand-event-2",
};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

static bool created[MAX_CREATED]; /* rand-event-N exists */

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static size_t pick(size_t n)
{
    return (size_t)(next_random() % n);
}

/* A store of the operator's choosing (bench/consistency), not a fresh seeded one. */
static bool at_scale(void)
{
    const char *store = getenv("JVDR_TEST_STORE");
    return store && *store;
}

static void uncached_settings(struct config *cfg)
{
    cfg->db_path = cached.db_path;
    cfg->cache = false;
    /* At a million events SQL takes seconds an answer (a minute and more for some): there the
     * reference is an index loaded afresh after every write (the other server's commit makes
     * this one load it again), which the tests here hold to SQL's answers on the seed data. */
    cfg->event_index = at_scale();
}

static void cached_settings(struct config *cfg)
{
    cfg->api_token = TOKEN;
    /* Every word (the 512 commonest) a bitmap in the index's postings, the rest read from FTS5
     * by their exact words: q= as the postings answer it, held to SQL's answers. */
    cfg->search_common_rows = 1;
}

static void start(void)
{
    const char *seed = getenv("JVDR_TEST_SEED");
    rng = seed ? strtoull(seed, NULL, 10) : 20261125;
    if (!rng)
        rng = 1;
    test_server_start(&cached, cached_settings);
    test_server_start(&uncached, uncached_settings);
    cached_handle = curl_easy_init();
    uncached_handle = curl_easy_init();
}

static void stop(void)
{
    curl_easy_cleanup(cached_handle);
    curl_easy_cleanup(uncached_handle);
    test_server_stop(&uncached);
    test_server_stop(&cached);
}

TestSuite(cache_consistency, .init = start, .fini = stop, .timeout = 240);

static void get(CURL *handle, const struct test_server *server, const char *path,
                struct http_reply *reply)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", server->base_url, path);
    const char *const headers[] = {HOST, NULL};
    http_call(handle, "GET", url, headers, reply);
}

/* Fails unless both servers answer path alike. */
static void compare(const char *path, int step, const char *write)
{
    struct http_reply a, b;
    get(cached_handle, &cached, path, &a);
    get(uncached_handle, &uncached, path, &b);
    cr_assert_eq(a.status, b.status, "step %d (%s): %s answers %ld cached, %ld uncached", step,
                 write, path, a.status, b.status);
    cr_assert_str_eq(a.body, b.body, "step %d (%s): %s\ncached:   %.400s\nuncached: %.400s", step,
                     write, path, a.body, b.body);
    static const char *const headers[] = {"ETag", "Link", "X-Total-Count"};
    for (size_t i = 0; i < COUNT(headers); i++) {
        char va[1024] = "", vb[1024] = "";
        http_header(&a, headers[i], va, sizeof va);
        http_header(&b, headers[i], vb, sizeof vb);
        cr_assert_str_eq(va, vb, "step %d (%s): %s: %s '%s' cached, '%s' uncached", step, write,
                         path, headers[i], va, vb);
    }
    http_reply_free(&a);
    http_reply_free(&b);
}

static void compare_all(int step, const char *write)
{
    char path[160];
    for (size_t i = 0; i < COUNT(officials); i++) {
        snprintf(path, sizeof path, "/v1/officials/%s", officials[i]);
        compare(path, step, write);
    }
    for (size_t i = 0; i < COUNT(agreements); i++) {
        snprintf(path, sizeof path, "/v1/agreements/%s", agreements[i]);
        compare(path, step, write);
    }
    for (size_t i = 0; i < COUNT(sources); i++) {
        snprintf(path, sizeof path, "/v1/sources/%s", sources[i]);
        compare(path, step, write);
        snprintf(path, sizeof path, "/v1/sources/%s/text", sources[i]);
        compare(path, step, write);
        snprintf(path, sizeof path, "/v1/sources/%s/mentions", sources[i]);
        compare(path, step, write);
    }
    for (size_t i = 0; i < COUNT(seed_events); i++) {
        snprintf(path, sizeof path, "/v1/events/%s", seed_events[i]);
        compare(path, step, write);
    }
    for (int i = 0; i < MAX_CREATED; i++) {
        snprintf(path, sizeof path, "/v1/events/rand-event-%d", i);
        compare(path, step, write);
    }
    for (size_t i = 0; i < COUNT(collections); i++)
        compare(collections[i], step, write);
}

/* Fails unless each source's detail counts the records citing it as the lists filtered by it do
 * (the counts are kept by triggers, the lists ask the link tables). */
static void check_source_totals(int step, const char *write)
{
    static const char *const kinds[] = {"events", "officials", "agreements"};
    for (size_t i = 0; i < COUNT(sources); i++) {
        char path[160];
        snprintf(path, sizeof path, "/v1/sources/%s", sources[i]);
        struct http_reply detail;
        get(uncached_handle, &uncached, path, &detail);
        json_t *body = http_json(&detail);
        for (size_t k = 0; k < COUNT(kinds); k++) {
            char member[32], total[32] = "";
            snprintf(member, sizeof member, "%s_total", kinds[k]);
            snprintf(path, sizeof path, "/v1/%s?source=%s&limit=1", kinds[k], sources[i]);
            struct http_reply list;
            get(uncached_handle, &uncached, path, &list);
            http_header(&list, "X-Total-Count", total, sizeof total);
            cr_assert_eq(json_integer_value(json_object_get(body, member)), atoll(total),
                         "step %d (%s): %s of %s is %lld, %s lists %s", step, write, member,
                         sources[i], json_integer_value(json_object_get(body, member)), path,
                         total);
            http_reply_free(&list);
        }
        json_decref(body);
        http_reply_free(&detail);
    }
}

/* A JSON array of 0..max random officials as {"id": ...} objects with extra (may be ""). */
static void random_people(char *out, size_t size, size_t max, const char *extra)
{
    size_t n = pick(max + 1), used = 0;
    used += (size_t)snprintf(out + used, size - used, "[");
    bool taken[COUNT(officials)] = {false};
    for (size_t i = 0; i < n; i++) {
        size_t k = pick(COUNT(officials));
        if (taken[k])
            continue;
        taken[k] = true;
        used += (size_t)snprintf(out + used, size - used, "%s{\"id\": \"%s\"%s}",
                                 used > 1 ? ", " : "", officials[k], extra);
    }
    snprintf(out + used, size - used, "]");
}

static void random_agreements(char *out, size_t size)
{
    static const char *const relations[] = {"signed", "discussed", "referenced"};
    if (pick(3) == 0) {
        snprintf(out, size, "[]");
        return;
    }
    snprintf(out, size, "[{\"id\": \"%s\", \"relation\": \"%s\"}]",
             agreements[pick(COUNT(agreements))], relations[pick(COUNT(relations))]);
}

static void random_sources(char *out, size_t size)
{
    if (pick(3) == 0)
        snprintf(out, size, "[]");
    else
        snprintf(out, size, "[{\"id\": \"%s\", \"spans\": [{\"start\": %zu, \"end\": %zu}]}]",
                 sources[pick(COUNT(sources))], pick(50), 50 + pick(50));
}

/* Any event: a seed one or one this test created. */
static void random_event(char *out, size_t size)
{
    size_t k = pick(COUNT(seed_events) + MAX_CREATED);
    if (k < COUNT(seed_events))
        snprintf(out, size, "%s", seed_events[k]);
    else
        snprintf(out, size, "rand-event-%zu", k - COUNT(seed_events));
}

/* A location as JSON: with and without diacritics, or none (location= matches folded text). */
static const char *random_location(void)
{
    static const char *const locations[] = {"\"H\u00e0 N\u1ed9i\"", "\"Hanoi Bay\"", "\"Tokyo\"",
                                            "\"\u0110\u00e0 N\u1eb5ng\"", "null"};
    return locations[pick(COUNT(locations))];
}

/* An agreement's type, status, parties and date as JSON members (in a static buffer). */
static const char *random_agreement_facts(void)
{
    static const char *const types[] = {"memorandum", "agreement", "joint-statement", "vision"};
    static const char *const statuses[] = {"signed", "in-force", "agreed", "adopted"};
    static const char *const parties[] = {"[\"JP\", \"VN\"]", "[\"JP\", \"VN\", \"ASEAN\"]",
                                          "[\"VN\"]"};
    static char facts[256];
    char date[16] = "null";
    if (pick(4))
        snprintf(date, sizeof date, "\"20%02zu\"", 15 + pick(10));
    snprintf(facts, sizeof facts,
             "\"type\": \"%s\", \"status\": \"%s\", \"parties\": %s, \"date\": %s",
             types[pick(COUNT(types))], statuses[pick(COUNT(statuses))],
             parties[pick(COUNT(parties))], date);
    return facts;
}

/* One random write through the caching server; describes it in what. Returns its status. */
static long random_write(int step, char *what, size_t whatlen)
{
    char path[160], body[2048], people[512], agreed[256], cited[256], id[80];
    const char *method = "PATCH";
    const char *type = NULL;
    size_t made = MAX_CREATED; /* the rand-event a POST makes */
    switch (pick(15)) {
    case 0:
        random_event(id, sizeof id);
        snprintf(path, sizeof path, "/v1/events/%s", id);
        snprintf(body, sizeof body, "{\"title\": \"Random title %d\", \"location\": %s}", step,
                 random_location());
        break;
    case 1:
        random_event(id, sizeof id);
        snprintf(path, sizeof path, "/v1/events/%s", id);
        random_people(people, sizeof people, 3, ", \"role\": \"delegate\"");
        snprintf(body, sizeof body, "{\"participants\": %s}", people);
        break;
    case 2:
        random_event(id, sizeof id);
        snprintf(path, sizeof path, "/v1/events/%s", id);
        random_agreements(agreed, sizeof agreed);
        snprintf(body, sizeof body, "{\"agreements\": %s}", agreed);
        break;
    case 3:
        random_event(id, sizeof id);
        snprintf(path, sizeof path, "/v1/events/%s", id);
        random_sources(cited, sizeof cited);
        snprintf(body, sizeof body, "{\"sources\": %s}", cited);
        break;
    case 4: {
        size_t n = pick(MAX_CREATED);
        method = "POST";
        snprintf(path, sizeof path, "/v1/events");
        random_people(people, sizeof people, 3, "");
        random_agreements(agreed, sizeof agreed);
        random_sources(cited, sizeof cited);
        snprintf(body, sizeof body,
                 "{\"id\": \"rand-event-%zu\", \"title\": \"Random event %d\", \"type\": "
                 "\"meeting\", \"date\": \"20%02zu-0%zu\", \"countries\": [\"JP\", \"VN\"], "
                 "\"participants\": %s, \"agreements\": %s, \"sources\": %s, \"location\": %s}",
                 n, step, 10 + pick(15), 1 + pick(9), people, agreed, cited, random_location());
        made = n;
        break;
    }
    case 5:
        method = "DELETE";
        snprintf(path, sizeof path, "/v1/events/rand-event-%zu", pick(MAX_CREATED));
        body[0] = '\0';
        break;
    case 6: /* an official renamed or moved, made or deleted */
        if (pick(3) == 0) {
            method = "POST";
            snprintf(path, sizeof path, "/v1/officials");
            snprintf(body, sizeof body,
                     "{\"id\": \"rand-official-%zu\", \"name\": \"%s Made %d\", \"country\": "
                     "\"%s\", \"aliases\": [\"\u0110\u1ea1i Made %d\"]}",
                     pick(3), pick(2) ? "Random" : "zeta", step, pick(2) ? "JP" : "VN", step);
        } else if (pick(3) == 0) {
            method = "DELETE";
            snprintf(path, sizeof path, "/v1/officials/rand-official-%zu", pick(3));
            body[0] = '\0';
        } else {
            snprintf(path, sizeof path, "/v1/officials/%s", officials[pick(COUNT(officials))]);
            snprintf(body, sizeof body, "{\"name\": \"%s Name %d\", \"country\": \"%s\"}",
                     pick(2) ? "Random" : "random", step, pick(2) ? "JP" : "VN");
        }
        break;
    case 7:
        snprintf(path, sizeof path, "/v1/agreements/%s", agreements[pick(COUNT(agreements))]);
        snprintf(body, sizeof body, "{\"title\": \"%s agreement %d\", %s}",
                 pick(2) ? "Random" : "random", step, random_agreement_facts());
        break;
    case 8:
        snprintf(path, sizeof path, "/v1/agreements/%s", agreements[pick(COUNT(agreements))]);
        random_people(people, sizeof people, 2, "");
        random_sources(cited, sizeof cited);
        snprintf(body, sizeof body, "{\"signatories\": %s, \"sources\": %s}", people, cited);
        break;
    case 9:
        snprintf(path, sizeof path, "/v1/sources/%s", sources[pick(COUNT(sources))]);
        snprintf(body, sizeof body, "{\"title\": \"Random source %d\"}", step);
        break;
    case 10:
        snprintf(path, sizeof path, "/v1/officials/%s", officials[pick(COUNT(officials))]);
        random_sources(cited, sizeof cited);
        snprintf(body, sizeof body, "{\"sources\": %s}", cited);
        break;
    case 11: /* moves an event on the timeline, or off it */
        random_event(id, sizeof id);
        snprintf(path, sizeof path, "/v1/events/%s", id);
        if (pick(4) == 0)
            snprintf(body, sizeof body, "{\"date\": null}");
        else
            snprintf(body, sizeof body, "{\"date\": \"20%02zu-%02zu\"}", 15 + pick(10),
                     1 + pick(12));
        break;
    case 13: /* a document's text naming officials and agreements, some by their random names */
        method = "PUT";
        type = "Content-Type: text/plain; charset=utf-8";
        snprintf(path, sizeof path, "/v1/sources/%s/text", sources[pick(COUNT(sources))]);
        snprintf(body, sizeof body,
                 "Random Name %zu met Nobuo Kishi in Viet Nam about the AOIP and Random alias "
                 "%zu. Random agreement %zu was signed. Phan Van Giang and Random Name %zu spoke "
                 "of Japan and the Joint Vision Statement at length, step %d.",
                 pick(STEPS), pick(STEPS), pick(STEPS), pick(STEPS), step);
        break;
    case 14: /* an agreement made, deleted, or given an alias */
        if (pick(3) == 0) {
            method = "POST";
            snprintf(path, sizeof path, "/v1/agreements");
            snprintf(body, sizeof body,
                     "{\"id\": \"rand-agreement-%zu\", \"title\": \"Made agreement %d\", %s}",
                     pick(3), step, random_agreement_facts());
        } else if (pick(2) == 0) {
            method = "DELETE";
            snprintf(path, sizeof path, "/v1/agreements/rand-agreement-%zu", pick(3));
            body[0] = '\0';
        } else {
            snprintf(path, sizeof path, "/v1/agreements/%s", agreements[pick(COUNT(agreements))]);
            snprintf(body, sizeof body, "{\"aliases\": [\"Random alias %d\"]}", step);
        }
        break;
    default: /* moves an agreement */
        snprintf(path, sizeof path, "/v1/agreements/%s", agreements[pick(COUNT(agreements))]);
        if (pick(4) == 0)
            snprintf(body, sizeof body, "{\"date\": null}");
        else
            snprintf(body, sizeof body, "{\"date\": \"20%02zu\"}", 15 + pick(10));
        break;
    }
    char url[256];
    snprintf(url, sizeof url, "%s%s", cached.base_url, path);
    if (!type)
        type = strcmp(method, "PATCH") == 0 ? "Content-Type: application/merge-patch+json"
                                            : "Content-Type: application/json";
    const char *const headers[] = {AUTH, type, HOST, NULL};
    struct http_reply reply;
    http_send(cached_handle, method, url, headers, body, strlen(body), &reply);
    long status = reply.status;
    cr_assert(status < 500, "step %d: %s %s answered %ld: %s", step, method, path, status,
              reply.body);
    if (made < MAX_CREATED && status == 201)
        created[made] = true;
    snprintf(what, whatlen, "%s %s %.300s -> %ld", method, path, body, status);
    http_reply_free(&reply);
    return status;
}

static unsigned long cache_lookups(const char *outcome)
{
    char series[96];
    snprintf(series, sizeof series, "jvdr_cache_lookups_total{outcome=\"%s\"}", outcome);
    return test_server_metric(&cached, series);
}

/* steps random writes, every answer compared after each. */
static void random_writes_match(int steps)
{
    compare_all(0, "no write yet");
    int applied = 0;
    for (int step = 1; step <= steps; step++) {
        char what[512];
        long status = random_write(step, what, sizeof what);
        applied += status >= 200 && status < 300;
        compare_all(step, what);
        check_source_totals(step, what);
    }
    cr_assert_geq(applied, steps / 2, "only %d of %d writes were applied", applied, steps);
    /* Not vacuous: unchanged answers came from memory while others were rendered again. */
    cr_assert_gt(cache_lookups("hit"), 8 * (unsigned long)steps,
                 "too few cache hits to have tested anything");
    cr_assert_gt(cache_lookups("render"), (unsigned long)steps, "writes caused no new renders");
    /* And the full-text indexes the writes kept up match their documents (fails on corruption). */
    if (test_server_postgresql()) { /* one index row per record, no more, no fewer */
        test_server_sql(&cached,
                        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM search_rows r LEFT JOIN search_index "
                        "i ON i.rowid = r.rowid WHERE i.rowid IS NULL) OR (SELECT count(*) FROM "
                        "search_rows) <> (SELECT count(*) FROM events) + (SELECT count(*) FROM "
                        "officials) + (SELECT count(*) FROM agreements) + (SELECT count(*) FROM "
                        "sources) THEN RAISE EXCEPTION 'the search index is out of step'; END IF; "
                        "END $$");
        return;
    }
    test_server_sql(&cached, "INSERT INTO search_index (search_index) VALUES ('integrity-check')");
    test_server_sql(&cached,
                    "INSERT INTO search_titles (search_titles) VALUES ('integrity-check')");
    test_server_sql(&cached, "INSERT INTO search_minor (search_minor) VALUES ('integrity-check')");
}

Test(cache_consistency, every_cached_answer_matches_a_fresh_render_after_random_writes)
{
    random_writes_match(STEPS);
}

/* The same on a store of the operator's choosing (bench/consistency: a million generated events,
 * JVDR_TEST_STEPS writes), skipped without one: not for CI, whose sanitizers would take hours. */
Test(cache_consistency, at_scale_every_cached_answer_matches_after_random_writes, .timeout = 7200)
{
    const char *steps = getenv("JVDR_TEST_STEPS");
    if (!at_scale())
        cr_skip_test("JVDR_TEST_STORE names no store");
    random_writes_match(steps && atoi(steps) > 0 ? atoi(steps) : 10);
}

struct burst_reader {
    const char *path;
    char expected[64];
    bool saw_it;
};

static void *read_once(void *arg)
{
    struct burst_reader *r = arg;
    struct http_reply reply;
    http_get(cached.base_url, r->path, &reply);
    r->saw_it = reply.status == 200 && strstr(reply.body, r->expected) != NULL;
    http_reply_free(&reply);
    return NULL;
}

Test(cache_consistency, a_burst_of_readers_after_a_write_all_see_it)
{
    enum { READERS = 12 };
    const char *const paths[] = {"/v1/events/admm-2020", "/v1/events?limit=50&sort=date",
                                 "/v1/timeline?limit=50"};
    for (int round = 0; round < 20; round++) {
        char url[256], body[128];
        snprintf(url, sizeof url, "%s/v1/events/admm-2020", cached.base_url);
        snprintf(body, sizeof body, "{\"title\": \"Burst round %d\"}", round);
        const char *const headers[] = {AUTH, "Content-Type: application/merge-patch+json", NULL};
        struct http_reply reply;
        http_send(NULL, "PATCH", url, headers, body, strlen(body), &reply);
        cr_assert_eq(reply.status, 200, "%s", reply.body);
        http_reply_free(&reply);

        /* Acknowledged: every reader from now on must see it, however they race. */
        struct burst_reader readers[READERS];
        pthread_t threads[READERS];
        for (int i = 0; i < READERS; i++) {
            readers[i].path = paths[i % COUNT(paths)];
            snprintf(readers[i].expected, sizeof readers[i].expected, "Burst round %d\"", round);
            pthread_create(&threads[i], NULL, read_once, &readers[i]);
        }
        for (int i = 0; i < READERS; i++) {
            pthread_join(threads[i], NULL);
            cr_assert(readers[i].saw_it, "round %d: %s did not show the acknowledged write", round,
                      readers[i].path);
        }
    }
}

static void fresh_index_settings(struct config *cfg)
{
    cfg->db_path = cached.db_path;
    cfg->cache = false;
}

/* Fails unless a server that loads its index now answers each path as SQL does. */
static void compare_fresh(const char *const *paths, size_t n)
{
    struct test_server fresh;
    test_server_start(&fresh, fresh_index_settings);
    CURL *fresh_handle = curl_easy_init();
    for (size_t i = 0; i < n; i++) {
        struct http_reply a, b;
        get(fresh_handle, &fresh, paths[i], &a);
        get(uncached_handle, &uncached, paths[i], &b);
        cr_assert_eq(a.status, 200, "%s: %ld", paths[i], a.status);
        cr_assert_str_eq(a.body, b.body, "%s\nindex: %.600s\nSQL:   %.600s", paths[i], a.body,
                         b.body);
        http_reply_free(&a);
        http_reply_free(&b);
    }
    curl_easy_cleanup(fresh_handle);
    test_server_stop(&fresh);
}

/* A load sorts rows carrying each title's and id's first bytes, not the strings: titles and ids
 * that agree far past those bytes, differ only in case, or end where another goes on must still
 * come in the order SQL gives, when a server loads them afresh. */
Test(cache_consistency, a_fresh_load_orders_long_and_alike_titles_like_sql)
{
    static const char *const titles[] = {
        "Joint maritime security consultation between the two ministries, round A",
        "joint maritime security consultation between the two ministries, round a",
        "JOINT MARITIME SECURITY CONSULTATION BETWEEN THE TWO MINISTRIES, ROUND B",
        "Joint maritime security consultation between the two ministries",
        "Joint maritime security consultation between the two ministries,",
        "Joint maritime security consultation between the two",
        "Joint maritime security consulta",
        "Joint maritime security consult",
        "Joint maritime security consultaTION",
        "Ĵoint maritime security consultation between the two ministries",
        "joint",
        "J",
    };
    static const char *const types[] = {"meeting", "visit", "dialogue"};
    /* A year covers dates a filter may start inside of. */
    static const char *const dates[] = {"2019", "2019-02", "2018-11-20", "2019-07-15", "2019-06"};
    for (size_t i = 0; i < COUNT(titles); i++) {
        char url[256], body[512];
        snprintf(url, sizeof url, "%s/v1/events", cached.base_url);
        /* Ids alike for 44 characters, and one a prefix of the others. */
        char suffix[16] = "";
        if (i)
            snprintf(suffix, sizeof suffix, i % 3 ? "-%zu" : "%zu", i);
        snprintf(body, sizeof body,
                 "{\"id\": \"order-check-with-a-long-common-prefix-of-ids%s\", \"title\": "
                 "\"%s\", \"type\": \"%s\", \"date\": \"%s\"}",
                 suffix, titles[i], types[i % COUNT(types)], dates[i % COUNT(dates)]);
        const char *const headers[] = {AUTH, "Content-Type: application/json", NULL};
        struct http_reply reply;
        http_send(NULL, "POST", url, headers, body, strlen(body), &reply);
        cr_assert_eq(reply.status, 201, "%s: %s", body, reply.body);
        http_reply_free(&reply);
    }
    static const char *const paths[] = {
        "/v1/events?sort=title&limit=100",
        "/v1/events?sort=-title&limit=100",
        "/v1/events?sort=type&limit=100",
        "/v1/events?sort=-type&limit=100",
        "/v1/events?sort=date&limit=100&offset=10",
        "/v1/events?sort=-date&limit=100",
        "/v1/events?q=maritime&sort=title",
        "/v1/events?from=2019&to=2019&sort=-title",
        "/v1/events?from=2019-06&sort=-date&limit=100",
        "/v1/events?from=2019-06-10&to=2019-08&sort=-title",
        "/v1/timeline?from=2019-06-10&to=2019-08",
        "/v1/stats?from=2019-03",
    };
    compare_fresh(paths, COUNT(paths));
}

/* Hundreds of events: a filter that selects more than a few is answered by walking an order and
 * testing bits, one that selects a few by sorting them; both must give SQL's pages and totals,
 * on the server that saw the writes and on one that loads them afresh. */
Test(cache_consistency, many_events_page_alike_walked_or_sorted)
{
    static const char *const countries[] = {"JP", "VN", "PH", "US"};
    static const char *const people[] = {"nobuo-kishi", "taro-kono", "phan-van-giang"};
    static const char *const topics[] = {"maritime-security", "cyber-security", "peacekeeping"};
    size_t size = 400 * 400, len = 0;
    char *body = malloc(size);
    for (int i = 0; i < 400; i++)
        len += (size_t)snprintf(
            body + len, size - len,
            "{\"id\": \"many-%03d\", \"title\": \"Many events %d\", \"type\": \"%s\", "
            "\"date\": \"%d-%02d\", \"host_country\": \"%s\", \"countries\": [\"%s\"], "
            "\"topics\": [\"%s\"], \"participants\": [{\"id\": \"%s\"}]}\n",
            i, (i * 37) % 400, i % 5 ? "meeting" : "visit", 2000 + i % 23, 1 + i % 12,
            countries[i % 7 ? 0 : 1 + i % 3], countries[i % 11 ? 1 : 2], topics[i % 3],
            people[i % 13 ? 0 : 1 + i % 2]);
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events", cached.base_url);
    const char *const headers[] = {AUTH, "Content-Type: application/x-ndjson", NULL};
    struct http_reply reply;
    http_send(NULL, "POST", url, headers, body, len, &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    free(body);
    static const char *const paths[] = {
        "/v1/events?country=JP&limit=7&offset=150",
        "/v1/events?country=PH&sort=-date",
        "/v1/events?official=taro-kono&sort=title",
        "/v1/events?official=nobuo-kishi&offset=90",
        "/v1/events?type=visit&sort=-type&offset=30",
        "/v1/events?topic=cyber-security&sort=-title",
        "/v1/events?country=VN&official=taro-kono",
        "/v1/events?from=2005&to=2009-06&offset=3",
        "/v1/timeline?country=VN&offset=40&limit=9",
        "/v1/timeline?official=taro-kono",
        "/v1/timeline?official=nobuo-kishi&sort=-date&offset=100",
        "/v1/timeline?topic=peacekeeping&from=2010",
        "/v1/stats?country=JP",
        "/v1/stats?official=taro-kono",
        "/v1/stats?type=meeting&from=2001&to=2020",
    };
    for (size_t i = 0; i < COUNT(paths); i++)
        compare(paths[i], 0, "a bulk load of 400 events");
    compare_fresh(paths, COUNT(paths));
}

/* A write through the cached server that must succeed. */
static void write_cached(const char *method, const char *path, const char *body, long status)
{
    http_write(cached.base_url, AUTH, method, path, body, status);
}

/* The official facet of /v1/stats is written from pieces kept per official (each one's key and
 * name, escaped once, and its key's place in key order): officials new to the index, whose keys
 * sort before, between and after the others and whose names need escaping, and a rename, must
 * give SQL's answer byte for byte, ties in count ordered by key. */
Test(cache_consistency, new_and_renamed_officials_count_in_stats_like_sql)
{
    static const char *const people[][2] = {
        {"aaa-first-official", "Quote \\\" and backslash \\\\"},
        {"mmm-middle-official", "Slash / and <angle> & ampersand"},
        {"zzz-last-official", "Nguy\\u1ec5n V\\u0103n \\u00c1"},
        {"nobuo-kishi-2", "Emoji \\ud83d\\ude00 and \\u00e9"},
    };
    char body[512];
    for (size_t i = 0; i < COUNT(people); i++) {
        snprintf(body, sizeof body, "{\"id\": \"%s\", \"name\": \"%s\", \"country\": \"VN\"}",
                 people[i][0], people[i][1]);
        write_cached("POST", "/v1/officials", body, 201);
    }
    /* Two events each: equal counts, so their order is their keys'. */
    for (size_t i = 0; i < 2 * COUNT(people); i++) {
        snprintf(body, sizeof body,
                 "{\"id\": \"names-check-%zu\", \"title\": \"Names check %zu\", \"type\": "
                 "\"meeting\", \"date\": \"2021-0%zu\", \"participants\": [{\"id\": \"%s\"}, "
                 "{\"id\": \"phan-van-giang\"}]}",
                 i, i, 1 + i % 9, people[i % COUNT(people)][0]);
        write_cached("POST", "/v1/events", body, 201);
    }
    static const char *const paths[] = {"/v1/stats", "/v1/stats?from=2021", "/v1/stats?country=JP",
                                        "/v1/stats?official=zzz-last-official"};
    for (size_t i = 0; i < COUNT(paths); i++)
        compare(paths[i], 0, "new officials");
    write_cached("PATCH", "/v1/officials/mmm-middle-official", "{\"name\": \"Renamed \\\"M\\\"\"}",
                 200);
    for (size_t i = 0; i < COUNT(paths); i++)
        compare(paths[i], 1, "a renamed official");
    compare_fresh(paths, COUNT(paths));
}
