/* Routing, CORS, handlers, problem documents and conditional GETs; see include/jvdr/dispatch.h. */
#include "jvdr/dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/app.h"
#include "jvdr/arena.h"
#include "jvdr/problem.h"
#include "jvdr/router.h"

/* What browsers may read from our responses besides the CORS-safelisted headers. */
#define CORS_EXPOSED "ETag, Link, Location, X-Total-Count, X-Request-Id, Allow"
#define CORS_ALLOWED_HEADERS "Authorization, Content-Type, If-Match, If-None-Match, X-Request-Id"

enum http_method dispatch_method(const char *name)
{
    static const struct {
        const char *name;
        enum http_method method;
    } methods[] = {{"GET", HTTP_GET},     {"HEAD", HTTP_HEAD},     {"POST", HTTP_POST},
                   {"PUT", HTTP_PUT},     {"PATCH", HTTP_PATCH},   {"DELETE", HTTP_DELETE},
                   {"OPTIONS", HTTP_OPTIONS}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return methods[i].method;
    return HTTP_OTHER;
}

/* A strong validator from the body's bytes (64-bit FNV-1a): equal bodies, equal tags. */
static char *etag_for(struct arena *arena, const char *body, size_t len)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)body[i]) * 1099511628211ULL;
    return arena_printf(arena, "\"%016llx\"", h);
}

/* True when the If-None-Match list holds etag (weak comparison, as RFC 9110 asks) or "*". */
static bool etag_listed(const char *list, const char *etag)
{
    size_t elen = strlen(etag);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return true;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == elen && memcmp(p, etag, elen) == 0)
            return true;
        p += end ? (size_t)(end - p) : strlen(p);
    }
    return false;
}

static void add_cors(struct request *req, struct response *res, unsigned preflight_methods)
{
    const struct config *cfg = &req->app->config;
    if (!cfg->cors_origins[0])
        return;
    bool any = strcmp(cfg->cors_origins, "*") == 0;
    if (!any)
        response_header(res, "Vary", "Origin");
    const char *origin = request_header(req, "Origin");
    if (!config_origin_allowed(cfg, origin))
        return;
    response_header(res, "Access-Control-Allow-Origin", any ? "*" : origin);
    if (preflight_methods) {
        char allow[96];
        router_allow_header(preflight_methods, allow, sizeof allow);
        response_header(res, "Access-Control-Allow-Methods", arena_strdup(req->arena, allow));
        response_header(res, "Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS);
        response_header(res, "Access-Control-Max-Age", "600");
    } else {
        response_header(res, "Access-Control-Expose-Headers", CORS_EXPOSED);
    }
}

/* ETag, Cache-Control and If-None-Match for a successful GET or HEAD. */
static void conditional_get(struct request *req, struct response *res)
{
    char *etag = etag_for(req->arena, res->body ? res->body : "", res->body_len);
    if (!etag)
        return;
    response_header(res, "ETag", etag);
    response_header(res, "Cache-Control", "no-cache");
    const char *inm = request_header(req, "If-None-Match");
    if (inm && etag_listed(inm, etag)) {
        free(res->body);
        res->body = NULL;
        res->body_len = 0;
        res->status = 304;
    }
}

void dispatch(struct request *req, struct response *res)
{
    enum jvdr_err code = JVDR_OK;
    unsigned allowed = 0;
    unsigned preflight = 0;

    if (!req->route) {
        const struct route *route = NULL;
        enum router_result match = router_match(jvdr_routes, req->method, req->path, req->arena,
                                                &route, req->captures, &req->ncaptures, &allowed);
        if (match == ROUTER_FOUND) {
            req->route = route;
        } else if (match == ROUTER_NO_PATH) {
            code = request_fail(req, JVDR_E_NOT_FOUND, "no resource at this path");
        } else if (req->method == HTTP_OPTIONS) {
            response_body(res, 204, NULL, NULL, 0);
            preflight = allowed;
        } else {
            code = request_fail(req, JVDR_E_METHOD, "%s is not allowed here",
                                req->method_name ? req->method_name : "this method");
        }
        if (allowed) {
            char allow[96];
            router_allow_header(allowed, allow, sizeof allow);
            response_header(res, "Allow", arena_strdup(req->arena, allow));
        }
    }
    if (req->route && code == JVDR_OK) {
        code = app_db(req->app, &req->db);
        if (code == JVDR_OK)
            code = req->route->handler(req, res);
    }
    if (code != JVDR_OK) {
        problem_respond(req, res, code);
        response_header(res, "Cache-Control", "no-store");
    } else if (res->status == 200 && (req->method == HTTP_GET || req->method == HTTP_HEAD)) {
        conditional_get(req, res);
    }
    add_cors(req, res, preflight);
}
