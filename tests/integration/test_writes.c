/* Writes over real HTTP: authentication, validation with JSON pointers, create/replace/patch/
 * delete, If-Match against lost updates, references, the audit trail, and refusals that leave
 * nothing behind. */
#define _DEFAULT_SOURCE /* usleep */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "analyst:s3cret-token-for-tests"
#define AUTH "Authorization: Bearer s3cret-token-for-tests"
#define JSON "Content-Type: application/json"
#define PATCH_JSON "Content-Type: application/merge-patch+json"

static struct test_server server;

static void with_token(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->max_body = 8192;
}

static void with_token_and_if_match(struct config *cfg)
{
    with_token(cfg);
    cfg->require_if_match = true;
}

static void start(void)
{
    test_server_start(&server, with_token);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(writes, .init = start, .fini = stop);

static void send_body(const char *method, const char *path, const char *const *headers,
                      const char *body, struct http_reply *reply)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, reply);
}

/* Sends body with the token and JSON content type; returns the status. */
static long write_json(const char *method, const char *path, const char *body,
                       struct http_reply *reply)
{
    const char *const headers[] = {AUTH, strcmp(method, "PATCH") == 0 ? PATCH_JSON : JSON, NULL};
    send_body(method, path, headers, body, reply);
    return reply->status;
}

static json_int_t changes_count(void)
{
    struct http_reply reply;
    http_get(server.base_url, "/v1/changes?limit=1000", &reply);
    json_t *c = http_json(&reply);
    json_int_t n = (json_int_t)json_array_size(json_object_get(c, "items"));
    json_decref(c);
    http_reply_free(&reply);
    return n;
}

static long get_status(const char *path)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

static const char valid_event[] =
    "{\"id\": \"staff-talks-2025\", \"title\": \"Navy staff talks\", \"type\": \"consultation\","
    " \"date\": \"2025-03\", \"date_qualifier\": \"late\", \"location\": \"Hanoi\","
    " \"countries\": [\"JP\", \"VN\"], \"topics\": [\"maritime-security\"],"
    " \"participants\": [{\"id\": \"phan-van-giang\", \"role\": \"host\"}],"
    " \"agreements\": [{\"id\": \"vientiane-vision\", \"relation\": \"referenced\"}],"
    " \"sources\": [{\"id\": \"deepen-security-ties-2021\", \"spans\": [{\"start\": 0, \"end\": "
    "38}]}]}";

Test(writes, reads_are_open_and_writes_need_the_token)
{
    struct http_reply reply;
    char value[200];
    cr_assert_eq(get_status("/v1/events"), 200);
    const char *const no_auth[] = {JSON, NULL};
    send_body("POST", "/v1/events", no_auth, valid_event, &reply);
    cr_assert_eq(reply.status, 401);
    cr_assert_str_eq(http_header(&reply, "WWW-Authenticate", value, sizeof value),
                     "Bearer realm=\"jvdr\"");
    http_reply_free(&reply);
    const char *const wrong[] = {JSON, "Authorization: Bearer s3cret-token-for-tesTS", NULL};
    send_body("DELETE", "/v1/events/admm-2020", wrong, NULL, &reply);
    cr_assert_eq(reply.status, 401);
    cr_assert(
        strstr(http_header(&reply, "WWW-Authenticate", value, sizeof value), "invalid_token"));
    http_reply_free(&reply);
    const char *const basic[] = {JSON, "Authorization: Basic dXNlcjpwYXNz", NULL};
    send_body("DELETE", "/v1/events/admm-2020", basic, NULL, &reply);
    cr_assert_eq(reply.status, 401);
    http_reply_free(&reply);
    cr_assert_eq(get_status("/v1/events/admm-2020"), 200, "nothing was deleted");
    cr_assert_eq(changes_count(), 0);
}

Test(writes, without_a_configured_token_the_service_is_read_only)
{
    test_server_stop(&server);
    test_server_start(&server, NULL);
    struct http_reply reply;
    cr_assert_eq(write_json("POST", "/v1/events", valid_event, &reply), 403);
    json_t *p = http_json(&reply);
    cr_assert(strstr(json_string_value(json_object_get(p, "detail")), "read-only"));
    json_decref(p);
    http_reply_free(&reply);
}

