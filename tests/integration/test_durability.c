/* Nothing acknowledged is lost: writers post concurrently to the real binary, it is killed with
 * SIGKILL mid-stream, and after a restart every acknowledged write is there, whole, and the store
 * passes PRAGMA integrity_check. Concurrent writers queue: none sees a 5xx. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jvdr/store/db.h"
#include "test_http.h"
#include "test_process.h"

#define WRITERS 6
#define MAX_PER_WRITER 5000

struct writer {
    int number;
    const char *base_url;
    atomic_bool *stop;
    int acked;         /* ids k9-<number>-0 .. acked-1 were answered 201 */
    int server_errors; /* 5xx answers while the server was up */
};

static void *write_loop(void *arg)
{
    struct writer *w = arg;
    CURL *curl = curl_easy_init();
    char url[128], body[512];
    snprintf(url, sizeof url, "%s/v1/events", w->base_url);
    const char *const headers[] = {"Authorization: Bearer durable-token-0123456789",
                                   "Content-Type: application/json", NULL};
    for (int n = 0; n < MAX_PER_WRITER && !atomic_load(w->stop); n++) {
        snprintf(
            body, sizeof body,
            "{\"id\": \"k9-%d-%d\", \"title\": \"Write %d of writer %d\", \"type\": \"meeting\","
            " \"countries\": [\"JP\", \"VN\"], \"participants\": [{\"id\": \"taro-kono\"}]}",
            w->number, n, n, w->number);
        struct http_reply reply;
        CURLcode rc = http_try(curl, "POST", url, headers, body, strlen(body), &reply);
        long status = reply.status;
        http_reply_free(&reply);
        if (rc != CURLE_OK)
            break; /* the server is gone */
        if (status >= 500)
            w->server_errors++;
        if (status != 201)
            break;
        w->acked = n + 1;
    }
    curl_easy_cleanup(curl);
    return NULL;
}

static int count_rows(sqlite3 *h, const char *sql, const char *id)
{
    sqlite3_stmt *stmt;
    cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL), SQLITE_OK);
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return n;
}

Test(durability, acknowledged_writes_survive_sigkill)
{
    char dir[] = "/tmp/jvdr-k9-XXXXXX", db_path[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/jvdr.db", dir);
    const char *const args[] = {"--port", "0", "--db", db_path, "--threads", "4", NULL};
    const char *const env[] = {"JVDR_API_TOKEN=durable-token-0123456789", "JVDR_LOG_FORMAT=text",
                               NULL};
    struct test_process server = {0};
    test_process_start(&server, args, env);

    atomic_bool stop = false;
    struct writer writers[WRITERS];
    pthread_t threads[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        writers[i] = (struct writer){i, server.base_url, &stop, 0, 0};
        pthread_create(&threads[i], NULL, write_loop, &writers[i]);
    }
    /* Let a stream of writes build up, then kill the server in the middle of it. */
    for (int waited = 0; waited < 200; waited++) {
        int total = 0;
        for (int i = 0; i < WRITERS; i++)
            total += writers[i].acked;
        if (total >= 150 && waited >= 10)
            break;
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    int status = test_process_stop(&server, SIGKILL);
    atomic_store(&stop, true);
    for (int i = 0; i < WRITERS; i++)
        pthread_join(threads[i], NULL);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    int acked = 0;
    for (int i = 0; i < WRITERS; i++) {
        cr_assert_eq(writers[i].server_errors, 0, "writer %d saw a 5xx instead of queueing", i);
        acked += writers[i].acked;
    }
    cr_assert_gt(acked, 20, "too few writes were acknowledged to test anything");

    /* Restart on the same file: recovery, then every acknowledged write is there and whole. */
    test_process_start(&server, args, env);
    struct http_reply reply;
    char path[64];
    snprintf(path, sizeof path, "/v1/events/k9-0-%d", writers[0].acked - 1);
    http_get(server.base_url, path, &reply);
    cr_assert_eq(reply.status, 200, "the last write acknowledged to writer 0 is served");
    http_reply_free(&reply);
    test_process_stop(&server, SIGTERM);

    sqlite3 *h;
    cr_assert_eq(sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *check;
    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &check, NULL);
    cr_assert_eq(sqlite3_step(check), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(check, 0), "ok");
    sqlite3_finalize(check);
    for (int i = 0; i < WRITERS; i++) {
        for (int n = 0; n < writers[i].acked; n++) {
            char id[32];
            snprintf(id, sizeof id, "k9-%d-%d", i, n);
            cr_assert_eq(count_rows(h, "SELECT count(*) FROM events WHERE id = ?", id), 1,
                         "acknowledged %s is missing", id);
        }
    }
    /* Whatever landed landed whole: every written event has both countries and its participant. */
    sqlite3_stmt *partial;
    sqlite3_prepare_v2(h,
                       "SELECT count(*) FROM events e WHERE e.id LIKE 'k9-%' AND ("
                       "(SELECT count(*) FROM event_countries WHERE event_id = e.id) != 2 OR "
                       "(SELECT count(*) FROM event_participants WHERE event_id = e.id) != 1 OR "
                       "NOT EXISTS (SELECT 1 FROM changes WHERE record_id = e.id))",
                       -1, &partial, NULL);
    cr_assert_eq(sqlite3_step(partial), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(partial, 0), 0, "a write landed in part");
    sqlite3_finalize(partial);
    sqlite3_close(h);
}
