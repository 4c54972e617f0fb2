/* Authentication and scopes of writes; see include/jvdr/http/auth.h. */
#include "jvdr/http/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/scopes.h"

int auth_init(struct auth *auth, const struct config *cfg, char *err, size_t errlen)
{
    memset(auth, 0, sizeof *auth);
    if (cfg->api_token && *cfg->api_token &&
        static_tokens_add(&auth->tokens, cfg->api_token, ",", "JVDR_API_TOKEN", err, errlen) != 0)
        return -1;
    if (cfg->api_token_file && *cfg->api_token_file &&
        static_tokens_load(&auth->tokens, cfg->api_token_file, err, errlen) != 0)
        return -1;
    if (!cfg->jwks_file || !*cfg->jwks_file)
        return 0;
    /* Without both, a token the provider issued for another service, or another provider's,
     * would do (RFC 8725 §3.8, §3.9). */
    if (!cfg->jwt_issuer || !*cfg->jwt_issuer || !cfg->jwt_audience || !*cfg->jwt_audience) {
        snprintf(err, errlen,
                 "JVDR_JWKS_FILE needs JVDR_JWT_ISSUER and JVDR_JWT_AUDIENCE: the "
                 "issuer and the audience its tokens must name");
        return -1;
    }
    if (key_watch_init(&auth->keys, cfg->jwks_file, err, errlen) != 0)
        return -1;
    auth->jwt = true;
    auth->rules = (struct jwt_rules){cfg->jwt_issuer, cfg->jwt_audience, cfg->jwt_scope_claim,
                                     (long)cfg->jwt_leeway};
    return 0;
}

void auth_cleanup(struct auth *auth)
{
    static_tokens_cleanup(&auth->tokens);
    if (auth->jwt)
        key_watch_cleanup(&auth->keys);
    memset(auth, 0, sizeof *auth);
}

/* 401 with the Bearer challenge: no error code when no bearer token came (RFC 6750 §3.1). */
static enum jvdr_err unauthorized(struct request *req, const char *why, bool token_sent)
{
    req->challenge = token_sent ? arena_printf(req->arena,
                                               "Bearer realm=\"jvdr\", error=\"invalid_token\", "
                                               "error_description=\"%s\"",
                                               why)
                                : "Bearer realm=\"jvdr\"";
    return request_fail(req, JVDR_E_UNAUTHORIZED, "%s", why);
}

/* Adds s to o as name, when there is an s. */
static int set_string(json_t *o, const char *name, const char *s)
{
    return s ? json_object_set_new(o, name, json_string(s)) : 0;
}

/* The writer, as the audit trail records it (JSON in the arena), from a verified token. */
static const char *jwt_writer(struct request *req, const struct jwt_claims *c)
{
    json_t *w = json_object();
    int failed = !w || set_string(w, "method", "jwt") || set_string(w, "issuer", c->issuer) ||
                 set_string(w, "subject", c->subject) || set_string(w, "username", c->username) ||
                 set_string(w, "name", c->name);
    char *text = failed ? NULL : json_dumps(w, JSON_COMPACT);
    const char *kept = text ? arena_strdup(req->arena, text) : NULL;
    free(text);
    json_decref(w);
    return kept;
}

/* Authenticates a JWT bearer; JVDR_OK fills req's writer. */
static enum jvdr_err check_jwt(struct auth *auth, struct request *req, const char *token,
                               size_t len)
{
    struct jwks *keys = key_watch_keys(&auth->keys);
    struct jwt_claims claims;
    const char *why = jwt_verify(keys, &auth->rules, token, len, (long long)time(NULL), &claims);
    jwks_release(keys);
    if (why)
        return unauthorized(req, why, true);
    req->actor = arena_strdup(req->arena, claims.subject);
    req->writer = jwt_writer(req, &claims);
    req->scopes = claims.scopes;
    json_decref(claims.claims);
    return req->actor && req->writer ? JVDR_OK : JVDR_E_NOMEM;
}

enum jvdr_err auth_check(struct auth *auth, struct request *req, unsigned needed)
{
    if (auth->tokens.count == 0 && !auth->jwt)
        return request_fail(req, JVDR_E_FORBIDDEN,
                            "this service is read-only: no API token or key set is configured");
    const char *header = request_header(req, "Authorization");
    if (!header)
        return unauthorized(req, "send Authorization: Bearer <token>", false);
    if (strncasecmp(header, "Bearer ", 7) != 0)
        return unauthorized(req, "only Bearer authorization is accepted", false);
    const char *given = header + 7;
    while (*given == ' ')
        given++;
    size_t len = strlen(given);
    const struct static_token *token = static_tokens_find(&auth->tokens, given, len);
    enum jvdr_err code = JVDR_OK;
    if (token) {
        req->actor = token->label;
        req->writer = arena_printf(req->arena, "{\"method\":\"token\",\"label\":\"%s\"}",
                                   token->label); /* a label is letters, digits, '-' and '_' */
        req->scopes = token->scopes;
        if (!req->writer)
            return JVDR_E_NOMEM;
    } else if (auth->jwt && len > 0 && (len > JWT_MAX_BYTES || jwt_shaped(given, len))) {
        code = check_jwt(auth, req, given, len);
    } else {
        code = unauthorized(req, "the bearer token is not valid", true);
    }
    return code == JVDR_OK && needed ? auth_require(req, needed) : code;
}

enum jvdr_err auth_require(struct request *req, unsigned needed)
{
    if (scope_allows(req->scopes, needed))
        return JVDR_OK;
    char names[96] = "";
    json_t *list = json_array();
    for (unsigned bit = 1; bit <= SCOPE_ADMIN; bit <<= 1) {
        if ((needed & bit) && !(req->scopes & bit)) {
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", *names ? " " : "",
                     scope_name(bit));
            json_array_append_new(list, json_string(scope_name(bit)));
        }
    }
    req->challenge = arena_printf(
        req->arena, "Bearer realm=\"jvdr\", error=\"insufficient_scope\", scope=\"%s\"", names);
    if (list)
        request_problem_extra(req, "scopes", list);
    return request_fail(req, JVDR_E_FORBIDDEN,
                        "this writer lacks the scope this write needs: %s (or admin)", names);
}

void auth_metrics(struct auth *auth, struct buf *out)
{
    if (auth->jwt)
        key_watch_metrics(&auth->keys, out);
}

void auth_reload(struct auth *auth)
{
    if (auth->jwt)
        key_watch_reload(&auth->keys, true);
}