Test(writes, create_answers_201_with_location_and_the_record)
{
    struct http_reply created, fetched;
    char location[200], etag[40], etag2[40], expected[200];
    cr_assert_eq(write_json("POST", "/v1/events", valid_event, &created), 201, "%s", created.body);
    snprintf(expected, sizeof expected, "%s/v1/events/staff-talks-2025", server.base_url);
    cr_assert_str_eq(http_header(&created, "Location", location, sizeof location), expected,
                     "an absolute URL, as the client addressed the service");
    cr_assert_not_null(http_header(&created, "ETag", etag, sizeof etag));
    http_call(NULL, "GET", location, NULL, &fetched);
    cr_assert_eq(fetched.status, 200);
    cr_assert_str_eq(fetched.body, created.body, "the 201 body is the record as GET shows it");
    cr_assert_str_eq(http_header(&fetched, "ETag", etag2, sizeof etag2), etag);
    json_t *e = http_json(&fetched);
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(e, "participants"), 0), "name")),
                     "Phan Van Giang");
    cr_assert_eq(json_array_size(json_object_get(e, "sources")), 1);
    json_decref(e);
    http_reply_free(&created);
    http_reply_free(&fetched);
    /* The new event is searchable and filterable at once. */
    http_get(server.base_url, "/v1/events?official=phan-van-giang&from=2025", &fetched);
    cr_assert(strstr(fetched.body, "staff-talks-2025"));
    http_reply_free(&fetched);
}

Test(writes, an_id_is_derived_from_the_title_when_absent)
{
    struct http_reply a, b;
    const char body[] = "{\"title\": \"Đà Nẵng port call: JS Izumo\", \"type\": \"port-call\"}";
    cr_assert_eq(write_json("POST", "/v1/events", body, &a), 201, "%s", a.body);
    cr_assert_eq(write_json("POST", "/v1/events", body, &b), 201, "%s", b.body);
    char la[200], lb[200], ea[200], eb[200];
    snprintf(ea, sizeof ea, "%s/v1/events/da-nang-port-call-js-izumo", server.base_url);
    snprintf(eb, sizeof eb, "%s/v1/events/da-nang-port-call-js-izumo-2", server.base_url);
    cr_assert_str_eq(http_header(&a, "Location", la, sizeof la), ea);
    cr_assert_str_eq(http_header(&b, "Location", lb, sizeof lb), eb);
    http_reply_free(&a);
    http_reply_free(&b);
}

Test(writes, an_existing_id_is_a_409)
{
    struct http_reply reply;
    cr_assert_eq(write_json("POST", "/v1/officials",
                            "{\"id\": \"taro-kono\", \"name\": \"Taro Kono\", \"country\": \"JP\"}",
                            &reply),
                 409);
    http_reply_free(&reply);
}

Test(writes, invalid_content_is_422_naming_each_field)
{
    struct http_reply reply;
    const char body[] =
        "{\"title\": \"\", \"type\": \"party\", \"date\": \"2021-02-30\", \"host_country\": \"XX\","
        " \"countries\": [\"VN\", \"VN\"], \"topics\": [\"Cyber Security\"], \"colour\": 1,"
        " \"participants\": [{\"id\": \"Phan\"}], \"sources\": [{\"id\": \"x\", \"spans\": "
        "[{\"start\": 5, \"end\": -1}]}]}";
    cr_assert_eq(write_json("POST", "/v1/events", body, &reply), 422, "%s", reply.body);
    json_t *p = http_json(&reply);
    cr_assert_str_eq(json_string_value(json_object_get(p, "type")), "urn:jvdr:problem:invalid");
    const char *expected[] = {"/title",
                              "/type",
                              "/date",
                              "/host_country",
                              "/countries/1",
                              "/topics/0",
                              "/colour",
                              "/participants/0/id",
                              "/sources/0/spans/0/end"};
    json_t *errors = json_object_get(p, "errors");
    for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++) {
        bool found = false;
        size_t i;
        json_t *e;
        json_array_foreach(errors, i, e) found |=
            strcmp(json_string_value(json_object_get(e, "pointer")), expected[k]) == 0 &&
            json_string_length(json_object_get(e, "detail")) > 0;
        cr_assert(found, "no error at %s in %s", expected[k], reply.body);
    }
    json_decref(p);
    http_reply_free(&reply);

    cr_assert_eq(write_json("POST", "/v1/events",
                            "{\"title\": \"T\", \"type\": \"meeting\", \"participants\": [{\"id\": "
                            "\"no-such-official\"}]}",
                            &reply),
                 422);
    p = http_json(&reply);
    json_t *first = json_array_get(json_object_get(p, "errors"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(first, "pointer")), "/participants/0/id");
    cr_assert(strstr(json_string_value(json_object_get(first, "detail")), "no official"));
    json_decref(p);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(), 0, "nothing refused was written");
}

