/* Bearer token loading and checking; see include/jvdr/http/auth.h. */
#include "jvdr/http/auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* RFC 6750 token68: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", then "=" padding. */
static bool token68(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (isalnum((unsigned char)s[i]) || strchr("-._~+/", s[i])))
        i++;
    if (i == 0)
        return false;
    while (i < len && s[i] == '=')
        i++;
    return i == len;
}

/* Adds one "[label:]token" entry of len bytes; -1 with err on a bad one. */
static int auth_add(struct auth *auth, const char *entry, size_t len, const char *source, char *err,
                    size_t errlen)
{
    while (len && isspace((unsigned char)*entry)) {
        entry++;
        len--;
    }
    while (len && isspace((unsigned char)entry[len - 1]))
        len--;
    if (len == 0)
        return 0;
    const char *colon = memchr(entry, ':', len);
    const char *secret = colon ? colon + 1 : entry;
    size_t label_len = colon ? (size_t)(colon - entry) : 0;
    size_t secret_len = len - (size_t)(secret - entry);
    for (size_t i = 0; i < label_len; i++) {
        if (!(isalnum((unsigned char)entry[i]) || entry[i] == '-' || entry[i] == '_') ||
            label_len > 32) {
            snprintf(err, errlen, "%s: a token label must be 1-32 letters, digits, '-' or '_'",
                     source);
            return -1;
        }
    }
    if (secret_len < AUTH_MIN_TOKEN || !token68(secret, secret_len)) {
        snprintf(err, errlen,
                 "%s: each token must be at least %d characters of A-Z a-z 0-9 - . _ ~ + /", source,
                 AUTH_MIN_TOKEN);
        return -1;
    }
    struct auth_token *grown = realloc(auth->tokens, (auth->count + 1) * sizeof *grown);
    if (!grown) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    auth->tokens = grown;
    struct auth_token *t = &auth->tokens[auth->count];
    memset(t, 0, sizeof *t);
    if (label_len)
        memcpy(t->label, entry, label_len);
    else
        snprintf(t->label, sizeof t->label, "token-%zu", auth->count + 1);
    t->secret = strndup(secret, secret_len);
    t->len = secret_len;
    if (!t->secret) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    auth->count++;
    return 0;
}

/* Adds every entry of text split at any of separators. */
static int auth_add_all(struct auth *auth, const char *text, const char *separators,
                        const char *source, char *err, size_t errlen)
{
    while (*text) {
        size_t len = strcspn(text, separators);
        if (auth_add(auth, text, len, source, err, errlen) != 0)
            return -1;
        text += len;
        if (*text)
            text++;
    }
    return 0;
}

int auth_init(struct auth *auth, const struct config *cfg, char *err, size_t errlen)
{
    memset(auth, 0, sizeof *auth);
    if (cfg->api_token && *cfg->api_token &&
        auth_add_all(auth, cfg->api_token, ",", "JVDR_API_TOKEN", err, errlen) != 0)
        return -1;
    if (cfg->api_token_file && *cfg->api_token_file) {
        FILE *f = fopen(cfg->api_token_file, "r");
        if (!f) {
            snprintf(err, errlen, "JVDR_API_TOKEN_FILE: cannot read '%s'", cfg->api_token_file);
            return -1;
        }
        char text[8192];
        size_t n = fread(text, 1, sizeof text - 1, f);
        bool too_long = !feof(f);
        fclose(f);
        text[n] = '\0';
        if (too_long || strlen(text) != n) {
            snprintf(err, errlen, "JVDR_API_TOKEN_FILE: '%s' is not a short text file",
                     cfg->api_token_file);
            return -1;
        }
        if (auth_add_all(auth, text, "\n", "JVDR_API_TOKEN_FILE", err, errlen) != 0)
            return -1;
    }
    return 0;
}

void auth_cleanup(struct auth *auth)
{
    for (size_t i = 0; i < auth->count; i++) {
        memset(auth->tokens[i].secret, 0, auth->tokens[i].len);
        free(auth->tokens[i].secret);
    }
    free(auth->tokens);
    memset(auth, 0, sizeof *auth);
}

/* Compares in time that depends only on the stored token's length, not on the guess. */
static bool equal_in_constant_time(const char *stored, size_t stored_len, const char *given,
                                   size_t given_len)
{
    unsigned char diff = (unsigned char)(stored_len != given_len);
    for (size_t i = 0; i < stored_len; i++)
        diff |= (unsigned char)(stored[i] ^ (i < given_len ? given[i] : 0));
    return diff == 0;
}

enum jvdr_err auth_check(const struct auth *auth, struct request *req)
{
    if (auth->count == 0)
        return request_fail(req, JVDR_E_FORBIDDEN,
                            "this service is read-only: no API token is configured");
    const char *header = request_header(req, "Authorization");
    if (!header)
        return request_fail(req, JVDR_E_UNAUTHORIZED, "send Authorization: Bearer <token>");
    if (strncasecmp(header, "Bearer ", 7) != 0)
        return request_fail(req, JVDR_E_UNAUTHORIZED, "only Bearer authorization is accepted");
    const char *given = header + 7;
    while (*given == ' ')
        given++;
    size_t given_len = strlen(given);
    const struct auth_token *match = NULL;
    for (size_t i = 0; i < auth->count; i++)
        if (equal_in_constant_time(auth->tokens[i].secret, auth->tokens[i].len, given, given_len))
            match = &auth->tokens[i];
    if (!match)
        return request_fail(req, JVDR_E_UNAUTHORIZED, "the bearer token is not valid");
    req->actor = match->label;
    return JVDR_OK;
}
