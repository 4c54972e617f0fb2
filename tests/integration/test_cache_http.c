/* The response cache never outlives a write: not one made through the API, not one committed by
 * another process (an import, an operator's sqlite3), and not one made between a response's
 * rendering and its storing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/store/db.h"
#include "test_http.h"
#include "test_server.h"

static struct test_server server;
static void with_token(struct config *cfg)
{
    cfg->api_token = "cache:cache-test-token-0123456789";
}
static void start(void)
{
    test_server_start(&server, with_token);
}
static void stop(void)
{
    test_server_stop(&server);
}
TestSuite(cache, .init = start, .fini = stop);

static char *get_body(const char *path)
{
    struct http_reply reply;
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "%s", path);
    char *body = strdup(reply.body);
    http_reply_free(&reply);
    return body;
}

/* Runs sql on a connection of the test's own, as another process would. */
static void external_write(const char *sql)
{
    struct db *db = NULL;
    char err[256];
    cr_assert_eq(db_open(server.db_path, DB_EXISTING, &db, err, sizeof err), JVDR_OK, "%s", err);
    sqlite3_busy_timeout(db_handle(db), 5000);
    char *msg = NULL;
    cr_assert_eq(sqlite3_exec(db_handle(db), sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
    db_free(db);
}

Test(cache, repeated_reads_answer_the_same_bytes)
{
    for (int round = 0; round < 3; round++) {
        char *a = get_body("/v1/events?limit=3&sort=-date");
        char *b = get_body("/v1/events?limit=3&sort=-date");
        cr_assert_str_eq(a, b);
        free(a);
        free(b);
    }
}

Test(cache, an_api_write_is_visible_to_the_next_read)
{
    char *before = get_body("/v1/events/admm-2020");
    cr_assert(strstr(before, "\"status\":\"planned\""));
    struct http_reply reply;
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events/admm-2020", server.base_url);
    const char *const headers[] = {"Authorization: Bearer cache-test-token-0123456789",
                                   "Content-Type: application/merge-patch+json", NULL};
    http_send(NULL, "PATCH", url, headers, "{\"status\": \"held\"}", 18, &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
    /* Several reads, so that both workers (each with its own connection) answer at least once. */
    for (int i = 0; i < 8; i++) {
        char *after = get_body("/v1/events/admm-2020");
        cr_assert(strstr(after, "\"status\":\"held\""), "read %d is stale: %s", i, after);
        free(after);
        char *list = get_body("/v1/events?status=planned&limit=500");
        cr_assert_null(strstr(list, "\"admm-2020\""), "a cached list outlived the write");
        free(list);
    }
    free(before);
}

Test(cache, a_commit_by_another_process_is_visible_to_the_next_read)
{
    for (int i = 0; i < 4; i++)
        free(get_body("/v1/officials/wang-yi"));
    external_write("UPDATE officials SET summary = 'Changed behind the server''s back.' "
                   "WHERE id = 'wang-yi'");
    for (int i = 0; i < 8; i++) {
        char *after = get_body("/v1/officials/wang-yi");
        cr_assert(strstr(after, "Changed behind the server's back."), "read %d is stale", i);
        free(after);
    }
    char *search = get_body("/v1/search?q=behind%20the%20server");
    cr_assert(strstr(search, "wang-yi"), "the search index followed too: %s", search);
    free(search);
}
