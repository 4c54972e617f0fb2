/* HTTP framing over raw sockets: connections are kept alive, and requests without Host, with both
 * Content-Length and Transfer-Encoding, or with a body where none is taken are refused. */
#include <criterion/criterion.h>
#include <stdlib.h>
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
TestSuite(framing, .init = start, .fini = stop);

static char *exchange(const char *request)
{
    return raw_exchange(server.port, request, strlen(request), 2000);
}

static void assert_still_serving(void)
{
    struct http_reply reply;
    http_get(server.base_url, "/healthz", &reply);
    cr_assert_eq(reply.status, 200, "the server still answers");
    http_reply_free(&reply);
}

Test(framing, two_requests_share_one_connection)
{
    CURL *curl = curl_easy_init();
    struct http_reply a, b;
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events", server.base_url);
    http_call(curl, "GET", url, NULL, &a);
    snprintf(url, sizeof url, "%s/v1/officials/taro-kono", server.base_url);
    http_call(curl, "GET", url, NULL, &b);
    cr_assert_eq(a.status, 200);
    cr_assert_eq(b.status, 200);
    cr_assert_eq(a.connects, 1);
    cr_assert_eq(b.connects, 0, "the second request reused the connection");
    http_reply_free(&a);
    http_reply_free(&b);
    curl_easy_cleanup(curl);
}

Test(framing, missing_host_is_refused)
{
    char *got = exchange("GET /v1/events HTTP/1.1\r\nConnection: close\r\n\r\n");
    cr_assert(strncmp(got, "HTTP/1.1 400", 12) == 0, "%.80s", got);
    free(got);
    assert_still_serving();
}

Test(framing, content_length_with_transfer_encoding_is_refused)
{
    char *got = exchange("GET /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    cr_assert(strncmp(got, "HTTP/1.1 400", 12) == 0, "%.80s", got);
    cr_assert(strstr(got, "application/problem+json"), "%s", got);
    free(got);
    assert_still_serving();
}

Test(framing, unsupported_transfer_coding_is_refused)
{
    char *got = exchange("GET /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n");
    cr_assert(strncmp(got, "HTTP/1.1 400", 12) == 0 || strncmp(got, "HTTP/1.1 501", 12) == 0,
              "%.80s", got);
    free(got);
    assert_still_serving();
}

Test(framing, a_body_on_a_read_is_413_before_it_is_read)
{
    char *got = exchange("GET /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n");
    cr_assert(strncmp(got, "HTTP/1.1 413", 12) == 0, "%.80s", got);
    cr_assert(strstr(got, "urn:jvdr:problem:too-large"), "%s", got);
    free(got);
    assert_still_serving();
}

Test(framing, unknown_method_on_a_known_path_is_405)
{
    char *got = exchange("BREW /v1/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    cr_assert(strncmp(got, "HTTP/1.1 405", 12) == 0, "%.80s", got);
    cr_assert(strstr(got, "Allow: GET, HEAD, OPTIONS"), "%s", got);
    free(got);
}

Test(framing, every_response_carries_a_request_id)
{
    char *got = exchange("GET /nowhere HTTP/1.1\r\nHost: x\r\nX-Request-Id: trace-42.a_b\r\n"
                         "Connection: close\r\n\r\n");
    cr_assert(strstr(got, "X-Request-Id: trace-42.a_b\r\n"), "a sane id is echoed: %s", got);
    free(got);
    got = exchange("GET /nowhere HTTP/1.1\r\nHost: x\r\nX-Request-Id: bad id with spaces\r\n"
                   "Connection: close\r\n\r\n");
    cr_assert(strstr(got, "X-Request-Id: "), "%s", got);
    cr_assert_null(strstr(got, "bad id"), "an unsafe id is replaced");
    free(got);
}
