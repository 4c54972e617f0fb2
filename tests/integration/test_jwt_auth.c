/* Writes authorised by the organisation's identity provider, over real HTTP with real keys and
 * tokens: every scope against every write route, the refusals RFC 6750 describes, a revert asking
 * for the scope of the write it performs, the audit trail naming the person, keys rotated while
 * writers write, a key set that does not parse kept out, and SIGHUP. */
#define _DEFAULT_SOURCE /* usleep */
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jvdr/http/scopes.h"
#include "jvdr/service/routes.h"
#include "test_http.h"
#include "test_jwt.h"
#include "test_process.h"
#include "test_server.h"

#define ISSUER "https://id.test.example/realms/defense"
#define AUDIENCE "jvdr-api"
#define STATIC "ops-token-0123456789abcdef"

static struct test_server server;
static char jwks_path[96];
static const char *scope_claim = "scope";
static EVP_PKEY *key_a, *key_b;
static json_t *jwk_a, *jwk_b;

static void configure(struct config *cfg)
{
    cfg->jwks_file = jwks_path;
    cfg->jwt_issuer = ISSUER;
    cfg->jwt_audience = AUDIENCE;
    cfg->jwt_scope_claim = scope_claim;
    cfg->api_token = "ops:" STATIC ":records:write";
}

static void start(void)
{
    snprintf(jwks_path, sizeof jwks_path, "/tmp/jvdr-jwks-%d.json", (int)getpid());
    /* EC, not RSA: an RSA key takes valgrind seconds to make, per test (RS256 and PS256 are
     * checked in tests/unit/http/test_jwt.c). */
    key_a = test_jwt_key("EC");
    key_b = test_jwt_key("ED25519");
    jwk_a = test_jwt_jwk(key_a, "a", NULL);
    jwk_b = test_jwt_jwk(key_b, "b", NULL);
    test_jwt_write_jwks(jwks_path, (json_t *[]){jwk_a}, 1);
    test_server_start(&server, configure);
}

static void stop(void)
{
    test_server_stop(&server);
    unlink(jwks_path);
    json_decref(jwk_a);
    json_decref(jwk_b);
    EVP_PKEY_free(key_a);
    EVP_PKEY_free(key_b);
}

TestSuite(jwt_auth, .init = start, .fini = stop, .timeout = 240);

/* A token from the provider: signed by key a (ES256) or b (EdDSA), for sub, with scope (a
 * space-separated string, or raw JSON when it starts with '[' or '{'). malloc'd. */
static char *token(char which, const char *sub, const char *scope, const char *extra)
{
    char claims[768];
    snprintf(claims, sizeof claims,
             "{\"iss\":\"%s\",\"aud\":[\"account\",\"%s\"],\"sub\":\"%s\",\"exp\":%lld,"
             "\"iat\":%lld%s%s%s%s%s}",
             ISSUER, AUDIENCE, sub, (long long)time(NULL) + 600, (long long)time(NULL),
             scope ? ",\"scope\":" : "", scope && *scope != '[' && *scope != '{' ? "\"" : "",
             scope ? scope : "", scope && *scope != '[' && *scope != '{' ? "\"" : "",
             extra ? extra : "");
    return which == 'a'
               ? test_jwt_sign(key_a, "ES256", "{\"alg\":\"ES256\",\"kid\":\"a\"}", claims)
               : test_jwt_sign(key_b, "EdDSA", "{\"alg\":\"EdDSA\",\"kid\":\"b\"}", claims);
}

/* method path with body (may be NULL, JSON) and the bearer (NULL: no Authorization). */
static void call(const char *method, const char *path, const char *type, const char *body,
                 const char *bearer, struct http_reply *reply)
{
    char url[256], content_type[96], authorization[9000];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s",
             type ? type : "application/json");
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", bearer ? bearer : "");
    const char *headers[] = {content_type, bearer ? authorization : NULL, NULL};
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, reply);
}

/* The route's path with its captures filled: records that do not exist, a change that does not. */
static void concrete(const char *pattern, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = pattern; *p && n + 32 < size; p++) {
        if (*p != '{') {
            out[n++] = *p;
            continue;
        }
        const char *fill = strncmp(p, "{cursor}", 8) == 0 ? "999999" : "no-such-record";
        n += (size_t)snprintf(out + n, size - n, "%s", fill);
        p = strchr(p, '}');
    }
    out[n] = '\0';
}

