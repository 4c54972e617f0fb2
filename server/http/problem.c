/* Error code to problem document; see include/jvdr/http/problem.h. */
#include "jvdr/http/problem.h"

#include <string.h>

struct problem_kind {
    int status;
    const char *type; /* a URN: problem types are identifiers, not pages */
    const char *title;
    const char *fallback_detail;
};

static const struct problem_kind kinds[] = {
    [JVDR_OK] = {500, "urn:jvdr:problem:internal", "Internal error", "No error was recorded."},
    [JVDR_E_NOT_FOUND] = {404, "urn:jvdr:problem:not-found", "Not found",
                          "Nothing exists at this path."},
    [JVDR_E_METHOD] = {405, "urn:jvdr:problem:method-not-allowed", "Method not allowed",
                       "This path does not accept this method; see the Allow header."},
    [JVDR_E_BAD_PARAM] = {400, "urn:jvdr:problem:bad-parameter", "Bad query parameter",
                          "A query parameter is malformed."},
    [JVDR_E_BAD_REQUEST] = {400, "urn:jvdr:problem:bad-request", "Bad request",
                            "The request is malformed."},
    [JVDR_E_UNAUTHORIZED] = {401, "urn:jvdr:problem:unauthorized", "Unauthorized",
                             "Writes need Authorization: Bearer <token>."},
    [JVDR_E_FORBIDDEN] = {403, "urn:jvdr:problem:read-only", "Read-only",
                          "This service does not accept writes."},
    [JVDR_E_CONFLICT] = {409, "urn:jvdr:problem:conflict", "Conflict",
                         "The request conflicts with the stored data."},
    [JVDR_E_PRECONDITION] = {412, "urn:jvdr:problem:precondition-failed", "Precondition failed",
                             "The record changed since the ETag you sent; fetch it again."},
    [JVDR_E_PRECONDITION_REQUIRED] = {428, "urn:jvdr:problem:precondition-required",
                                      "Precondition required",
                                      "Send If-Match with the record's ETag to change it."},
    [JVDR_E_STORAGE_FULL] = {507, "urn:jvdr:problem:storage-full", "Insufficient storage",
                             "The disk is full; nothing was written."},
    [JVDR_E_TOO_LARGE] = {413, "urn:jvdr:problem:too-large", "Content too large",
                          "The request body is over the limit."},
    [JVDR_E_NOT_ACCEPTABLE] = {406, "urn:jvdr:problem:not-acceptable", "Not acceptable",
                               "This resource is available as application/json only."},
    [JVDR_E_MEDIA_TYPE] = {415, "urn:jvdr:problem:unsupported-media-type", "Unsupported media type",
                           "The body must be JSON."},
    [JVDR_E_INVALID] = {422, "urn:jvdr:problem:invalid", "Invalid content",
                        "The request body is not valid for this resource."},
    [JVDR_E_RATE_LIMITED] = {429, "urn:jvdr:problem:rate-limited", "Too many requests",
                             "This client is over its rate limit; retry after Retry-After."},
    [JVDR_E_BUSY] = {503, "urn:jvdr:problem:busy", "Service busy",
                     "The store is busy; retry shortly."},
    [JVDR_E_TIMEOUT] = {503, "urn:jvdr:problem:timeout", "Answer took too long",
                        "The answer took longer than this service allows; retry later or narrow "
                        "the request."},
    [JVDR_E_NOMEM] = {503, "urn:jvdr:problem:overloaded", "Service overloaded",
                      "The server is out of memory; retry shortly."},
    [JVDR_E_URI_TOO_LONG] = {414, "urn:jvdr:problem:uri-too-long", "URI too long",
                             "The request target is over the limit."},
    [JVDR_E_HEADERS_TOO_LARGE] = {431, "urn:jvdr:problem:headers-too-large",
                                  "Request header fields too large",
                                  "The request's header fields are over the limit."},
    [JVDR_E_INTERNAL] = {500, "urn:jvdr:problem:internal", "Internal error",
                         "The server failed; the failure is logged."},
};

static const struct problem_kind *problem_kind(enum jvdr_err code)
{
    if ((size_t)code >= sizeof kinds / sizeof kinds[0] || code == JVDR_OK)
        return &kinds[JVDR_E_INTERNAL];
    return &kinds[code];
}

int problem_status(enum jvdr_err code)
{
    return problem_kind(code)->status;
}

void problem_respond(struct request *req, struct response *res, enum jvdr_err code)
{
    const struct problem_kind *kind = problem_kind(code);
    const char *detail = req->error_detail ? req->error_detail : kind->fallback_detail;
    json_t *doc = json_object();
    if (doc) {
        /* The detail may quote client input, which can be invalid UTF-8: json_string() would
         * refuse it, so fall back to the generic text rather than drop the field. */
        json_t *detail_json = json_string(detail);
        if (!detail_json)
            detail_json = json_string(kind->fallback_detail);
        int failed = json_object_set_new(doc, "type", json_string(kind->type));
        failed |= json_object_set_new(doc, "title", json_string(kind->title));
        failed |= json_object_set_new(doc, "status", json_integer(kind->status));
        failed |= json_object_set_new(doc, "detail", detail_json);
        if (req->path) {
            json_t *instance = json_string(req->path);
            if (instance)
                failed |= json_object_set_new(doc, "instance", instance);
        }
        if (req->error_parameter) {
            json_t *param = json_string(req->error_parameter);
            if (param)
                failed |= json_object_set_new(doc, "parameter", param);
        }
        if (req->problem_extra)
            failed |= json_object_update(doc, req->problem_extra);
        if (failed) {
            json_decref(doc);
            doc = NULL;
        }
    }
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    response_body(res, kind->status, "application/problem+json", text, text ? strlen(text) : 0);
    /* Overload is passing: say when to come back (429 sets its own from the client's bucket). */
    if (kind->status == 503)
        response_header(res, "Retry-After", "1");
    /* A write refused for its token: what to send instead (RFC 6750 §3). */
    if (req->challenge && (kind->status == 401 || kind->status == 403))
        response_header(res, "WWW-Authenticate", req->challenge);
}
