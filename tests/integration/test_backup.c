/* `jvdr backup` and `jvdr restore` as an operator's cron line and restore drill use them: a backup
 * taken while two writers keep writing is whole (PRAGMA integrity_check), holds every write
 * acknowledged before it began and nothing half-written, and a store restored from it answers as
 * the original did at that point; a restore onto a store in use and a backup over a file are
 * refused. SQLite only: PostgreSQL's are pg_basebackup's (tests/e2e/test_ha.c). */
#define _DEFAULT_SOURCE /* usleep */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"
#include "test_server.h"

#define TOKEN "backup-test-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN
#define WRITERS 2
#define MAX_WRITES 20000

static struct test_server original;

static void configure(struct config *cfg)
{
    cfg->api_token = TOKEN;
}

static void start(void)
{
    if (!test_server_postgresql())
        test_server_start(&original, configure);
}

static void stop(void)
{
    if (!test_server_postgresql())
        test_server_stop(&original);
}

TestSuite(backup, .init = start, .fini = stop, .timeout = 180);

/* One writer: events with a participant and a cited passage, until told to stop. Each write it
 * saw acknowledged is noted with whether the backup had begun by then. */
struct writer {
    pthread_t thread;
    int number;
    atomic_int acknowledged;
    bool before_backup[MAX_WRITES];
};

static atomic_bool backup_began, writers_stop;

static void *write_events(void *arg)
{
    struct writer *w = arg;
    char url[128], body[512];
    snprintf(url, sizeof url, "%s/v1/events", original.base_url);
    const char *headers[] = {AUTH, "Content-Type: application/json", NULL};
    CURL *handle = curl_easy_init();
    for (int i = 0; i < MAX_WRITES && !atomic_load(&writers_stop); i++) {
        snprintf(body, sizeof body,
                 "{\"id\": \"backup-w%d-%d\", \"title\": \"Written by %d, number %d\", "
                 "\"type\": \"meeting\", \"status\": \"held\", \"date\": \"2026-0%d\", "
                 "\"participants\": [{\"id\": \"phan-van-giang\"}], \"sources\": [{\"id\": "
                 "\"backup-notes\", \"spans\": [{\"start\": 0, \"end\": 15}]}]}",
                 w->number, i, w->number, i, 1 + i % 9);
        struct http_reply reply;
        http_send(handle, "POST", url, headers, body, strlen(body), &reply);
        cr_assert_eq(reply.status, 201, "%s", reply.body);
        http_reply_free(&reply);
        /* Acknowledged now; if the backup had not begun yet, it began after this write. */
        w->before_backup[i] = !atomic_load(&backup_began);
        atomic_store(&w->acknowledged, i + 1);
    }
    curl_easy_cleanup(handle);
    return NULL;
}

