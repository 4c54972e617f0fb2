/* JWK Set loading; see include/jvdr/http/jwks.h. libjose turns RSA and EC keys into OpenSSL's;
 * Ed25519 (OKP, RFC 8037), which it does not know, is OpenSSL's raw public key. */
#include "jvdr/http/jwks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <jose/b64.h>
#include <jose/openssl.h>
#include <openssl/err.h>

/* Members that only a private key has (RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2). */
static const char *const private_members[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};

static void jwk_cleanup(struct jwk *k)
{
    free(k->kid);
    free(k->alg);
    EVP_PKEY_free(k->key);
}

static void jwks_free(struct jwks *set)
{
    for (size_t i = 0; i < set->count; i++)
        jwk_cleanup(&set->keys[i]);
    free(set->keys);
    free(set);
}

struct jwks *jwks_hold(struct jwks *set)
{
    atomic_fetch_add(&set->refs, 1);
    return set;
}

void jwks_release(struct jwks *set)
{
    if (set && atomic_fetch_sub(&set->refs, 1) == 1)
        jwks_free(set);
}

/* Whether the key is for signatures: no "use" or "use": "sig", and "key_ops" absent or with
 * "verify". */
static bool for_signatures(const json_t *jwk)
{
    const json_t *use = json_object_get(jwk, "use");
    if (use && !(json_is_string(use) && strcmp(json_string_value(use), "sig") == 0))
        return false;
    const json_t *ops = json_object_get(jwk, "key_ops");
    if (!ops)
        return true;
    size_t i;
    const json_t *op;
    json_array_foreach(ops, i, op)
    {
        if (json_is_string(op) && strcmp(json_string_value(op), "verify") == 0)
            return true;
    }
    return false;
}

static const char *string_member(const json_t *jwk, const char *name)
{
    return json_string_value(json_object_get(jwk, name));
}

/* The Ed25519 public key of an OKP JWK, from its 32-byte "x". */
static EVP_PKEY *ed25519_key(const json_t *jwk)
{
    const char *x = string_member(jwk, "x");
    unsigned char raw[32];
    if (!x || jose_b64_dec_buf(x, strlen(x), NULL, 0) != sizeof raw ||
        jose_b64_dec_buf(x, strlen(x), raw, sizeof raw) != sizeof raw)
        return NULL;
    return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, sizeof raw);
}

