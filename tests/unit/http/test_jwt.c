/* JWTs checked against a key set of real keys made at run time: each algorithm accepted, and each
 * attack and mistake refused with the reason; key sets that cannot work refused at load. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/http/jwks.h"
#include "jvdr/http/jwt.h"
#include "jvdr/http/scopes.h"
#include "test_jwt.h"

static EVP_PKEY *rsa, *rsa2, *ec, *ed, *stranger;
static struct jwks *keys;
static const struct jwt_rules rules = {"https://id.example", "jvdr", "scope", 60};
static long long now;

static void setup(void)
{
    rsa = test_jwt_key("RSA");
    rsa2 = test_jwt_key("RSA");
    ec = test_jwt_key("EC");
    ed = test_jwt_key("ED25519");
    stranger = test_jwt_key("RSA");
    json_t *set = json_pack("{s:[o,o,o,o]}", "keys", test_jwt_jwk(rsa, "r1", NULL),
                            test_jwt_jwk(rsa2, "r2", "RS256"), test_jwt_jwk(ec, "e1", NULL),
                            test_jwt_jwk(ed, NULL, NULL));
    char *text = json_dumps(set, 0), err[256];
    keys = jwks_parse(text, strlen(text), err, sizeof err);
    cr_assert_not_null(keys, "%s", err);
    free(text);
    json_decref(set);
    now = (long long)time(NULL);
}

static void teardown(void)
{
    jwks_release(keys);
    EVP_PKEY_free(rsa);
    EVP_PKEY_free(rsa2);
    EVP_PKEY_free(ec);
    EVP_PKEY_free(ed);
    EVP_PKEY_free(stranger);
}

TestSuite(jwt, .init = setup, .fini = teardown);

/* Claims that pass, with extra members spliced in at the end. */
static char *claims_with(const char *extra)
{
    char *c = malloc(512);
    snprintf(c, 512,
             "{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u-1\",\"exp\":%lld,"
             "\"scope\":\"openid records:write\"%s}",
             now + 300, extra);
    return c;
}

/* The verdict on a token: NULL (accepted) or the reason. */
static const char *verdict(const char *token, struct jwt_claims *out)
{
    struct jwt_claims scratch;
    struct jwt_claims *c = out ? out : &scratch;
    const char *why = jwt_verify(keys, &rules, token, strlen(token), now, c);
    if (!out)
        json_decref(scratch.claims);
    return why;
}

Test(jwt, each_algorithm_is_accepted_with_the_key_it_names)
{
    struct {
        EVP_PKEY *key;
        const char *alg, *header;
    } cases[] = {
        {rsa, "RS256", "{\"alg\":\"RS256\",\"kid\":\"r1\"}"},
        {rsa, "PS256", "{\"alg\":\"PS256\",\"kid\":\"r1\"}"},
        {rsa2, "RS256", "{\"alg\":\"RS256\",\"kid\":\"r2\",\"typ\":\"JWT\"}"},
        {ec, "ES256", "{\"alg\":\"ES256\",\"kid\":\"e1\"}"},
        {ec, "ES256", "{\"alg\":\"ES256\"}"}, /* the only EC key: no kid needed */
        {ed, "EdDSA", "{\"alg\":\"EdDSA\"}"}, /* the only Ed25519 key */
    };
    char *claims = claims_with(",\"preferred_username\":\"an\",\"name\":\"An Nguyen\"");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *token = test_jwt_sign(cases[i].key, cases[i].alg, cases[i].header, claims);
        struct jwt_claims c;
        const char *why = verdict(token, &c);
        cr_assert_null(why, "case %zu refused: %s", i, why);
        cr_assert_str_eq(c.subject, "u-1");
        cr_assert_str_eq(c.issuer, "https://id.example");
        cr_assert_str_eq(c.username, "an");
        cr_assert_str_eq(c.name, "An Nguyen");
        cr_assert_eq(c.scopes, SCOPE_RECORDS_WRITE);
        json_decref(c.claims);
        free(token);
    }
    free(claims);
}

