/* Static bearer tokens, from JVDR_API_TOKEN (comma-separated) or JVDR_API_TOKEN_FILE (a line
 * each): "token", "label:token" or "label:token:scope+scope". The label names the writer in the
 * audit trail; a token without scopes may do everything, as before scopes existed. The token itself
 * is never logged or stored, and is compared in time that does not depend on the guess. */
#ifndef JVDR_HTTP_STATIC_TOKENS_H
#define JVDR_HTTP_STATIC_TOKENS_H

#include <stddef.h>

#define STATIC_TOKEN_MIN 16

struct static_token {
    char label[33];
    char *secret; /* owned; wiped when freed */
    size_t len;
    unsigned scopes; /* http/scopes.h bits */
};

struct static_tokens {
    struct static_token *tokens;
    size_t count;
};

/* Adds the entries of text, split at any of separators; source names the setting in err.
 * Returns 0, or -1 with a one-line reason (a token shorter than STATIC_TOKEN_MIN or with
 * characters outside RFC 6750's token68, a bad label, an unknown scope). */
int static_tokens_add(struct static_tokens *set, const char *text, const char *separators,
                      const char *source, char *err, size_t errlen);

/* Reads the file's lines into set; as static_tokens_add, and -1 when it cannot be read. */
int static_tokens_load(struct static_tokens *set, const char *path, char *err, size_t errlen);

void static_tokens_cleanup(struct static_tokens *set);

/* The token the len bytes at given are, or NULL. Every token is compared, whatever matches. */
const struct static_token *static_tokens_find(const struct static_tokens *set, const char *given,
                                              size_t len);

#endif