Test(writes, malformed_bodies_are_400)
{
    struct http_reply reply;
    const char *bodies[] = {"{\"title\": ",
                            "{\"title\": \"a\", \"title\": \"b\", \"type\": \"visit\"}",
                            "{\"title\": \"caf\xc3\", \"type\": \"visit\"}",
                            "",
                            "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
                            "{\"title\": \"a\\u0000b\", \"type\": \"visit\"}"};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        cr_assert_eq(write_json("POST", "/v1/events", bodies[i], &reply), 400, "body %zu: %s", i,
                     reply.body);
        json_t *p = http_json(&reply);
        cr_assert_str_eq(json_string_value(json_object_get(p, "type")),
                         "urn:jvdr:problem:bad-request");
        json_decref(p);
        http_reply_free(&reply);
    }
    const char nul_body[] = "{\"title\": \"a\0b\", \"type\": \"visit\"}";
    char url[256];
    const char *const headers[] = {AUTH, JSON, NULL};
    snprintf(url, sizeof url, "%s/v1/events", server.base_url);
    http_send(NULL, "POST", url, headers, nul_body, sizeof nul_body - 1, &reply);
    cr_assert_eq(reply.status, 400, "a raw NUL byte");
    http_reply_free(&reply);
    const char *not_objects[] = {"[1, 2]", "[]", "null", "1", "\"text\"", "true"};
    for (size_t i = 0; i < sizeof not_objects / sizeof not_objects[0]; i++) {
        cr_assert_eq(write_json("POST", "/v1/events", not_objects[i], &reply), 422,
                     "JSON, but not an object: %s", not_objects[i]);
        http_reply_free(&reply);
        cr_assert_eq(write_json("PATCH", "/v1/events/admm-2020", not_objects[i], &reply), 422,
                     "a merge patch that is JSON, but not an object: %s", not_objects[i]);
        http_reply_free(&reply);
    }
    cr_assert_eq(changes_count(), 0);
}

Test(writes, wrong_content_types_are_415)
{
    struct http_reply reply;
    const char *const text[] = {AUTH, "Content-Type: text/plain", NULL};
    send_body("POST", "/v1/events", text, valid_event, &reply);
    cr_assert_eq(reply.status, 415);
    http_reply_free(&reply);
    const char *const latin1[] = {AUTH, "Content-Type: application/json; charset=iso-8859-1", NULL};
    send_body("POST", "/v1/events", latin1, valid_event, &reply);
    cr_assert_eq(reply.status, 415);
    http_reply_free(&reply);
    const char *const plain_json[] = {AUTH, JSON, NULL};
    send_body("PATCH", "/v1/events/admm-2020", plain_json, "{\"location\": \"Hanoi\"}", &reply);
    cr_assert_eq(reply.status, 415, "PATCH takes application/merge-patch+json");
    char value[100];
    cr_assert_str_eq(http_header(&reply, "Accept-Patch", value, sizeof value),
                     "application/merge-patch+json");
    http_reply_free(&reply);
}

Test(writes, oversized_bodies_are_413)
{
    struct http_reply reply;
    char *big = malloc(9000);
    memset(big, ' ', 8999);
    big[0] = '{';
    big[8997] = '}';
    big[8998] = '\0';
    cr_assert_eq(write_json("POST", "/v1/events", big, &reply), 413);
    json_t *p = http_json(&reply);
    cr_assert(strstr(json_string_value(json_object_get(p, "detail")), "8192"));
    json_decref(p);
    http_reply_free(&reply);
    free(big);
}

Test(writes, a_get_representation_puts_back_unchanged)
{
    struct http_reply got, put;
    char etag[40], etag2[40];
    http_get(server.base_url, "/v1/agreements/joint-vision-statement-2018", &got);
    http_header(&got, "ETag", etag, sizeof etag);
    cr_assert_eq(write_json("PUT", "/v1/agreements/joint-vision-statement-2018", got.body, &put),
                 200, "%s", put.body);
    cr_assert_str_eq(put.body, got.body);
    cr_assert_str_eq(http_header(&put, "ETag", etag2, sizeof etag2), etag);
    http_reply_free(&got);
    http_reply_free(&put);
}

