/* The limits on a request's head (http/server.h): too many query parameters, too long a target,
 * too many header lines or bytes are each answered by jvdr, as a problem document with an
 * X-Request-Id, whatever libmicrohttpd's own memory for the connection would have made of them;
 * only a head past that memory gets libmicrohttpd's 431. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/http/server.h"
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

TestSuite(head_limits, .init = start, .fini = stop, .timeout = 60);

/* The request "GET target HTTP/1.1" with Host and Connection, then lines header lines: named ones
 * ("X-Line-7: y") or, when tiny, the shortest a parser takes ("a:"), then extra as given. */
static char *request_of(const char *target, size_t lines, bool tiny, const char *extra)
{
    size_t cap = strlen(target) + strlen(extra) + 64 + lines * 24;
    char *out = malloc(cap);
    cr_assert_not_null(out);
    size_t n =
        (size_t)snprintf(out, cap, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n", target);
    for (size_t i = 0; i < lines; i++)
        n += tiny ? (size_t)snprintf(out + n, cap - n, "a:\r\n")
                  : (size_t)snprintf(out + n, cap - n, "X-Line-%zu: y\r\n", i);
    snprintf(out + n, cap - n, "%s\r\n", extra);
    return out;
}

/* A target of path then count query parameters: "z=0&z=1..." or, when tiny, "a&a...". */
static char *target_of(const char *path, size_t count, bool tiny)
{
    size_t cap = strlen(path) + count * 24 + 2;
    char *out = malloc(cap);
    cr_assert_not_null(out);
    size_t n = (size_t)snprintf(out, cap, "%s?", path);
    for (size_t i = 0; i < count; i++)
        n += tiny ? (size_t)snprintf(out + n, cap - n, "%sa", i ? "&" : "")
                  : (size_t)snprintf(out + n, cap - n, "%sz=%zu", i ? "&" : "", i);
    return out;
}

/* Sends request; fails unless the answer is status as jvdr's problem type, with X-Request-Id. */
static void expect_problem(const char *request, int status, const char *type, const char *what)
{
    char *reply = raw_exchange(server.port, request, strlen(request), 10000);
    int got = 0;
    cr_assert_eq(sscanf(reply, "HTTP/1.1 %d", &got), 1, "%s: no answer: %.200s", what, reply);
    cr_assert_eq(got, status, "%s: %.300s", what, reply);
    cr_assert(strstr(reply, "Content-Type: application/problem+json"), "%s: %.300s", what, reply);
    cr_assert(strstr(reply, "X-Request-Id: "), "%s: %.300s", what, reply);
    cr_assert(strstr(reply, type), "%s: %.400s", what, reply);
    free(reply);
}

Test(head_limits, too_many_query_parameters_are_a_400_however_many)
{
    /* Each target within HTTP_MAX_TARGET, so that the count alone is at fault. */
    size_t counts[] = {HTTP_MAX_QUERY_PARAMS + 1, 500, 3000};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        char *target = target_of("/v1/events", counts[i], counts[i] > 1000);
        char *request = request_of(target, 0, false, "");
        char what[64];
        snprintf(what, sizeof what, "%zu parameters", counts[i]);
        expect_problem(request, 400, "more than 100 query parameters", what);
        free(request);
        free(target);
    }
    /* At the limit the parameters are read, and refused one by one as usual. */
    char *target = target_of("/v1/events", HTTP_MAX_QUERY_PARAMS, false);
    char *request = request_of(target, 0, false, "");
    expect_problem(request, 400, "query parameter 'z' is not supported", "at the limit");
    free(request);
    free(target);
}

Test(head_limits, a_target_over_the_limit_is_a_414_however_it_is_made)
{
    char *params = target_of("/v1/events", 10000, true);
    char *request = request_of(params, 0, false, "");
    expect_problem(request, 414, "urn:jvdr:problem:uri-too-long", "10,000 one-letter parameters");
    free(request);
    free(params);
    char *path = malloc(HTTP_MAX_TARGET + 32);
    snprintf(path, HTTP_MAX_TARGET + 32, "/v1/events/%0*d", (int)HTTP_MAX_TARGET, 7);
    request = request_of(path, 0, false, "");
    expect_problem(request, 414, "urn:jvdr:problem:uri-too-long", "a long path");
    free(request);
    free(path);
}

Test(head_limits, too_many_header_lines_or_bytes_are_a_431)
{
    char *request = request_of("/v1/events", HTTP_MAX_HEADER_LINES + 1, false, "");
    expect_problem(request, 431, "urn:jvdr:problem:headers-too-large", "101 header lines");
    free(request);
    request = request_of("/v1/events", 600, false, "");
    expect_problem(request, 431, "urn:jvdr:problem:headers-too-large", "600 header lines");
    free(request);
    char *value = malloc(HTTP_MAX_HEAD_BYTES + 32);
    strcpy(value, "X-Long: ");
    memset(value + 8, 'v', HTTP_MAX_HEAD_BYTES);
    strcpy(value + 8 + HTTP_MAX_HEAD_BYTES, "\r\n");
    request = request_of("/v1/events", 0, false, value);
    expect_problem(request, 431, "urn:jvdr:problem:headers-too-large", "a 16 KiB header");
    free(request);
    free(value);
    /* Within every limit: served. */
    request = request_of("/v1/events?limit=1", HTTP_MAX_HEADER_LINES - 3, false, "");
    char *reply = raw_exchange(server.port, request, strlen(request), 10000);
    cr_assert(strncmp(reply, "HTTP/1.1 200", 12) == 0, "%.200s", reply);
    free(reply);
    free(request);
}

/* The documented bound: a head past libmicrohttpd's memory for the connection gets its own 431
 * (or 414 for a request line longer than that memory), answered at once all the same. */
Test(head_limits, only_a_head_past_the_connection_memory_meets_libmicrohttpd)
{
    char *request = request_of("/v1/events", HTTP_CONNECTION_MEMORY / 32, true, "");
    char *reply = raw_exchange(server.port, request, strlen(request), 10000);
    cr_assert(strncmp(reply, "HTTP/1.1 431", 12) == 0, "%.200s", reply);
    free(reply);
    free(request);
    char *params = target_of("/v1/events", HTTP_CONNECTION_MEMORY, true);
    request = request_of(params, 0, false, "");
    reply = raw_exchange(server.port, request, strlen(request), 10000);
    cr_assert(strncmp(reply, "HTTP/1.1 414", 12) == 0, "%.200s", reply);
    free(reply);
    free(request);
    free(params);
}
