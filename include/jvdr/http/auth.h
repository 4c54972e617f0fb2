/* Bearer tokens for writes. Tokens come from JVDR_API_TOKEN or JVDR_API_TOKEN_FILE as
 * "[label:]token" entries; the label names the writer in the audit trail and the token itself is
 * never logged or stored. Comparison takes the same time whatever the guess. */
#ifndef JVDR_HTTP_AUTH_H
#define JVDR_HTTP_AUTH_H

#include <stddef.h>

#include "jvdr/base/config.h"
#include "jvdr/http/request.h"

#define AUTH_MIN_TOKEN 16

struct auth_token {
    char label[33];
    char *secret; /* owned */
    size_t len;
};

struct auth {
    struct auth_token *tokens;
    size_t count;
};

/* Loads the tokens cfg names into auth. Returns 0, or -1 with a one-line reason in err (a token
 * shorter than AUTH_MIN_TOKEN or with characters outside RFC 6750's token68, a bad label, an
 * unreadable file). No token at all is valid: the service is then read-only. */
int auth_init(struct auth *auth, const struct config *cfg, char *err, size_t errlen);

void auth_cleanup(struct auth *auth);

/* Checks the request's Authorization header. JVDR_OK sets req->actor to the token's label;
 * otherwise JVDR_E_FORBIDDEN when no token is configured, JVDR_E_UNAUTHORIZED when the header is
 * missing or wrong. */
enum jvdr_err auth_check(const struct auth *auth, struct request *req);

#endif
