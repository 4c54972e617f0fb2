/* libFuzzer harness: the bearer token parser (http/jwt.c) and the key set parser (http/jwks.c).
 * The first byte picks what the rest is: a token, checked against a fixed key set (any byte
 * string must be refused cleanly); a header and claims separated by a 0xFF byte, signed with the
 * set's Ed25519 key so that the claims' checks run on any JSON (a token that passes must carry the
 * issuer, audience, subject and an unexpired exp); or a key set. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jose/b64.h>
#include <openssl/evp.h>

#include "jvdr/http/jwks.h"
#include "jvdr/http/jwt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct jwt_rules rules = {"https://id.example", "jvdr", "realm_access.roles", 60};
static const long long now = 1900000000; /* fixed: the same input, the same verdict */
static EVP_PKEY *signer;
static struct jwks *keys;

/* A fixed Ed25519 key (its seed is no secret: it signs fuzz input) and the set holding it. */
static void setup(void)
{
    static const unsigned char seed[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    signer = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, sizeof seed);
    unsigned char pub[32];
    size_t len = sizeof pub;
    char x[64] = "", set[256], err[256];
    if (!signer || EVP_PKEY_get_raw_public_key(signer, pub, &len) != 1 ||
        jose_b64_enc_buf(pub, len, x, sizeof x - 1) == SIZE_MAX)
        abort();
    snprintf(set, sizeof set,
             "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"f\",\"x\":\"%s\"}]}", x);
    if (!(keys = jwks_parse(set, strlen(set), err, sizeof err)))
        abort();
}

/* base64url of len bytes into out (which holds 4/3 len + 4), NUL-terminated. */
static size_t b64(const void *data, size_t len, char *out)
{
    size_t n = jose_b64_enc_buf(data, len, out, len * 4 / 3 + 4);
    if (n == SIZE_MAX)
        abort();
    out[n] = '\0';
    return n;
}

static void check_token(const char *token, size_t len)
{
    struct jwt_claims c;
    const char *why = jwt_verify(keys, &rules, token, len, now, &c);
    if (why)
        return;
    if (!c.subject || !c.issuer || strcmp(c.issuer, rules.issuer) != 0 || c.expires < now - 60)
        abort(); /* accepted without what acceptance promises */
    json_decref(c.claims);
}

/* Signs header.claims with the set's key and checks the token. */
static void check_signed(const uint8_t *header, size_t header_len, const uint8_t *claims,
                         size_t claims_len)
{
    size_t room = (header_len + claims_len) * 4 / 3 + 200;
    char *token = malloc(room);
    if (!token)
        abort();
    size_t n = b64(header, header_len, token);
    token[n++] = '.';
    n += b64(claims, claims_len, token + n);
    unsigned char sig[64];
    size_t sig_len = sizeof sig;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestSignInit(ctx, NULL, NULL, NULL, signer) != 1 ||
        EVP_DigestSign(ctx, sig, &sig_len, (const unsigned char *)token, n) != 1)
        abort();
    EVP_MD_CTX_free(ctx);
    token[n++] = '.';
    n += b64(sig, sig_len, token + n);
    check_token(token, n);
    free(token);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!keys)
        setup();
    if (size < 1 || size > 3 * JWT_MAX_BYTES)
        return 0;
    const uint8_t *rest = data + 1;
    size_t len = size - 1;
    switch (data[0] % 3) {
    case 0:
        check_token((const char *)rest, len);
        break;
    case 1: {
        const uint8_t *bar = memchr(rest, 0xFF, len);
        if (bar)
            check_signed(rest, (size_t)(bar - rest), bar + 1, len - (size_t)(bar - rest) - 1);
        break;
    }
    default: {
        char err[256];
        jwks_release(jwks_parse((const char *)rest, len, err, sizeof err));
        break;
    }
    }
    return 0;
}
