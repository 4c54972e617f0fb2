/* The index of events saved at a clean stop on PostgreSQL (--index-file): the next start reads it
 * instead of the database and answers as before; a write by another instance while the first ran
 * is in the file it saves; a change made by hand while it was stopped makes the next start read
 * the database. Two instances on a throwaway cluster of the suite's own. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_http.h"
#include "test_pg.h"
#include "test_process.h"

#define TOKEN "pg-snapshot-token-0123456789"
#define AUTH "Authorization: Bearer " TOKEN

static struct test_pg cluster;
static char dir[64], saved[128];

static void start_suite(void)
{
    test_pg_start(&cluster);
    snprintf(dir, sizeof dir, "/tmp/jvdr-pg-snapshot-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(saved, sizeof saved, "%s/index", dir);
}

static void stop_suite(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir); /* our own mkdtemp name */
    cr_assert_eq(system(cmd), 0);
    test_pg_stop(&cluster);
}

TestSuite(pg_index_snapshot, .init = start_suite, .fini = stop_suite, .timeout = 180);

/* What the index answers: stats with filters, pages in each order, the timeline, q=. */
static const char *const urls[] = {
    "/v1/stats",
    "/v1/stats?country=VN&topic=snap-topic",
    "/v1/events?topic=snap-topic&limit=100",
    "/v1/events?sort=-date&limit=5&offset=3",
    "/v1/events?q=minister&sort=title&limit=100",
    "/v1/timeline?country=JP",
};
#define URLS (sizeof urls / sizeof urls[0])

static void fetch_all(const char *base, char *out[URLS])
{
    for (size_t i = 0; i < URLS; i++) {
        struct http_reply reply;
        http_get(base, urls[i], &reply);
        cr_assert_eq(reply.status, 200, "%s: %ld %s", urls[i], reply.status, reply.body);
        out[i] = strdup(reply.body);
        http_reply_free(&reply);
    }
}

static void assert_same_and_free(char *a[URLS], char *b[URLS], const char *how)
{
    for (size_t i = 0; i < URLS; i++) {
        cr_assert_str_eq(a[i], b[i], "%s: %s differs", how, urls[i]);
        free(a[i]);
        free(b[i]);
    }
}

/* Starts an instance (saving its index to saved when with_file) and waits until it is ready: by
 * then it has said where it read the index from, which goes to log. */
static void start(struct test_process *p, bool with_file, char *log, size_t len)
{
    const char *const args[] = {"--port", "0", "--db", cluster.uri, NULL};
    char file[160];
    snprintf(file, sizeof file, "JVDR_INDEX_FILE=%s", with_file ? saved : "");
    const char *const env[] = {"JVDR_API_TOKEN=" TOKEN, "JVDR_LOG_FORMAT=text", file, NULL};
    test_process_start_indexed(p, args, env, log, len);
}

static void stop_saving(struct test_process *p, const char *want)
{
    char log[8192];
    int status = test_process_stop_log(p, SIGTERM, log, sizeof log);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", log);
    cr_assert(strstr(log, want), "the stop did not say '%s': %s", want, log);
}

static void post_event(const char *base, int n)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\": \"snap-event-%d\", \"title\": \"Snap minister visit %d\", \"type\": "
             "\"visit\", \"date\": \"2021-0%d-10\", \"countries\": [\"JP\", \"VN\"], "
             "\"topics\": [\"snap-topic\"]}",
             n, n, n % 9 + 1);
    http_write(base, AUTH, "POST", "/v1/events", body, 201);
}

Test(pg_index_snapshot, a_restart_reads_the_saved_file_and_it_holds_the_other_instance_s_writes)
{
    if (!cluster.uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    struct test_process a = {0}, b = {0};
    char log[8192];
    start(&a, true, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "nothing was saved yet: %s", log);
    start(&b, false, log, sizeof log);
    post_event(a.base_url, 1);
    post_event(b.base_url, 2); /* the other instance's write, heard by the first */
    http_write(a.base_url, AUTH, "DELETE", "/v1/events/admm-2020", NULL, 204);
    post_event(b.base_url, 3);
    stop_saving(&a, "saved the index of events to");
    struct stat st;
    cr_assert_eq(stat(saved, &st), 0, "no %s after the stop", saved);

    /* What the database says, from the instance that never saved. */
    char *want[URLS], *got[URLS];
    fetch_all(b.base_url, want);
    cr_assert(strstr(want[2], "snap-event-3"), "%s", want[2]);
    start(&a, true, log, sizeof log);
    cr_assert(strstr(log, "loaded the index of events from ") && strstr(log, saved),
              "the saved index was not read: %s", log);
    /* Before it said it was ready, each render thread (2 by default) opened its connection and
     * ran its engine's warm-up there, so that its first request does not. */
    cr_assert(strstr(log, "; 2 connections ready"), "%s", log);
    fetch_all(a.base_url, got);
    assert_same_and_free(want, got, "read from the saved index");
    stop_saving(&a, "is current"); /* nothing written since: the file is left */

    /* A change by hand while it is stopped: the file is never read again. */
    cr_assert(test_pg_exec(&cluster, "UPDATE events SET title = 'Snap minister visit, by hand' "
                                     "WHERE id = 'snap-event-2'"));
    start(&a, true, log, sizeof log);
    cr_assert(strstr(log, "from the database"), "a file older than a change was read: %s", log);
    struct http_reply reply;
    http_get(a.base_url, "/v1/events?q=hand", &reply);
    cr_assert(strstr(reply.body, "snap-event-2"), "%s", reply.body);
    http_reply_free(&reply);
    /* A write by the other instance after the start: the stop saves again, with it. */
    post_event(b.base_url, 4);
    stop_saving(&a, "saved the index of events to");
    start(&a, true, log, sizeof log);
    cr_assert(strstr(log, saved), "%s", log);
    http_get(a.base_url, "/v1/events?topic=snap-topic&limit=100", &reply);
    cr_assert(strstr(reply.body, "snap-event-4") && strstr(reply.body, "\"total\":4"), "%s",
              reply.body);
    http_reply_free(&reply);
    test_process_stop(&a, SIGKILL);
    test_process_stop(&b, SIGTERM);
}
