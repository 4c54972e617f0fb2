/* Real keys and real tokens for the tests: keys made at run time by OpenSSL, their public halves
 * as JWKs (libjose for RSA and EC, the raw key for Ed25519), and JWS compact tokens signed with
 * OpenSSL over whatever header and claims a test writes, attacks included. */
#ifndef JVDR_TEST_JWT_H
#define JVDR_TEST_JWT_H

#include <stddef.h>

#include <jansson.h>
#include <openssl/evp.h>

/* A new key: "RSA" (2048 bits), "EC" (P-256) or "ED25519". */
EVP_PKEY *test_jwt_key(const char *type);

/* The key read from a PEM file (a private key, as `openssl genpkey` writes it). */
EVP_PKEY *test_jwt_key_file(const char *path);

/* The public JWK of key, with kid (may be NULL) and alg (may be NULL); a new reference. */
json_t *test_jwt_jwk(EVP_PKEY *key, const char *kid, const char *alg);

/* Writes {"keys": [...]} with the n JWKs to path, replacing it by rename (as a provider's
 * rotation, or Kubernetes swapping a mounted secret, would). */
void test_jwt_write_jwks(const char *path, json_t *const *jwks, size_t n);

/* A token: base64url(header).base64url(claims).base64url(signature by alg with key), where alg is
 * RS256, PS256, ES256 or EdDSA; malloc'd. header and claims are JSON texts sent as they are. */
char *test_jwt_sign(EVP_PKEY *key, const char *alg, const char *header, const char *claims);

/* The same with HS256 and secret as the shared key, for the algorithm-confusion attack. */
char *test_jwt_sign_hs256(const void *secret, size_t len, const char *header, const char *claims);

/* The DER of key's public half (malloc'd, *len set): what a confused verifier would take as an
 * HMAC secret. */
unsigned char *test_jwt_public_der(EVP_PKEY *key, size_t *len);

/* token with one bit of its signature flipped (decoded, flipped, encoded again), malloc'd. */
char *test_jwt_flip_signature_bit(const char *token);

/* base64url without padding, malloc'd. */
char *test_jwt_b64(const void *data, size_t len);

#endif
