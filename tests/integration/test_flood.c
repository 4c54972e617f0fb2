/* One client floods the server with distinct uncached, slow URLs — on new connections and on
 * kept-alive ones, so that every HTTP thread meets it — while another reads cached URLs. The
 * reader's answers must all arrive, correct; the flooder must get 200, or 429/503 with
 * Retry-After, and never a 500 or a connection closed without an answer. No timing is asserted:
 * how fast the reader is served under the flood is bench/run's to measure. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_http.h"
#include "test_server.h"

#define FLOODERS 12
#define FLOOD_SECONDS 3

static struct test_server server;

static void guarded(struct config *cfg)
{
    cfg->rate_limit = "50,100";
    cfg->trusted_proxies = "127.0.0.1"; /* the clients are told apart by X-Forwarded-For */
    cfg->render_threads = 2;
    cfg->render_queue = 2;
    /* PostgreSQL answers the timeline of 20,000 events in SQL alone (no index of events in
     * memory): a first render takes longer there. */
    cfg->query_timeout_ms = test_server_postgresql() ? 3000 : 200;
}

static void start(void)
{
    test_server_start(&server, guarded);
    test_server_bulk_sql(
        &server,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 40000) INSERT INTO events (id, title, type, location, "
        "date) SELECT 'flood-' || i, 'Flood event ' || i, 'meeting', "
        "'Place ' || i, CASE WHEN i % 25 < 10 THEN '200' ELSE '20' END || (i % 25) FROM n");
    /* That change came from outside the service: the index of events loads again (every
     * answer looks for such a change first), and a list asked meanwhile may wait past the tight
     * budget (503). The flood starts once a list is answered: the index is loaded. */
    long status = 0;
    while (status != 200) {
        struct http_reply reply;
        http_get(server.base_url, "/v1/agreements?limit=1", &reply);
        status = reply.status;
        cr_assert(status == 200 || status == 503 || status == 429, "%ld: %s", status, reply.body);
        http_reply_free(&reply);
        if (status != 200) /* within the rate limit while it loads */
            nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(flood, .init = start, .fini = stop, .timeout = 120);

static atomic_bool flooding;

struct flooder {
    int id;
    bool new_connections, distributed;
    long served, limited, busy, bad, dropped, missing_retry_after;
    long last_bad_status;
};

static void *flood(void *arg)
{
    struct flooder *f = arg;
    CURL *handle = curl_easy_init();
    char forwarded[64] = "X-Forwarded-For: 10.9.9.9";
    const char *const headers[] = {forwarded, NULL};
    for (long i = 0; atomic_load(&flooding); i++) {
        /* Half the flooders come from a new address each time (a distributed flood, which no
         * per-client limit stops): the render threads' queue must hold. */
        if (f->distributed)
            snprintf(forwarded, sizeof forwarded, "X-Forwarded-For: 10.%d.%ld.%ld", 100 + f->id,
                     (i >> 8) & 255, i & 255);
        char url[256];
        /* A location nobody has: a scan of every event, distinct each time (never cached). */
        snprintf(url, sizeof url, "%s/v1/events?location=nowhere-%d-%ld", server.base_url, f->id,
                 i);
        if (f->new_connections)
            curl_easy_setopt(handle, CURLOPT_FORBID_REUSE, 1L);
        struct http_reply reply;
        CURLcode rc = http_try(handle, "GET", url, headers, NULL, 0, &reply);
        if (rc != CURLE_OK) {
            f->dropped++;
            continue;
        }
        char retry[32];
        bool has_retry = http_header(&reply, "Retry-After", retry, sizeof retry) != NULL;
        if (reply.status == 200)
            f->served++;
        else if (reply.status == 429)
            f->limited++;
        else if (reply.status == 503)
            f->busy++;
        else {
            f->bad++;
            f->last_bad_status = reply.status;
        }
        if ((reply.status == 429 || reply.status == 503) && !has_retry)
            f->missing_retry_after++;
        http_reply_free(&reply);
    }
    curl_easy_cleanup(handle);
    return NULL;
}

static const char *const cached_paths[] = {"/v1/events/admm-2020", "/v1/officials/nobuo-kishi",
                                           "/v1/agreements", "/v1/events?limit=5",
                                           "/v1/timeline?limit=10"};
#define NPATHS (sizeof cached_paths / sizeof cached_paths[0])

struct reader {
    char *expected[NPATHS];
    long answered, wrong, failed;
    long last_status;
};

static void *read_cached(void *arg)
{
    struct reader *r = arg;
    CURL *handle = curl_easy_init();
    const char *const headers[] = {"X-Forwarded-For: 10.1.1.1", NULL};
    while (atomic_load(&flooding)) {
        for (size_t i = 0; i < NPATHS; i++) {
            char url[256];
            snprintf(url, sizeof url, "%s%s", server.base_url, cached_paths[i]);
            struct http_reply reply;
            if (http_try(handle, "GET", url, headers, NULL, 0, &reply) != CURLE_OK) {
                r->failed++;
                continue;
            }
            r->answered++;
            if (reply.status != 200 || strcmp(reply.body, r->expected[i]) != 0) {
                r->wrong++;
                r->last_status = reply.status;
            }
            http_reply_free(&reply);
        }
        /* A dashboard, not a flood: 5 URLs every 150 ms stays within its 50 a second. */
        nanosleep(&(struct timespec){0, 150 * 1000 * 1000}, NULL);
    }
    curl_easy_cleanup(handle);
    return NULL;
}

Test(flood, a_flood_of_renders_leaves_a_cached_reader_served_and_the_flooder_refused_cleanly)
{
    struct reader reader = {.answered = 0};
    for (size_t i = 0; i < NPATHS; i++) {
        struct http_reply reply;
        http_get(server.base_url, cached_paths[i], &reply);
        cr_assert_eq(reply.status, 200, "%s", cached_paths[i]);
        reader.expected[i] = strdup(reply.body);
        http_reply_free(&reply);
    }
    atomic_store(&flooding, true);
    pthread_t threads[FLOODERS + 1];
    struct flooder flooders[FLOODERS];
    for (int i = 0; i < FLOODERS; i++) {
        flooders[i] =
            (struct flooder){.id = i, .new_connections = i % 2 == 0, .distributed = i % 3 != 0};
        pthread_create(&threads[i], NULL, flood, &flooders[i]);
    }
    pthread_create(&threads[FLOODERS], NULL, read_cached, &reader);
    nanosleep(&(struct timespec){FLOOD_SECONDS, 0}, NULL);
    atomic_store(&flooding, false);
    for (int i = 0; i <= FLOODERS; i++)
        pthread_join(threads[i], NULL);

    long served = 0, limited = 0, busy = 0;
    for (int i = 0; i < FLOODERS; i++) {
        struct flooder *f = &flooders[i];
        cr_assert_eq(f->bad, 0, "flooder %d got %ld answers like %ld", i, f->bad,
                     f->last_bad_status);
        cr_assert_eq(f->dropped, 0, "flooder %d had %ld connections closed unanswered", i,
                     f->dropped);
        cr_assert_eq(f->missing_retry_after, 0, "flooder %d: 429/503 without Retry-After", i);
        served += f->served;
        limited += f->limited;
        busy += f->busy;
    }
    cr_log_info("flood: %ld served, %ld rate-limited, %ld busy; the reader had %ld answers", served,
                limited, busy, reader.answered);
    cr_assert_gt(limited, 0, "the flood from one address was never rate-limited");
    cr_assert_gt(busy, 0, "the distributed flood never found the render threads busy");
    cr_assert_gt(reader.answered, 0);
    cr_assert_eq(reader.failed, 0, "%ld of the reader's requests failed", reader.failed);
    cr_assert_eq(reader.wrong, 0, "%ld of %ld cached answers were wrong or refused (%ld)",
                 reader.wrong, reader.answered, reader.last_status);
    for (size_t i = 0; i < NPATHS; i++)
        free(reader.expected[i]);
}
