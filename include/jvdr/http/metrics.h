/* Prometheus metrics: requests by route and status, a latency histogram by route, requests in
 * flight, the response cache's hits and renders, the database's size and the build. Counters are
 * atomics, so recording is lock-free and safe from every worker thread. */
#ifndef JVDR_HTTP_METRICS_H
#define JVDR_HTTP_METRICS_H

#include <stdatomic.h>
#include <stddef.h>

#include "jvdr/base/buf.h"
#include "jvdr/http/router.h"

#define METRICS_STATUSES 20 /* the codes jvdr answers, plus one slot for any other */
#define METRICS_BUCKETS 12

struct metrics {
    const struct route *routes; /* the table the route indexes refer to */
    size_t nroutes;             /* rows in the table, plus one for "unmatched" */
    atomic_ulong *requests;     /* [route][status] */
    atomic_ulong *buckets;      /* [route][bucket], not cumulative */
    atomic_ulong *micros;       /* [route]: summed durations in microseconds */
    atomic_long in_flight;
    /* Cacheable GETs: answered from memory, rendered, or taken from another caller's render of
     * the same URL (single flight). */
    atomic_ulong cache_hits, cache_renders, cache_shared;
    /* Requests refused because every render thread was busy and the queue full (503), renders
     * abandoned past their time budget (503), and requests refused by the rate limit (429). */
    atomic_ulong render_refused, render_timeouts, rate_limited;
    /* Reads run again because PostgreSQL's connection broke under them (dispatch.c). */
    atomic_ulong reads_retried;
    /* Live change streams: open now, events sent, refused over a limit, dropped for falling
     * behind (read/change_stream.c). */
    atomic_long streams_open;
    atomic_ulong stream_events, streams_refused, streams_dropped;
};

/* Sizes the counters for table. Returns 0, or -1 when out of memory. */
int metrics_init(struct metrics *m, const struct route *table);
void metrics_cleanup(struct metrics *m);

void metrics_started(struct metrics *m);

/* Records an answer as it is queued: route may be NULL (no route matched). Counting here rather
 * than at completion means a client that has its answer sees it counted. */
void metrics_answered(struct metrics *m, const struct route *route, int status, double seconds);

/* The exchange is over (answered, or the client went away). */
void metrics_finished(struct metrics *m);

/* Appends the text exposition format; db_bytes is the database's size (store_size_bytes). */
void metrics_render(struct metrics *m, long long db_bytes, struct buf *out);

#endif
