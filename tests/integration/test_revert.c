/* Undo, POST /v1/changes/{cursor}/revert, as an analyst relies on it: a deleted event comes back
 * with its participants, agreements and cited passages (re-anchored by their words when the
 * document changed meanwhile), an update is reversed, a creation is deleted, a replaced document
 * text and a deleted document come back; a revert is a change naming what it reverts, and its own
 * revert applies the original again; a record changed since is refused unless If-Match names it
 * as it is now; what a write would refuse, a revert refuses the same way. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "revert-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_server server;

static void configure(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

static void start(void)
{
    test_server_start(&server, configure);
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(revert, .init = start, .fini = stop, .timeout = 120);

/* method path with body (may be NULL) of type, and one more header (may be NULL). */
static void call(const char *method, const char *path, const char *type, const char *body,
                 const char *header, struct http_reply *reply)
{
    char url[256], content_type[96];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type ? type : "text/plain");
    const char *headers[] = {AUTH, content_type, header, NULL};
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, reply);
}

static void must(const char *method, const char *path, const char *type, const char *body,
                 long status)
{
    struct http_reply reply;
    call(method, path, type, body, NULL, &reply);
    cr_assert_eq(reply.status, status, "%s %s: %ld %s", method, path, reply.status, reply.body);
    http_reply_free(&reply);
}

/* The cursor of the last change of record id. */
static long long last_change(const char *kind, const char *id)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/changes?kind=%s&id=%s&limit=1000", kind, id);
    json_t *list = http_get_json(server.base_url, path);
    json_t *items = json_object_get(list, "items");
    cr_assert_gt(json_array_size(items), 0, "%s has no changes", id);
    long long cursor = json_integer_value(
        json_object_get(json_array_get(items, json_array_size(items) - 1), "cursor"));
    json_decref(list);
    return cursor;
}

/* POST /v1/changes/{cursor}/revert with one header (may be NULL); the status. The answer, when
 * 200, is the change it recorded: it must name cursor in reverts. */
static long revert(long long cursor, const char *header, struct http_reply *out)
{
    char path[96];
    snprintf(path, sizeof path, "/v1/changes/%lld/revert", cursor);
    struct http_reply reply;
    call("POST", path, NULL, NULL, header, &reply);
    if (reply.status == 200) {
        json_t *change = http_json(&reply);
        cr_assert_eq(json_integer_value(json_object_get(change, "reverts")), cursor, "%s",
                     reply.body);
        cr_assert_gt(json_integer_value(json_object_get(change, "cursor")), cursor);
        json_decref(change);
    }
    long status = reply.status;
    if (out)
        *out = reply;
    else
        http_reply_free(&reply);
    return status;
}

/* The body of GET path (200), malloc'd; NULL when it answers 404. */
static char *body_of(const char *path)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert(reply.status == 200 || reply.status == 404, "%s: %ld", path, reply.status);
    char *body = reply.status == 200 ? strdup(reply.body) : NULL;
    http_reply_free(&reply);
    return body;
}

static void etag_of(const char *path, char *tag, size_t size)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    char value[64] = "";
    http_header(&reply, "ETag", value, sizeof value);
    snprintf(tag, size, "If-Match: %s", value);
    http_reply_free(&reply);
}

static const char notes[] = "The ministers met in Hanoi. They signed a memorandum on training.";

/* A document with a text, and an event citing two of its passages, with a participant and an
 * agreement. */
static void write_cited_event(void)
{
    must("POST", "/v1/sources", "application/json",
         "{\"id\": \"revert-notes\", \"title\": \"Notes for the revert test\"}", 201);
    must("PUT", "/v1/sources/revert-notes/text", "text/plain", notes, 201);
    must("POST", "/v1/events", "application/json",
         "{\"id\": \"revert-meeting\", \"title\": \"Ministers meet in Hanoi\", \"type\": "
         "\"meeting\", \"status\": \"held\", \"date\": \"2025-03\", \"participants\": [{\"id\": "
         "\"phan-van-giang\", \"role\": \"host\"}], \"agreements\": [{\"id\": \"quad\", "
         "\"relation\": \"discussed\"}], "
         "\"sources\": [{\"id\": \"revert-notes\", \"spans\": [{\"exact\": \"The ministers met "
         "in Hanoi.\"}, {\"exact\": \"a memorandum on training\"}]}]}",
         201);
}

