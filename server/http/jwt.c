/* JWT verification; see include/jvdr/http/jwt.h. The checks run cheapest first and the signature
 * before any claim is believed, so a forged token learns nothing of what the claims should be. */
#include "jvdr/http/jwt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jose/b64.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "jvdr/http/scopes.h"

static bool b64url_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool jwt_shaped(const char *token, size_t len)
{
    size_t dots = 0, part = 0;
    for (size_t i = 0; i < len; i++) {
        if (token[i] == '.') {
            if (part == 0 || ++dots > 2)
                return false;
            part = 0;
        } else if (!b64url_char(token[i])) {
            return false;
        } else {
            part++;
        }
    }
    return dots == 2; /* the signature may be empty: an unsigned token, refused as such */
}

/* The bytes the len base64url characters at part decode to (malloc'd, *n set), or NULL. */
static unsigned char *b64url_decode(const char *part, size_t len, size_t *n)
{
    size_t most = jose_b64_dec_buf(part, len, NULL, 0);
    unsigned char *bytes = most != SIZE_MAX ? malloc(most + 1) : NULL;
    *n = bytes ? jose_b64_dec_buf(part, len, bytes, most) : SIZE_MAX;
    if (*n == SIZE_MAX) {
        free(bytes);
        return NULL;
    }
    return bytes;
}

/* The JSON object the base64url part encodes, or NULL (duplicate names refused: which one a
 * reader took would be anybody's guess). */
static json_t *decode_object(const char *part, size_t len)
{
    size_t n;
    unsigned char *bytes = b64url_decode(part, len, &n);
    json_t *doc = bytes ? json_loadb((const char *)bytes, n, JSON_REJECT_DUPLICATES, NULL) : NULL;
    free(bytes);
    if (doc && !json_is_object(doc)) {
        json_decref(doc);
        doc = NULL;
    }
    return doc;
}

static bool key_fits(const struct jwk *k, const char *alg)
{
    if (k->alg && strcmp(k->alg, alg) != 0)
        return false;
    switch (k->type) {
    case JWK_RSA:
        return strcmp(alg, "RS256") == 0 || strcmp(alg, "PS256") == 0;
    case JWK_EC_P256:
        return strcmp(alg, "ES256") == 0;
    case JWK_ED25519:
        return strcmp(alg, "EdDSA") == 0;
    }
    return false;
}

/* The key to verify with: the one kid names, or the only one that fits alg; NULL with *why. */
static const struct jwk *key_for(const struct jwks *keys, const json_t *kid, const char *alg,
                                 const char **why)
{
    const struct jwk *found = NULL;
    size_t fitting = 0;
    for (size_t i = 0; i < keys->count; i++) {
        const struct jwk *k = &keys->keys[i];
        bool match = kid ? k->kid && strcmp(k->kid, json_string_value(kid)) == 0 : key_fits(k, alg);
        if (match && fitting++ == 0)
            found = k;
    }
    if (kid && !found)
        *why = "no key in the key set has the token's kid";
    else if (kid && !key_fits(found, alg))
        *why = "the key the token's kid names is not for the token's alg";
    else if (!kid && fitting == 0)
        *why = "no key in the key set is for the token's alg";
    else if (!kid && fitting > 1)
        *why = "the token has no kid, and more than one key in the key set could verify it";
    else
        return found;
    return NULL;
}

/* An ES256 signature is R and S, 32 bytes each (RFC 7518 §3.4); OpenSSL wants them DER-encoded.
 * Returns the DER (OPENSSL_malloc'd) and its length, or NULL. */
static unsigned char *ecdsa_der(const unsigned char *sig, size_t len, int *der_len)
{
    if (len != 64)
        return NULL;
    ECDSA_SIG *pair = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, 32, NULL), *s = BN_bin2bn(sig + 32, 32, NULL);
    unsigned char *der = NULL;
    if (pair && r && s && ECDSA_SIG_set0(pair, r, s) == 1) {
        r = s = NULL; /* the pair's now */
        *der_len = i2d_ECDSA_SIG(pair, &der);
        if (*der_len <= 0)
            der = NULL;
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(pair);
    return der;
}

