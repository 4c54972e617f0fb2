/* PostgreSQL going away under load and coming back: while it is away every request that needs it
 * is a 503 problem with Retry-After (never a 500, never a hang), /readyz says 503, and once it is
 * back jvdr serves and writes again on its own, without a restart. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_http.h"
#include "test_pg.h"
#include "test_process.h"

#define TOKEN "faults-test-token-0123456789"

static struct test_pg cluster;
static struct test_process jvdr;

static void start(void)
{
    test_pg_start(&cluster);
    if (!cluster.uri[0])
        return;
    const char *const env[] = {"JVDR_API_TOKEN=" TOKEN, NULL};
    const char *const args[] = {"--port", "0", "--db", cluster.uri, NULL};
    memset(&jvdr, 0, sizeof jvdr);
    test_process_start(&jvdr, args, env);
}

static void stop(void)
{
    if (cluster.uri[0])
        test_process_stop(&jvdr, SIGTERM);
    test_pg_stop(&cluster);
}

TestSuite(pg_faults, .init = start, .fini = stop, .timeout = 120);

static void cluster_command(const char *what)
{
    char command[256];
    snprintf(command, sizeof command, "%s %s %s", JVDR_PG_CLUSTER, what, cluster.dir);
    cr_assert_eq(system(command), 0, "%s", command);
}

static long status_of(const char *method, const char *path, const char *body, bool *problem_ok)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", jvdr.base_url, path);
    const char *const headers[] = {"Authorization: Bearer " TOKEN, "Content-Type: application/json",
                                   NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, &reply);
    char value[96];
    *problem_ok =
        reply.status != 503 || (http_header(&reply, "Retry-After", value, sizeof value) &&
                                http_header(&reply, "Content-Type", value, sizeof value) &&
                                strcmp(value, "application/problem+json") == 0);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

struct load {
    atomic_bool stop;
    atomic_int ok, unavailable, other, bad_problem, written;
    long last_other;
};

/* A steady mix: cached and uncached reads, and writes of new events. */
static void *drive(void *context)
{
    struct load *l = context;
    for (int i = 0; !atomic_load(&l->stop); i++) {
        char path[128], body[160];
        const char *method = "GET";
        const char *payload = NULL;
        if (i % 4 == 3) {
            method = "POST";
            snprintf(path, sizeof path, "/v1/events");
            snprintf(body, sizeof body,
                     "{\"id\": \"fault-%d\", \"title\": \"Fault %d\", \"type\": \"meeting\"}", i,
                     i);
            payload = body;
        } else if (i % 4 == 2) {
            snprintf(path, sizeof path, "/v1/events?offset=%d&limit=1", i % 50);
        } else {
            snprintf(path, sizeof path, "/v1/officials/phan-van-giang");
        }
        bool problem_ok = true;
        long status = status_of(method, path, payload, &problem_ok);
        if (status == 200 || status == 201)
            atomic_fetch_add(&l->ok, 1);
        else if (status == 503)
            atomic_fetch_add(&l->unavailable, 1);
        else {
            atomic_fetch_add(&l->other, 1);
            l->last_other = status;
        }
        if (!problem_ok)
            atomic_fetch_add(&l->bad_problem, 1);
        nanosleep(&(struct timespec){0, 5 * 1000 * 1000}, NULL);
    }
    return NULL;
}

static long readyz(void)
{
    struct http_reply reply;
    http_get(jvdr.base_url, "/readyz", &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

Test(pg_faults, a_crashed_database_is_503_while_away_and_served_again_without_a_restart)
{
    if (!cluster.uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    /* Ready once the index of events is loaded (it loads after the port opens). */
    for (int i = 0; i < 500 && readyz() != 200; i++)
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    cr_assert_eq(readyz(), 200);
    struct load load = {.ok = 0};
    pthread_t driver;
    pthread_create(&driver, NULL, drive, &load);
    nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);

    cluster_command("crash");
    nanosleep(&(struct timespec){0, 500 * 1000 * 1000}, NULL);
    cr_expect_eq(readyz(), 503, "/readyz while the database is away");
    int unavailable_before = atomic_load(&load.unavailable);
    nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);
    cr_expect_gt(atomic_load(&load.unavailable), unavailable_before,
                 "requests kept being answered 503 while the database was away");
    cluster_command("resume");

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long ready = 0;
    double waited = 0;
    while ((ready = readyz()) != 200 && waited < 10000) {
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        waited = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    }
    cr_assert_eq(ready, 200, "jvdr did not come back within 10 s of the database");
    cr_log_info("ready again %.0f ms after the database was", waited);
    nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);
    atomic_store(&load.stop, true);
    pthread_join(driver, NULL);
    cr_log_info("%d answered, %d refused with 503 while the database was away", load.ok,
                load.unavailable);
    cr_assert_eq(load.other, 0, "%d answers were neither 2xx nor 503 (last %ld)", load.other,
                 load.last_other);
    cr_assert_eq(load.bad_problem, 0, "a 503 without Retry-After or problem+json");

    /* Back for writes too, and what is written is read. */
    bool problem_ok = true;
    cr_assert_eq(status_of("POST", "/v1/events",
                           "{\"id\": \"after-the-crash\", \"title\": \"After\", \"type\": "
                           "\"meeting\"}",
                           &problem_ok),
                 201);
    cr_assert_eq(status_of("GET", "/v1/events/after-the-crash", NULL, &problem_ok), 200);
}