/* The token is refused, and the reason holds expected. */
static void assert_refused(const char *token, const char *expected)
{
    const char *why = verdict(token, NULL);
    cr_assert_not_null(why, "accepted: %s", token);
    cr_assert(strstr(why, expected), "'%s' does not say '%s'", why, expected);
}

Test(jwt, known_attacks_fail)
{
    char *claims = claims_with("");
    char *good = test_jwt_sign(rsa, "RS256", "{\"alg\":\"RS256\",\"kid\":\"r1\"}", claims);
    /* alg none, with the signature left off */
    char *none = test_jwt_b64("{\"alg\":\"none\"}", 14);
    char *body = test_jwt_b64(claims, strlen(claims));
    char unsigned_token[1024];
    snprintf(unsigned_token, sizeof unsigned_token, "%s.%s.", none, body);
    assert_refused(unsigned_token, "unsigned");
    /* algorithm confusion: HS256 keyed with the RSA public key */
    size_t der_len;
    unsigned char *der = test_jwt_public_der(rsa, &der_len);
    char *confused =
        test_jwt_sign_hs256(der, der_len, "{\"alg\":\"HS256\",\"kid\":\"r1\"}", claims);
    assert_refused(confused, "HMAC");
    /* a kid not in the set; a key of our own named by jku, x5u, x5c or an embedded jwk */
    char *unknown = test_jwt_sign(stranger, "RS256", "{\"alg\":\"RS256\",\"kid\":\"zz\"}", claims);
    assert_refused(unknown, "kid");
    const char *pointing[] = {
        "{\"alg\":\"RS256\",\"kid\":\"r1\",\"jku\":\"https://evil.example/jwks\"}",
        "{\"alg\":\"RS256\",\"kid\":\"r1\",\"x5u\":\"https://evil.example/cert\"}",
        "{\"alg\":\"RS256\",\"kid\":\"r1\",\"x5c\":[\"MIIB\"]}",
        "{\"alg\":\"RS256\",\"kid\":\"r1\",\"jwk\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}"
        "}",
    };
    for (size_t i = 0; i < sizeof pointing / sizeof pointing[0]; i++) {
        char *t = test_jwt_sign(rsa, "RS256", pointing[i], claims);
        assert_refused(t, "only the configured key set is trusted");
        free(t);
    }
    /* signed by a stranger but naming our key */
    char *forged = test_jwt_sign(stranger, "RS256", "{\"alg\":\"RS256\",\"kid\":\"r1\"}", claims);
    assert_refused(forged, "signature does not verify");
    /* one bit flipped, in the signature and in the claims */
    char *flipped = test_jwt_flip_signature_bit(good);
    assert_refused(flipped, "signature does not verify");
    /* the claims rewritten after signing, the signature kept */
    char *raised = claims_with(",\"realm\":\"x\"");
    char *raised_b64 = test_jwt_b64(raised, strlen(raised));
    char *tampered = malloc(strlen(good) + strlen(raised_b64) + 1);
    sprintf(tampered, "%.*s.%s%s", (int)(strchr(good, '.') - good), good, raised_b64,
            strrchr(good, '.'));
    assert_refused(tampered, "signature does not verify");
    free(raised);
    free(raised_b64);
    /* a key of another type than alg says */
    char *mismatch = test_jwt_sign(ec, "ES256", "{\"alg\":\"ES256\",\"kid\":\"r1\"}", claims);
    assert_refused(mismatch, "not for the token's alg");
    /* PS256 with a key published for RS256 only */
    char *pinned = test_jwt_sign(rsa2, "PS256", "{\"alg\":\"PS256\",\"kid\":\"r2\"}", claims);
    assert_refused(pinned, "not for the token's alg");
    /* no kid while two RSA keys could verify */
    char *ambiguous = test_jwt_sign(rsa, "RS256", "{\"alg\":\"RS256\"}", claims);
    assert_refused(ambiguous, "more than one key");
    /* over the size bound */
    char *huge = malloc(JWT_MAX_BYTES + 64);
    memset(huge, 'a', JWT_MAX_BYTES + 63);
    huge[JWT_MAX_BYTES + 63] = '\0';
    huge[10] = huge[20] = '.';
    assert_refused(huge, "longer than");
    /* duplicate header members: which alg would a reader take? */
    char *dup =
        test_jwt_sign(rsa, "RS256", "{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"r1\"}", claims);
    assert_refused(dup, "header");
    char *critical =
        test_jwt_sign(rsa, "RS256", "{\"alg\":\"RS256\",\"kid\":\"r1\",\"crit\":[\"x\"]}", claims);
    assert_refused(critical, "crit");
    assert_refused("not a jwt at all", "not a JWT");
    assert_refused("a.b", "not a JWT");
    assert_refused("a=.b.c", "not a JWT");
    const char *why = verdict(good, NULL);
    cr_assert_null(why, "the untouched token was refused: %s", why);
    free(der);
    free(none);
    free(body);
    free(claims);
    free(good);
    free(confused);
    free(unknown);
    free(forged);
    free(flipped);
    free(tampered);
    free(mismatch);
    free(pinned);
    free(ambiguous);
    free(huge);
    free(dup);
    free(critical);
}