/* Runs jvdr with args, its stderr kept in err (NUL-terminated); its exit status. */
static int run_jvdr(const char *const *args, char *err, size_t errlen)
{
    char path[160];
    snprintf(path, sizeof path, "%s/command.err", original.dir);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(path, "w", stderr))
            _exit(126);
        char *argv[8] = {strdup(JVDR_BINARY)};
        for (int i = 0; args[i] && i < 6; i++)
            argv[i + 1] = strdup(args[i]);
        execv(JVDR_BINARY, argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(err, 1, errlen - 1, f) : 0;
    err[n] = '\0';
    if (f)
        fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void write_call(const char *method, const char *path, const char *type, const char *body)
{
    char url[256], content_type[96];
    snprintf(url, sizeof url, "%s%s", original.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type);
    const char *headers[] = {AUTH, content_type, NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, &reply);
    cr_assert(reply.status >= 200 && reply.status < 300, "%s %s: %ld %s", method, path,
              reply.status, reply.body);
    http_reply_free(&reply);
}

/* What SQLite itself says of a database file, and the last change it holds. */
static void check_file(const char *path, long long *cursor)
{
    sqlite3 *handle = NULL;
    sqlite3_stmt *stmt = NULL;
    cr_assert_eq(sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "ok");
    sqlite3_finalize(stmt);
    cr_assert_eq(sqlite3_prepare_v2(handle, "SELECT max(seq) FROM changes", -1, &stmt, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    *cursor = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
}

/* Fails unless path answers the same status and body from both servers. */
static void same(const char *a, const char *b, const char *path)
{
    struct http_reply x, y;
    http_get(a, path, &x);
    http_get(b, path, &y);
    cr_assert_eq(x.status, y.status, "%s: %ld restored, %ld originally", path, y.status, x.status);
    cr_assert(x.body_len == y.body_len && memcmp(x.body, y.body, x.body_len) == 0,
              "%s: another body restored:\n%.300s\n%.300s", path, y.body, x.body);
    http_reply_free(&x);
    http_reply_free(&y);
}

/* Every change after cursor, as /v1/changes lists them, page after page (the writers' pace
 * decides how many there are): {"items": [...]}. */
static json_t *changes_since(const char *base, long long cursor)
{
    json_t *all = json_array();
    for (;;) {
        char path[96];
        snprintf(path, sizeof path, "/v1/changes?since=%lld&limit=1000", cursor);
        json_t *page = http_get_json(base, path);
        json_t *items = json_object_get(page, "items");
        json_array_extend(all, items);
        cursor = json_integer_value(json_object_get(page, "next"));
        size_t n = json_array_size(items);
        json_decref(page);
        if (n == 0)
            return json_pack("{s:o}", "items", all);
    }
}

Test(backup, taken_under_writes_restores_every_write_acknowledged_before_it_as_it_was)
{
    if (test_server_postgresql())
        cr_skip_test("a SQLite backup; PostgreSQL's is pg_basebackup's");
    write_call("POST", "/v1/sources", "application/json",
               "{\"id\": \"backup-notes\", \"title\": \"Notes kept for the backup test\"}");
    write_call("PUT", "/v1/sources/backup-notes/text", "text/plain",
               "Phan Văn Giang met his counterpart; both spoke of training.");

    static struct writer writers[WRITERS];
    for (int t = 0; t < WRITERS; t++) {
        writers[t].number = t;
        pthread_create(&writers[t].thread, NULL, write_events, &writers[t]);
    }
    /* The state the test relies on: each writer has written before the backup begins. */
    for (int t = 0; t < WRITERS; t++)
        while (atomic_load(&writers[t].acknowledged) < 10)
            usleep(10000);
    atomic_store(&backup_began, true);
    char dest[160], err[2048];
    snprintf(dest, sizeof dest, "%s/backup.db", original.dir);
    const char *backup_args[] = {"backup", "--db", original.db_path, dest, NULL};
    int status = run_jvdr(backup_args, err, sizeof err);
    atomic_store(&writers_stop, true);
    for (int t = 0; t < WRITERS; t++)
        pthread_join(writers[t].thread, NULL);
    cr_assert_eq(status, 0, "jvdr backup: %s", err);
    cr_assert(strstr(err, "every change up to cursor"), "%s", err);

    long long cursor = 0;
    check_file(dest, &cursor);

    /* Refused: a second backup over the first, and a restore onto the store being served. */
    cr_assert_eq(run_jvdr(backup_args, err, sizeof err), 1);
    cr_assert(strstr(err, "already exists"), "%s", err);
    const char *onto_live[] = {"restore", "--db", original.db_path, dest, NULL};
    cr_assert_eq(run_jvdr(onto_live, err, sizeof err), 1);
    cr_assert(strstr(err, "in use"), "%s", err);

    char restored_path[160];
    snprintf(restored_path, sizeof restored_path, "%s/restored.db", original.dir);
    const char *restore_args[] = {"restore", "--db", restored_path, dest, NULL};
    cr_assert_eq(run_jvdr(restore_args, err, sizeof err), 0, "jvdr restore: %s", err);
    long long restored_cursor = 0;
    check_file(restored_path, &restored_cursor);
    cr_assert_eq(restored_cursor, cursor);

    struct test_process restored;
    memset(&restored, 0, sizeof restored);
    const char *const args[] = {"--port", "0", "--db", restored_path, NULL};
    test_process_start(&restored, args, NULL);

    /* Every write acknowledged before the backup began is there, whole. */
    char path[128];
    for (int t = 0; t < WRITERS; t++)
        for (int i = 0; i < atomic_load(&writers[t].acknowledged); i++)
            if (writers[t].before_backup[i]) {
                snprintf(path, sizeof path, "/v1/events/backup-w%d-%d", t, i);
                same(original.base_url, restored.base_url, path);
            }

    /* The audit trail up to the backup's cursor is the original's, and nothing after it. */
    json_t *after = changes_since(restored.base_url, cursor);
    cr_assert_eq(json_array_size(json_object_get(after, "items")), 0);
    json_decref(after);
    json_t *mine = changes_since(restored.base_url, 0);
    json_t *theirs = changes_since(original.base_url, 0);
    json_t *items = json_object_get(mine, "items"),
           *original_items = json_object_get(theirs, "items");
    cr_assert_eq((long long)json_array_size(items),
                 json_integer_value(
                     json_object_get(json_array_get(items, json_array_size(items) - 1), "cursor")));
    for (size_t i = 0; i < json_array_size(items); i++)
        cr_assert(json_equal(json_array_get(items, i), json_array_get(original_items, i)),
                  "change %zu differs", i + 1);
    json_decref(mine);
    json_decref(theirs);

    /* The original brought back to that point by deleting what was written after it (all of it
     * creations): then every answer is the same. */
    json_t *later = changes_since(original.base_url, cursor);
    size_t i;
    json_t *change;
    json_array_foreach(json_object_get(later, "items"), i, change)
    {
        cr_assert_str_eq(json_string_value(json_object_get(change, "action")), "create");
        snprintf(path, sizeof path, "/v1/events/%s",
                 json_string_value(json_object_get(change, "id")));
        write_call("DELETE", path, "application/json", NULL);
    }
    json_decref(later);
    static const char *const answers[] = {
        "/v1/events?format=ndjson",      "/v1/officials?format=ndjson",
        "/v1/agreements?format=ndjson",  "/v1/sources?format=ndjson",
        "/v1/timeline?limit=500",        "/v1/stats",
        "/v1/officials/phan-van-giang",  "/v1/sources/backup-notes",
        "/v1/sources/backup-notes/text", "/v1/search?q=written&limit=100",
        "/v1/events?q=written&limit=100"};
    for (size_t k = 0; k < sizeof answers / sizeof answers[0]; k++)
        same(original.base_url, restored.base_url, answers[k]);
    cr_assert_eq(test_process_stop(&restored, SIGTERM), 0);
}
