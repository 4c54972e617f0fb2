/* Trusted proxies: forwarding headers believed only from trusted peers. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/proxy.h"

static struct cidr_list trust;
static struct request req;
static struct kv headers[8];

static void setup(void)
{
    char err[200];
    cr_assert_eq(cidr_list_parse(&trust, "10.0.0.0/8, 192.168.1.7,fd00::/8", err, sizeof err), 0,
                 "%s", err);
    memset(&req, 0, sizeof req);
    req.arena = arena_new();
    req.headers = headers;
}

static void teardown(void)
{
    cidr_list_cleanup(&trust);
    arena_free(req.arena);
}

TestSuite(proxy, .init = setup, .fini = teardown);

static void with_headers(size_t n, const char *const *kv)
{
    for (size_t i = 0; i < n; i++) {
        headers[i].name = kv[2 * i];
        headers[i].value = kv[2 * i + 1];
    }
    req.nheaders = n;
}

Test(proxy, headers_from_an_untrusted_peer_are_ignored)
{
    const char *kv[] = {
        "Host",  "api.local:8080",     "X-Forwarded-For", "198.51.100.1",     "X-Forwarded-Proto",
        "https", "X-Forwarded-Prefix", "/evil",           "X-Forwarded-Host", "evil.example"};
    with_headers(5, kv);
    struct origin_view o;
    proxy_resolve(&trust, "203.0.113.5", &req, &o);
    cr_assert_str_eq(o.client, "203.0.113.5");
    cr_assert_str_eq(o.scheme, "http");
    cr_assert_str_eq(o.host, "api.local:8080");
    cr_assert_str_eq(o.prefix, "");
}

Test(proxy, a_trusted_peer_sets_client_scheme_host_and_prefix)
{
    const char *kv[] = {"Host",
                        "10.0.0.2:8080",
                        "X-Forwarded-For",
                        "198.51.100.1, 203.0.113.9, 10.1.1.1",
                        "X-Forwarded-Proto",
                        "https",
                        "X-Forwarded-Prefix",
                        "/api/jvdr/",
                        "X-Forwarded-Host",
                        "data.example.org"};
    with_headers(5, kv);
    struct origin_view o;
    proxy_resolve(&trust, "10.0.0.1", &req, &o);
    cr_assert_str_eq(o.client, "203.0.113.9", "the rightmost address no trusted proxy vouches for");
    cr_assert_str_eq(o.scheme, "https");
    cr_assert_str_eq(o.host, "data.example.org");
    cr_assert_str_eq(o.prefix, "/api/jvdr");
}

Test(proxy, rfc7239_forwarded_is_understood)
{
    const char *kv[] = {"Host", "x", "Forwarded",
                        "for=198.51.100.17;proto=http, "
                        "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=api.example"};
    with_headers(2, kv);
    struct origin_view o;
    proxy_resolve(&trust, "192.168.1.7", &req, &o);
    cr_assert_str_eq(o.client, "2001:db8:cafe::17");
    cr_assert_str_eq(o.scheme, "https");
    cr_assert_str_eq(o.host, "api.example");
}

Test(proxy, malformed_values_are_ignored)
{
    const char *kv[] = {
        "Host",   "bad host\r\nX: y",   "X-Forwarded-For", "not-an-ip",        "X-Forwarded-Proto",
        "gopher", "X-Forwarded-Prefix", "/../etc",         "X-Forwarded-Host", "evil host"};
    with_headers(5, kv);
    struct origin_view o;
    proxy_resolve(&trust, "10.0.0.1", &req, &o);
    cr_assert_str_eq(o.client, "10.0.0.1");
    cr_assert_str_eq(o.scheme, "http");
    cr_assert_str_eq(o.host, "localhost");
    cr_assert_str_eq(o.prefix, "");
}