Test(revert, a_deleted_event_comes_back_as_it_was_and_its_revert_deletes_it_again)
{
    write_cited_event();
    char *before = body_of("/v1/events/revert-meeting");
    must("DELETE", "/v1/events/revert-meeting", NULL, NULL, 204);
    long long deleted = last_change("event", "revert-meeting");

    struct http_reply reply;
    cr_assert_eq(revert(deleted, NULL, &reply), 200, "%s", reply.body);
    json_t *change = http_json(&reply);
    cr_expect_str_eq(json_string_value(json_object_get(change, "action")), "create");
    cr_expect(json_is_null(json_object_get(change, "before")));
    char tag[64] = "";
    http_header(&reply, "ETag", tag, sizeof tag);
    cr_expect_neq(tag[0], '\0', "the answer names the record's ETag");
    json_decref(change);
    http_reply_free(&reply);
    char *back = body_of("/v1/events/revert-meeting");
    cr_assert_str_eq(back, before, "the event came back otherwise");
    free(back);

    /* Its revert deletes it again, and the revert of that brings it back once more. */
    long long recreated = last_change("event", "revert-meeting");
    cr_assert_eq(revert(recreated, NULL, NULL), 200);
    cr_assert_null(body_of("/v1/events/revert-meeting"));
    cr_assert_eq(revert(last_change("event", "revert-meeting"), NULL, NULL), 200);
    back = body_of("/v1/events/revert-meeting");
    cr_assert_str_eq(back, before);
    free(back);
    free(before);
}

Test(revert, spans_put_back_find_their_words_in_the_document_as_it_is_now)
{
    write_cited_event();
    must("DELETE", "/v1/events/revert-meeting", NULL, NULL, 204);
    long long deleted = last_change("event", "revert-meeting");
    /* The document is corrected meanwhile: every offset moves. */
    char tag[64], text[256];
    etag_of("/v1/sources/revert-notes/text", tag, sizeof tag);
    snprintf(text, sizeof text, "Correction: the date was wrong. %s", notes);
    struct http_reply reply;
    call("PUT", "/v1/sources/revert-notes/text", "text/plain", text, tag, &reply);
    cr_assert_eq(reply.status, 204, "%s", reply.body);
    http_reply_free(&reply);

    cr_assert_eq(revert(deleted, NULL, &reply), 200, "%s", reply.body);
    http_reply_free(&reply);
    json_t *event = http_get_json(server.base_url, "/v1/events/revert-meeting");
    json_t *spans = json_object_get(json_array_get(json_object_get(event, "sources"), 0), "spans");
    cr_assert_eq(json_array_size(spans), 2);
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(spans, 0), "passage")),
                     "The ministers met in Hanoi.");
    cr_expect_eq(json_integer_value(json_object_get(json_array_get(spans, 0), "start")), 32);
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(spans, 1), "passage")),
                     "a memorandum on training");
    json_decref(event);
}

Test(revert, an_update_is_reversed_and_its_revert_applies_it_again)
{
    write_cited_event();
    char *before = body_of("/v1/events/revert-meeting");
    must("PATCH", "/v1/events/revert-meeting", "application/merge-patch+json",
         "{\"title\": \"A wrong title\", \"participants\": []}", 200);
    char *updated = body_of("/v1/events/revert-meeting");
    long long update = last_change("event", "revert-meeting");
    cr_assert_eq(revert(update, NULL, NULL), 200);
    char *now = body_of("/v1/events/revert-meeting");
    cr_assert_str_eq(now, before);
    free(now);
    cr_assert_eq(revert(last_change("event", "revert-meeting"), NULL, NULL), 200);
    now = body_of("/v1/events/revert-meeting");
    cr_assert_str_eq(now, updated, "the revert of the revert applies the update again");
    free(now);
    free(updated);
    free(before);
    /* Both reverts are in the audit trail and its CSV. */
    struct http_reply csv;
    http_get(server.base_url, "/v1/changes?id=revert-meeting&format=csv", &csv);
    cr_assert_eq(csv.status, 200);
    cr_expect(strstr(csv.body, ",reverts\r\n") || strstr(csv.body, ",reverts\n"),
              "no reverts column: %.200s", csv.body);
    http_reply_free(&csv);
}

Test(revert, a_record_changed_since_needs_if_match_with_its_current_etag)
{
    write_cited_event();
    must("PATCH", "/v1/events/revert-meeting", "application/merge-patch+json",
         "{\"title\": \"First edit\"}", 200);
    long long first = last_change("event", "revert-meeting");
    must("PATCH", "/v1/events/revert-meeting", "application/merge-patch+json",
         "{\"summary\": \"Second edit\"}", 200);
    long long second = last_change("event", "revert-meeting");

    struct http_reply reply;
    cr_assert_eq(revert(first, NULL, &reply), 409);
    json_t *problem = http_json(&reply);
    json_t *later = json_object_get(problem, "later_changes");
    cr_assert_eq(json_array_size(later), 1, "%s", reply.body);
    cr_assert_eq(json_integer_value(json_array_get(later, 0)), second);
    json_decref(problem);
    http_reply_free(&reply);

    cr_assert_eq(revert(first, "If-Match: \"0000000000000000\"", NULL), 412);
    char tag[64];
    etag_of("/v1/events/revert-meeting", tag, sizeof tag);
    cr_assert_eq(revert(first, tag, NULL), 200);
    json_t *event = http_get_json(server.base_url, "/v1/events/revert-meeting");
    cr_expect_str_eq(json_string_value(json_object_get(event, "title")), "Ministers meet in Hanoi");
    cr_expect_null(json_string_value(json_object_get(event, "summary")),
                   "the whole record before the first edit is put back");
    json_decref(event);
}

