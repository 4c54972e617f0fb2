/* jvdr behind a real nginx on loopback running the compose example's nginx.conf, mounted under
 * /api/jvdr/: the client address in the log, Link and Location URLs carrying nginx's scheme, host
 * and the prefix, and forwarding headers from a peer that is not a trusted proxy ignored. The
 * client speaks from 127.0.0.2 so that it is not the trusted proxy (127.0.0.1). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"
#include "test_sse.h"

#define NGINX "/usr/sbin/nginx"
#define TOKEN_HEADER "Authorization: Bearer nginx-test-token-0123456789"

static char dir[64], log_path[128];
static struct test_process jvdr;
static pid_t nginx_pid;
static unsigned nginx_port;

static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    close(fd);
    return ntohs(a.sin_port);
}

/* Replaces the one occurrence of from in text (of size bytes) by to; false when from is not there
 * exactly once or the result does not fit. */
static bool replace_once(char *text, size_t size, const char *from, const char *to)
{
    char *at = strstr(text, from);
    if (!at || strstr(at + 1, from))
        return false;
    size_t from_len = strlen(from), to_len = strlen(to), tail = strlen(at + from_len);
    if ((size_t)(at - text) + to_len + tail + 1 > size)
        return false;
    memmove(at + to_len, at + from_len, tail + 1);
    memcpy(at, to, to_len);
    return true;
}

static void start(void)
{
    cr_assert_eq(access(NGINX, X_OK), 0, "nginx is not installed (scripts/install-deps.sh test)");
    snprintf(dir, sizeof dir, "/tmp/jvdr-nginx-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char db[128];
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    snprintf(log_path, sizeof log_path, "%s/jvdr.log", dir);
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    const char *const env[] = {"JVDR_TRUSTED_PROXIES=127.0.0.1",
                               "JVDR_API_TOKEN=nginx-test-token-0123456789",
                               "JVDR_STREAM_HEARTBEAT=1", NULL};
    jvdr.stdout_path = log_path;
    test_process_start(&jvdr, args, env);

    nginx_port = free_port();
    /* The compose example's own server block, with its service name and port made local, so that
     * what this suite proves holds for the configuration the example ships. */
    char site[2048], listen[64], upstream[64];
    snprintf(listen, sizeof listen, "listen 127.0.0.1:%u;", nginx_port);
    snprintf(upstream, sizeof upstream, "http://127.0.0.1:%u/", jvdr.port);
    FILE *f = fopen(JVDR_COMPOSE_DIR "/nginx.conf", "r");
    cr_assert_not_null(f, "cannot read examples/compose/nginx.conf");
    size_t n = fread(site, 1, sizeof site - 1, f);
    fclose(f);
    site[n] = '\0';
    cr_assert(replace_once(site, sizeof site, "listen 80;", listen),
              "examples/compose/nginx.conf no longer has 'listen 80;'");
    cr_assert(replace_once(site, sizeof site, "http://jvdr:8080/", upstream),
              "examples/compose/nginx.conf no longer proxies to http://jvdr:8080/");
    char conf[160];
    snprintf(conf, sizeof conf, "%s/nginx.conf", dir);
    f = fopen(conf, "w");
    fprintf(f,
            "user root;\nworker_processes 1;\ndaemon off;\nerror_log %s/nginx-error.log;\n"
            "pid %s/nginx.pid;\nevents { worker_connections 64; }\n"
            "http {\n  access_log off;\n  client_body_temp_path %s;\n  proxy_temp_path %s;\n"
            "  fastcgi_temp_path %s;\n  uwsgi_temp_path %s;\n  scgi_temp_path %s;\n%s}\n",
            dir, dir, dir, dir, dir, dir, dir, site);
    fclose(f);
    nginx_pid = fork();
    if (nginx_pid == 0) {
        execl(NGINX, NGINX, "-p", dir, "-c", conf, (char *)NULL);
        _exit(127);
    }
    /* Wait until nginx answers. */
    for (int i = 0; i < 100; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)nginx_port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
        close(fd);
        if (ok)
            return;
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    cr_assert_fail("nginx did not start (see %s/nginx-error.log)", dir);
}

static void stop(void)
{
    if (nginx_pid > 0) {
        kill(nginx_pid, SIGTERM);
        waitpid(nginx_pid, NULL, 0);
    }
    test_process_stop(&jvdr, SIGTERM);
    char command[128];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    cr_assert_eq(system(command), 0);
}

TestSuite(nginx, .init = start, .fini = stop, .timeout = 60);

/* A request from 127.0.0.2 with a request id to find its log line. */
static void call_from_client(const char *method, const char *url, const char *request_id,
                             const char *extra_header, const char *body, struct http_reply *reply)
{
    char id_header[96];
    snprintf(id_header, sizeof id_header, "X-Request-Id: %s", request_id);
    const char *const headers[] = {id_header, TOKEN_HEADER, "Content-Type: application/json",
                                   extra_header, NULL};
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_INTERFACE, "127.0.0.2");
    http_send(curl, method, url, headers, body, body ? strlen(body) : 0, reply);
    curl_easy_cleanup(curl);
}