static const char *method_name(unsigned method)
{
    return method == HTTP_POST    ? "POST"
           : method == HTTP_PUT   ? "PUT"
           : method == HTTP_PATCH ? "PATCH"
                                  : "DELETE";
}

Test(jwt_auth, every_scope_against_every_write_route)
{
    const char *grants[] = {"records:write", "records:delete", "texts:write", "admin", "openid"};
    size_t checked = 0;
    for (const struct route *r = jvdr_routes; r->pattern; r++) {
        if (!(r->methods & (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)))
            continue;
        char path[160];
        concrete(r->pattern, path, sizeof path);
        bool text = strstr(r->pattern, "/text") != NULL;
        for (size_t g = 0; g < sizeof grants / sizeof grants[0]; g++) {
            char *t = token('a', "table-user", grants[g], NULL);
            unsigned granted = scope_parse(grants[g], strlen(grants[g]), " ", NULL);
            struct http_reply reply;
            call(method_name(r->methods), path, text ? "text/plain" : "application/json",
                 r->methods == HTTP_DELETE ? NULL
                 : text                    ? "Some words."
                                           : "{}",
                 t, &reply);
            char challenge[256] = "";
            http_header(&reply, "WWW-Authenticate", challenge, sizeof challenge);
            if (r->scopes && !scope_allows(granted, r->scopes)) {
                cr_assert_eq(reply.status, 403, "%s %s with %s: %ld %s", method_name(r->methods),
                             path, grants[g], reply.status, reply.body);
                char expected[96];
                snprintf(expected, sizeof expected, "error=\"insufficient_scope\", scope=\"%s\"",
                         scope_name(r->scopes));
                cr_assert(strstr(challenge, expected), "%s %s: %s", method_name(r->methods), path,
                          challenge);
                json_t *problem = http_json(&reply);
                cr_assert_str_eq(
                    json_string_value(json_array_get(json_object_get(problem, "scopes"), 0)),
                    scope_name(r->scopes));
                json_decref(problem);
            } else {
                /* Allowed: what answers is the record's absence or the body's faults, never
                 * the writer's rights. */
                cr_assert(reply.status != 401 && reply.status != 403, "%s %s with %s: %ld %s",
                          method_name(r->methods), path, grants[g], reply.status, reply.body);
                cr_assert_eq(challenge[0], '\0');
            }
            http_reply_free(&reply);
            free(t);
            checked++;
        }
    }
    cr_assert_geq(checked, 5 * 18, "every write route was tried");
}

