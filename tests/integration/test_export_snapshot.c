/* Exports against a collection far larger than every socket buffer between server and client, read
 * by a client that takes its time: what the export holds is the database as it was when it began,
 * whatever is written while it streams; and a client that walks away mid-export gives back its
 * snapshot, so that the next export (one allowed at a time here) is served. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "test_http.h"
#include "test_server.h"

#define TOKEN "export-snapshot-token-0123456789"
#define EVENTS 20000

static struct test_server server;

static void configure(struct config *cfg)
{
    cfg->api_token = TOKEN;
    cfg->max_exports = 1;
    cfg->rate_limit = "off";
    cfg->write_rate_limit = "off";
}

/* Bytes of each event's summary: with the rest of its line, 20,000 events make some 7 MB. */
#define SUMMARY 300

/* The most a connection's send buffer grows to (tcp_wmem's maximum), 4 MiB if unknown. */
static long send_buffer_max(void)
{
    long low = 0, initial = 0, max = 4L << 20;
    FILE *f = fopen("/proc/sys/net/ipv4/tcp_wmem", "r");
    if (f) {
        if (fscanf(f, "%ld %ld %ld", &low, &initial, &max) != 3)
            max = 4L << 20;
        fclose(f);
    }
    return max;
}

static void start(void)
{
    /* The premise of both tests: an export larger than all the kernel can hold between a server
     * and a client that does not read (the server's send buffer grows to tcp_wmem's maximum at
     * most, the client's receive buffer is 4 KiB), counting the summaries alone, so that the
     * export stays open, and its snapshot held, until the client reads or leaves. */
    cr_assert_gt((long)EVENTS * SUMMARY, send_buffer_max() + send_buffer_max() / 4,
                 "the exports would fit in the socket buffers: raise EVENTS or SUMMARY");
    test_server_start(&server, configure);
    char summary[SUMMARY + 1], sql[SUMMARY + 512];
    memset(summary, 'x', SUMMARY);
    summary[SUMMARY] = '\0';
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO events (id, title, type, date, summary) SELECT 'snap-' || i, "
             "'Snapshot event ' || i, 'meeting', "
             "CASE WHEN i %% 25 < 10 THEN '200' ELSE '20' END || (i %% 25), '%s' FROM n",
             EVENTS, summary);
    test_server_bulk_sql(&server, sql);
}

static void stop(void)
{
    test_server_stop(&server);
}

TestSuite(export_snapshot, .init = start, .fini = stop, .timeout = 120);

/* A connection with a small receive buffer that has sent request. */
static int open_slow_reader(const char *request)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)server.port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(send(fd, request, strlen(request), MSG_NOSIGNAL), (ssize_t)strlen(request));
    return fd;
}

