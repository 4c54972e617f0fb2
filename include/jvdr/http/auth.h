/* Who may write, and what. A write carries Authorization: Bearer with either a static token
 * (http/static_tokens.h) or a JWT from the organisation's identity provider, verified with the key
 * set of JVDR_JWKS_FILE (http/jwt.h, http/key_watch.h). Either grants scopes (http/scopes.h);
 * each write route needs one. Refusals follow RFC 6750: 401 with a Bearer challenge when the
 * token is missing or invalid, 403 with error="insufficient_scope" when it may not do this. */
#ifndef JVDR_HTTP_AUTH_H
#define JVDR_HTTP_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/config.h"
#include "jvdr/http/jwt.h"
#include "jvdr/http/key_watch.h"
#include "jvdr/http/request.h"
#include "jvdr/http/static_tokens.h"

struct auth {
    struct static_tokens tokens;
    bool jwt; /* JVDR_JWKS_FILE is set: keys and rules hold */
    struct key_watch keys;
    struct jwt_rules rules;
};

/* Loads the tokens and the key set cfg names into auth. Returns 0, or -1 with a one-line reason
 * in err naming the setting at fault. Neither token nor key set is valid: the service is then
 * read-only. */
int auth_init(struct auth *auth, const struct config *cfg, char *err, size_t errlen);

void auth_cleanup(struct auth *auth);

/* Authenticates the request's writer, then requires the scopes in needed (0: the handler will,
 * with auth_require, once it knows what the write does). JVDR_OK sets req->actor, req->writer
 * and req->scopes; otherwise JVDR_E_FORBIDDEN when writes are off or a scope is missing,
 * JVDR_E_UNAUTHORIZED when the token is missing or not valid, with the problem's detail and
 * req->challenge (the WWW-Authenticate value) set. Thread-safe. */
enum jvdr_err auth_check(struct auth *auth, struct request *req, unsigned needed);

/* JVDR_OK when the authenticated writer holds every scope in needed, else JVDR_E_FORBIDDEN naming
 * the ones it lacks (in the detail, the problem's "scopes" and req->challenge). */
enum jvdr_err auth_require(struct request *req, unsigned needed);

/* The key set's metrics (nothing without JVDR_JWKS_FILE). */
void auth_metrics(struct auth *auth, struct buf *out);

/* Reads JVDR_JWKS_FILE again (SIGHUP). */
void auth_reload(struct auth *auth);

#endif
