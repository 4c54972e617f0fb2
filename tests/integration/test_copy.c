/* `jvdr copy FROM TO` between SQLite and a real PostgreSQL 15 (scripts/pg-cluster.sh): a
 * knowledge base with writes on it (an event with spans, a document's text, an agreement's
 * aliases, their audit rows) copied to PostgreSQL and back into a new SQLite file serves every
 * answer byte for byte as the original does; copying into a store that has an audit trail is
 * refused. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_http.h"
#include "test_pg.h"
#include "test_process.h"
#include "test_server.h"

#define TOKEN "copy-test-token-0123456789"

static struct test_server original;
static void configure(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

static struct test_pg pg;
static const char *const uri = pg.uri;
static const char *const cluster = pg.dir;

static void start(void)
{
    test_pg_start(&pg);
    if (pg.uri[0])
        test_server_start(&original, configure);
}

static void stop(void)
{
    if (pg.uri[0])
        test_server_stop(&original);
    test_pg_stop(&pg);
}

TestSuite(copy, .init = start, .fini = stop, .timeout = 120);

static void write_call(const char *method, const char *path, const char *type, const char *body)
{
    char url[256], content_type[96];
    snprintf(url, sizeof url, "%s%s", original.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type);
    /* Lenient: a corrected text may leave an orphan, which the copy must carry too. */
    const char *headers[] = {"Authorization: Bearer " TOKEN, content_type,
                             "Prefer: handling=lenient", NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, strlen(body), &reply);
    cr_assert(reply.status >= 200 && reply.status < 300, "%s %s: %ld %s", method, path,
              reply.status, reply.body);
    http_reply_free(&reply);
}

/* The cursor of the last change of record kind/id. */
static long long last_cursor(const char *base, const char *kind, const char *id)
{
    char path[160];
    snprintf(path, sizeof path, "/v1/changes?kind=%s&id=%s&limit=1000", kind, id);
    json_t *list = http_get_json(base, path);
    json_t *items = json_object_get(list, "items");
    long long cursor = json_integer_value(
        json_object_get(json_array_get(items, json_array_size(items) - 1), "cursor"));
    json_decref(list);
    return cursor;
}

