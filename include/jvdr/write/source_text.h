/* PUT /v1/sources/{id}/text, and the one operation behind it that `jvdr import-sources` uses too:
 * a document's text replaced in one write transaction — checked (UTF-8, no NUL, size), If-Match
 * against the text's ETag, refused with 409 when a span citing the document would point past the
 * new text's end, audited, and reported to the cache like every write. */
#ifndef JVDR_WRITE_SOURCE_TEXT_H
#define JVDR_WRITE_SOURCE_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"
#include "jvdr/base/etag.h"
#include "jvdr/http/request.h"

struct arena;
struct store;

struct text_put {
    struct store *store;
    struct arena *arena; /* the outcome's strings */
    const char *id;
    const char *text;
    size_t len;
    const char *actor, *request_id; /* for the audit trail (request_id may be NULL) */
    const char *if_match;           /* as sent (its lines joined), NULL when absent */
    const char *if_none_match;      /* likewise; '*' loads a text only where none is */
    bool require_if_match;          /* replacing a loaded text needs If-Match (428) */
};

struct text_put_outcome {
    const char *detail;   /* why it was refused, for the problem (arena) */
    json_t *broken;       /* on 409: the spans the text would leave past its end (caller's) */
    bool created;         /* there was no text before */
    char etag[ETAG_SIZE]; /* of the text now stored */
};

/* Replaces source put->id's text. Returns JVDR_OK, or the refusal with out->detail set. */
enum jvdr_err source_text_put(const struct text_put *put, struct text_put_outcome *out);

/* PUT /v1/sources/{id}/text: text/plain; charset=utf-8. 201 when the source had no text, else
 * 204; the text's ETag either way. */
enum jvdr_err sources_text_replace(struct request *req, struct response *res);

#endif
