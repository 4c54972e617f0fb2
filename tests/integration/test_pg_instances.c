/* Two jvdr instances on one PostgreSQL database, as behind a load balancer: a write acknowledged
 * by one is served by the other within 2 seconds, even from the other's cache and index of events
 * (lists, totals, facets), for commits made outside jvdr too, and even after the
 * connection that hears commits was killed; two writes racing with the same If-Match through
 * different instances never both win. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_http.h"
#include "test_pg.h"
#include "test_process.h"

#define TOKEN "instances-test-token-0123456789"

static struct test_pg cluster;
static struct test_process a, b;
static char uri_a[320], uri_b[320];

/* Each instance names itself to PostgreSQL (application_name), so that the test can find its
 * connections. */
static void start(void)
{
    test_pg_start(&cluster);
    if (!cluster.uri[0])
        return;
    snprintf(uri_a, sizeof uri_a, "%s?application_name=jvdr-a", cluster.uri);
    snprintf(uri_b, sizeof uri_b, "%s?application_name=jvdr-b", cluster.uri);
    const char *const env[] = {"JVDR_API_TOKEN=" TOKEN, NULL};
    const char *const args_a[] = {"--port", "0", "--db", uri_a, NULL};
    const char *const args_b[] = {"--port", "0", "--db", uri_b, NULL};
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    test_process_start(&a, args_a, env);
    test_process_start(&b, args_b, env);
}

static void stop(void)
{
    if (cluster.uri[0]) {
        test_process_stop(&a, SIGTERM);
        test_process_stop(&b, SIGTERM);
    }
    test_pg_stop(&cluster);
}

TestSuite(instances, .init = start, .fini = stop, .timeout = 120);

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void pause_ms(long ms)
{
    nanosleep(&(struct timespec){0, ms * 1000000L}, NULL);
}

/* Runs sql on the cluster's database; false when PostgreSQL refuses it. */
/* Waits (up to 5 s) until instance name LISTENs: the channel is opened as the instance starts. */
static void wait_listening(const char *name)
{
    char text[400];
    snprintf(text, sizeof text,
             "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name "
             "= '%s' AND query LIKE 'LISTEN%%') THEN RAISE EXCEPTION 'not yet'; END IF; END $$",
             name);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!test_pg_exec(&cluster, text)) {
        cr_assert_lt(ms_since(&t0), 5000, "%s never listened", name);
        pause_ms(20);
    }
}