Test(writes, put_replaces_and_cannot_rename)
{
    struct http_reply reply;
    cr_assert_eq(
        write_json(
            "PUT", "/v1/officials/wang-yi",
            "{\"name\": \"Wang Yi\", \"country\": \"CN\", \"aliases\": [\"Wang Yi\", \"王毅\"]}",
            &reply),
        200, "%s", reply.body);
    json_t *o = http_json(&reply);
    cr_assert_eq(json_array_size(json_object_get(o, "positions")), 0,
                 "PUT replaces the whole record");
    cr_assert_eq(json_array_size(json_object_get(o, "aliases")), 2);
    json_decref(o);
    http_reply_free(&reply);
    cr_assert_eq(write_json("PUT", "/v1/officials/wang-yi",
                            "{\"id\": \"wang-er\", \"name\": \"W\", \"country\": \"CN\"}", &reply),
                 422);
    http_reply_free(&reply);
    cr_assert_eq(write_json("PUT", "/v1/officials/nobody-here",
                            "{\"name\": \"W\", \"country\": \"CN\"}", &reply),
                 404);
    http_reply_free(&reply);
}

Test(writes, merge_patch_sets_removes_and_replaces)
{
    struct http_reply reply;
    cr_assert_eq(
        write_json(
            "PATCH", "/v1/events/defense-consultation-tokyo-2020",
            "{\"location\": null, \"topics\": [\"peacekeeping\"], \"summary\": \"Rewritten.\"}",
            &reply),
        200, "%s", reply.body);
    json_t *e = http_json(&reply);
    cr_assert(json_is_null(json_object_get(e, "location")));
    cr_assert_eq(json_array_size(json_object_get(e, "topics")), 1);
    cr_assert_str_eq(json_string_value(json_object_get(e, "summary")), "Rewritten.");
    cr_assert_eq(json_array_size(json_object_get(e, "participants")), 2, "untouched members stay");
    json_decref(e);
    http_reply_free(&reply);
    cr_assert_eq(write_json("PATCH", "/v1/events/defense-consultation-tokyo-2020",
                            "{\"title\": null}", &reply),
                 422, "removing a required field is invalid");
    http_reply_free(&reply);
}