/* The client field of the log line for request_id. */
static void logged_client(const char *request_id, char *out, size_t outlen)
{
    char needle[96], line[4096];
    snprintf(needle, sizeof needle, "\"request_id\":\"%s\"", request_id);
    out[0] = '\0';
    for (int attempt = 0; attempt < 50 && !out[0]; attempt++) {
        FILE *f = fopen(log_path, "r");
        while (f && fgets(line, sizeof line, f)) {
            const char *client = strstr(line, "\"client\":\"");
            if (strstr(line, needle) && client) {
                client += 10;
                size_t n = strcspn(client, "\"");
                snprintf(out, outlen, "%.*s", (int)n, client);
            }
        }
        if (f)
            fclose(f);
        if (!out[0])
            nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
}

Test(nginx, through_the_proxy_urls_carry_its_host_and_prefix)
{
    char url[256], link[1024], expected[256], client[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/api/jvdr/v1/events?limit=5", nginx_port);
    struct http_reply reply;
    call_from_client("GET", url, "via-nginx-1", NULL, NULL, &reply);
    cr_assert_eq(reply.status, 200, "%s", reply.body);
    cr_assert_not_null(http_header(&reply, "Link", link, sizeof link));
    snprintf(expected, sizeof expected,
             "<http://127.0.0.1:%u/api/jvdr/v1/events?limit=5&offset=5>; rel=\"next\"", nginx_port);
    cr_assert(strstr(link, expected), "%s lacks %s", link, expected);
    http_reply_free(&reply);
    logged_client("via-nginx-1", client, sizeof client);
    cr_assert_str_eq(client, "127.0.0.2", "the log names the client, not nginx");

    /* A spoofed X-Forwarded-For from the client is kept behind the address nginx saw. */
    call_from_client("GET", url, "via-nginx-2", "X-Forwarded-For: 198.51.100.1", NULL, &reply);
    http_reply_free(&reply);
    logged_client("via-nginx-2", client, sizeof client);
    cr_assert_str_eq(client, "127.0.0.2");
}

Test(nginx, location_of_a_write_through_the_proxy_is_prefixed)
{
    char url[256], location[256], expected[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/api/jvdr/v1/events", nginx_port);
    struct http_reply reply;
    call_from_client(
        "POST", url, "via-nginx-3", NULL,
        "{\"id\": \"proxied-write\", \"title\": \"Through nginx\", \"type\": \"meeting\"}", &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    snprintf(expected, sizeof expected, "http://127.0.0.1:%u/api/jvdr/v1/events/proxied-write",
             nginx_port);
    cr_assert_str_eq(http_header(&reply, "Location", location, sizeof location), expected);
    http_reply_free(&reply);
    /* The Location works as a URL. */
    call_from_client("GET", location, "via-nginx-4", NULL, NULL, &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);
}

Test(nginx, forwarding_headers_from_an_untrusted_peer_are_ignored)
{
    char url[256], link[1024], expected[256], client[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/v1/events?limit=5", jvdr.port);
    struct http_reply reply;
    char spoof[] = "X-Forwarded-For: 198.51.100.1";
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_INTERFACE, "127.0.0.2");
    const char *const headers[] = {"X-Request-Id: direct-1",
                                   spoof,
                                   "X-Forwarded-Proto: https",
                                   "X-Forwarded-Host: evil.example",
                                   "X-Forwarded-Prefix: /evil",
                                   "Forwarded: for=203.0.113.1;proto=https;host=evil.example",
                                   NULL};
    http_send(curl, "GET", url, headers, NULL, 0, &reply);
    curl_easy_cleanup(curl);
    cr_assert_eq(reply.status, 200);
    cr_assert_not_null(http_header(&reply, "Link", link, sizeof link));
    snprintf(expected, sizeof expected, "<http://127.0.0.1:%u/v1/events?limit=5&offset=0>",
             jvdr.port);
    cr_assert(strstr(link, expected), "%s", link);
    cr_assert_null(strstr(link, "evil"));
    http_reply_free(&reply);
    logged_client("direct-1", client, sizeof client);
    cr_assert_str_eq(client, "127.0.0.2");
}

/* The live change stream through nginx: each event and heartbeat arrives as it is sent, not
 * when a buffer fills. */
Test(nginx, the_live_change_stream_passes_through_as_it_comes)
{
    struct sse s;
    sse_open(&s, nginx_port, "/api/jvdr/v1/changes", NULL, 0, 5000);
    cr_assert_eq(s.status, 200, "%s", s.head);
    struct sse_event ev;
    cr_assert(sse_next(&s, &ev, 5000) && ev.comment, "the opening comment, through nginx");
    sse_event_free(&ev);
    cr_assert(sse_next(&s, &ev, 10000) && ev.comment, "a heartbeat, through nginx");
    sse_event_free(&ev);
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/api/jvdr/v1/officials", nginx_port);
    struct http_reply reply;
    call_from_client("POST", url, "via-nginx-stream", NULL,
                     "{\"id\":\"streamed\",\"name\":\"Streamed Person\",\"country\":\"JP\"}",
                     &reply);
    cr_assert_eq(reply.status, 201, "%s", reply.body);
    http_reply_free(&reply);
    sse_expect(&s, &ev, 5000);
    cr_assert(strstr(ev.data, "\"streamed\""), "%s", ev.data);
    sse_event_free(&ev);
    sse_close(&s);
}
