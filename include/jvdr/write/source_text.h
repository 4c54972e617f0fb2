/* PUT /v1/sources/{id}/text, and the one operation behind it that `jvdr import-sources` uses too:
 * a document's text replaced in one write transaction — checked (UTF-8, no NUL, size), If-Match
 * against the text's ETag, the spans citing it carried onto the new text by their words
 * (store/span_carry.h; 409 listing the orphans when some words are gone, unless lenient), audited
 * with what happened to them, and reported to the cache like every write. A first text must hold
 * the spans written before it (409 listing the broken ones). */
#ifndef JVDR_WRITE_SOURCE_TEXT_H
#define JVDR_WRITE_SOURCE_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"
#include "jvdr/base/etag.h"
#include "jvdr/http/request.h"

struct arena;
struct db;
struct store;
struct store_changes;

struct text_put {
    struct store *store;
    struct arena *arena; /* the outcome's strings */
    const char *id;
    const char *text;
    size_t len;
    const char *actor, *writer, *request_id; /* for the audit trail (request_id may be NULL) */
    const char *if_match;                    /* as sent (its lines joined), NULL when absent */
    const char *if_none_match;               /* likewise; '*' loads a text only where none is */
    bool require_if_match;                   /* replacing a loaded text needs If-Match (428) */
    bool lenient;      /* spans whose words are gone become orphans instead of refusing (409) */
    long long reverts; /* the change this text puts back (write/revert.c); 0 for none */
};

struct text_put_outcome {
    const char *detail;   /* why it was refused, for the problem (arena) */
    json_t *broken;       /* on 409: the spans a first text would leave past its end (caller's) */
    json_t *orphans;      /* the spans whose words the new text lost (caller's; NULL: none) */
    json_t *carried;      /* what the new text did to the spans (caller's; NULL: nothing) */
    bool created;         /* there was no text before */
    long long cursor;     /* the change recorded */
    char etag[ETAG_SIZE]; /* of the text now stored */
};

/* Replaces source put->id's text. Returns JVDR_OK, or the refusal with out->detail set. */
enum jvdr_err source_text_put(const struct text_put *put, struct text_put_outcome *out);

/* The same inside the caller's write transaction on db (put->store unused), adding what changed
 * to facts for the caller's store_write_end; out must start zeroed. */
enum jvdr_err source_text_put_locked(const struct text_put *put, struct text_put_outcome *out,
                                     struct db *db, struct store_changes *facts);

/* Whether a Prefer header (RFC 7240: preferences separated by commas, each a token, an optional
 * value and parameters after ';'; may be NULL) asks for handling=lenient. */
bool source_text_prefers_lenient(const char *prefer);

/* PUT /v1/sources/{id}/text: text/plain; charset=utf-8. 201 when the source had no text, else
 * 204; the text's ETag either way. */
enum jvdr_err sources_text_replace(struct request *req, struct response *res);

#endif