Test(writes, stale_if_match_is_412_and_star_matches)
{
    struct http_reply got, reply;
    char etag[40], header[80];
    http_get(server.base_url, "/v1/sources/deepen-security-ties-2021", &got);
    http_header(&got, "ETag", etag, sizeof etag);
    snprintf(header, sizeof header, "If-Match: %s", etag);
    const char *const first[] = {AUTH, PATCH_JSON, header, NULL};
    send_body("PATCH", "/v1/sources/deepen-security-ties-2021", first,
              "{\"publisher\": \"Unknown blog\"}", &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    send_body("PATCH", "/v1/sources/deepen-security-ties-2021", first, "{\"publisher\": \"Other\"}",
              &reply);
    cr_assert_eq(reply.status, 412, "the same ETag is stale now");
    http_reply_free(&reply);
    const char *const weak[] = {AUTH, PATCH_JSON, "If-Match: W/\"0123456789abcdef\"", NULL};
    send_body("PATCH", "/v1/sources/deepen-security-ties-2021", weak, "{\"publisher\": \"Other\"}",
              &reply);
    cr_assert_eq(reply.status, 412);
    http_reply_free(&reply);
    const char *const star[] = {AUTH, PATCH_JSON, "If-Match: *", NULL};
    send_body("PATCH", "/v1/sources/deepen-security-ties-2021", star, "{\"publisher\": \"Other\"}",
              &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
    http_reply_free(&got);
}

/* RFC 9110 section 13.1.2: If-None-Match: * on a write creates only if absent, so it is 412 for
 * every write to a record that exists; If-None-Match listing the current ETag likewise. */
Test(writes, if_none_match_refuses_a_write_to_an_existing_record)
{
    struct http_reply got, reply;
    char etag[40], header[80];
    http_get(server.base_url, "/v1/events/admm-2020", &got);
    http_header(&got, "ETag", etag, sizeof etag);
    snprintf(header, sizeof header, "If-None-Match: %s", etag);
    const char *star[] = {AUTH, JSON, "If-None-Match: *", NULL};
    const char *listed[] = {AUTH, JSON, header, NULL};
    const char *const *conditions[] = {star, listed};
    for (size_t c = 0; c < 2; c++) {
        send_body("PUT", "/v1/events/admm-2020", conditions[c], got.body, &reply);
        cr_assert_eq(reply.status, 412, "PUT, condition %zu: %s", c, reply.body);
        http_reply_free(&reply);
        send_body("DELETE", "/v1/events/admm-2020", conditions[c], NULL, &reply);
        cr_assert_eq(reply.status, 412, "DELETE, condition %zu: %s", c, reply.body);
        http_reply_free(&reply);
    }
    star[1] = PATCH_JSON;
    send_body("PATCH", "/v1/events/admm-2020", star, "{\"status\": \"held\"}", &reply);
    cr_assert_eq(reply.status, 412, "PATCH: %s", reply.body);
    http_reply_free(&reply);
    cr_assert_eq(changes_count(), 0, "nothing was written");
    const char *const other[] = {AUTH, PATCH_JSON, "If-None-Match: \"0123456789abcdef\"", NULL};
    send_body("PATCH", "/v1/events/admm-2020", other, "{\"status\": \"held\"}", &reply);
    cr_assert_eq(reply.status, 200, "another ETag is no objection: %s", reply.body);
    http_reply_free(&reply);
    http_reply_free(&got);
}

/* RFC 9110 section 5.3: a list header sent on two lines is one list. */
Test(writes, a_second_if_match_line_counts)
{
    struct http_reply got, reply;
    char etag[40], header[80];
    http_get(server.base_url, "/v1/events/admm-2020", &got);
    http_header(&got, "ETag", etag, sizeof etag);
    snprintf(header, sizeof header, "If-Match: %s", etag);
    const char *const current_second[] = {AUTH, PATCH_JSON, "If-Match: \"0123456789abcdef\"",
                                          header, NULL};
    send_body("PATCH", "/v1/events/admm-2020", current_second, "{\"status\": \"held\"}", &reply);
    cr_assert_eq(reply.status, 200, "the second line lists the current ETag: %s", reply.body);
    http_reply_free(&reply);
    /* Now both lines are stale: refused, whichever comes first. */
    const char *const stale_both[] = {AUTH, PATCH_JSON, header, "If-Match: \"0123456789abcdef\"",
                                      NULL};
    send_body("PATCH", "/v1/events/admm-2020", stale_both, "{\"status\": \"planned\"}", &reply);
    cr_assert_eq(reply.status, 412, "%s", reply.body);
    http_reply_free(&reply);
    /* A GET's If-None-Match on two lines too. */
    http_reply_free(&got);
    http_get(server.base_url, "/v1/events/admm-2020", &got);
    http_header(&got, "ETag", etag, sizeof etag);
    snprintf(header, sizeof header, "If-None-Match: %s", etag);
    const char *const inm[] = {"If-None-Match: \"0123456789abcdef\"", header, NULL};
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events/admm-2020", server.base_url);
    http_call(NULL, "GET", url, inm, &reply);
    cr_assert_eq(reply.status, 304);
    http_reply_free(&reply);
    http_reply_free(&got);
}

/* Each constraint of the schema that spans records or rows (the unique index
 * agreement_signed_once, sources.file_name, the span tables' keys), in both migrations: the write
 * is refused with 422 at the field's pointer, naming the record it conflicts with, not left to
 * the database as an unexplained 409. */
Test(writes, a_constraint_across_records_is_a_422_naming_the_field_and_the_record)
{
    static const struct {
        const char *method, *path, *body, *pointer, *named;
    } cases[] = {
        {"PATCH", "/v1/events/admm-2020",
         "{\"agreements\": [{\"id\": \"joint-vision-statement-2018\", \"relation\": \"signed\"}]}",
         "/agreements/0/relation", "'lich-onodera-talks-2018'"},
        {"POST", "/v1/events",
         "{\"title\": \"Another signing\", \"type\": \"signing\", \"agreements\": [{\"id\": "
         "\"vientiane-vision\", \"relation\": \"referenced\"}, {\"id\": "
         "\"joint-vision-statement-2018\", \"relation\": \"signed\"}]}",
         "/agreements/1/relation", "'lich-onodera-talks-2018'"},
        {"PATCH", "/v1/sources/deepen-security-ties-2021",
         "{\"file_name\": \"003_ec8f23002606b819.txt\"}", "/file_name",
         "'indo-pacific-spotlight-2018'"},
        {"POST", "/v1/sources",
         "{\"title\": \"A copy\", \"file_name\": \"003_ec8f23002606b819.txt\"}", "/file_name",
         "'indo-pacific-spotlight-2018'"},
        {"PATCH", "/v1/events/admm-2020",
         "{\"sources\": [{\"id\": \"deepen-security-ties-2021\", \"spans\": [{\"start\": 0, "
         "\"end\": 5}, {\"start\": 0, \"end\": 9}]}]}",
         "/sources/0/spans/1/start", "same code point"},
        {"PATCH", "/v1/officials/nobuo-kishi",
         "{\"sources\": [{\"id\": \"deepen-security-ties-2021\", \"spans\": [{\"start\": 3, "
         "\"end\": 5}, {\"start\": 9, \"end\": 12}, {\"start\": 3, \"end\": 7}]}]}",
         "/sources/0/spans/2/start", "same code point"},
        {"PATCH", "/v1/agreements/vientiane-vision",
         "{\"sources\": [{\"id\": \"deepen-security-ties-2021\", \"spans\": [{\"start\": 1, "
         "\"end\": 5}, {\"start\": 1, \"end\": 2}]}]}",
         "/sources/0/spans/1/start", "same code point"},
    };
    json_int_t before = changes_count();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct http_reply reply;
        cr_assert_eq(write_json(cases[i].method, cases[i].path, cases[i].body, &reply), 422,
                     "case %zu: %s", i, reply.body);
        json_t *p = http_json(&reply);
        json_t *first = json_array_get(json_object_get(p, "errors"), 0);
        cr_assert_str_eq(json_string_value(json_object_get(first, "pointer")), cases[i].pointer,
                         "case %zu: %s", i, reply.body);
        cr_assert(strstr(json_string_value(json_object_get(first, "detail")), cases[i].named),
                  "case %zu: %s", i, reply.body);
        json_decref(p);
        http_reply_free(&reply);
    }
    cr_assert_eq(changes_count(), before, "nothing refused was written");
    /* The event that holds the signing may keep it. */
    struct http_reply reply;
    cr_assert_eq(
        write_json("PATCH", "/v1/events/lich-onodera-talks-2018", "{\"summary\": \"S\"}", &reply),
        200, "%s", reply.body);
    http_reply_free(&reply);
}

Test(writes, messages_speak_english)
{
    struct http_reply reply;
    cr_assert_eq(write_json("POST", "/v1/events",
                            "{\"id\": \"admm-2020\", \"title\": \"T\", \"type\": \"meeting\"}",
                            &reply),
                 409);
    cr_assert(strstr(reply.body, "an event with the id 'admm-2020'"), "%s", reply.body);
    http_reply_free(&reply);
    cr_assert_eq(write_json("POST", "/v1/agreements",
                            "{\"id\": \"vientiane-vision\", \"title\": \"T\", \"type\": "
                            "\"vision\", \"status\": \"signed\"}",
                            &reply),
                 409, "%s", reply.body);
    cr_assert(strstr(reply.body, "an agreement with"), "%s", reply.body);
    http_reply_free(&reply);
}

Test(writes, if_match_can_be_required)
{
    test_server_stop(&server);
    test_server_start(&server, with_token_and_if_match);
    struct http_reply reply;
    cr_assert_eq(write_json("PATCH", "/v1/events/admm-2020", "{\"status\": \"held\"}", &reply),
                 428);
    http_reply_free(&reply);
    cr_assert_eq(write_json("DELETE", "/v1/events/admm-2020", NULL, &reply), 428);
    http_reply_free(&reply);
    cr_assert_eq(write_json("POST", "/v1/events", valid_event, &reply), 201,
                 "creation needs no If-Match");
    http_reply_free(&reply);
}

struct racer {
    const char *etag;
    const char *title;
    long status;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    char header[80], body[128], url[256];
    snprintf(header, sizeof header, "If-Match: %s", r->etag);
    snprintf(body, sizeof body, "{\"summary\": \"%s\"}", r->title);
    snprintf(url, sizeof url, "%s/v1/events/admm-2020", server.base_url);
    const char *const headers[] = {AUTH, PATCH_JSON, header, NULL};
    struct http_reply reply;
    http_send(NULL, "PATCH", url, headers, body, strlen(body), &reply);
    r->status = reply.status;
    http_reply_free(&reply);
    return NULL;
}

Test(writes, two_editors_with_the_same_etag_cannot_both_succeed)
{
    for (int round = 0; round < 5; round++) {
        struct http_reply got;
        char etag[40];
        http_get(server.base_url, "/v1/events/admm-2020", &got);
        http_header(&got, "ETag", etag, sizeof etag);
        http_reply_free(&got);
        /* Distinct texts each round: an edit that changes nothing leaves the ETag valid. */
        char ta_text[32], tb_text[32];
        snprintf(ta_text, sizeof ta_text, "edit %d by A", round);
        snprintf(tb_text, sizeof tb_text, "edit %d by B", round);
        struct racer a = {etag, ta_text, 0}, b = {etag, tb_text, 0};
        pthread_t ta, tb;
        pthread_create(&ta, NULL, race, &a);
        pthread_create(&tb, NULL, race, &b);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        cr_assert((a.status == 200 && b.status == 412) || (a.status == 412 && b.status == 200),
                  "round %d: A %ld, B %ld", round, a.status, b.status);
    }
}

Test(writes, delete_answers_204_unless_something_still_refers_to_it)
{
    struct http_reply reply;
    cr_assert_eq(write_json("DELETE", "/v1/agreements/quad", NULL, &reply), 204);
    cr_assert_eq(reply.body_len, 0);
    http_reply_free(&reply);
    cr_assert_eq(get_status("/v1/agreements/quad"), 404);
    cr_assert_eq(write_json("DELETE", "/v1/agreements/quad", NULL, &reply), 404);
    http_reply_free(&reply);

    cr_assert_eq(write_json("DELETE", "/v1/officials/nobuo-kishi", NULL, &reply), 409);
    json_t *p = http_json(&reply);
    json_t *refs = json_object_get(p, "references");
    cr_assert_eq(json_array_size(json_object_get(refs, "events")), 2);
    cr_assert_eq(json_array_size(json_object_get(refs, "agreements")), 2);
    json_decref(p);
    http_reply_free(&reply);
    cr_assert_eq(get_status("/v1/officials/nobuo-kishi"), 200);

    cr_assert_eq(write_json("DELETE", "/v1/sources/deepen-security-ties-2021", NULL, &reply), 409);
    http_reply_free(&reply);
    /* An event takes its own relations with it. */
    cr_assert_eq(write_json("DELETE", "/v1/events/defense-ministers-meeting-2021-11", NULL, &reply),
                 204);
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/agreements/mou-cyber-security-2021", &reply);
    json_t *a = http_json(&reply);
    cr_assert(json_is_null(json_object_get(a, "signed_at")));
    json_decref(a);
    http_reply_free(&reply);
}

Test(writes, every_write_is_in_the_audit_trail)
{
    struct http_reply reply;
    write_json("POST", "/v1/events", valid_event, &reply);
    http_reply_free(&reply);
    write_json("PATCH", "/v1/events/staff-talks-2025", "{\"location\": \"Hai Phong\"}", &reply);
    http_reply_free(&reply);
    write_json("DELETE", "/v1/events/staff-talks-2025", NULL, &reply);
    http_reply_free(&reply);

    http_get(server.base_url, "/v1/changes?since=0", &reply);
    json_t *c = http_json(&reply);
    json_t *items = json_object_get(c, "items");
    cr_assert_eq(json_array_size(items), 3);
    const char *actions[] = {"create", "update", "delete"};
    for (size_t i = 0; i < 3; i++) {
        json_t *change = json_array_get(items, i);
        cr_assert_str_eq(json_string_value(json_object_get(change, "action")), actions[i]);
        cr_assert_str_eq(json_string_value(json_object_get(change, "actor")), "analyst");
        cr_assert_str_eq(json_string_value(json_object_get(change, "id")), "staff-talks-2025");
        cr_assert_not_null(json_string_value(json_object_get(change, "at")));
    }
    cr_assert(json_is_null(json_object_get(json_array_get(items, 0), "before")));
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(json_array_get(items, 1), "before"), "location")),
                     "Hanoi");
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(json_array_get(items, 1), "after"), "location")),
                     "Hai Phong");
    cr_assert(json_is_null(json_object_get(json_array_get(items, 2), "after")));
    json_int_t next = json_integer_value(json_object_get(c, "next"));
    json_decref(c);
    http_reply_free(&reply);

    char path[64];
    snprintf(path, sizeof path, "/v1/changes?since=%lld", (long long)next);
    http_get(server.base_url, path, &reply);
    c = http_json(&reply);
    cr_assert_eq(json_array_size(json_object_get(c, "items")), 0, "nothing new after the cursor");
    cr_assert_eq(json_integer_value(json_object_get(c, "next")), next);
    json_decref(c);
    http_reply_free(&reply);
    cr_assert_eq(get_status("/v1/changes?since=-1"), 400);
}

