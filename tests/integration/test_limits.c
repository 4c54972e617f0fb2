/* Limits that keep one request from costing the others: a read past its time budget is abandoned
 * with 503 and Retry-After (counted in /metrics) while everything else is answered as usual. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

static struct test_server server;

static void tight_budget(struct config *cfg)
{
    cfg->query_timeout_ms = 5;
}

static void start(void)
{
    test_server_start(&server, tight_budget);
    /* Enough events that scanning them all with fold() takes far longer than 5 ms. */
    test_server_sql(&server, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < 60000) INSERT INTO events (id, title, type, location) "
                             "SELECT 'bulk-' || i, 'Bulk event ' || i, 'meeting', "
                             "'Somewhere ' || i FROM n");
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(limits, .init = start, .fini = stop, .timeout = 60);

static unsigned long refused(const char *reason)
{
    char series[96];
    snprintf(series, sizeof series, "jvdr_requests_refused_total{reason=\"%s\"}", reason);
    return test_server_metric(&server, series);
}

Test(limits, a_read_past_its_budget_is_abandoned_with_503_and_the_rest_are_served)
{
    unsigned long before = refused("timeout");
    struct http_reply reply;
    http_get(server.base_url, "/v1/events?location=nowhere-at-all", &reply);
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
