/* Parsing and patching write bodies; see include/jvdr/http/body.h. */
#include "jvdr/http/body.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/arena.h"

enum jvdr_err body_expect_type(struct request *req, const char *type)
{
    const char *given = request_header(req, "Content-Type");
    if (!given)
        return request_fail(req, JVDR_E_MEDIA_TYPE, "send the body as %s (Content-Type is missing)",
                            type);
    size_t tlen = strlen(type);
    const char *rest = given + tlen;
    if (strncasecmp(given, type, tlen) != 0 || (*rest && *rest != ';' && *rest != ' '))
        return request_fail(req, JVDR_E_MEDIA_TYPE, "send the body as %s, not %.100s", type, given);
    const char *charset = NULL;
    for (const char *p = rest; *p && !charset; p++)
        if (strncasecmp(p, "charset=", 8) == 0)
            charset = p;
    if (charset && strncasecmp(charset + 8, "utf-8", 5) != 0 &&
        strncasecmp(charset + 8, "\"utf-8\"", 7) != 0)
        return request_fail(req, JVDR_E_MEDIA_TYPE, "the body must be UTF-8");
    return JVDR_OK;
}

/* The deepest nesting of arrays and objects in text, counted outside strings; stops counting
 * past limit. Runs before jansson so that a deep document never reaches its recursive parser. */
static int nesting_depth(const char *text, size_t len, int limit)
{
    int depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest && (deepest = depth) > limit)
                return deepest;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return deepest;
}

static void json_decref_void(void *json)
{
    json_decref(json);
}

enum jvdr_err body_parse_object(struct request *req, json_t **out)
{
    *out = NULL;
    if (req->body_len == 0)
        return request_fail(req, JVDR_E_BAD_REQUEST, "the request needs a JSON body");
    if (memchr(req->body, '\0', req->body_len))
        return request_fail(req, JVDR_E_BAD_REQUEST, "the body contains a NUL byte");
    if (nesting_depth(req->body, req->body_len, BODY_MAX_DEPTH) > BODY_MAX_DEPTH)
        return request_fail(req, JVDR_E_BAD_REQUEST, "the JSON is nested deeper than %d levels",
                            BODY_MAX_DEPTH);
    json_error_t error;
    /* Any JSON value parses (a bare null or 1 too), so that a value that is not an object is 422,
     * as [] is, rather than "malformed". */
    json_t *json =
        json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error);
    if (!json)
        return request_fail(req, JVDR_E_BAD_REQUEST, "malformed JSON at line %d, column %d: %s",
                            error.line, error.column, error.text);
    if (arena_defer(req->arena, json_decref_void, json) != 0)
        return JVDR_E_NOMEM;
    if (!json_is_object(json))
        return request_fail(req, JVDR_E_INVALID, "the body must be a JSON object");
    *out = json;
    return JVDR_OK;
}

json_t *body_parse_line(const char *text, size_t len, struct arena *arena, const char **why)
{
    *why = NULL;
    if (memchr(text, '\0', len)) {
        *why = "holds a NUL byte";
        return NULL;
    }
    if (nesting_depth(text, len, BODY_MAX_DEPTH) > BODY_MAX_DEPTH) {
        *why = arena_printf(arena, "is JSON nested deeper than %d levels", BODY_MAX_DEPTH);
        return NULL;
    }
    json_error_t error;
    json_t *json = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error);
    if (!json) {
        *why = arena_printf(arena, "is not JSON (column %d: %s)", error.column, error.text);
        return NULL;
    }
    if (!json_is_object(json)) {
        json_decref(json);
        *why = "must be a JSON object";
        return NULL;
    }
    return json;
}

void body_merge_patch(json_t *target, json_t *patch)
{
    const char *key;
    json_t *value;
    json_object_foreach(patch, key, value)
    {
        if (json_is_null(value)) {
            json_object_del(target, key);
        } else if (json_is_object(value)) {
            json_t *current = json_object_get(target, key);
            if (!json_is_object(current)) {
                current = json_object();
                if (!current || json_object_set_new(target, key, current) != 0)
                    continue; /* out of memory: the member stays as it was */
            }
            body_merge_patch(current, value);
        } else {
            json_object_set(target, key, value);
        }
    }
}