Test(writes, etags_change_exactly_when_data_changes)
{
    struct http_reply a, b, w;
    char ea[40], eb[40];
    http_get(server.base_url, "/v1/events?limit=500", &a);
    http_get(server.base_url, "/v1/events?limit=500", &b);
    cr_assert_str_eq(http_header(&a, "ETag", ea, sizeof ea),
                     http_header(&b, "ETag", eb, sizeof eb));
    http_reply_free(&b);
    cr_assert_eq(write_json("POST", "/v1/events", valid_event, &w), 201);
    http_reply_free(&w);
    http_get(server.base_url, "/v1/events?limit=500", &b);
    cr_assert_str_neq(ea, http_header(&b, "ETag", eb, sizeof eb), "the list changed");
    http_reply_free(&a);
    http_reply_free(&b);
}

Test(writes, an_agreement_keeps_the_aliases_it_is_given)
{
    struct http_reply reply;
    cr_assert_eq(write_json("POST", "/v1/agreements",
                            "{\"id\": \"alias-test\", \"title\": \"Memorandum on alias tests\", "
                            "\"type\": \"memorandum\", \"status\": \"signed\", \"aliases\": "
                            "[\"MAT\", \"Alias Memorandum\"]}",
                            &reply),
                 201, "%s", reply.body);
    json_t *a = http_json(&reply);
    json_t *aliases = json_object_get(a, "aliases");
    cr_assert_eq(json_array_size(aliases), 2);
    cr_assert_str_eq(json_string_value(json_array_get(aliases, 0)), "Alias Memorandum",
                     "in alphabetical order");
    json_decref(a);
    http_reply_free(&reply);
    cr_assert_eq(
        write_json("PATCH", "/v1/agreements/alias-test", "{\"aliases\": [\"MAT2\"]}", &reply), 200,
        "%s", reply.body);
    a = http_json(&reply);
    cr_assert_eq(json_array_size(json_object_get(a, "aliases")), 1, "replaced whole");
    json_decref(a);
    http_reply_free(&reply);
    cr_assert_eq(write_json("PATCH", "/v1/agreements/alias-test",
                            "{\"aliases\": [\"Same\", \"Same\"]}", &reply),
                 422, "a repeated alias");
    http_reply_free(&reply);
    http_get(server.base_url, "/v1/search?q=mat2&kind=agreement", &reply);
    cr_assert(strstr(reply.body, "\"id\":\"alias-test\""), "search finds the alias: %s",
              reply.body);
    http_reply_free(&reply);
}

