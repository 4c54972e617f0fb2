/* A Server-Sent Events client for tests, on a raw socket: it sends the request, reads the head,
 * undoes the chunked coding and parses events as the WHATWG standard says (fields id, data,
 * comments; a blank line ends an event). Bounded waits only: a wait that runs out fails the test
 * where it is asserted, never passes it. */
#ifndef JVDR_TEST_SSE_H
#define JVDR_TEST_SSE_H

#include <stdbool.h>
#include <stddef.h>

struct sse {
    int fd;
    int status;      /* of the answer's status line */
    char head[4096]; /* the answer's head, as sent */
    char *text;      /* decoded body bytes not yet parsed into events */
    size_t len, cap; /* of text */
    char *raw;       /* bytes received, not yet decoded */
    size_t raw_len, raw_cap;
    size_t chunk_left;   /* bytes of the current chunk still to come */
    int chunk_state;     /* 0: a size line is next, 1: the chunk's bytes, 2: their CRLF */
    bool chunked, ended; /* ended: the last chunk came (a clean end), or the connection closed */
    bool closed_cleanly; /* the zero-length chunk came */
};

struct sse_event {
    char id[32];
    char *data; /* malloc'd; NULL for a comment */
    char *comment;
};

/* Connects to 127.0.0.1:port, sends GET target with Accept: text/event-stream and the extra
 * header lines (each ending "\r\n"; may be NULL), with a receive buffer of rcvbuf bytes when not
 * 0, and reads the head within timeout_ms. Fails the test when no head comes. */
void sse_open(struct sse *s, unsigned port, const char *target, const char *headers, int rcvbuf,
              int timeout_ms);

/* The next event or comment within timeout_ms: true with ev filled, false when the stream ended
 * or the time ran out (s->ended tells which). */
bool sse_next(struct sse *s, struct sse_event *ev, int timeout_ms);

/* The next event, comments skipped, within timeout_ms; fails the test when none comes. */
void sse_expect(struct sse *s, struct sse_event *ev, int timeout_ms);

void sse_event_free(struct sse_event *ev);
void sse_close(struct sse *s);

#endif