/* Runs `jvdr copy from to` with its messages kept out of the test's output; its exit status. */
static int copy(const char *from, const char *to)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(126);
        execl(JVDR_BINARY, JVDR_BINARY, "copy", from, to, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Fails unless path answers the same status, ETag and body from both servers. */
static void same(const char *a, const char *b, const char *path)
{
    struct http_reply x, y;
    http_get(a, path, &x);
    http_get(b, path, &y);
    char tx[64] = "", ty[64] = "";
    http_header(&x, "ETag", tx, sizeof tx);
    http_header(&y, "ETag", ty, sizeof ty);
    cr_assert_eq(x.status, y.status, "%s: %ld after the round trip, %ld before", path, y.status,
                 x.status);
    cr_assert_str_eq(ty, tx, "%s: another ETag after the round trip", path);
    cr_assert(x.body_len == y.body_len && memcmp(x.body, y.body, x.body_len) == 0,
              "%s: another body after the round trip:\n%.300s\n%.300s", path, x.body, y.body);
    http_reply_free(&x);
    http_reply_free(&y);
}

/* Compares two search answers' hits as sets of (kind, id, score, snippet), and their totals;
 * without the snippets when either side is on PostgreSQL (ts_headline cuts them otherwise). */
static void same_hits(const char *a, const char *b, const char *path, bool b_on_postgresql)
{
    struct http_reply x, y;
    http_get(a, path, &x);
    http_get(b, path, &y);
    json_t *jx = http_json(&x), *jy = http_json(&y);
    cr_assert(json_equal(json_object_get(jx, "total"), json_object_get(jy, "total")), "%s", path);
    json_t *items_x = json_object_get(jx, "items"), *items_y = json_object_get(jy, "items");
    cr_assert_eq(json_array_size(items_x), json_array_size(items_y), "%s", path);
    size_t i, j;
    json_t *hit, *other;
    if (test_server_postgresql() || b_on_postgresql) {
        json_array_foreach(items_x, i, hit) json_object_del(hit, "snippet");
        json_array_foreach(items_y, j, other) json_object_del(other, "snippet");
    }
    json_array_foreach(items_x, i, hit)
    {
        bool found = false;
        json_array_foreach(items_y, j, other) found |= json_equal(hit, other);
        cr_assert(found, "%s: %s is missing after the round trip", path,
                  json_string_value(json_object_get(hit, "id")));
    }
    json_decref(jx);
    json_decref(jy);
    http_reply_free(&x);
    http_reply_free(&y);
}

/* Every id a list answers. */
static size_t ids_of(const char *base, const char *path, char ids[][128], size_t max)
{
    struct http_reply reply;
    http_get(base, path, &reply);
    json_t *list = http_json(&reply);
    size_t n = 0, i;
    json_t *item;
    json_array_foreach(json_object_get(list, "items"), i, item)
    {
        if (n < max)
            snprintf(ids[n++], 128, "%s", json_string_value(json_object_get(item, "id")));
    }
    json_decref(list);
    http_reply_free(&reply);
    return n;
}

Test(copy, to_postgresql_and_back_serves_every_answer_byte_for_byte)
{
    if (!uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    write_call("POST", "/v1/sources", "application/json",
               "{\"id\": \"copy-notes\", \"title\": \"Notes\"}");
    write_call("PUT", "/v1/sources/copy-notes/text", "text/plain",
               "Phan Văn Giang met Nobuo Kishi; the AOIP was named.");
    write_call("POST", "/v1/events", "application/json",
               "{\"id\": \"copied-event\", \"title\": \"Copied\", \"type\": \"meeting\", "
               "\"date\": \"2025-02\", \"participants\": [{\"id\": \"phan-van-giang\"}], "
               "\"sources\": [{\"id\": \"copy-notes\", \"spans\": [{\"start\": 0, \"end\": "
               "14}, {\"start\": 36, \"end\": 40}]}]}");
    /* Corrected: one span moves, the other's words are gone (an orphan); the change says so. */
    write_call("PUT", "/v1/sources/copy-notes/text", "text/plain",
               "Note. Phan Văn Giang met Nobuo Kishi; the pact was named.");
    write_call("PATCH", "/v1/agreements/quad", "application/merge-patch+json",
               "{\"aliases\": [\"The Quad\"]}");
    /* Undone and redone: the changes name what they revert. */
    long long text_change = last_cursor(original.base_url, "source", "copy-notes");
    char revert_path[96];
    snprintf(revert_path, sizeof revert_path, "/v1/changes/%lld/revert",
             last_cursor(original.base_url, "agreement", "quad"));
    write_call("POST", revert_path, "application/json", "");
    snprintf(revert_path, sizeof revert_path, "/v1/changes/%lld/revert",
             last_cursor(original.base_url, "agreement", "quad"));
    write_call("POST", revert_path, "application/json", "");

    char back[160];
    snprintf(back, sizeof back, "%s/back.db", cluster);
    cr_assert_eq(copy(original.db_path, uri), 0, "SQLite to PostgreSQL");
    /* The planner knows every table the copy filled (a table never analyzed has reltuples -1),
     * so that its first queries are planned on what is there. */
    cr_assert(test_pg_exec(&pg, "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_class WHERE relnamespace "
                                "= current_schema()::regnamespace AND relkind = 'r' AND "
                                "reltuples < 0) THEN RAISE EXCEPTION 'not analyzed'; END IF; "
                                "END $$"),
              "a table was left without statistics after the copy");
    cr_assert_eq(copy(uri, back), 0, "PostgreSQL to a new SQLite file");

    struct test_process copied;
    const char *const args[] = {"--port", "0", "--db", back, NULL};
    memset(&copied, 0, sizeof copied);
    test_process_start(&copied, args, NULL);
    static const char *const lists[] = {"/v1/events?limit=500",     "/v1/officials?limit=500",
                                        "/v1/agreements?limit=500", "/v1/sources?limit=500",
                                        "/v1/timeline?limit=500",   "/v1/stats",
                                        "/v1/changes?since=0",      "/v1/events?format=ndjson"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        same(original.base_url, copied.base_url, lists[i]);
    /* Search finds the same hits with the same scores; among equal scores the newest write comes
     * first, and a copy writes in id order, so only the order of equals may differ. */
    /* Plain words (each tier from its own tsvector on PostgreSQL), some kinds, a page across
     * the tiers' boundary, and a query that is not plain words. */
    static const char *const searches[] = {
        "/v1/search?q=vietnam&limit=100",
        "/v1/search?q=quad&limit=100",
        "/v1/search?q=giang&limit=100",
        "/v1/search?q=defense%20minister&limit=100",
        "/v1/search?q=vietnam&kind=event,agreement&limit=7&offset=19",
        "/v1/search?q=japan%20-maritime&kind=event,source&limit=100"};
    for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++)
        same_hits(original.base_url, copied.base_url, searches[i], false);
    static const char *const kinds[] = {"events", "officials", "agreements", "sources"};
    for (size_t k = 0; k < 4; k++) {
        char path[160], ids[600][128];
        snprintf(path, sizeof path, "/v1/%s?limit=500", kinds[k]);
        size_t n = ids_of(original.base_url, path, ids, 600);
        cr_assert_gt(n, 0);
        for (size_t i = 0; i < n; i++) {
            snprintf(path, sizeof path, "/v1/%s/%s", kinds[k], ids[i]);
            same(original.base_url, copied.base_url, path);
            if (k == 3) {
                snprintf(path, sizeof path, "/v1/sources/%s/text", ids[i]);
                same(original.base_url, copied.base_url, path);
                snprintf(path, sizeof path, "/v1/sources/%s/mentions", ids[i]);
                same(original.base_url, copied.base_url, path);
            }
        }
    }
    test_process_stop(&copied, SIGTERM);

    /* Served from PostgreSQL itself: the copy made its search index in one pass at the end, and
     * its triggers keep it again for the writes that follow. */
    struct test_process on_pg;
    const char *const pg_args[] = {"--port", "0", "--db", uri, NULL};
    const char *const pg_env[] = {"JVDR_API_TOKEN=" TOKEN, NULL};
    memset(&on_pg, 0, sizeof on_pg);
    test_process_start(&on_pg, pg_args, pg_env);
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        same(original.base_url, on_pg.base_url, lists[i]);
    for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++)
        same_hits(original.base_url, on_pg.base_url, searches[i], true);
    /* Each source's counts of the records citing it were counted once, after the load. */
    char source_ids[100][128];
    size_t nsources = ids_of(original.base_url, "/v1/sources?limit=100", source_ids, 100);
    for (size_t i = 0; i < nsources; i++) {
        char path[160];
        snprintf(path, sizeof path, "/v1/sources/%s", source_ids[i]);
        same(original.base_url, on_pg.base_url, path);
    }
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events/copied-event", on_pg.base_url);
    const char *const patch_headers[] = {"Authorization: Bearer " TOKEN,
                                         "Content-Type: application/merge-patch+json", NULL};
    struct http_reply reply;
    http_send(NULL, "PATCH", url, patch_headers, "{\"title\": \"Zyxwv after the copy\"}", 33,
              &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    http_get(on_pg.base_url, "/v1/search?q=zyxwv", &reply);
    cr_assert(strstr(reply.body, "\"copied-event\""), "a write after the copy is not found: %s",
              reply.body);
    http_reply_free(&reply);
    /* The texts the audit kept came along: the correction made before the copy is undone on
     * PostgreSQL, the text back as first written. */
    snprintf(url, sizeof url, "%s/v1/changes/%lld/revert", on_pg.base_url, text_change);
    const char *const auth[] = {"Authorization: Bearer " TOKEN, "Prefer: handling=lenient", NULL};
    http_send(NULL, "POST", url, auth, NULL, 0, &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    http_reply_free(&reply);
    http_get(on_pg.base_url, "/v1/sources/copy-notes/text", &reply);
    cr_assert_str_eq(reply.body, "Phan Văn Giang met Nobuo Kishi; the AOIP was named.");
    http_reply_free(&reply);
    test_process_stop(&on_pg, SIGTERM);

    /* PostgreSQL now has an audit trail: a second copy into it is refused. A source that does
     * not exist is an error, not a new database copied. */
    cr_assert_eq(copy(original.db_path, uri), 1, "a store in use is not overwritten");
    char typo[160], elsewhere[160];
    snprintf(typo, sizeof typo, "%s/mistyped.db", cluster);
    snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere.db", cluster);
    cr_assert_eq(copy(typo, elsewhere), 1);
    cr_assert_neq(access(typo, F_OK), 0, "the mistyped source was not created");
}
