/* Request bodies for writes: the content type, JSON parsing with the service's limits (duplicate
 * keys, nesting depth, UTF-8, NUL), and JSON Merge Patch (RFC 7396). */
#ifndef JVDR_HTTP_BODY_H
#define JVDR_HTTP_BODY_H

#include <jansson.h>
#include <stdbool.h>

#include "jvdr/http/request.h"

#define BODY_MAX_DEPTH 16

/* JVDR_E_MEDIA_TYPE unless Content-Type is type (parameters such as charset=utf-8 allowed; any
 * other charset refused). */
enum jvdr_err body_expect_type(struct request *req, const char *type);

/* Parses req->body as one JSON object into *out (owned by the request's arena). Malformed JSON,
 * duplicate keys, invalid UTF-8, NUL characters or nesting deeper than BODY_MAX_DEPTH answer
 * JVDR_E_BAD_REQUEST with line and column; a valid non-object answers JVDR_E_INVALID. */
enum jvdr_err body_parse_object(struct request *req, json_t **out);

/* Applies an RFC 7396 merge patch to target in place (target must be an object). */
void body_merge_patch(json_t *target, json_t *patch);

/* One line of a bulk body as a JSON object (a new reference), with the same guards as a body
 * (no NUL byte, nesting within BODY_MAX_DEPTH, no duplicate member); NULL with the reason in *why
 * (static or in arena) otherwise. */
json_t *body_parse_line(const char *text, size_t len, struct arena *arena, const char **why);

#endif
