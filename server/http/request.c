/* Small helpers over struct request and struct response; see include/jvdr/http/request.h. */
#include "jvdr/http/request.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/cache.h"
#include "jvdr/http/site.h"

void request_depends(struct request *req, const char *kind, const char *field, const char *value)
{
    if (!req->depends || req->depends_overflow)
        return;
    struct cache *cache = &req->site->cache;
    bool ok = cache_stamp_add(cache, req->depends, cache_tag(kind, field, value));
    if (ok && *field && strcmp(field, "id") != 0)
        ok = cache_stamp_add(cache, req->depends, cache_tag(kind, field, "*")) &&
             cache_stamp_add(cache, req->depends, cache_tag(kind, "*", ""));
    req->depends_overflow = !ok;
}

bool request_narrowed(const struct request *req)
{
    return req->depends && req->depends->ntags > 0 && !req->depends_overflow;
}

const char *request_header(const struct request *req, const char *name)
{
    for (size_t i = 0; i < req->nheaders; i++)
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    return NULL;
}

const char *request_header_list(const struct request *req, const char *name)
{
    const char *joined = NULL;
    for (size_t i = 0; i < req->nheaders; i++) {
        if (strcasecmp(req->headers[i].name, name) != 0)
            continue;
        joined = joined ? arena_printf(req->arena, "%s, %s", joined, req->headers[i].value)
                        : req->headers[i].value;
        if (!joined)
            return "\"\""; /* out of memory: a list that matches no ETag and is not '*' */
    }
    return joined;
}

enum jvdr_err request_fail(struct request *req, enum jvdr_err code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    req->error_detail = arena_strdup(req->arena, tmp);
    return code;
}

static void json_decref_void(void *json)
{
    json_decref(json);
}

int request_problem_extra(struct request *req, const char *name, json_t *value)
{
    if (!req->problem_extra) {
        req->problem_extra = json_object();
        if (!req->problem_extra || arena_defer(req->arena, json_decref_void, req->problem_extra)) {
            req->problem_extra = NULL;
            json_decref(value);
            return -1;
        }
    }
    return json_object_set_new(req->problem_extra, name, value);
}

int response_header(struct response *res, const char *name, const char *value)
{
    if (res->nheaders == RESPONSE_MAX_HEADERS)
        return -1;
    res->headers[res->nheaders].name = name;
    res->headers[res->nheaders].value = value;
    res->nheaders++;
    return 0;
}

/* Gives up the current body, owned or lent. */
static void drop_body(struct response *res)
{
    if (res->shared)
        cache_release(res->shared);
    else
        free(res->body);
    res->shared = NULL;
    res->body = NULL;
    if (res->stream.done)
        res->stream.done(res->stream.context);
    memset(&res->stream, 0, sizeof res->stream);
}

void response_body(struct response *res, int status, const char *content_type, char *body,
                   size_t len)
{
    drop_body(res);
    res->status = status;
    res->content_type = content_type;
    res->body = body;
    res->body_len = len;
}

void response_stream(struct response *res, int status, const char *content_type,
                     struct response_stream stream)
{
    drop_body(res);
    res->status = status;
    res->content_type = content_type;
    res->stream = stream;
}

enum jvdr_err response_json(struct response *res, int status, json_t *json)
{
    char *text = json ? json_dumps(json, JSON_COMPACT) : NULL;
    json_decref(json);
    if (!text)
        return JVDR_E_NOMEM;
    response_body(res, status, "application/json", text, strlen(text));
    return JVDR_OK;
}

void response_cleanup(struct response *res)
{
    drop_body(res);
}