Test(revert, what_a_write_would_refuse_a_revert_refuses_alike)
{
    must("POST", "/v1/officials", "application/json",
         "{\"id\": \"revert-envoy\", \"name\": \"Revert Envoy\", \"country\": \"JP\"}", 201);
    long long created = last_change("official", "revert-envoy");
    must("POST", "/v1/events", "application/json",
         "{\"id\": \"revert-visit\", \"title\": \"An envoy visits\", \"type\": \"visit\", "
         "\"status\": \"held\", \"date\": \"2025-04\", \"participants\": [{\"id\": "
         "\"revert-envoy\"}]}",
         201);
    /* Deleting the envoy by reverting its creation would leave the visit naming nobody. */
    struct http_reply reply;
    cr_assert_eq(revert(created, NULL, &reply), 409);
    cr_assert(strstr(reply.body, "\"references\"") && strstr(reply.body, "revert-visit"), "%s",
              reply.body);
    http_reply_free(&reply);

    /* The visit deleted, then the envoy: putting the visit back would name a missing official. */
    must("DELETE", "/v1/events/revert-visit", NULL, NULL, 204);
    long long visit_deleted = last_change("event", "revert-visit");
    must("DELETE", "/v1/officials/revert-envoy", NULL, NULL, 204);
    cr_assert_eq(revert(visit_deleted, NULL, &reply), 422);
    cr_assert(strstr(reply.body, "/participants/0/id") && strstr(reply.body, "revert-envoy"), "%s",
              reply.body);
    http_reply_free(&reply);
    cr_assert_null(body_of("/v1/events/revert-visit"), "nothing was half-written");
}

Test(revert, a_replaced_text_comes_back_and_a_deleted_document_with_its_text)
{
    write_cited_event();
    char *old_event = body_of("/v1/events/revert-meeting");
    char tag[64], text[256];
    etag_of("/v1/sources/revert-notes/text", tag, sizeof tag);
    snprintf(text, sizeof text, "Updated: %s", notes);
    struct http_reply reply;
    call("PUT", "/v1/sources/revert-notes/text", "text/plain", text, tag, &reply);
    cr_assert_eq(reply.status, 204, "%s", reply.body);
    http_reply_free(&reply);
    cr_assert_eq(revert(last_change("source", "revert-notes"), NULL, NULL), 200);
    char *now = body_of("/v1/sources/revert-notes/text");
    cr_assert_str_eq(now, notes);
    free(now);
    now = body_of("/v1/events/revert-meeting");
    cr_assert_str_eq(now, old_event, "the spans were carried back onto the old text");
    free(now);
    free(old_event);

    /* The first text of a document cannot be unloaded. */
    json_t *list = http_get_json(server.base_url, "/v1/changes?kind=source&id=revert-notes");
    long long first_text = json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "items"), 1), "cursor"));
    json_decref(list);
    etag_of("/v1/sources/revert-notes", tag, sizeof tag);
    cr_assert_eq(revert(first_text, tag, &reply), 409);
    cr_assert(strstr(reply.body, "first text"), "%s", reply.body);
    http_reply_free(&reply);

    /* A document nothing cites, deleted, comes back with its text. */
    must("DELETE", "/v1/events/revert-meeting", NULL, NULL, 204);
    char *source = body_of("/v1/sources/revert-notes");
    must("DELETE", "/v1/sources/revert-notes", NULL, NULL, 204);
    cr_assert_eq(revert(last_change("source", "revert-notes"), NULL, NULL), 200);
    now = body_of("/v1/sources/revert-notes/text");
    cr_assert_str_eq(now, notes);
    free(now);
    now = body_of("/v1/sources/revert-notes");
    cr_assert_str_eq(now, source);
    free(now);
    free(source);
}

Test(revert, unknown_cursors_and_missing_tokens_are_refused)
{
    struct http_reply reply;
    cr_assert_eq(revert(987654, NULL, &reply), 404);
    cr_assert(strstr(reply.body, "no change has the cursor 987654"), "%s", reply.body);
    http_reply_free(&reply);
    static const char *const bad[] = {"0", "-1", "01", "1e3", "99999999999999999999999", "x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char url[160];
        snprintf(url, sizeof url, "%s/v1/changes/%s/revert", server.base_url, bad[i]);
        const char *headers[] = {AUTH, NULL};
        http_send(NULL, "POST", url, headers, NULL, 0, &reply);
        cr_expect_eq(reply.status, 400, "%s: %ld", bad[i], reply.status);
        http_reply_free(&reply);
    }
    char url[160];
    snprintf(url, sizeof url, "%s/v1/changes/1/revert", server.base_url);
    http_send(NULL, "POST", url, NULL, NULL, 0, &reply);
    cr_assert_eq(reply.status, 401);
    http_reply_free(&reply);
}
