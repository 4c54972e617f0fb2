/* Problem documents: one mapping from error code to status, type and title, and a body that is
 * always valid JSON with the RFC 9457 members. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/problem.h"

static json_t *render(enum jvdr_err code, const char *detail, const char *parameter,
                      struct response *res)
{
    struct request req;
    memset(&req, 0, sizeof req);
    memset(res, 0, sizeof *res);
    req.arena = arena_new();
    req.path = "/v1/events";
    req.error_detail = detail;
    req.error_parameter = parameter;
    problem_respond(&req, res, code);
    arena_free(req.arena);
    cr_assert_str_eq(res->content_type, "application/problem+json");
    json_error_t error;
    json_t *doc = json_loadb(res->body, res->body_len, 0, &error);
    cr_assert_not_null(doc, "%s", error.text);
    return doc;
}

Test(problem, statuses_follow_the_codes)
{
    cr_assert_eq(problem_status(JVDR_E_NOT_FOUND), 404);
    cr_assert_eq(problem_status(JVDR_E_METHOD), 405);
    cr_assert_eq(problem_status(JVDR_E_BAD_PARAM), 400);
    cr_assert_eq(problem_status(JVDR_E_CONFLICT), 409);
    cr_assert_eq(problem_status(JVDR_E_TOO_LARGE), 413);
    cr_assert_eq(problem_status(JVDR_E_MEDIA_TYPE), 415);
    cr_assert_eq(problem_status(JVDR_E_INVALID), 422);
    cr_assert_eq(problem_status(JVDR_E_BUSY), 503, "busy is never a 500");
    cr_assert_eq(problem_status(JVDR_E_INTERNAL), 500);
}

Test(problem, body_carries_type_title_status_detail_and_parameter)
{
    struct response res;
    json_t *doc = render(JVDR_E_BAD_PARAM, "query parameter 'limit' is bad", "limit", &res);
    cr_assert_eq(res.status, 400);
    cr_assert_str_eq(json_string_value(json_object_get(doc, "type")),
                     "urn:jvdr:problem:bad-parameter");
    cr_assert_str_eq(json_string_value(json_object_get(doc, "title")), "Bad query parameter");
    cr_assert_eq(json_integer_value(json_object_get(doc, "status")), 400);
    cr_assert_str_eq(json_string_value(json_object_get(doc, "detail")),
                     "query parameter 'limit' is bad");
    cr_assert_str_eq(json_string_value(json_object_get(doc, "parameter")), "limit");
    cr_assert_str_eq(json_string_value(json_object_get(doc, "instance")), "/v1/events");
    json_decref(doc);
    response_cleanup(&res);
}

Test(problem, invalid_utf8_in_the_detail_still_gives_valid_json)
{
    struct response res;
    json_t *doc = render(JVDR_E_NOT_FOUND, "no event has the id '\xff\xfe'", "\xc3", &res);
    cr_assert_eq(res.status, 404);
    cr_assert_str_eq(json_string_value(json_object_get(doc, "detail")),
                     "Nothing exists at this path.");
    cr_assert_null(json_object_get(doc, "parameter"));
    json_decref(doc);
    response_cleanup(&res);
}
