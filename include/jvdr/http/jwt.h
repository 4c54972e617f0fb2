/* JWT bearer tokens (RFC 7519) in the JWS compact form (RFC 7515), checked as RFC 8725 advises:
 * the algorithm is one of RS256, PS256, ES256 and EdDSA and must fit the key it names; the key
 * comes from the configured set only (jku, x5u, x5c and an embedded jwk are refused, never
 * fetched); iss and aud must be the configured ones; exp is required; exp and nbf hold with a
 * small leeway. Signatures are OpenSSL's (EVP); JSON is jansson's. Thread-safe: nothing is
 * shared but the key set, which is only read. */
#ifndef JVDR_HTTP_JWT_H
#define JVDR_HTTP_JWT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "jvdr/http/jwks.h"

/* The longest token read: providers' access tokens are a few kilobytes at most. */
#define JWT_MAX_BYTES 8192
/* The longest subject, issuer or name kept for the audit trail. */
#define JWT_MAX_CLAIM 256

struct jwt_rules {
    const char *issuer;      /* iss must equal it */
    const char *audience;    /* aud (a string or an array of them) must hold it */
    const char *scope_claim; /* a dotted path to the scopes: "scope", "realm_access.roles" */
    long leeway;             /* seconds exp and nbf may be off by, for clocks that drift */
};

/* What a verified token says of its bearer; the strings point into claims (one reference, the
 * caller's: json_decref it). */
struct jwt_claims {
    json_t *claims;
    const char *issuer, *subject;
    const char *username, *name; /* preferred_username and name; NULL when absent */
    unsigned scopes;             /* http/scopes.h bits; unknown names add nothing */
    long long expires;           /* exp, seconds since 1970 */
};

/* Verifies the len bytes of token against keys and rules at time now (seconds since 1970).
 * Returns NULL and fills *out, or the reason it is refused: one sentence that never quotes the
 * token (nor any part of it), fit for a WWW-Authenticate error_description. */
const char *jwt_verify(const struct jwks *keys, const struct jwt_rules *rules, const char *token,
                       size_t len, long long now, struct jwt_claims *out);

/* Whether the len bytes of a bearer credential have the shape of a JWT (three dot-separated
 * base64url parts), so that a static token is never taken for one. */
bool jwt_shaped(const char *token, size_t len);

#endif
