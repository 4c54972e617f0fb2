/* Content negotiation: gzip for clients that take it (q-values honoured), the same JSON once
 * inflated, a strong ETag per encoding with If-None-Match answering 304 for either, Vary on every
 * JSON answer, HEAD like GET, the same bytes from memory as from a fresh render; and 406 for an
 * Accept that allows no JSON. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define LIST "/v1/events?limit=50"

static struct test_server cached, uncached;

static void no_cache(struct config *cfg)
{
    cfg->cache = false;
}

static void start(void)
{
    test_server_start(&cached, NULL);
    test_server_start(&uncached, no_cache);
}
static void stop(void)
{
    test_server_stop(&uncached);
    test_server_stop(&cached);
}
TestSuite(encoding, .init = start, .fini = stop);

static void get(const struct test_server *server, const char *method, const char *path,
                const char *accept, const char *inm, struct http_reply *reply)
{
    char url[256], a[128], i[128];
    snprintf(url, sizeof url, "%s%s", server->base_url, path);
    snprintf(a, sizeof a, "Accept-Encoding: %s", accept ? accept : "");
    snprintf(i, sizeof i, "If-None-Match: %s", inm ? inm : "");
    const char *headers[3] = {NULL, NULL, NULL};
    size_t n = 0;
    if (accept)
        headers[n++] = a;
    if (inm)
        headers[n++] = i;
    http_call(NULL, method, url, headers, reply);
}

static void header(const struct http_reply *reply, const char *name, char *out)
{
    out[0] = '\0';
    http_header(reply, name, out, 128);
}

Test(encoding, gzip_for_those_who_take_it_with_its_own_etag)
{
    struct http_reply plain, packed;
    get(&cached, "GET", LIST, NULL, NULL, &plain);
    get(&cached, "GET", LIST, "br;q=1.0, gzip;q=0.8", NULL, &packed);
    char enc[128], vary[128], plain_tag[128], packed_tag[128];
    header(&plain, "Content-Encoding", enc);
    cr_assert_str_empty(enc, "no Accept-Encoding: sent as it is");
    header(&packed, "Content-Encoding", enc);
    cr_assert_str_eq(enc, "gzip");
    /* A list is offered as CSV too: it varies by Accept as well. */
    header(&packed, "Vary", vary);
    cr_assert_str_eq(vary, "Accept, Accept-Encoding");
    header(&plain, "Vary", vary);
    cr_assert_str_eq(vary, "Accept, Accept-Encoding");
    cr_assert_lt(packed.body_len, plain.body_len);
    char *json = http_inflate(&packed, NULL);
    cr_assert_str_eq(json, plain.body, "the same answer once inflated");
    free(json);
    header(&plain, "ETag", plain_tag);
    header(&packed, "ETag", packed_tag);
    cr_assert_str_neq(plain_tag, packed_tag, "each representation has its own strong ETag");

    /* A gzip client's If-None-Match may name either tag: 304; a client without gzip, the plain
     * one: 304. */
    const char *tags[] = {plain_tag, packed_tag};
    for (int i = 0; i < 2; i++) {
        struct http_reply again;
        get(&cached, "GET", LIST, "gzip", tags[i], &again);
        cr_assert_eq(again.status, 304, "If-None-Match %s", tags[i]);
        header(&again, "ETag", enc);
        cr_assert_str_eq(enc, packed_tag, "the 304 names what would have been sent");
        http_reply_free(&again);
    }
    struct http_reply again;
    get(&cached, "GET", LIST, NULL, plain_tag, &again);
    cr_assert_eq(again.status, 304);
    http_reply_free(&again);
    http_reply_free(&plain);
    http_reply_free(&packed);
}