/* Whether sig is k's signature by alg of the len bytes at signed_part. */
static bool signature_holds(const struct jwk *k, const char *alg, const char *signed_part,
                            size_t len, const unsigned char *sig, size_t sig_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    unsigned char *der = NULL;
    int der_len = 0;
    bool ok = false;
    if (strcmp(alg, "ES256") == 0) {
        if (!(der = ecdsa_der(sig, sig_len, &der_len)))
            goto out;
        sig = der;
        sig_len = (size_t)der_len;
    }
    /* EdDSA hashes inside the signature scheme: no digest of its own. */
    const EVP_MD *md = k->type == JWK_ED25519 ? NULL : EVP_sha256();
    if (!ctx || EVP_DigestVerifyInit(ctx, &pctx, md, NULL, k->key) != 1)
        goto out;
    if (strcmp(alg, "PS256") == 0 &&
        (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1 ||
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
        goto out;
    ok = EVP_DigestVerify(ctx, sig, sig_len, (const unsigned char *)signed_part, len) == 1;
out:
    ERR_clear_error(); /* a failed check leaves errors that libpq's TLS would otherwise see */
    OPENSSL_free(der);
    EVP_MD_CTX_free(ctx);
    return ok;
}

/* Checks the token's header and signature; NULL when it holds, else why not. */
static const char *check_signature(const struct jwks *keys, const char *token, size_t len)
{
    const char *dot1 = memchr(token, '.', len);
    const char *dot2 = memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token));
    const char *why = NULL;
    json_t *header = decode_object(token, (size_t)(dot1 - token));
    const json_t *alg_json = json_object_get(header, "alg");
    const json_t *kid = json_object_get(header, "kid");
    const char *alg = json_string_value(alg_json);
    const char *sig_part = dot2 + 1;
    size_t sig_part_len = len - (size_t)(sig_part - token);
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    if (!header)
        why = "the token's header is not a base64url-encoded JSON object";
    else if (!alg)
        why = "the token's header has no alg string";
    else if (strcmp(alg, "none") == 0 || sig_part_len == 0)
        why = "the token is unsigned (alg none): tokens must be signed";
    else if (strncmp(alg, "HS", 2) == 0)
        why = "HMAC algorithms (HS256 and the like) are refused: a shared secret is not a key set";
    else if (strcmp(alg, "RS256") != 0 && strcmp(alg, "PS256") != 0 && strcmp(alg, "ES256") != 0 &&
             strcmp(alg, "EdDSA") != 0)
        why = "the token's alg is not one of RS256, PS256, ES256 and EdDSA";
    else if (json_object_get(header, "crit"))
        why = "the token's header lists critical extensions (crit) this service does not know";
    else if (json_object_get(header, "jku") || json_object_get(header, "x5u") ||
             json_object_get(header, "jwk") || json_object_get(header, "x5c"))
        why = "the token's header names a key of its own (jku, x5u, x5c or jwk): only the "
              "configured key set is trusted";
    else if (kid && !json_is_string(kid))
        why = "the token's kid is not a string";
    if (!why) {
        const struct jwk *key = key_for(keys, kid, alg, &why);
        if (key && !(sig = b64url_decode(sig_part, sig_part_len, &sig_len)))
            why = "the token's signature is not base64url";
        else if (key && !signature_holds(key, alg, token, (size_t)(dot2 - token), sig, sig_len))
            why = "the token's signature does not verify";
    }
    free(sig);
    json_decref(header);
    return why;
}

/* The value at the dotted path in claims ("realm_access.roles"), or NULL. */
static const json_t *claim_at(const json_t *claims, const char *path)
{
    const json_t *at = claims;
    while (at && *path) {
        size_t len = strcspn(path, ".");
        char name[128];
        if (len >= sizeof name || !json_is_object(at))
            return NULL;
        memcpy(name, path, len);
        name[len] = '\0';
        at = json_object_get(at, name);
        path += len + (path[len] == '.');
    }
    return at;
}

/* The scopes the claim grants into *scopes; NULL, or why it cannot be read. */
static const char *read_scopes(const json_t *value, unsigned *scopes)
{
    *scopes = 0;
    if (!value)
        return NULL; /* none: authenticated, allowed nothing */
    if (json_is_string(value)) {
        *scopes = scope_parse(json_string_value(value), json_string_length(value), " ", NULL);
        return NULL;
    }
    if (!json_is_array(value))
        return "the token's scope claim is neither a string nor an array of strings";
    size_t i;
    const json_t *item;
    json_array_foreach(value, i, item)
    {
        if (!json_is_string(item))
            return "the token's scope claim is neither a string nor an array of strings";
        *scopes |= scope_from_name(json_string_value(item), json_string_length(item));
    }
    return NULL;
}

