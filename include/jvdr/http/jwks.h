/* A JSON Web Key Set (RFC 7517) as identity providers publish it at their jwks_uri: the public
 * keys JWTs are verified with. Loaded whole from a file; keys jvdr cannot verify with are refused
 * rather than skipped, so that a setting that cannot work is seen at once. The set is immutable
 * once loaded and shared between threads by reference count. */
#ifndef JVDR_HTTP_JWKS_H
#define JVDR_HTTP_JWKS_H

#include <stdatomic.h>
#include <stddef.h>

#include <openssl/evp.h>

/* The biggest key set file read: providers publish a few keys, a few kilobytes. */
#define JWKS_MAX_BYTES (1u << 20)

enum jwk_type { JWK_RSA, JWK_EC_P256, JWK_ED25519 };

struct jwk {
    char *kid; /* NULL when the key has none */
    char *alg; /* the one algorithm the key is for, or NULL: any its type allows */
    enum jwk_type type;
    EVP_PKEY *key;
};

struct jwks {
    struct jwk *keys;
    size_t count;
    atomic_uint refs;
};

/* Parses a JWK Set (len bytes of JSON). Returns the set (one reference, the caller's), or NULL
 * with a one-line reason in err: not a {"keys": [...]} object, an empty set, a key of a type or
 * curve jvdr cannot verify with (oct, RSA under 2048 bits, EC other than P-256, OKP other than
 * Ed25519), a private part published, two keys with one kid. Keys marked "use": "enc" or without
 * "verify" in "key_ops" are left out: they are not for signatures. */
struct jwks *jwks_parse(const char *text, size_t len, char *err, size_t errlen);

/* Reads and parses the file at path (at most JWKS_MAX_BYTES); as jwks_parse, with the path in
 * the reason. */
struct jwks *jwks_load(const char *path, char *err, size_t errlen);

/* One more reference; the set lives until the last is released. Thread-safe. */
struct jwks *jwks_hold(struct jwks *set);
void jwks_release(struct jwks *set);

#endif