/* Case i's token is accepted when expected is NULL, else refused saying expected. */
static void expect_verdict(const char *token, const char *expected, size_t i)
{
    const char *why = verdict(token, NULL);
    if (expected)
        cr_assert(why && strstr(why, expected), "case %zu: %s", i, why ? why : "accepted");
    else
        cr_assert_null(why, "case %zu: %s", i, why);
}

Test(jwt, claims_are_checked_after_the_signature)
{
    char buf[512];
    struct {
        const char *claims, *expected;
    } cases[] = {
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\"}", "no exp"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":\"EXP\"}",
         "not a number"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":EXP}", NULL},
        {"{\"iss\":\"https://other.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":EXP}", "iss"},
        {"{\"iss\":7,\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":EXP}", "iss"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"other\",\"sub\":\"u\",\"exp\":EXP}", "aud"},
        {"{\"iss\":\"https://id.example\",\"aud\":[\"a\",\"jvdr\"],\"sub\":\"u\",\"exp\":EXP}",
         NULL},
        {"{\"iss\":\"https://id.example\",\"aud\":[\"jvdr\",1],\"sub\":\"u\",\"exp\":EXP}", "aud"},
        {"{\"iss\":\"https://id.example\",\"aud\":7,\"sub\":\"u\",\"exp\":EXP}", "aud"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":5,\"exp\":EXP}", "sub"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"exp\":EXP}", "sub"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":EXP,\"name\":[]}",
         "name"},
        /* an empty display name is left out, not held against its bearer */
        {"{\"iss\":\"https://"
         "id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":EXP,\"name\":\"\"}",
         NULL},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"\",\"exp\":EXP}", "sub"},
        {"{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":EXP,\"scope\":3}",
         "scope claim"},
        {"[1,2,3]", "claims"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* EXP: an expiry five minutes ahead */
        const char *at = strstr(cases[i].claims, "EXP");
        if (at)
            snprintf(buf, sizeof buf, "%.*s%lld%s", (int)(at - cases[i].claims), cases[i].claims,
                     now + 300, at + 3);
        else
            snprintf(buf, sizeof buf, "%s", cases[i].claims);
        char *t = test_jwt_sign(ed, "EdDSA", "{\"alg\":\"EdDSA\"}", buf);
        expect_verdict(t, cases[i].expected, i);
        free(t);
    }
}

Test(jwt, exp_and_nbf_hold_with_the_leeway_and_no_more)
{
    struct {
        long long exp, nbf;
        const char *expected;
    } cases[] = {
        {now - 30, 0, NULL},         /* within 60 s of leeway */
        {now - 61, 0, "expired"},    /* past it */
        {now + 300, now + 30, NULL}, /* not before, within the leeway */
        {now + 300, now + 120, "not valid yet"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char claims[256], nbf[48] = "";
        if (cases[i].nbf)
            snprintf(nbf, sizeof nbf, ",\"nbf\":%lld", cases[i].nbf);
        snprintf(claims, sizeof claims,
                 "{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":%lld%s}",
                 cases[i].exp, nbf);
        char *t = test_jwt_sign(ec, "ES256", "{\"alg\":\"ES256\",\"kid\":\"e1\"}", claims);
        expect_verdict(t, cases[i].expected, i);
        free(t);
    }
}