static char *get_body(const struct test_process *p, const char *path, char *etag, size_t len)
{
    struct http_reply reply;
    http_get(p->base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s: %ld %s", path, reply.status, reply.body);
    if (etag)
        cr_assert_not_null(http_header(&reply, "ETag", etag, len));
    char *body = strdup(reply.body);
    http_reply_free(&reply);
    return body;
}

/* Sends body (JSON; a merge patch for PATCH) with the token; returns the status. */
static long send_write(const struct test_process *p, const char *method, const char *path,
                       const char *if_match, const char *body)
{
    char url[256], condition[128];
    snprintf(url, sizeof url, "%s%s", p->base_url, path);
    snprintf(condition, sizeof condition, "If-Match: %s", if_match ? if_match : "*");
    const char *const headers[] = {"Authorization: Bearer " TOKEN,
                                   strcmp(method, "PATCH") == 0
                                       ? "Content-Type: application/merge-patch+json"
                                       : "Content-Type: application/json",
                                   if_match ? condition : NULL, NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, strlen(body), &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

static long patch(const struct test_process *p, const char *path, const char *if_match,
                  const char *body)
{
    return send_write(p, "PATCH", path, if_match ? if_match : "*", body);
}

/* Polls instance p for path until its body holds needle: fails past 2 s; then asserts that every
 * later read holds it too (the old answer is never served again). Prints how long it took. */
static void expect_fresh(const struct test_process *p, const char *path, const char *needle,
                         const struct timespec *acknowledged, const char *what)
{
    double seen = -1;
    while (seen < 0) {
        char *body = get_body(p, path, NULL, 0);
        if (strstr(body, needle))
            seen = ms_since(acknowledged);
        free(body);
        cr_assert(seen >= 0 || ms_since(acknowledged) < 2000, "%s: still stale after 2 s", what);
        if (seen < 0)
            pause_ms(5);
    }
    cr_log_info("%s: the other instance served the write %.1f ms after it was acknowledged", what,
                seen);
    for (int i = 0; i < 10; i++) {
        char *body = get_body(p, path, NULL, 0);
        cr_assert(strstr(body, needle), "%s: read %d after the first fresh one is stale", what, i);
        free(body);
    }
}

Test(instances, a_write_through_one_is_served_by_the_other_within_two_seconds)
{
    if (!cluster.uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    wait_listening("jvdr-b");
    const char *path = "/v1/officials/wang-yi";
    for (int i = 0; i < 4; i++) /* in b's cache, on both of its threads */
        free(get_body(&b, path, NULL, 0));
    cr_assert_eq(patch(&a, path, NULL, "{\"summary\": \"Written through instance a.\"}"), 200);
    struct timespec acknowledged;
    clock_gettime(CLOCK_MONOTONIC, &acknowledged);
    expect_fresh(&b, path, "Written through instance a.", &acknowledged, "a detail");
    /* Lists and searches that show it follow as well. */
    expect_fresh(&b, "/v1/search?q=written%20through%20instance", "wang-yi", &acknowledged,
                 "a search");
}

/* Lists, totals, facets and the timeline come from each instance's index of events: the other
 * instance's index follows a write (re-reading what it names) and a commit made outside jvdr
 * (loaded afresh). */
Test(instances, the_other_instances_lists_and_counts_follow_writes_and_outside_commits)
{
    if (!cluster.uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    wait_listening("jvdr-b");
    const char *const paths[] = {"/v1/stats?country=NZ", "/v1/events?country=NZ",
                                 "/v1/timeline?country=NZ", "/v1/stats?country=FJ"};
    for (int i = 0; i < 8; i++) /* known to b (index and cache) before the write */
        free(get_body(&b, paths[i % 4], NULL, 0));
    cr_assert_eq(send_write(&a, "POST", "/v1/events", NULL,
                            "{\"id\": \"wellington-talks-2026\", \"title\": \"Talks held far "
                            "away\", \"type\": \"meeting\", \"date\": \"2026-01\", "
                            "\"countries\": [\"NZ\"], \"participants\": [{\"id\": "
                            "\"phan-van-giang\", \"role\": \"guest\"}]}"),
                 201);
    struct timespec acknowledged;
    clock_gettime(CLOCK_MONOTONIC, &acknowledged);
    expect_fresh(&b, paths[0], "\"total\":1,", &acknowledged, "the stats");
    expect_fresh(&b, paths[0], "\"phan-van-giang\"", &acknowledged, "the official facet");
    expect_fresh(&b, paths[1], "wellington-talks-2026", &acknowledged, "the filtered list");
    expect_fresh(&b, paths[2], "wellington-talks-2026", &acknowledged, "the timeline");
    /* An official renamed through a: b's facets name them anew. */
    cr_assert_eq(patch(&a, "/v1/officials/phan-van-giang", NULL, "{\"name\": \"Renamed Giang\"}"),
                 200);
    clock_gettime(CLOCK_MONOTONIC, &acknowledged);
    expect_fresh(&b, paths[0], "Renamed Giang", &acknowledged, "the renamed official's facet");
    /* Committed outside jvdr: the notification says only that something changed. */
    cr_assert(test_pg_exec(&cluster, "UPDATE event_countries SET country = 'FJ' WHERE event_id = "
                                     "'wellington-talks-2026'"));
    clock_gettime(CLOCK_MONOTONIC, &acknowledged);
    expect_fresh(&b, paths[3], "\"total\":1,", &acknowledged, "a commit outside jvdr, new key");
    expect_fresh(&b, paths[0], "\"total\":0,", &acknowledged, "a commit outside jvdr, old key");
    expect_fresh(&b, paths[1], "\"items\":[]", &acknowledged, "its list");
}

Test(instances, a_killed_listener_reconnects_and_the_old_answer_is_not_served)
{
    if (!cluster.uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    wait_listening("jvdr-b");
    const char *path = "/v1/agreements/quad";
    for (int i = 0; i < 4; i++)
        free(get_body(&b, path, NULL, 0));
    cr_assert(test_pg_exec(&cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                     "application_name = 'jvdr-b' AND query LIKE 'LISTEN%'"));
    /* Written while b may not hear it: the notification is lost for b. */
    cr_assert_eq(patch(&a, path, NULL, "{\"summary\": \"Written while b was deaf.\"}"), 200);
    struct timespec acknowledged;
    clock_gettime(CLOCK_MONOTONIC, &acknowledged);
    expect_fresh(&b, path, "Written while b was deaf.", &acknowledged, "after the kill");
    wait_listening("jvdr-b"); /* and it listens again */
    cr_assert_eq(patch(&a, path, NULL, "{\"summary\": \"Written after b reconnected.\"}"), 200);
    clock_gettime(CLOCK_MONOTONIC, &acknowledged);
    expect_fresh(&b, path, "Written after b reconnected.", &acknowledged, "after the reconnect");
}

struct racer {
    const struct test_process *instance;
    const char *etag;
    const char *body;
    long status;
};

static void *race(void *context)
{
    struct racer *r = context;
    r->status = patch(r->instance, "/v1/events/admm-2020", r->etag, r->body);
    return NULL;
}

Test(instances, two_writes_with_one_if_match_through_two_instances_never_both_win)
{
    if (!cluster.uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    for (int round = 0; round < 10; round++) {
        char etag[64];
        free(get_body(&a, "/v1/events/admm-2020", etag, sizeof etag));
        char text_a[48], text_b[48], body_a[96], body_b[96];
        snprintf(text_a, sizeof text_a, "Round %d won by a.", round);
        snprintf(text_b, sizeof text_b, "Round %d won by b.", round);
        snprintf(body_a, sizeof body_a, "{\"summary\": \"%s\"}", text_a);
        snprintf(body_b, sizeof body_b, "{\"summary\": \"%s\"}", text_b);
        struct racer ra = {&a, etag, body_a, 0}, rb = {&b, etag, body_b, 0};
        pthread_t ta, tb;
        pthread_create(&ta, NULL, race, &ra);
        pthread_create(&tb, NULL, race, &rb);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        bool one_won =
            (ra.status == 200 && rb.status == 412) || (ra.status == 412 && rb.status == 200);
        cr_assert(one_won, "round %d: a answered %ld, b answered %ld", round, ra.status, rb.status);
        /* The winner's write is what both serve. */
        const char *won = ra.status == 200 ? text_a : text_b;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        expect_fresh(&a, "/v1/events/admm-2020", won, &now, "the race's winner on a");
        expect_fresh(&b, "/v1/events/admm-2020", won, &now, "the race's winner on b");
    }
}
