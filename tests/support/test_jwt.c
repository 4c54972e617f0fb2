/* Keys and tokens for the tests; see test_jwt.h. */
#include "test_jwt.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jose/b64.h>
#include <jose/jwk.h>
#include <jose/openssl.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

EVP_PKEY *test_jwt_key(const char *type)
{
    EVP_PKEY *key = strcmp(type, "RSA") == 0  ? EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048)
                    : strcmp(type, "EC") == 0 ? EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")
                                              : EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    cr_assert_not_null(key, "OpenSSL made no %s key", type);
    return key;
}

EVP_PKEY *test_jwt_key_file(const char *path)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot read %s", path);
    EVP_PKEY *key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    cr_assert_not_null(key, "%s holds no private key", path);
    return key;
}

char *test_jwt_b64(const void *data, size_t len)
{
    size_t n = jose_b64_enc_buf(data, len, NULL, 0);
    char *out = malloc(n + 1);
    cr_assert_not_null(out);
    cr_assert_eq(jose_b64_enc_buf(data, len, out, n), n);
    out[n] = '\0';
    return out;
}

json_t *test_jwt_jwk(EVP_PKEY *key, const char *kid, const char *alg)
{
    json_t *jwk;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519) {
        unsigned char raw[32];
        size_t len = sizeof raw;
        cr_assert_eq(EVP_PKEY_get_raw_public_key(key, raw, &len), 1);
        char *x = test_jwt_b64(raw, len);
        jwk = json_pack("{s:s, s:s, s:s}", "kty", "OKP", "crv", "Ed25519", "x", x);
        free(x);
    } else {
        jwk = jose_openssl_jwk_from_EVP_PKEY(NULL, key);
        cr_assert_not_null(jwk);
        cr_assert(jose_jwk_pub(NULL, jwk), "libjose kept the private part");
    }
    if (kid)
        json_object_set_new(jwk, "kid", json_string(kid));
    if (alg)
        json_object_set_new(jwk, "alg", json_string(alg));
    return jwk;
}

void test_jwt_write_jwks(const char *path, json_t *const *jwks, size_t n)
{
    json_t *keys = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append(keys, jwks[i]);
    json_t *set = json_pack("{s:o}", "keys", keys);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    cr_assert_eq(json_dump_file(set, tmp, JSON_COMPACT), 0, "cannot write %s", tmp);
    cr_assert_eq(rename(tmp, path), 0);
    json_decref(set);
}

/* The signature of data by key with alg, as JWS carries it (malloc'd, *len set). */
static unsigned char *sign(EVP_PKEY *key, const char *alg, const char *data, size_t *len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    const EVP_MD *md = strcmp(alg, "EdDSA") == 0 ? NULL : EVP_sha256();
    cr_assert_eq(EVP_DigestSignInit(ctx, &pctx, md, NULL, key), 1);
    if (strcmp(alg, "PS256") == 0) {
        cr_assert_eq(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), 1);
        cr_assert_eq(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST), 1);
    }
    size_t n = 0;
    cr_assert_eq(EVP_DigestSign(ctx, NULL, &n, (const unsigned char *)data, strlen(data)), 1);
    unsigned char *sig = malloc(n);
    cr_assert_eq(EVP_DigestSign(ctx, sig, &n, (const unsigned char *)data, strlen(data)), 1);
    EVP_MD_CTX_free(ctx);
    if (strcmp(alg, "ES256") == 0) { /* DER to R || S, 32 bytes each (RFC 7518 §3.4) */
        const unsigned char *p = sig;
        ECDSA_SIG *pair = d2i_ECDSA_SIG(NULL, &p, (long)n);
        cr_assert_not_null(pair);
        unsigned char *raw = malloc(64);
        BN_bn2binpad(ECDSA_SIG_get0_r(pair), raw, 32);
        BN_bn2binpad(ECDSA_SIG_get0_s(pair), raw + 32, 32);
        ECDSA_SIG_free(pair);
        free(sig);
        sig = raw;
        n = 64;
    }
    *len = n;
    return sig;
}

/* header.claims, base64url each. */
static char *signing_input(const char *header, const char *claims)
{
    char *h = test_jwt_b64(header, strlen(header));
    char *c = test_jwt_b64(claims, strlen(claims));
    char *input = malloc(strlen(h) + strlen(c) + 2);
    sprintf(input, "%s.%s", h, c);
    free(h);
    free(c);
    return input;
}

static char *join(char *input, const unsigned char *sig, size_t len)
{
    char *s = test_jwt_b64(sig, len);
    char *token = malloc(strlen(input) + strlen(s) + 2);
    sprintf(token, "%s.%s", input, s);
    free(s);
    free(input);
    return token;
}

char *test_jwt_sign(EVP_PKEY *key, const char *alg, const char *header, const char *claims)
{
    char *input = signing_input(header, claims);
    size_t len;
    unsigned char *sig = sign(key, alg, input, &len);
    char *token = join(input, sig, len);
    free(sig);
    return token;
}

char *test_jwt_sign_hs256(const void *secret, size_t len, const char *header, const char *claims)
{
    char *input = signing_input(header, claims);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    cr_assert_not_null(HMAC(EVP_sha256(), secret, (int)len, (const unsigned char *)input,
                            strlen(input), mac, &mac_len));
    return join(input, mac, mac_len);
}

unsigned char *test_jwt_public_der(EVP_PKEY *key, size_t *len)
{
    unsigned char *der = NULL;
    int n = i2d_PUBKEY(key, &der);
    cr_assert_gt(n, 0);
    unsigned char *copy = malloc((size_t)n);
    memcpy(copy, der, (size_t)n);
    OPENSSL_free(der);
    *len = (size_t)n;
    return copy;
}

char *test_jwt_flip_signature_bit(const char *token)
{
    const char *sig = strrchr(token, '.') + 1;
    size_t n = jose_b64_dec_buf(sig, strlen(sig), NULL, 0);
    unsigned char *bytes = malloc(n);
    n = jose_b64_dec_buf(sig, strlen(sig), bytes, n);
    cr_assert(n != SIZE_MAX && n > 10, "the token's signature is not base64url");
    bytes[n / 2] ^= 0x01;
    char *encoded = test_jwt_b64(bytes, n);
    char *flipped = malloc((size_t)(sig - token) + strlen(encoded) + 1);
    sprintf(flipped, "%.*s%s", (int)(sig - token), token, encoded);
    free(bytes);
    free(encoded);
    return flipped;
}