Test(jwt, scopes_come_from_a_string_an_array_or_a_nested_claim)
{
    struct jwt_rules nested = rules;
    nested.scope_claim = "realm_access.roles";
    char claims[512];
    snprintf(claims, sizeof claims,
             "{\"iss\":\"https://id.example\",\"aud\":\"jvdr\",\"sub\":\"u\",\"exp\":%lld,"
             "\"scope\":\"records:delete texts:write unknown\","
             "\"realm_access\":{\"roles\":[\"offline_access\",\"admin\"]}}",
             now + 60);
    char *t = test_jwt_sign(ed, "EdDSA", "{\"alg\":\"EdDSA\"}", claims);
    struct jwt_claims c;
    cr_assert_null(jwt_verify(keys, &rules, t, strlen(t), now, &c));
    cr_assert_eq(c.scopes, SCOPE_RECORDS_DELETE | SCOPE_TEXTS_WRITE);
    json_decref(c.claims);
    cr_assert_null(jwt_verify(keys, &nested, t, strlen(t), now, &c));
    cr_assert_eq(c.scopes, SCOPE_ADMIN);
    json_decref(c.claims);
    free(t);
}

Test(jwt, key_sets_that_cannot_work_are_refused_at_load)
{
    json_t *rsa_jwk = test_jwt_jwk(rsa, "r1", NULL);
    json_t *private_jwk = json_deep_copy(rsa_jwk);
    json_object_set_new(private_jwk, "d", json_string("AQAB"));
    json_t *p384 =
        json_pack("{s:s, s:s, s:s, s:s}", "kty", "EC", "crv", "P-384", "x", "AA", "y", "AA");
    json_t *oct = json_pack("{s:s, s:s}", "kty", "oct", "k", "c2VjcmV0");
    json_t *rs512 = json_deep_copy(rsa_jwk);
    json_object_set_new(rs512, "alg", json_string("RS512"));
    EVP_PKEY *small = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    json_t *small_jwk = test_jwt_jwk(small, "s", NULL);
    struct {
        json_t *set;
        const char *expected;
    } cases[] = {
        {json_pack("{s:[]}", "keys"), "no key"},
        {json_pack("{s:[O]}", "keys", private_jwk), "private"},
        {json_pack("{s:[O]}", "keys", p384), "type"},
        {json_pack("{s:[O]}", "keys", oct), "secret"},
        {json_pack("{s:[O]}", "keys", rs512), "RS512"},
        {json_pack("{s:[O]}", "keys", small_jwk), "1024 bits"},
        {json_pack("{s:[O,O]}", "keys", rsa_jwk, rsa_jwk), "share a kid"},
        {json_pack("{s:s}", "keys", "none"), "JWK Set"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = json_dumps(cases[i].set, 0), err[256] = "";
        cr_assert_null(jwks_parse(text, strlen(text), err, sizeof err), "case %zu loaded", i);
        cr_assert(strstr(err, cases[i].expected), "case %zu: %s", i, err);
        free(text);
        json_decref(cases[i].set);
    }
    char err[256] = "";
    cr_assert_null(jwks_parse("{\"keys\":[", 9, err, sizeof err));
    cr_assert(strstr(err, "not JSON"), "%s", err);
    /* an encryption key beside a signing one is left out, not refused */
    json_t *enc = json_deep_copy(rsa_jwk);
    json_object_set_new(enc, "use", json_string("enc"));
    json_object_set_new(enc, "kid", json_string("enc-1"));
    json_t *mixed = json_pack("{s:[O,O]}", "keys", rsa_jwk, enc);
    char *text = json_dumps(mixed, 0);
    struct jwks *set = jwks_parse(text, strlen(text), err, sizeof err);
    cr_assert_not_null(set, "%s", err);
    cr_assert_eq(set->count, 1);
    jwks_release(set);
    free(text);
    json_decref(mixed);
    json_decref(enc);
    json_decref(rsa_jwk);
    json_decref(private_jwk);
    json_decref(p384);
    json_decref(oct);
    json_decref(rs512);
    json_decref(small_jwk);
    EVP_PKEY_free(small);
}