Test(jwt_auth, refusals_say_which_check_failed_and_never_echo_the_token)
{
    struct http_reply reply;
    call("POST", "/v1/events", NULL, "{}", NULL, &reply);
    char challenge[512] = "";
    cr_assert_eq(reply.status, 401);
    http_header(&reply, "WWW-Authenticate", challenge, sizeof challenge);
    cr_assert_str_eq(challenge, "Bearer realm=\"jvdr\"", "no error code without a token");
    cr_assert(strstr(reply.headers, "application/problem+json"));
    http_reply_free(&reply);

    char claims[512];
    snprintf(claims, sizeof claims,
             "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"late\",\"exp\":%lld,\"scope\":\"admin\"}",
             ISSUER, AUDIENCE, (long long)time(NULL) - 3600);
    char *expired = test_jwt_sign(key_a, "ES256", "{\"alg\":\"ES256\",\"kid\":\"a\"}", claims);
    snprintf(
        claims, sizeof claims,
        "{\"iss\":\"%s\",\"aud\":\"another-api\",\"sub\":\"x\",\"exp\":%lld,\"scope\":\"admin\"}",
        ISSUER, (long long)time(NULL) + 600);
    char *elsewhere = test_jwt_sign(key_a, "ES256", "{\"alg\":\"ES256\",\"kid\":\"a\"}", claims);
    char *good = token('a', "someone", "admin", NULL);
    char *flipped = test_jwt_flip_signature_bit(good);
    size_t der_len;
    unsigned char *der = test_jwt_public_der(key_a, &der_len);
    snprintf(claims, sizeof claims,
             "{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"x\",\"exp\":%lld,\"scope\":\"admin\"}",
             ISSUER, AUDIENCE, (long long)time(NULL) + 600);
    char *confused = test_jwt_sign_hs256(der, der_len, "{\"alg\":\"HS256\",\"kid\":\"a\"}", claims);
    struct {
        const char *bearer, *says;
    } cases[] = {
        {expired, "the token has expired"},
        {elsewhere, "aud does not name this service"},
        {flipped, "signature does not verify"},
        {confused, "HMAC"},
        {"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "unsigned"},
        {"not-a-jwt-and-no-static-token", "not valid"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        call("POST", "/v1/events", NULL, "{}", cases[i].bearer, &reply);
        cr_assert_eq(reply.status, 401, "case %zu: %ld", i, reply.status);
        http_header(&reply, "WWW-Authenticate", challenge, sizeof challenge);
        cr_assert(strstr(challenge, "Bearer realm=\"jvdr\", error=\"invalid_token\", "
                                    "error_description=\""),
                  "case %zu: %s", i, challenge);
        cr_assert(strstr(challenge, cases[i].says), "case %zu: %s", i, challenge);
        json_t *problem = http_json(&reply);
        cr_assert(strstr(json_string_value(json_object_get(problem, "detail")), cases[i].says));
        json_decref(problem);
        cr_assert_null(strstr(reply.body, cases[i].bearer), "the token is never echoed");
        cr_assert_null(strstr(reply.headers, cases[i].bearer));
        http_reply_free(&reply);
    }
    free(expired);
    free(elsewhere);
    free(good);
    free(flipped);
    free(der);
    free(confused);
}

/* The last change of the record kind/id in the audit trail. */
static json_t *last_change(const char *kind, const char *id)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/changes?kind=%s&id=%s&limit=1000", kind, id);
    json_t *page = http_get_json(server.base_url, path);
    json_t *items = json_object_get(page, "items");
    json_t *item = json_incref(json_array_get(items, json_array_size(items) - 1));
    json_decref(page);
    cr_assert_not_null(item);
    return item;
}

Test(jwt_auth, the_audit_names_the_person_and_how_they_signed_in)
{
    char *t = token('a', "f3a9-user", "records:write",
                    ",\"preferred_username\":\"lan.tran\",\"name\":\"Tran Thi Lan\"");
    struct http_reply reply;
    call("POST", "/v1/officials", NULL,
         "{\"id\": \"audit-official\", \"name\": \"An Audited Official\", \"country\": \"VN\"}", t,
         &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    json_t *change = last_change("official", "audit-official");
    json_t *writer = json_object_get(change, "writer");
    cr_assert_str_eq(json_string_value(json_object_get(change, "actor")), "f3a9-user");
    cr_assert_str_eq(json_string_value(json_object_get(writer, "method")), "jwt");
    cr_assert_str_eq(json_string_value(json_object_get(writer, "issuer")), ISSUER);
    cr_assert_str_eq(json_string_value(json_object_get(writer, "subject")), "f3a9-user");
    cr_assert_str_eq(json_string_value(json_object_get(writer, "username")), "lan.tran");
    cr_assert_str_eq(json_string_value(json_object_get(writer, "name")), "Tran Thi Lan");
    json_decref(change);
    free(t);

    call("DELETE", "/v1/officials/audit-official", NULL, NULL, STATIC, &reply);
    cr_assert_eq(reply.status, 403, "the static token holds records:write alone");
    http_reply_free(&reply);
    call("PATCH", "/v1/officials/audit-official", "application/merge-patch+json",
         "{\"name\": \"An Audited Official II\"}", STATIC, &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    change = last_change("official", "audit-official");
    writer = json_object_get(change, "writer");
    cr_assert_str_eq(json_string_value(json_object_get(change, "actor")), "ops");
    cr_assert_str_eq(json_string_value(json_object_get(writer, "method")), "token");
    cr_assert_str_eq(json_string_value(json_object_get(writer, "label")), "ops");
    cr_assert_null(json_object_get(writer, "subject"));
    json_decref(change);
}

/* POST /v1/changes/{cursor}/revert with bearer t; the status. */
static long revert(long long cursor, const char *t)
{
    char path[96];
    snprintf(path, sizeof path, "/v1/changes/%lld/revert", cursor);
    struct http_reply reply;
    call("POST", path, NULL, NULL, t, &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

Test(jwt_auth, a_revert_needs_the_scope_of_the_write_it_performs)
{
    char *admin = token('a', "boss", "admin", NULL);
    char *writer = token('a', "junior", "records:write", NULL);
    char *deleter = token('a', "janitor", "records:delete", NULL);
    struct http_reply reply;
    call("POST", "/v1/officials", NULL,
         "{\"id\": \"revert-scope\", \"name\": \"A Reverted Official\", \"country\": \"JP\"}",
         admin, &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    json_t *created = last_change("official", "revert-scope");
    long long cursor = json_integer_value(json_object_get(created, "cursor"));
    json_decref(created);
    /* Reverting a creation deletes. */
    cr_assert_eq(revert(cursor, writer), 403);
    cr_assert_eq(revert(cursor, deleter), 200);
    /* Reverting that deletion creates. */
    json_t *deleted = last_change("official", "revert-scope");
    long long again = json_integer_value(json_object_get(deleted, "cursor"));
    json_decref(deleted);
    cr_assert_eq(revert(again, deleter), 403);
    cr_assert_eq(revert(again, writer), 200);
    json_t *official = http_get_json(server.base_url, "/v1/officials/revert-scope");
    json_decref(official);
    free(admin);
    free(writer);
    free(deleter);
}

/* Waits until the series of /metrics passes floor: the watcher has read the file once more.
 * Bounded, so a watcher that never sees the change fails the test instead of hanging it. */
static void await_metric(const char *series, unsigned long floor)
{
    for (int i = 0; i < 600 && test_server_metric(&server, series) <= floor; i++)
        usleep(100 * 1000);
    cr_assert_gt(test_server_metric(&server, series), floor, "%s stayed at %lu", series, floor);
}

#define WRITERS 3

struct rotation {
    atomic_int use_b; /* which key the provider signs with now */
    atomic_int stop;
    atomic_long done[WRITERS], done_with_b[WRITERS], refused;
    char *with_a[WRITERS], *with_b[WRITERS];
};

static struct rotation rot;

struct writer_arg {
    int index;
};

static void *write_on(void *arg)
{
    int i = ((struct writer_arg *)arg)->index;
    CURL *handle = curl_easy_init();
    char url[128], id[64], body[160], authorization[2048];
    snprintf(url, sizeof url, "%s/v1/officials", server.base_url);
    for (long n = 0; !atomic_load(&rot.stop); n++) {
        bool b = atomic_load(&rot.use_b);
        snprintf(id, sizeof id, "rotation-%d-%ld", i, n);
        snprintf(body, sizeof body,
                 "{\"id\": \"%s\", \"name\": \"Rotation Official\", \"country\": \"VN\"}", id);
        snprintf(authorization, sizeof authorization, "Authorization: Bearer %s",
                 b ? rot.with_b[i] : rot.with_a[i]);
        const char *headers[] = {"Content-Type: application/json", authorization, NULL};
        struct http_reply reply;
        http_send(handle, "POST", url, headers, body, strlen(body), &reply);
        if (reply.status != 201)
            atomic_fetch_add(&rot.refused, 1);
        http_reply_free(&reply);
        atomic_fetch_add(&rot.done[i], 1);
        if (b)
            atomic_fetch_add(&rot.done_with_b[i], 1);
    }
    curl_easy_cleanup(handle);
    return NULL;
}

/* Waits until every writer has done more than floor[i] writes of the kind counted. */
static void await_writers(atomic_long *counts, const long *floor)
{
    for (int i = 0; i < WRITERS; i++)
        while (atomic_load(&counts[i]) <= floor[i])
            usleep(1000);
}

Test(jwt_auth, keys_rotate_while_writers_write_and_a_removed_key_is_refused_at_once)
{
    pthread_t threads[WRITERS];
    struct writer_arg args[WRITERS];
    long zero[WRITERS] = {0}, mark[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        rot.with_a[i] = token('a', "rotating", "records:write", NULL);
        rot.with_b[i] = token('b', "rotating", "records:write", NULL);
        args[i].index = i;
        pthread_create(&threads[i], NULL, write_on, &args[i]);
    }
    await_writers(rot.done, zero);
    unsigned long reloads = test_server_metric(&server, "jvdr_jwks_reloads_total");
    cr_assert_eq(test_server_metric(&server, "jvdr_jwks_keys"), 1);

    /* 1. The provider publishes its new key beside the old. */
    test_jwt_write_jwks(jwks_path, (json_t *[]){jwk_a, jwk_b}, 2);
    await_metric("jvdr_jwks_reloads_total", reloads);
    cr_assert_eq(test_server_metric(&server, "jvdr_jwks_keys"), 2);
    /* 2. It signs with the new one; every writer gets a token of it through. */
    atomic_store(&rot.use_b, 1);
    await_writers(rot.done_with_b, zero);
    /* 3. It withdraws the old key. */
    test_jwt_write_jwks(jwks_path, (json_t *[]){jwk_b}, 1);
    await_metric("jvdr_jwks_reloads_total", reloads + 1);
    cr_assert_eq(test_server_metric(&server, "jvdr_jwks_keys"), 1);
    struct http_reply reply;
    call("POST", "/v1/officials", NULL, "{}", rot.with_a[0], &reply);
    cr_assert_eq(reply.status, 401, "a token of the removed key is refused from the reload on");
    cr_assert(strstr(reply.body, "kid"), "%s", reply.body);
    http_reply_free(&reply);
    for (int i = 0; i < WRITERS; i++)
        mark[i] = atomic_load(&rot.done_with_b[i]);
    await_writers(rot.done_with_b, mark);

    atomic_store(&rot.stop, 1);
    long total = 0;
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(threads[i], NULL);
        total += atomic_load(&rot.done[i]);
        free(rot.with_a[i]);
        free(rot.with_b[i]);
    }
    cr_assert_eq(atomic_load(&rot.refused), 0,
                 "%ld of %ld writes with a key in the set before or after were refused",
                 atomic_load(&rot.refused), total);
}

Test(jwt_auth, a_key_set_that_does_not_parse_keeps_the_keys_before_it)
{
    unsigned long failures = test_server_metric(&server, "jvdr_jwks_reload_failures_total");
    FILE *f = fopen(jwks_path, "w");
    fputs("{\"keys\": [{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}]}", f);
    fclose(f);
    await_metric("jvdr_jwks_reload_failures_total", failures);
    char *t = token('a', "steady", "records:write", NULL);
    struct http_reply reply;
    call("POST", "/v1/officials", NULL,
         "{\"id\": \"steady-official\", \"name\": \"Steady Official\", \"country\": \"JP\"}", t,
         &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    free(t);
    cr_assert_eq(test_server_metric(&server, "jvdr_jwks_keys"), 1);
}

static void nested_claim(struct config *cfg)
{
    configure(cfg);
    cfg->jwt_scope_claim = "realm_access.roles";
}

Test(jwt_auth, scopes_can_come_from_a_provider_s_roles)
{
    struct test_server keycloak;
    test_server_start(&keycloak, nested_claim);
    char *roles =
        token('a', "kc-user", "records:write", ",\"realm_access\":{\"roles\":[\"texts:write\"]}");
    char url[160];
    snprintf(url, sizeof url, "%s/v1/sources/no-such-source/text", keycloak.base_url);
    char authorization[2048];
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", roles);
    const char *headers[] = {"Content-Type: text/plain", authorization, NULL};
    struct http_reply reply;
    http_send(NULL, "PUT", url, headers, "Words.", 6, &reply);
    cr_assert_eq(reply.status, 404, "texts:write from the roles: %ld %s", reply.status, reply.body);
    http_reply_free(&reply);
    snprintf(url, sizeof url, "%s/v1/events", keycloak.base_url);
    http_send(NULL, "POST", url, headers, "{}", 2, &reply);
    cr_assert_eq(reply.status, 403, "scope is not read when the roles are: %ld", reply.status);
    http_reply_free(&reply);
    free(roles);
    test_server_stop(&keycloak);
}

Test(jwt_auth, sighup_reads_the_key_set_again)
{
    char dir[] = "/tmp/jvdr-hup-XXXXXX", db_path[128], jwks_env[160];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/jvdr.db", dir);
    snprintf(jwks_env, sizeof jwks_env, "JVDR_JWKS_FILE=%s", jwks_path);
    const char *const args[] = {"--port", "0", "--db", db_path, NULL};
    const char *const env[] = {jwks_env, "JVDR_JWT_ISSUER=" ISSUER, "JVDR_JWT_AUDIENCE=" AUDIENCE,
                               "JVDR_LOG_FORMAT=text", NULL};
    struct test_process p = {0};
    test_process_start(&p, args, env);
    /* The file is unchanged: only the signal reads it again. */
    struct test_server view = {0};
    snprintf(view.base_url, sizeof view.base_url, "%s", p.base_url);
    cr_assert_eq(test_server_metric(&view, "jvdr_jwks_reloads_total"), 0);
    kill(p.pid, SIGHUP);
    for (int i = 0; i < 600 && test_server_metric(&view, "jvdr_jwks_reloads_total") == 0; i++)
        usleep(100 * 1000);
    cr_assert_eq(test_server_metric(&view, "jvdr_jwks_reloads_total"), 1);
    cr_assert_eq(WEXITSTATUS(test_process_stop(&p, SIGTERM)), 0, "SIGHUP did not stop it");
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(jwt_auth, a_bulk_load_needs_records_write_before_a_line_is_read)
{
    const char *lines = "{\"id\": \"bulk-scope-one\", \"name\": \"Bulk Scope One\", \"country\": "
                        "\"VN\"}\n{\"id\": \"bulk-scope-two\", \"name\": \"Bulk Scope Two\", "
                        "\"country\": \"JP\"}\n";
    char *deleter = token('a', "janitor", "records:delete texts:write", NULL);
    char *writer = token('a', "loader", "records:write", NULL);
    struct http_reply reply;
    call("POST", "/v1/officials", "application/x-ndjson", lines, deleter, &reply);
    cr_assert_eq(reply.status, 403, "%ld %s", reply.status, reply.body);
    cr_assert(strstr(reply.headers, "scope=\"records:write\""), "%s", reply.headers);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/officials/bulk-scope-one", &reply);
    cr_assert_eq(reply.status, 404, "nothing of the refused load was written");
    http_reply_free(&reply);
    call("POST", "/v1/officials", "application/x-ndjson", lines, writer, &reply);
    cr_assert_eq(reply.status, 200, "%ld %s", reply.status, reply.body);
    http_reply_free(&reply);
    json_t *two = http_get_json(server.base_url, "/v1/officials/bulk-scope-two");
    json_decref(two);
    free(deleter);
    free(writer);
}

Test(jwt_auth, a_key_set_that_cannot_work_stops_start_up_in_one_line)
{
    char dir[] = "/tmp/jvdr-badjwks-XXXXXX", path[96], db[96];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/jwks.json", dir);
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    static const struct {
        const char *file, *env, *says;
    } cases[] = {
        {"{\"keys\": [{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}]}", "", "private or secret part"},
        {"{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-521\", \"x\": \"AA\", \"y\": \"AA\"}]}", "",
         "type jvdr does not verify with"},
        {"not json", "", "is not JSON"},
        {NULL, "", "JVDR_JWT_ISSUER and JVDR_JWT_AUDIENCE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(cases[i].file ? cases[i].file : "{\"keys\": []}", f);
        fclose(f);
        char command[512];
        snprintf(command, sizeof command,
                 "JVDR_LOG_FORMAT=text JVDR_JWKS_FILE=%s %s %s --port 0 --db %s 2>&1", path,
                 cases[i].file ? "JVDR_JWT_ISSUER=" ISSUER " JVDR_JWT_AUDIENCE=" AUDIENCE : "",
                 JVDR_BINARY, db);
        FILE *out = popen(command, "r");
        char message[1024] = "";
        size_t n = fread(message, 1, sizeof message - 1, out);
        message[n] = '\0';
        int status = pclose(out);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "case %zu: %s", i, message);
        cr_assert(strstr(message, cases[i].says), "case %zu: %s", i, message);
        cr_assert(cases[i].file == NULL || strstr(message, "JVDR_JWKS_FILE"), "%s", message);
        cr_assert_eq(strchr(message, '\n'), message + strlen(message) - 1, "one line: %s", message);
    }
    char command[160];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    cr_assert_eq(system(command), 0);
}
