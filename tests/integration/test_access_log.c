/* The request log of the real binary: batched, yet every line arrives (within the flush interval
 * while running, all of them at SIGTERM); JVDR_ACCESS_LOG=errors keeps only failed or aborted
 * requests and =off none, while /metrics still counts every request. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"

static char dir[64], db[128], log_path[128];
static struct test_process server;

static void start_with(const char *mode)
{
    snprintf(dir, sizeof dir, "/tmp/jvdr-log-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    snprintf(log_path, sizeof log_path, "%s/requests.log", dir);
    char setting[64];
    snprintf(setting, sizeof setting, "JVDR_ACCESS_LOG=%s", mode);
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    const char *const env[] = {setting, NULL};
    server.stdout_path = log_path;
    test_process_start(&server, args, env);
}

static void remove_files(void)
{
    char command[160];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    cr_assert_eq(system(command), 0);
}

/* Stops the server with SIGTERM: it must exit 0; else the failure says how, with what it wrote
 * to stderr (a bare "!= 0" once failed under load and said nothing more). */
static void stop_cleanly(void)
{
    char log[8192];
    int status = test_process_stop_log(&server, SIGTERM, log, sizeof log);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "stopped with status %#x: %s", status,
              log);
}

/* The log's lines that name request_id. */
static int lines_with(const char *request_id)
{
    char line[4096];
    int n = 0;
    FILE *f = fopen(log_path, "r");
    while (f && fgets(line, sizeof line, f))
        n += strstr(line, request_id) != NULL;
    if (f)
        fclose(f);
    return n;
}

static void request(const char *path, const char *request_id, long status)
{
    char header[96];
    snprintf(header, sizeof header, "X-Request-Id: %s", request_id);
    const char *const headers[] = {header, NULL};
    char url[256];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    struct http_reply reply;
    http_call(NULL, "GET", url, headers, &reply);
    cr_assert_eq(reply.status, status, "%s", path);
    http_reply_free(&reply);
}

static unsigned long requests_counted(void)
{
    struct http_reply reply;
    http_get(server.base_url, "/metrics", &reply);
    unsigned long total = 0;
    for (const char *p = strstr(reply.body, "\njvdr_http_requests_total{"); p;
         p = strstr(p + 1, "\njvdr_http_requests_total{"))
        total += strtoul(strchr(p, '}') + 1, NULL, 10);
    http_reply_free(&reply);
    return total;
}

Test(access_log, every_line_arrives_while_running_and_at_sigterm)
{
    start_with("on");
    request("/v1/events?limit=1", "log-test-running", 200);
    /* Batched: not necessarily there at once, but within the flush interval (waited for with a
     * generous margin; how fast is not what this checks). */
    for (int i = 0; i < 100 && lines_with("log-test-running") == 0; i++)
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    cr_assert_eq(lines_with("log-test-running"), 1);

    for (int i = 0; i < 200; i++) {
        char id[48];
        snprintf(id, sizeof id, "log-test-burst-%03d", i);
        request("/v1/events?limit=1", id, 200);
    }
    stop_cleanly();
    for (int i = 0; i < 200; i++) {
        char id[48];
        snprintf(id, sizeof id, "log-test-burst-%03d", i);
        cr_assert_eq(lines_with(id), 1, "%s is missing after a clean stop", id);
    }
    remove_files();
}

/* The "bytes" of the log line naming request_id (-1 when there is none). */
static long logged_bytes(const char *request_id)
{
    char line[4096];
    long bytes = -1;
    FILE *f = fopen(log_path, "r");
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, request_id) && strstr(line, "\"bytes\":"))
            bytes = strtol(strstr(line, "\"bytes\":") + 8, NULL, 10);
    if (f)
        fclose(f);
    return bytes;
}

Test(access_log, a_streamed_export_logs_the_bytes_it_sent)
{
    start_with("on");
    const char *const headers[] = {"X-Request-Id: log-test-export", NULL};
    char url[256];
    snprintf(url, sizeof url, "%s/v1/events?format=ndjson", server.base_url);
    struct http_reply reply;
    http_call(NULL, "GET", url, headers, &reply);
    cr_assert_eq(reply.status, 200);
    size_t sent = strlen(reply.body);
    http_reply_free(&reply);
    stop_cleanly();
    cr_assert_gt(sent, 1000);
    cr_assert_eq(logged_bytes("log-test-export"), (long)sent, "an export logs what it sent");
    remove_files();
}

Test(access_log, errors_mode_keeps_failures_only_and_metrics_count_everything)
{
    start_with("errors");
    unsigned long before = requests_counted();
    request("/v1/events?limit=1", "log-test-fine", 200);
    request("/v1/nothing-here", "log-test-missing", 404);
    request("/v1/events?limit=-1", "log-test-bad", 400);
    cr_assert_geq(requests_counted(), before + 3 + 1);
    stop_cleanly();
    cr_assert_eq(lines_with("log-test-fine"), 0, "a 200 was logged in errors mode");
    cr_assert_eq(lines_with("log-test-missing"), 1);
    cr_assert_eq(lines_with("log-test-bad"), 1);
    remove_files();
}

Test(access_log, off_writes_nothing_and_metrics_still_count)
{
    start_with("off");
    unsigned long before = requests_counted();
    request("/v1/events?limit=1", "log-test-off", 200);
    request("/v1/nothing-here", "log-test-off-404", 404);
    cr_assert_geq(requests_counted(), before + 2 + 1);
    stop_cleanly();
    FILE *f = fopen(log_path, "r");
    cr_assert_not_null(f);
    cr_assert_eq(fgetc(f), EOF, "the log is not empty with JVDR_ACCESS_LOG=off");
    fclose(f);
    remove_files();
}

Test(access_log, a_bad_setting_stops_start_up_naming_it)
{
    /* Exit status 2 (a configuration error) and a message naming the variable. */
    char command[1024];
    snprintf(command, sizeof command,
             "out=$(JVDR_ACCESS_LOG=sometimes %s --port 0 --db /nonexistent/x.db 2>&1); "
             "test $? -eq 2 && echo \"$out\" | grep -q \"JVDR_ACCESS_LOG: 'sometimes'\"",
             JVDR_BINARY);
    cr_assert_eq(system(command), 0, "not refused with status 2 and the variable's name");
}