/* Reads into *text (grown) until it holds at least want bytes or the peer closes. */
static size_t read_some(int fd, char **text, size_t *len, size_t *cap, size_t want)
{
    while (*len < want) {
        if (*cap - *len < 65536) {
            *cap = *cap * 2 + 65536;
            *text = realloc(*text, *cap + 1);
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        cr_assert_gt(poll(&p, 1, 20000), 0, "the export stalled");
        ssize_t n = recv(fd, *text + *len, *cap - *len, 0);
        if (n <= 0)
            break;
        *len += (size_t)n;
    }
    (*text)[*len] = '\0';
    return *len;
}

static unsigned long exports_open(void)
{
    return test_server_metric(&server, "jvdr_exports_open");
}

static void write_call(const char *method, const char *path, const char *type, const char *body,
                       int expect)
{
    char url[256], content_type[96];
    snprintf(url, sizeof url, "%s%s", server.base_url, path);
    snprintf(content_type, sizeof content_type, "Content-Type: %s", type);
    const char *headers[] = {"Authorization: Bearer " TOKEN, content_type, NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, &reply);
    cr_assert_eq(reply.status, expect, "%s %s: %d %s", method, path, reply.status, reply.body);
    http_reply_free(&reply);
}

/* The line of the NDJSON text for id, or NULL. */
static const char *line_of(const char *ndjson, const char *id)
{
    char needle[80];
    snprintf(needle, sizeof needle, "{\"id\":\"%s\",", id);
    return strstr(ndjson, needle);
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

Test(export_snapshot, writes_made_while_an_export_streams_are_not_in_it)
{
    /* HTTP/1.0: the body unchunked, ended by the close. */
    int fd = open_slow_reader("GET /v1/events?format=ndjson HTTP/1.0\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n");
    char *text = NULL;
    size_t len = 0, cap = 0;
    read_some(fd, &text, &len, &cap, 8192);
    cr_assert(strncmp(text + 9, "200", 3) == 0, "%.200s", text);
    const char *count = strstr(text, "X-Total-Count: ");
    cr_assert_not_null(count, "%.400s", text);
    unsigned long total = strtoul(count + 15, NULL, 10);
    cr_assert_geq(total, EVENTS);

    /* Written and acknowledged while the export is mid-way: one created, one deleted and one
     * changed, each where the export has not reached yet (it is in date order; these are 2024
     * and undated-last records, or dated before the end). */
    write_call("POST", "/v1/events", "application/json",
               "{\"id\": \"written-during-export\", \"title\": \"Late\", \"type\": \"visit\", "
               "\"date\": \"2024-06-01\"}",
               201);
    write_call("DELETE", "/v1/events/snap-24", "application/json", NULL, 204);
    write_call("PATCH", "/v1/events/snap-49", "application/merge-patch+json",
               "{\"title\": \"Changed during the export\"}", 200);
    cr_assert_eq(exports_open(), 1, "the export's snapshot is held while it streams");
    size_t read_before = len;

    read_some(fd, &text, &len, &cap, (size_t)-1);
    close(fd);
    const char *body = strstr(text, "\r\n\r\n");
    cr_assert_not_null(body);
    cr_assert_lt(read_before * 4, len, "the writes landed after a quarter of the export at most");
    body += 4;
    cr_assert_eq(count_lines(body), total, "as many records as X-Total-Count said at the start");
    cr_assert_null(line_of(body, "written-during-export"), "a record created after it began");
    cr_assert_not_null(line_of(body, "snap-24"), "a record deleted after it began is in it");
    const char *changed = line_of(body, "snap-49");
    cr_assert_not_null(changed);
    const char as_it_was[] = "{\"id\":\"snap-49\",\"title\":\"Snapshot event 49\",";
    cr_assert(strncmp(changed, as_it_was, strlen(as_it_was)) == 0, "the title as it was: %.80s",
              changed);
    free(text);

    /* And the next export sees every write. */
    struct http_reply after;
    char url[128];
    snprintf(url, sizeof url, "%s/v1/events?format=ndjson", server.base_url);
    http_call(NULL, "GET", url, NULL, &after);
    cr_assert_eq(after.status, 200);
    cr_assert_not_null(line_of(after.body, "written-during-export"));
    cr_assert_null(line_of(after.body, "snap-24"));
    cr_assert_eq(count_lines(after.body), total);
    http_reply_free(&after);
}

Test(export_snapshot, a_client_leaving_mid_export_gives_its_snapshot_back)
{
    /* Not gzip'd: compressed, the export's repeated summaries would fit in the socket buffers,
     * and the export could end before the second one asks (it once did). */
    int fd = open_slow_reader("GET /v1/events?format=csv&limit=all HTTP/1.1\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n");
    char *text = NULL;
    size_t len = 0, cap = 0;
    read_some(fd, &text, &len, &cap, 4096);
    cr_assert(strncmp(text, "HTTP/1.1 200", 12) == 0, "%.200s", text);
    cr_assert_eq(exports_open(), 1);

    /* One export at a time here: a second is refused while the first streams. */
    struct http_reply busy;
    char url[128];
    snprintf(url, sizeof url, "%s/v1/officials?format=ndjson", server.base_url);
    http_call(NULL, "GET", url, NULL, &busy);
    cr_assert_eq(busy.status, 503, "%d %s", busy.status, busy.body);
    char retry[16];
    cr_assert_not_null(http_header(&busy, "Retry-After", retry, sizeof retry));
    http_reply_free(&busy);

    /* The client goes away with most of the export unread. */
    struct linger hard = {.l_onoff = 1, .l_linger = 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    close(fd);
    free(text);
    /* The server notices at its next write; poll (a liveness bound, not a speed claim). */
    for (int i = 0; i < 200 && exports_open() != 0; i++)
        nanosleep(&(struct timespec){.tv_nsec = 50000000}, NULL);
    cr_assert_eq(exports_open(), 0, "the snapshot of the abandoned export was not given back");

    struct http_reply next;
    http_call(NULL, "GET", url, NULL, &next);
    cr_assert_eq(next.status, 200, "the next export is served: %d", next.status);
    http_reply_free(&next);
}
