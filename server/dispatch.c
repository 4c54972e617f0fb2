/* Routing, CORS, handlers, problem documents and conditional GETs; see include/jvdr/dispatch.h. */
#include "jvdr/dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/app.h"
#include "jvdr/arena.h"
#include "jvdr/auth.h"
#include "jvdr/etag.h"
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
    } methods[] = {{"GET", HTTP_GET},        {"HEAD", HTTP_HEAD},   {"POST", HTTP_POST},
                   {"PUT", HTTP_PUT},        {"PATCH", HTTP_PATCH}, {"DELETE", HTTP_DELETE},
                   {"OPTIONS", HTTP_OPTIONS}};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0)
            return methods[i].method;
    return HTTP_OTHER;
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
    char tag[ETAG_SIZE];
    etag_compute(res->body ? res->body : "", res->body_len, tag);
    const char *etag = arena_strdup(req->arena, tag);
    if (!etag)
        return;
    response_header(res, "ETag", etag);
    response_header(res, "Cache-Control", "no-cache");
    const char *inm = request_header(req, "If-None-Match");
    if (inm && etag_listed(inm, etag, true)) {
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
    if (req->route && code == JVDR_OK && (req->route->methods & ROUTE_WRITE_METHODS)) {
        code = auth_check(&req->app->auth, req);
        if (code == JVDR_E_UNAUTHORIZED)
            response_header(res, "WWW-Authenticate",
                            request_header(req, "Authorization")
                                ? "Bearer realm=\"jvdr\", error=\"invalid_token\""
                                : "Bearer realm=\"jvdr\"");
    }
    if (req->route && code == JVDR_OK) {
        code = (req->route->flags & ROUTE_NO_DB) ? JVDR_OK : app_db(req->app, &req->db);
        if (code != JVDR_OK)
            code = request_fail(req, code == JVDR_E_NOMEM ? JVDR_E_NOMEM : JVDR_E_BUSY,
                                "the database is unavailable");
        else
            code = req->route->handler(req, res);
    }
    if (code != JVDR_OK) {
        problem_respond(req, res, code);
        response_header(res, "Cache-Control", "no-store");
    } else if (res->status == 200 && (req->method == HTTP_GET || req->method == HTTP_HEAD)) {
        conditional_get(req, res);
    } else if (req->method != HTTP_GET && req->method != HTTP_HEAD) {
        response_header(res, "Cache-Control", "no-store");
    }
    add_cors(req, res, preflight);
}