/* The total a search answers. */
static json_int_t search_total(const char *q)
{
    char path[128];
    snprintf(path, sizeof path, "/v1/search?q=%s", q);
    json_t *found = http_get_json(server.base_url, path);
    json_int_t total = json_integer_value(json_object_get(found, "total"));
    json_decref(found);
    return total;
}

/* SQLite's full-text indexes gain a segment with each write, and a thread beside the writer
 * merges them (a merge inside a write once held it half a second). Whatever the merges have
 * done, a search finds each record as last written: new, renamed or deleted. */
Test(writes, searches_find_each_record_as_written_while_the_index_merges_beside_the_writer,
     .timeout = 120)
{
    if (test_server_postgresql())
        cr_skip_test("SQLite's full-text indexes");
    unsigned long merges = test_server_metric(&server, "jvdr_search_merges_total");
    struct http_reply reply;
    for (int i = 0; i < 40; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"id\": \"merge-%02d\", \"title\": \"Kingfisher talks number%02d\", "
                 "\"type\": \"meeting\", \"date\": \"2021-03-%02d\"}",
                 i, i, 1 + i % 28);
        cr_assert_eq(write_json("POST", "/v1/events", body, &reply), 201, "%s", reply.body);
        http_reply_free(&reply);
    }
    for (int i = 0; i < 10; i++) { /* renamed: the old words leave the index */
        char path[64];
        snprintf(path, sizeof path, "/v1/events/merge-%02d", i);
        cr_assert_eq(write_json("PATCH", path, "{\"title\": \"Heron talks\"}", &reply), 200, "%s",
                     reply.body);
        http_reply_free(&reply);
    }
    for (int i = 10; i < 15; i++) {
        char path[64];
        snprintf(path, sizeof path, "/v1/events/merge-%02d", i);
        cr_assert_eq(write_json("DELETE", path, NULL, &reply), 204, "%s", reply.body);
        http_reply_free(&reply);
    }
    /* Bounded by the test's timeout, not by a guess at the thread's speed. */
    while (test_server_metric(&server, "jvdr_search_merges_total") == merges)
        usleep(10000);

    cr_assert_eq(search_total("kingfisher"), 25);
    cr_assert_eq(search_total("heron"), 10);
    cr_assert_eq(search_total("number03"), 0, "renamed");
    cr_assert_eq(search_total("number12"), 0, "deleted");
    cr_assert_eq(search_total("number27"), 1);
    cr_assert_eq(search_total("number3*"), 10, "number30 to number39");
}
