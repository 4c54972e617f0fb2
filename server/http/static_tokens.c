/* Static bearer tokens; see include/jvdr/http/static_tokens.h. */
#include "jvdr/http/static_tokens.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/http/scopes.h"

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

/* The scopes of "scope+scope" (len bytes); -1 with err naming an unknown one. */
static int entry_scopes(const char *text, size_t len, const char *source, unsigned *scopes,
                        char *err, size_t errlen)
{
    long unknown = -1;
    *scopes = scope_parse(text, len, "+", &unknown);
    if (unknown >= 0 || *scopes == 0) {
        snprintf(err, errlen,
                 "%s: a token's scopes are records:write, records:delete, texts:write or admin, "
                 "joined by '+'",
                 source);
        return -1;
    }
    return 0;
}

/* Adds one "[label:]token[:scopes]" entry of len bytes; -1 with err on a bad one. */
static int add_entry(struct static_tokens *set, const char *entry, size_t len, const char *source,
                     char *err, size_t errlen)
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
    const char *second = memchr(secret, ':', secret_len);
    unsigned scopes = SCOPE_ALL;
    if (second) {
        if (entry_scopes(second + 1, (size_t)(entry + len - second - 1), source, &scopes, err,
                         errlen) != 0)
            return -1;
        secret_len = (size_t)(second - secret);
    }
    for (size_t i = 0; i < label_len; i++) {
        if (!(isalnum((unsigned char)entry[i]) || entry[i] == '-' || entry[i] == '_') ||
            label_len > 32) {
            snprintf(err, errlen, "%s: a token label must be 1-32 letters, digits, '-' or '_'",
                     source);
            return -1;
        }
    }
    if (secret_len < STATIC_TOKEN_MIN || !token68(secret, secret_len)) {
        snprintf(err, errlen,
                 "%s: each token must be at least %d characters of A-Z a-z 0-9 - . _ ~ + /", source,
                 STATIC_TOKEN_MIN);
        return -1;
    }
    struct static_token *grown = realloc(set->tokens, (set->count + 1) * sizeof *grown);
    if (!grown) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    set->tokens = grown;
    struct static_token *t = &set->tokens[set->count];
    memset(t, 0, sizeof *t);
    if (label_len)
        memcpy(t->label, entry, label_len);
    else
        snprintf(t->label, sizeof t->label, "token-%zu", set->count + 1);
    t->secret = strndup(secret, secret_len);
    t->len = secret_len;
    t->scopes = scopes;
    if (!t->secret) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    set->count++;
    return 0;
}

int static_tokens_add(struct static_tokens *set, const char *text, const char *separators,
                      const char *source, char *err, size_t errlen)
{
    while (*text) {
        size_t len = strcspn(text, separators);
        if (add_entry(set, text, len, source, err, errlen) != 0)
            return -1;
        text += len;
        if (*text)
            text++;
    }
    return 0;
}

int static_tokens_load(struct static_tokens *set, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "JVDR_API_TOKEN_FILE: cannot read '%s'", path);
        return -1;
    }
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    bool too_long = !feof(f);
    fclose(f);
    text[n] = '\0';
    if (too_long || strlen(text) != n) {
        snprintf(err, errlen, "JVDR_API_TOKEN_FILE: '%s' is not a short text file", path);
        return -1;
    }
    return static_tokens_add(set, text, "\n", "JVDR_API_TOKEN_FILE", err, errlen);
}

void static_tokens_cleanup(struct static_tokens *set)
{
    for (size_t i = 0; i < set->count; i++) {
        memset(set->tokens[i].secret, 0, set->tokens[i].len);
        free(set->tokens[i].secret);
    }
    free(set->tokens);
    memset(set, 0, sizeof *set);
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

const struct static_token *static_tokens_find(const struct static_tokens *set, const char *given,
                                              size_t len)
{
    const struct static_token *match = NULL;
    for (size_t i = 0; i < set->count; i++)
        if (equal_in_constant_time(set->tokens[i].secret, set->tokens[i].len, given, len))
            match = &set->tokens[i];
    return match;
}
