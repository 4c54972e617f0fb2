/* Limits that keep one request from costing the others: a read past its time budget is abandoned
 * with 503 and Retry-After (counted in /metrics) while everything else is answered as usual. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/store/pg.h"
#include "test_http.h"
#include "test_server.h"

static struct test_server server;

/* The abandoned read must be past its budget on any machine, and every other read within it on
 * any machine: on PostgreSQL the abandoned read waits for a lock the test holds until its answer
 * has come (2 s budget), on SQLite it folds every location of 200,000 events (tens of
 * milliseconds at best, 600-750 ms under AddressSanitizer) under a budget of 1 ms set for it
 * alone; the other reads have none, so that no machine, however loaded, pushes them past it. */
#define PG_BUDGET_MS 2000
#define SQLITE_BUDGET_MS 1

static void set_budget(unsigned ms)
{
    /* Read by each request as it starts; none is in flight while the test changes it. */
    server.app.config.query_timeout_ms = ms;
}

static void one_render_thread(struct config *cfg)
{
    cfg->query_timeout_ms = 0; /* none but the abandoned read's (set_budget) */
    /* One render thread: the reads after the abandoned one run on its connection. */
    cfg->render_threads = 1;
}

static void start(void)
{
    test_server_start(&server, one_render_thread);
    if (test_server_postgresql())
        return; /* the test holds a lock instead (below) */
    /* Enough events that scanning them all with fold() takes far longer than the budget. */
    test_server_sql(&server, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < 200000) INSERT INTO events (id, title, type, location) "
                             "SELECT 'bulk-' || i, 'Bulk event ' || i, 'meeting', "
                             "'Somewhere ' || i FROM n");
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(limits, .init = start, .fini = stop, .timeout = 180);

static unsigned long refused(const char *reason)
{
    char series[96];
    snprintf(series, sizeof series, "jvdr_requests_refused_total{reason=\"%s\"}", reason);
    return test_server_metric(&server, series);
}

Test(limits, a_read_past_its_budget_is_abandoned_with_503_and_the_rest_are_served)
{
    unsigned long before = refused("timeout");
    /* PostgreSQL counts a large table slowly whatever the filter: there the read waits, past
     * its budget, for a lock another session holds on the events. */
    struct pg *holder = NULL;
    char err[256];
    if (test_server_postgresql()) {
        cr_assert_eq(pg_open(server.app.store.path, &holder, err, sizeof err), JVDR_OK, "%s", err);
        cr_assert_eq(
            pg_exec(holder, "BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE", err, sizeof err),
            JVDR_OK, "%s", err);
    }
    set_budget(holder ? PG_BUDGET_MS : SQLITE_BUDGET_MS);
    struct http_reply reply;
    /* Sorted on two keys, the list is SQL's (the index answers one key's order): fold() over
     * every event's location. */
    http_get(server.base_url, "/v1/events?location=nowhere-at-all&sort=title,-date", &reply);
    set_budget(0);
    if (holder) {
        pg_exec(holder, "ROLLBACK", err, sizeof err);
        pg_free(holder);
    }
    cr_assert_eq(reply.status, 503, "%ld: %s", reply.status, reply.body);
    char value[64];
    cr_assert_not_null(http_header(&reply, "Retry-After", value, sizeof value));
    char type[64];
    cr_assert_str_eq(http_header(&reply, "Content-Type", type, sizeof type),
                     "application/problem+json");
    json_t *problem = http_json(&reply);
    cr_assert_str_eq(json_string_value(json_object_get(problem, "type")),
                     "urn:jvdr:problem:timeout");
    json_decref(problem);
    http_reply_free(&reply);
    cr_assert_eq(refused("timeout"), before + 1, "the abandoned render was not counted");

    /* Nothing else is affected: the next requests on the same threads are answered. */
    http_get(server.base_url, "/v1/events/admm-2020", &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/events?limit=2", &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
}
