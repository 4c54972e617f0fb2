/* libFuzzer harness: whole HTTP requests through the real daemon. The server (in-process, on a
 * fresh seeded database, with a token; PostgreSQL's when JVDR_FUZZ_DB names one) starts once; each
 * input is written to a new loopback connection, which is then half-closed, and the answer is read.
 * A crash, a hang, a 5xx answer or a success for a target holding %00 is a failure. */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jvdr/http/server.h"
#include "jvdr/service/app.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct app app;
static unsigned port;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static char dir[] = "/tmp/jvdr-fuzz-XXXXXX";
    static char db[96];
    if (!mkdtemp(dir))
        abort();
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    struct config cfg;
    config_defaults(&cfg);
    cfg.port = 0;
    /* A PostgreSQL URI puts the same requests to the second store, which refuses some bytes
     * SQLite keeps (scripts/fuzz.sh http-pg). */
    const char *store = getenv("JVDR_FUZZ_DB");
    cfg.db_path = store && *store ? store : db;
    cfg.log_format = "text";
    cfg.api_token = "fuzz-token-0123456789abcdef";
    cfg.max_body = 65536;
    cfg.timeout_seconds = 1; /* an input that never completes a request costs a second, no more */
    char err[256];
    if (!freopen("/dev/null", "w", stdout) || app_init(&app, &cfg, err, sizeof err) != JVDR_OK ||
        http_start(&app.site, &app.server, &port, err, sizeof err) != JVDR_OK) {
        fprintf(stderr, "fuzz_http: %s\n", err);
        abort();
    }
    return 0;
}

/* A new connection to the server. libFuzzer's timeout alarm (SIGALRM, installed without
 * SA_RESTART) can interrupt connect() on a busy machine, so a failed attempt is made again with a
 * new socket; only a server that refuses for a whole second has gone away. */
static int connect_to_server(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0)
            return fd;
        int why = errno;
        if (fd >= 0)
            close(fd);
        if (why != EINTR && why != EAGAIN && why != ECONNREFUSED && why != EMFILE)
            break;
        usleep(10000);
    }
    perror("fuzz_http: connect");
    abort(); /* the server went away */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = connect_to_server();
    size_t sent = 0;
    while (sent < size) {
        ssize_t n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sent += (size_t)n;
    }
    /* Most mutations break the header block's end; completing it gets them parsed rather than
     * waited for. */
    if (!memmem(data, size, "\r\n\r\n", 4))
        send(fd, "\r\n\r\n", 4, MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    char reply[65536];
    size_t got = 0;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    /* Wait for the answer to start (at most the server's timeout), then only while it flows: the
     * server may keep a half-closed keep-alive connection open after answering. */
    for (;;) {
        int ready = got < sizeof reply - 1 ? poll(&p, 1, got ? 50 : 300) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            break;
        ssize_t n = recv(fd, reply + got, sizeof reply - 1 - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    reply[got] = '\0';
    close(fd);
    /* Every answer the server gives to client bytes is a success or a 4xx (or 505 for an HTTP
     * version it does not speak); a 500 or 503 would be a bug. */
    for (const char *r = strstr(reply, "HTTP/1."); r; r = strstr(r + 1, "HTTP/1.")) {
        int status = 0;
        if (sscanf(r, "HTTP/1.%*d %d", &status) == 1 && status >= 500 && status != 505)
            abort();
    }
    /* An escaped NUL in the first request line's target (path or query) is never served: it
     * once cut an id short, and a write landed on the record it was cut to. */
    const uint8_t *line_end = memmem(data, size, "\r\n", 2);
    int first = 0;
    if (line_end && memmem(data, (size_t)(line_end - data), "%00", 3) &&
        sscanf(reply, "HTTP/1.%*d %d", &first) == 1 && first / 100 == 2)
        abort();
    return 0;
}