Test(encoding, q_zero_small_answers_and_head)
{
    struct http_reply reply;
    char enc[128];
    const char *refusals[] = {"gzip;q=0", "gzip;q=0, *", "identity", "deflate"};
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        get(&cached, "GET", LIST, refusals[i], NULL, &reply);
        header(&reply, "Content-Encoding", enc);
        cr_assert_str_empty(enc, "Accept-Encoding: %s", refusals[i]);
        http_reply_free(&reply);
    }
    get(&cached, "GET", LIST, "*", NULL, &reply);
    header(&reply, "Content-Encoding", enc);
    cr_assert_str_eq(enc, "gzip", "* takes gzip");
    http_reply_free(&reply);

    get(&cached, "GET", "/v1/events/admm-2020", "gzip", NULL, &reply);
    cr_assert_lt(reply.body_len, 1024);
    header(&reply, "Content-Encoding", enc);
    cr_assert_str_empty(enc, "a small answer is sent as it is");
    http_reply_free(&reply);

    struct http_reply get_reply, head_reply;
    get(&cached, "GET", LIST, "gzip", NULL, &get_reply);
    get(&cached, "HEAD", LIST, "gzip", NULL, &head_reply);
    const char *names[] = {"Content-Encoding", "ETag", "Content-Length", "Vary"};
    for (size_t i = 0; i < 4; i++) {
        char a[128], b[128];
        header(&get_reply, names[i], a);
        header(&head_reply, names[i], b);
        cr_assert_str_eq(a, b, "HEAD and GET differ in %s", names[i]);
    }
    http_reply_free(&get_reply);
    http_reply_free(&head_reply);
}

Test(encoding, memory_and_a_fresh_render_send_the_same_bytes)
{
    const char *paths[] = {LIST, "/v1/stats", "/v1/search?q=defense",
                           "/v1/sources/deepen-security-ties-2021"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct http_reply a, b;
        get(&cached, "GET", paths[i], "gzip", NULL, &a);
        http_reply_free(&a);
        get(&cached, "GET", paths[i], "gzip", NULL, &a); /* the second from memory */
        get(&uncached, "GET", paths[i], "gzip", NULL, &b);
        char ta[128], tb[128], ea[128], eb[128];
        header(&a, "Content-Encoding", ea);
        header(&b, "Content-Encoding", eb);
        cr_assert(strcmp(ea, "gzip") == 0 && strcmp(eb, "gzip") == 0, "%s: '%s' / '%s'", paths[i],
                  ea, eb);
        header(&a, "ETag", ta);
        header(&b, "ETag", tb);
        cr_assert_str_eq(ta, tb, "%s", paths[i]);
        cr_assert_eq(a.body_len, b.body_len, "%s", paths[i]);
        cr_assert_eq(memcmp(a.body, b.body, a.body_len), 0, "%s", paths[i]);
        http_reply_free(&a);
        http_reply_free(&b);
    }
}

Test(encoding, an_accept_the_api_cannot_meet_is_406)
{
    const char *takes[] = {"application/json", "application/*", "*/*;q=0.1",
                           "text/html,application/xhtml+xml,*/*;q=0.8", "APPLICATION/JSON"};
    const char *refuses[] = {"application/xml", "image/*", "application/json;q=0",
                             "application/json;q=0, text/csv;q=0, application/x-ndjson;q=0, */*",
                             "text/html"};
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events?limit=2", cached.base_url);
    for (size_t i = 0; i < sizeof takes / sizeof takes[0]; i++) {
        char h[128];
        snprintf(h, sizeof h, "Accept: %s", takes[i]);
        const char *headers[] = {h, NULL};
        struct http_reply reply;
        http_call(NULL, "GET", url, headers, &reply);
        cr_assert_eq(reply.status, 200, "Accept: %s", takes[i]);
        http_reply_free(&reply);
    }
    for (size_t i = 0; i < sizeof refuses / sizeof refuses[0]; i++) {
        char h[128], type[128];
        snprintf(h, sizeof h, "Accept: %s", refuses[i]);
        const char *headers[] = {h, NULL};
        struct http_reply reply;
        http_call(NULL, "GET", url, headers, &reply);
        cr_assert_eq(reply.status, 406, "Accept: %s", refuses[i]);
        http_header(&reply, "Content-Type", type, sizeof type);
        cr_assert_str_eq(type, "application/problem+json");
        json_t *problem = http_json(&reply);
        cr_assert_str_eq(json_string_value(json_object_get(problem, "type")),
                         "urn:jvdr:problem:not-acceptable");
        json_decref(problem);
        http_reply_free(&reply);
    }
}
