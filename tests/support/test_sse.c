/* See test_sse.h. */
#define _GNU_SOURCE /* memmem, strcasestr */
#include "test_sse.h"

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

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void append(char **buf, size_t *len, size_t *cap, const char *bytes, size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        cr_assert_not_null(*buf);
    }
    memcpy(*buf + *len, bytes, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* Reads what the socket has within the time left; false at the end or when time ran out. */
static bool receive(struct sse *s, long long deadline)
{
    long long left = deadline - now_ms();
    struct pollfd p = {.fd = s->fd, .events = POLLIN};
    if (left <= 0 || poll(&p, 1, (int)left) <= 0)
        return false;
    char chunk[16384];
    ssize_t n = recv(s->fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
        s->ended = true;
        return false;
    }
    append(&s->raw, &s->raw_len, &s->raw_cap, chunk, (size_t)n);
    return true;
}

/* Moves what is decodable of raw into text: a chunk's size line, its bytes, its CRLF. */
static void decode(struct sse *s)
{
    size_t at = 0;
    while (at < s->raw_len && !s->closed_cleanly) {
        size_t avail = s->raw_len - at;
        if (!s->chunked) {
            append(&s->text, &s->len, &s->cap, s->raw + at, avail);
            at = s->raw_len;
        } else if (s->chunk_state == 0) { /* the size line */
            char *eol = memmem(s->raw + at, avail, "\r\n", 2);
            if (!eol)
                break;
            s->chunk_left = strtoul(s->raw + at, NULL, 16);
            at = (size_t)(eol - s->raw) + 2;
            if (!s->chunk_left)
                s->closed_cleanly = s->ended = true;
            s->chunk_state = 1;
        } else if (s->chunk_state == 1) { /* the chunk's bytes */
            size_t n = avail < s->chunk_left ? avail : s->chunk_left;
            append(&s->text, &s->len, &s->cap, s->raw + at, n);
            at += n;
            s->chunk_left -= n;
            if (s->chunk_left)
                break;
            s->chunk_state = 2;
        } else { /* the CRLF after them */
            if (avail < 2)
                break;
            at += 2;
            s->chunk_state = 0;
        }
    }
    memmove(s->raw, s->raw + at, s->raw_len - at);
    s->raw_len -= at;
}

void sse_open(struct sse *s, unsigned port, const char *target, const char *headers, int rcvbuf,
              int timeout_ms)
{
    memset(s, 0, sizeof *s);
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(s->fd, 0);
    if (rcvbuf)
        setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(s->fd, (struct sockaddr *)&addr, sizeof addr), 0);
    char request[2048];
    int n = snprintf(request, sizeof request,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n%s\r\n",
                     target, headers ? headers : "");
    cr_assert_eq(send(s->fd, request, (size_t)n, MSG_NOSIGNAL), n);
    long long deadline = now_ms() + timeout_ms;
    char *end = NULL;
    while (!(end = s->raw ? strstr(s->raw, "\r\n\r\n") : NULL))
        cr_assert(receive(s, deadline), "no answer's head for %s", target);
    size_t head = (size_t)(end - s->raw) + 4;
    cr_assert_lt(head, sizeof s->head);
    memcpy(s->head, s->raw, head);
    s->head[head] = '\0';
    s->status = atoi(s->head + 9);
    s->chunked = strcasestr(s->head, "Transfer-Encoding: chunked") != NULL;
    memmove(s->raw, s->raw + head, s->raw_len - head);
    s->raw_len -= head;
    decode(s);
}

/* Parses one event or comment block off the front of text; false when none is complete. */
static bool parse(struct sse *s, struct sse_event *ev)
{
    char *end = s->text ? strstr(s->text, "\n\n") : NULL;
    if (!end)
        return false;
    memset(ev, 0, sizeof *ev);
    size_t block = (size_t)(end - s->text) + 2;
    char *p = s->text;
    size_t data_len = 0, data_cap = 0;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end + 1 - p));
        size_t n = (size_t)(eol - p);
        if (n && p[0] == ':') {
            free(ev->comment);
            ev->comment = strndup(p + 1 + (n > 1 && p[1] == ' '), n - 1 - (n > 1 && p[1] == ' '));
        } else if (n >= 4 && strncmp(p, "id: ", 4) == 0) {
            snprintf(ev->id, sizeof ev->id, "%.*s", (int)(n - 4), p + 4);
        } else if (n >= 6 && strncmp(p, "data: ", 6) == 0) {
            if (ev->data)
                append(&ev->data, &data_len, &data_cap, "\n", 1);
            append(&ev->data, &data_len, &data_cap, p + 6, n - 6);
        }
        p = eol + 1;
    }
    memmove(s->text, s->text + block, s->len - block + 1);
    s->len -= block;
    return true;
}

bool sse_next(struct sse *s, struct sse_event *ev, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        if (parse(s, ev))
            return true;
        if (s->ended || !receive(s, deadline))
            return false;
        decode(s);
    }
}

void sse_expect(struct sse *s, struct sse_event *ev, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        long long left = deadline - now_ms();
        cr_assert(left > 0 && sse_next(s, ev, (int)left),
                  "no event came within %d ms (the stream %s)", timeout_ms,
                  s->ended ? "ended" : "stayed open");
        if (ev->data)
            return;
        sse_event_free(ev);
    }
}

void sse_event_free(struct sse_event *ev)
{
    free(ev->data);
    free(ev->comment);
    memset(ev, 0, sizeof *ev);
}

void sse_close(struct sse *s)
{
    if (s->fd > 0)
        close(s->fd);
    free(s->text);
    free(s->raw);
    memset(s, 0, sizeof *s);
}
