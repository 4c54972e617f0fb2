/* Operating the binary: metrics in the Prometheus format, graceful shutdown mid-request, the
 * request log, bad configuration, and the container healthcheck. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"
#include "test_server.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The value of the first metric line starting with prefix, or -1. */
static double metric(const char *text, const char *prefix)
{
    for (const char *line = text; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, prefix, strlen(prefix)) == 0)
            return atof(line + strlen(prefix));
    return -1;
}

Test(operations, metrics_count_requests_by_route_and_status)
{
    struct test_server server;
    test_server_start(&server, NULL);
    struct http_reply reply;
    for (int i = 0; i < 3; i++) {
        http_get(server.base_url, "/v1/events", &reply);
        http_reply_free(&reply);
    }
    http_get(server.base_url, "/v1/events/nope", &reply);
    http_reply_free(&reply);
    http_get(server.base_url, "/nowhere", &reply);
    http_reply_free(&reply);
    http_get(server.base_url, "/metrics", &reply);
    cr_assert_eq(reply.status, 200);
    char type[100];
    cr_assert(strstr(http_header(&reply, "Content-Type", type, sizeof type), "text/plain"));
    const char *m = reply.body;
    cr_assert_eq(metric(m, "jvdr_http_requests_total{route=\"events.list\",status=\"200\"} "), 3);
    cr_assert_eq(metric(m, "jvdr_http_requests_total{route=\"events.get\",status=\"404\"} "), 1);
    cr_assert_eq(metric(m, "jvdr_http_requests_total{route=\"unmatched\",status=\"404\"} "), 1);
    cr_assert_eq(metric(m, "jvdr_http_request_duration_seconds_count{route=\"events.list\"} "), 3);
    cr_assert_eq(
        metric(m, "jvdr_http_request_duration_seconds_bucket{route=\"events.list\",le=\"+Inf\"} "),
        3);
    cr_assert_geq(metric(m, "jvdr_http_requests_in_flight "), 1, "the scrape itself is in flight");
    cr_assert_gt(metric(m, "jvdr_database_size_bytes "), 100000);
    cr_assert_eq(metric(m, "jvdr_build_info{version=\"" JVDR_VERSION "\"} "), 1);
    cr_assert(strstr(m, "# TYPE jvdr_http_request_duration_seconds histogram"));
    http_reply_free(&reply);
    test_server_stop(&server);
}

Test(operations, sigterm_lets_a_request_in_flight_finish_and_exits_0)
{
    char dir[] = "/tmp/jvdr-term-XXXXXX", db[128], log[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    snprintf(log, sizeof log, "%s/out.log", dir);
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    const char *const env[] = {"JVDR_API_TOKEN=term-test-token-0123456789", NULL};
    struct test_process p = {.stdout_path = log};
    test_process_start(&p, args, env);

    /* A write whose body is still arriving when the signal comes. */
    const char body[] =
        "{\"id\": \"written-while-stopping\", \"title\": \"T\", \"type\": \"meeting\"}";
    char head[512];
    snprintf(head, sizeof head,
             "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Authorization: Bearer term-test-token-0123456789\r\nContent-Length: %zu\r\n\r\n%.10s",
             sizeof body - 1, body);
    int fd = -1;
    free(raw_exchange_open(p.port, head, &fd));
    /* Signal only once the server counts the write in flight (beside the scrape asking), however
     * slowly it runs (valgrind): a signal before that finds nothing to wait for. */
    double in_flight = 0;
    for (double start = now_seconds(); in_flight < 2 && now_seconds() - start < 10;) {
        struct http_reply m;
        http_get(p.base_url, "/metrics", &m);
        in_flight = metric(m.body, "jvdr_http_requests_in_flight ");
        http_reply_free(&m);
        if (in_flight < 2)
            nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    cr_assert_geq(in_flight, 2, "the write is received, its body still arriving");
    kill(p.pid, SIGTERM);
    nanosleep(&(struct timespec){0, 400 * 1000 * 1000}, NULL);
    cr_assert_eq(waitpid(p.pid, NULL, WNOHANG), 0, "it waits for the request in flight");
    int late = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p.port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_neq(connect(late, (struct sockaddr *)&addr, sizeof addr), 0,
                  "new connections are refused");
    close(late);

    double sent = now_seconds();
    char *reply = raw_exchange_finish(fd, body + 10, 5000);
    cr_assert(strncmp(reply, "HTTP/1.1 201", 12) == 0, "%.200s", reply);
    cr_assert(strstr(reply, "Connection: close"), "the connection is let go: %s", reply);
    free(reply);
    int status = 0;
    while (waitpid(p.pid, &status, WNOHANG) == 0 && now_seconds() - sent < 5)
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status 0, within seconds");
    close(p.stderr_fd);

    /* The write is on disk, the WAL was checkpointed, the log has the request and its client. */
    sqlite3 *h;
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(h, "SELECT count(*) FROM events WHERE id = 'written-while-stopping'", -1,
                       &stmt, NULL);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(stmt, 0), 1);
    sqlite3_finalize(stmt);
    sqlite3_close(h);
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", db);
    FILE *w = fopen(wal, "rb");
    long wal_size = 0;
    if (w) {
        fseek(w, 0, SEEK_END);
        wal_size = ftell(w);
        fclose(w);
    }
    cr_assert_eq(wal_size, 0, "the WAL is checkpointed and truncated at exit");
    FILE *f = fopen(log, "r");
    char line[2048] = "";
    bool found = false; /* the write's line, among the scrapes' before it */
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, "\"route\":\"events.create\"") != NULL;
    fclose(f);
    cr_assert(found, "the write is logged");
    cr_assert(strstr(line, "\"route\":\"events.create\"") && strstr(line, "\"status\":201") &&
                  strstr(line, "\"client\":\"127.0.0.1\"") && strstr(line, "\"request_id\":") &&
                  strstr(line, "\"duration_ms\":") && strstr(line, "\"bytes\":"),
              "%s", line);
    cr_assert_null(strstr(line, "term-test-token"), "the token is never logged");
}