/* Fills k from the key's JSON; -1 with the reason in err. */
static int jwk_read(struct jwk *k, const json_t *jwk, char *err, size_t errlen)
{
    const char *kty = string_member(jwk, "kty");
    const char *crv = string_member(jwk, "crv");
    const char *alg = string_member(jwk, "alg");
    const json_t *kid = json_object_get(jwk, "kid");
    if (!json_is_object(jwk) || !kty) {
        snprintf(err, errlen, "is not a JSON object with a \"kty\" string");
        return -1;
    }
    for (size_t i = 0; i < sizeof private_members / sizeof private_members[0]; i++) {
        if (json_object_get(jwk, private_members[i])) {
            snprintf(err, errlen,
                     "holds \"%s\", a private or secret part: publish public keys only, and "
                     "never a shared secret",
                     private_members[i]);
            return -1;
        }
    }
    if (kid && !json_is_string(kid)) {
        snprintf(err, errlen, "has a \"kid\" that is not a string");
        return -1;
    }
    if (json_object_get(jwk, "alg") && !alg) {
        snprintf(err, errlen, "has an \"alg\" that is not a string");
        return -1;
    }
    const char *fits = NULL;
    if (strcmp(kty, "RSA") == 0) {
        k->type = JWK_RSA;
        fits =
            !alg || strcmp(alg, "RS256") == 0 || strcmp(alg, "PS256") == 0 ? "" : "RS256 or PS256";
    } else if (strcmp(kty, "EC") == 0 && crv && strcmp(crv, "P-256") == 0) {
        k->type = JWK_EC_P256;
        fits = !alg || strcmp(alg, "ES256") == 0 ? "" : "ES256";
    } else if (strcmp(kty, "OKP") == 0 && crv && strcmp(crv, "Ed25519") == 0) {
        k->type = JWK_ED25519;
        fits = !alg || strcmp(alg, "EdDSA") == 0 || strcmp(alg, "Ed25519") == 0 ? "" : "EdDSA";
    } else {
        snprintf(err, errlen,
                 "is of a type jvdr does not verify with (kty %.16s%s%.16s): RSA, EC P-256 and OKP "
                 "Ed25519 are",
                 kty, crv ? ", crv " : "", crv ? crv : "");
        return -1;
    }
    if (*fits) {
        snprintf(err, errlen, "is for alg %.16s; a %s key here is for %s", alg, kty, fits);
        return -1;
    }
    k->key = k->type == JWK_ED25519 ? ed25519_key(jwk) : jose_openssl_jwk_to_EVP_PKEY(NULL, jwk);
    ERR_clear_error();
    if (!k->key) {
        snprintf(err, errlen, "is not a valid %s public key", kty);
        return -1;
    }
    if (k->type == JWK_RSA && EVP_PKEY_get_bits(k->key) < 2048) {
        snprintf(err, errlen, "is an RSA key of %d bits; 2048 at least are needed",
                 EVP_PKEY_get_bits(k->key));
        return -1;
    }
    k->kid = kid ? strdup(json_string_value(kid)) : NULL;
    k->alg = alg ? strdup(strcmp(alg, "Ed25519") == 0 ? "EdDSA" : alg) : NULL;
    if ((kid && !k->kid) || (alg && !k->alg)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

struct jwks *jwks_parse(const char *text, size_t len, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    const json_t *keys = json_object_get(doc, "keys");
    struct jwks *set = NULL;
    if (!doc) {
        snprintf(err, errlen, "is not JSON: %s at line %d", jerr.text, jerr.line);
        goto out;
    }
    if (!json_is_array(keys)) {
        snprintf(err, errlen, "is not a JWK Set: a JSON object with a \"keys\" array");
        goto out;
    }
    set = calloc(1, sizeof *set);
    if (set)
        set->keys = calloc(json_array_size(keys) + 1, sizeof *set->keys);
    if (!set || !set->keys) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    atomic_init(&set->refs, 1);
    size_t i;
    const json_t *jwk;
    json_array_foreach(keys, i, jwk)
    {
        if (json_is_object(jwk) && !for_signatures(jwk))
            continue;
        struct jwk *k = &set->keys[set->count++];
        char why[200];
        if (jwk_read(k, jwk, why, sizeof why) != 0) {
            snprintf(err, errlen, "key %zu %s", i + 1, why);
            goto fail;
        }
        for (size_t j = 0; k->kid && j + 1 < set->count; j++) {
            if (set->keys[j].kid && strcmp(set->keys[j].kid, k->kid) == 0) {
                snprintf(err, errlen, "keys %zu and %zu share a kid: a token could not name one",
                         j + 1, i + 1);
                goto fail;
            }
        }
    }
    if (set->count == 0) {
        snprintf(err, errlen, "holds no key for signatures");
        goto fail;
    }
    goto out;
fail:
    if (set)
        jwks_free(set);
    set = NULL;
out:
    json_decref(doc);
    return set;
}

struct jwks *jwks_load(const char *path, char *err, size_t errlen)
{
    char why[300];
    FILE *f = fopen(path, "rb");
    char *text = f ? malloc(JWKS_MAX_BYTES + 1) : NULL;
    size_t n = text ? fread(text, 1, JWKS_MAX_BYTES + 1, f) : 0;
    struct jwks *set = NULL;
    if (!f)
        snprintf(err, errlen, "JVDR_JWKS_FILE: cannot read '%s': %s", path, strerror(errno));
    else if (!text || ferror(f))
        snprintf(err, errlen, "JVDR_JWKS_FILE: cannot read '%s'", path);
    else if (n > JWKS_MAX_BYTES)
        snprintf(err, errlen, "JVDR_JWKS_FILE: '%s' is over %u bytes", path, JWKS_MAX_BYTES);
    else if (!(set = jwks_parse(text, n, why, sizeof why)))
        snprintf(err, errlen, "JVDR_JWKS_FILE: '%s' %s", path, why);
    if (f)
        fclose(f);
    free(text);
    return set;
}
