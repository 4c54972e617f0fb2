/* Trusted proxies: CIDR matching, and forwarding headers believed only from trusted peers. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/arena.h"
#include "jvdr/proxy.h"

static struct proxy_trust trust;
static struct request req;
static struct kv headers[8];

static void setup(void)
{
    char err[200];
    cr_assert_eq(proxy_trust_init(&trust, "10.0.0.0/8, 192.168.1.7,fd00::/8", err, sizeof err), 0,
                 "%s", err);
    memset(&req, 0, sizeof req);
    req.arena = arena_new();
    req.headers = headers;
}

static void teardown(void)
{
    proxy_trust_cleanup(&trust);
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

Test(proxy, ranges_match_by_prefix)
{
    cr_assert(proxy_trusted_text(&trust, "10.200.3.4"));
    cr_assert(proxy_trusted_text(&trust, "192.168.1.7"));
    cr_assert_not(proxy_trusted_text(&trust, "192.168.1.8"));
    cr_assert_not(proxy_trusted_text(&trust, "11.0.0.1"));
    cr_assert(proxy_trusted_text(&trust, "fd12::1"));
    cr_assert_not(proxy_trusted_text(&trust, "fe80::1"));
    cr_assert(proxy_trusted_text(&trust, "::ffff:10.1.2.3"), "IPv4-mapped IPv6");
    cr_assert_not(proxy_trusted_text(&trust, "not-an-address"));
}

Test(proxy, bad_entries_are_refused_by_name)
{
    struct proxy_trust t;
    char err[200];
    const char *bad[] = {"10.0.0.0/33", "300.1.1.1", "10.0.0.0/x", "fd00::/129", "example.com"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(proxy_trust_init(&t, bad[i], err, sizeof err), -1, "%s", bad[i]);
        cr_assert(strstr(err, bad[i]), "%s", err);
    }
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