Test(operations, bad_configuration_stops_start_up_naming_the_setting)
{
    const char *cases[][2] = {{"--port", "http"},
                              {"--threads", "0"},
                              {"--trusted-proxies", "10.0.0.0/40"},
                              {"--max-body", "-5"},
                              {"--require-if-match", "maybe"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char command[256];
        snprintf(command, sizeof command, "%s %s '%s' 2>&1", JVDR_BINARY, cases[i][0], cases[i][1]);
        FILE *out = popen(command, "r");
        char message[512] = "";
        size_t n = fread(message, 1, sizeof message - 1, out);
        message[n] = '\0';
        int status = pclose(out);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 2, "%s", command);
        cr_assert(strstr(message, cases[i][0]), "'%s' does not name %s", message, cases[i][0]);
        cr_assert_eq(strchr(message, '\n'), message + strlen(message) - 1, "one line: %s", message);
    }
}

Test(operations, healthcheck_subcommand_probes_healthz)
{
    struct test_server server;
    test_server_start(&server, NULL);
    char command[256];
    snprintf(command, sizeof command, "%s healthcheck --port %u", JVDR_BINARY, server.port);
    cr_assert_eq(system(command), 0);
    test_server_stop(&server);
    cr_assert_neq(system(command), 0, "nothing listens any more");
}

Test(operations, readyz_answers_503_when_the_database_file_is_gone)
{
    if (test_server_postgresql())
        cr_skip_test("SQLite's file (PostgreSQL away: test_pg_faults)");
    struct test_server server;
    test_server_start(&server, NULL);
    struct http_reply reply;
    http_get(server.base_url, "/readyz", &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
    char moved[160];
    snprintf(moved, sizeof moved, "%s.moved", server.db_path);
    cr_assert_eq(rename(server.db_path, moved), 0);
    /* Several probes, so that worker threads with and without an open connection both answer. */
    for (int i = 0; i < 6; i++) {
        http_get(server.base_url, "/readyz", &reply);
        cr_assert_eq(reply.status, 503, "probe %d: %s", i, reply.body);
        json_t *p = http_json(&reply);
        const char *detail = json_string_value(json_object_get(p, "detail"));
        cr_assert(strstr(detail, "missing") || strstr(detail, "unavailable"), "%s", detail);
        json_decref(p);
        http_reply_free(&reply);
        struct stat st;
        cr_assert_neq(stat(server.db_path, &st), 0, "no empty database was created in its place");
    }
    http_get(server.base_url, "/healthz", &reply);
    cr_assert_eq(reply.status, 200, "the process itself is still alive");
    http_reply_free(&reply);
    cr_assert_eq(rename(moved, server.db_path), 0);
    http_get(server.base_url, "/readyz", &reply);
    cr_assert_eq(reply.status, 200, "ready again once the file is back");
    http_reply_free(&reply);
    test_server_stop(&server);
}
