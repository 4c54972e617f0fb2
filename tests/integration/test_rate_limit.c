/* Per-client rate limits: a client over its bucket gets 429 with Retry-After, every answer says
 * where it stands (RateLimit, RateLimit-Policy), renders cost more than cached answers, writes can
 * have a bucket of their own, health and metrics are never limited, and a client behind a trusted
 * proxy is told apart by its forwarded address. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "limits:limits-token-0123456789"
#define AUTH "Authorization: Bearer limits-token-0123456789"

static struct test_server server;

static void limited(struct config *cfg)
{
    cfg->rate_limit = "1,10"; /* ten at once, then one a second */
    cfg->write_rate_limit = "1,2";
    cfg->api_token = TOKEN;
    cfg->trusted_proxies = "127.0.0.1";
}

static void start(void)
{
    test_server_start(&server, limited);
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(rate_limit, .init = start, .fini = stop);

static long get_as(const char *client, const char *path, struct http_reply *reply)
{
    static CURL *handle;
    if (!handle)
        handle = curl_easy_init();
    char url[256], forwarded[96];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(forwarded, sizeof forwarded, "X-Forwarded-For: %s", client);
    const char *const headers[] = {forwarded, NULL};
    http_send(handle, "GET", url, headers, NULL, 0, reply);
    return reply->status;
}

Test(rate_limit, a_client_over_its_bucket_gets_429_and_every_answer_says_where_it_stands)
{
    struct http_reply reply;
    char value[128];
    int served = 0;
    long status = 0;
    for (int i = 0; i < 30 && status != 429; i++) {
        status = get_as("10.0.0.1", "/v1/events/admm-2020", &reply);
        cr_assert(status == 200 || status == 429, "%ld", status);
        cr_assert_not_null(http_header(&reply, "RateLimit-Policy", value, sizeof value));
        cr_assert_str_eq(value, "\"reads\";q=10;w=10");
        cr_assert_not_null(http_header(&reply, "RateLimit", value, sizeof value));
        cr_assert_eq(strncmp(value, "\"reads\";r=", 10), 0, "%s", value);
        served += status == 200;
        if (status != 429)
            http_reply_free(&reply);
    }
    cr_assert_eq(status, 429, "30 requests at once were all served");
    cr_assert_geq(served, 5, "only %d served before the limit", served);
    cr_assert_not_null(http_header(&reply, "Retry-After", value, sizeof value));
    cr_assert_geq(atoi(value), 1);
    json_t *problem = http_json(&reply);
    cr_assert_str_eq(json_string_value(json_object_get(problem, "type")),
                     "urn:jvdr:problem:rate-limited");
    json_decref(problem);
    http_reply_free(&reply);

    /* Another client, and the probes, are served all the same. */
    cr_assert_eq(get_as("10.0.0.2", "/v1/events/admm-2020", &reply), 200);
    http_reply_free(&reply);
    for (int i = 0; i < 20; i++) {
        cr_assert_eq(get_as("10.0.0.1", "/healthz", &reply), 200, "health was limited");
        http_reply_free(&reply);
    }
    cr_assert_eq(get_as("10.0.0.1", "/readyz", &reply), 200, "readiness was limited");
    http_reply_free(&reply);
}

Test(rate_limit, a_render_costs_more_than_a_cached_answer)
{
    struct http_reply reply;
    /* Distinct URLs: each must be rendered, five tokens each — two fit in a bucket of ten. */
    int served = 0;
    for (int i = 0; i < 6; i++) {
        char path[64];
        snprintf(path, sizeof path, "/v1/events?limit=%d", i + 1);
        served += get_as("10.0.0.3", path, &reply) == 200;
        http_reply_free(&reply);
    }
    cr_assert_leq(served, 3, "%d renders served from a bucket of ten", served);
    cr_assert_geq(served, 1);
}

Test(rate_limit, writes_have_a_bucket_of_their_own)
{
    CURL *handle = curl_easy_init();
    char url[160];
    snprintf(url, sizeof url, "%s/v1/officials", server.base_url);
    const char *const headers[] = {AUTH, "Content-Type: application/json",
                                   "X-Forwarded-For: 10.0.0.4", NULL};
    long statuses[4];
    for (int i = 0; i < 4; i++) {
        char body[128];
        snprintf(body, sizeof body, "{\"name\": \"Limit Test %d\", \"country\": \"JP\"}", i);
        struct http_reply reply;
        http_send(handle, "POST", url, headers, body, strlen(body), &reply);
        statuses[i] = reply.status;
        char value[128];
        cr_assert_not_null(http_header(&reply, "RateLimit-Policy", value, sizeof value));
        cr_assert_str_eq(value, "\"writes\";q=2;w=2");
        http_reply_free(&reply);
    }
    cr_assert_eq(statuses[0], 201);
    cr_assert_eq(statuses[3], 429, "four writes at once passed a bucket of two");
    curl_easy_cleanup(handle);
    /* Reads from the same client still come from the reads' bucket. */
    struct http_reply reply;
    cr_assert_eq(get_as("10.0.0.4", "/v1/events/admm-2020", &reply), 200);
    http_reply_free(&reply);
}
