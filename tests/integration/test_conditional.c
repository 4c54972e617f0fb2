/* Caching and cross-origin reads: strong ETags with 304s, HEAD like GET without a body, and CORS
 * granted only to configured origins. */
#include <criterion/criterion.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

static struct test_server server;

static void allow_dashboard(struct config *cfg)
{
    cfg->cors_origins = "http://dashboard.example:3000";
}

static void stop(void)
{
    test_server_stop(&server);
}

static void call(const char *method, const char *path, const char *const *headers,
                 struct http_reply *reply)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    http_call(NULL, method, url, headers, reply);
}

Test(conditional, etag_then_if_none_match_gives_304_without_body, .fini = stop)
{
    test_server_start(&server, NULL);
    struct http_reply first, second;
    char etag[80], etag2[80], cache[80], header[120];
    call("GET", "/v1/events/admm-2020", NULL, &first);
    cr_assert_eq(first.status, 200);
    cr_assert_not_null(http_header(&first, "ETag", etag, sizeof etag));
    cr_assert_eq(etag[0], '"', "strong, quoted: %s", etag);
    cr_assert_not_null(http_header(&first, "Cache-Control", cache, sizeof cache));
    cr_assert_str_eq(cache, "no-cache");

    snprintf(header, sizeof header, "If-None-Match: %s", etag);
    const char *const conditional[] = {header, NULL};
    call("GET", "/v1/events/admm-2020", conditional, &second);
    cr_assert_eq(second.status, 304);
    cr_assert_eq(second.body_len, 0);
    cr_assert_not_null(http_header(&second, "ETag", etag2, sizeof etag2));
    cr_assert_str_eq(etag, etag2);
    http_reply_free(&second);

    const char *const stale[] = {"If-None-Match: \"0000000000000000\"", NULL};
    call("GET", "/v1/events/admm-2020", stale, &second);
    cr_assert_eq(second.status, 200, "a different tag gets the full body");
    cr_assert_eq(second.body_len, first.body_len);
    http_reply_free(&second);
    http_reply_free(&first);
}

Test(conditional, different_representations_have_different_etags, .fini = stop)
{
    test_server_start(&server, NULL);
    struct http_reply a, b;
    char ea[80], eb[80];
    call("GET", "/v1/events?limit=5", NULL, &a);
    call("GET", "/v1/events?limit=6", NULL, &b);
    http_header(&a, "ETag", ea, sizeof ea);
    http_header(&b, "ETag", eb, sizeof eb);
    cr_assert_str_neq(ea, eb);
    http_reply_free(&a);
    http_reply_free(&b);
}

Test(conditional, head_answers_like_get_without_a_body, .fini = stop)
{
    test_server_start(&server, NULL);
    const char *paths[] = {"/v1/officials", "/v1/sources/deepen-security-ties-2021",
                           "/openapi.json"};
    for (size_t i = 0; i < 3; i++) {
        struct http_reply get, head;
        char get_len[32], head_len[32], get_tag[80], head_tag[80];
        call("GET", paths[i], NULL, &get);
        call("HEAD", paths[i], NULL, &head);
        cr_assert_eq(head.status, 200);
        cr_assert_eq(head.body_len, 0);
        cr_assert_str_eq(http_header(&head, "Content-Length", head_len, sizeof head_len),
                         http_header(&get, "Content-Length", get_len, sizeof get_len));
        cr_assert_str_eq(http_header(&head, "ETag", head_tag, sizeof head_tag),
                         http_header(&get, "ETag", get_tag, sizeof get_tag));
        http_reply_free(&get);
        http_reply_free(&head);
    }
}

Test(conditional, cors_is_off_by_default, .fini = stop)
{
    test_server_start(&server, NULL);
    struct http_reply reply;
    char value[200];
    const char *const origin[] = {"Origin: http://dashboard.example:3000", NULL};
    call("GET", "/v1/events", origin, &reply);
    cr_assert_eq(reply.status, 200);
    cr_assert_null(http_header(&reply, "Access-Control-Allow-Origin", value, sizeof value));
    http_reply_free(&reply);
}

Test(conditional, configured_origin_can_read_and_preflight, .fini = stop)
{
    test_server_start(&server, allow_dashboard);
    struct http_reply reply;
    char value[200];
    const char *const origin[] = {"Origin: http://dashboard.example:3000", NULL};
    call("GET", "/v1/events", origin, &reply);
    cr_assert_str_eq(http_header(&reply, "Access-Control-Allow-Origin", value, sizeof value),
                     "http://dashboard.example:3000");
    cr_assert_not_null(http_header(&reply, "Access-Control-Expose-Headers", value, sizeof value));
    cr_assert(strstr(value, "ETag") && strstr(value, "Link") && strstr(value, "X-Total-Count"));
    cr_assert_str_eq(http_header(&reply, "Vary", value, sizeof value),
                     "Accept, Accept-Encoding, Origin");
    http_reply_free(&reply);

    const char *const preflight[] = {"Origin: http://dashboard.example:3000",
                                     "Access-Control-Request-Method: GET",
                                     "Access-Control-Request-Headers: If-None-Match", NULL};
    call("OPTIONS", "/v1/events/admm-2020", preflight, &reply);
    cr_assert_eq(reply.status, 204);
    cr_assert_str_eq(http_header(&reply, "Access-Control-Allow-Origin", value, sizeof value),
                     "http://dashboard.example:3000");
    cr_assert(
        strstr(http_header(&reply, "Access-Control-Allow-Methods", value, sizeof value), "GET"));
    cr_assert(strstr(http_header(&reply, "Access-Control-Allow-Headers", value, sizeof value),
                     "If-None-Match"));
    http_reply_free(&reply);
}

Test(conditional, other_origins_get_no_grant, .fini = stop)
{
    test_server_start(&server, allow_dashboard);
    struct http_reply reply;
    char value[200];
    const char *const origin[] = {"Origin: http://evil.example", NULL};
    call("GET", "/v1/events", origin, &reply);
    cr_assert_eq(reply.status, 200);
    cr_assert_null(http_header(&reply, "Access-Control-Allow-Origin", value, sizeof value));
    http_reply_free(&reply);
    call("OPTIONS", "/v1/events", origin, &reply);
    cr_assert_null(http_header(&reply, "Access-Control-Allow-Origin", value, sizeof value));
    http_reply_free(&reply);
}