static bool audience_holds(const json_t *aud, const char *audience)
{
    if (json_is_string(aud))
        return strcmp(json_string_value(aud), audience) == 0;
    size_t i;
    const json_t *item;
    json_array_foreach(aud, i, item)
    {
        if (json_is_string(item) && strcmp(json_string_value(item), audience) == 0)
            return true;
    }
    return false;
}

static bool audience_typed(const json_t *aud)
{
    if (json_is_string(aud))
        return true;
    if (!json_is_array(aud))
        return false;
    size_t i;
    const json_t *item;
    json_array_foreach(aud, i, item)
    {
        if (!json_is_string(item))
            return false;
    }
    return true;
}

/* A string claim: false when it is of another type or holds a NUL. A required one must be 1 to
 * JWT_MAX_CLAIM bytes; an optional one that is empty or longer is left out (*value NULL), as a
 * display name a provider lets people write should not lock them out. */
static bool string_claim(const json_t *claims, const char *name, bool required, const char **value)
{
    const json_t *v = json_object_get(claims, name);
    *value = json_string_value(v);
    if (!v)
        return !required;
    if (!*value || strlen(*value) != json_string_length(v))
        return false;
    bool fits = **value && json_string_length(v) <= JWT_MAX_CLAIM;
    if (!fits && !required)
        *value = NULL;
    return fits || !required;
}

/* Checks the claims of a token whose signature held; NULL, or why it is refused. */
static const char *check_claims(const json_t *claims, const struct jwt_rules *rules, long long now,
                                struct jwt_claims *out)
{
    const json_t *exp = json_object_get(claims, "exp");
    const json_t *nbf = json_object_get(claims, "nbf");
    const json_t *iat = json_object_get(claims, "iat");
    const json_t *aud = json_object_get(claims, "aud");
    if (!exp)
        return "the token has no exp: tokens that never expire are refused";
    if (!json_is_number(exp) || (nbf && !json_is_number(nbf)) || (iat && !json_is_number(iat)))
        return "the token's exp, nbf or iat is not a number of seconds";
    if (!string_claim(claims, "iss", true, &out->issuer))
        return "the token's iss is missing or not a string";
    if (strcmp(out->issuer, rules->issuer) != 0)
        return "the token's iss is not the issuer this service trusts (JVDR_JWT_ISSUER)";
    if (!audience_typed(aud))
        return "the token's aud is missing, or neither a string nor an array of strings";
    if (!audience_holds(aud, rules->audience))
        return "the token's aud does not name this service (JVDR_JWT_AUDIENCE)";
    if (!string_claim(claims, "sub", true, &out->subject))
        return "the token's sub is missing, empty, too long or not a string";
    if (!string_claim(claims, "preferred_username", false, &out->username) ||
        !string_claim(claims, "name", false, &out->name))
        return "the token's preferred_username or name is not a string";
    double expires = json_number_value(exp);
    if ((double)now > expires + (double)rules->leeway)
        return "the token has expired";
    if (nbf && (double)now + (double)rules->leeway < json_number_value(nbf))
        return "the token is not valid yet (nbf)";
    const char *why = read_scopes(claim_at(claims, rules->scope_claim), &out->scopes);
    out->expires = expires > 9e15 ? 9000000000000000LL : (long long)expires;
    return why;
}

const char *jwt_verify(const struct jwks *keys, const struct jwt_rules *rules, const char *token,
                       size_t len, long long now, struct jwt_claims *out)
{
    memset(out, 0, sizeof *out);
    if (len > JWT_MAX_BYTES)
        return "the token is longer than 8192 bytes";
    if (!jwt_shaped(token, len))
        return "the token is not a JWT: three base64url parts separated by dots";
    const char *why = check_signature(keys, token, len);
    if (why)
        return why;
    const char *dot1 = memchr(token, '.', len);
    const char *dot2 = memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - token));
    json_t *claims = decode_object(dot1 + 1, (size_t)(dot2 - dot1 - 1));
    why = claims ? check_claims(claims, rules, now, out)
                 : "the token's claims are not a base64url-encoded JSON object";
    if (why) {
        json_decref(claims);
        memset(out, 0, sizeof *out);
        return why;
    }
    out->claims = claims;
    return NULL;
}
