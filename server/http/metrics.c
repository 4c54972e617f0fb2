/* Prometheus metrics; see include/jvdr/http/metrics.h. */
#include "jvdr/http/metrics.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const int statuses[METRICS_STATUSES - 1] = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409,
                                                   412, 413, 415, 422, 428, 500, 501, 503, 507};
static const double bounds[METRICS_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                               0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

int metrics_init(struct metrics *m, const struct route *table)
{
    memset(m, 0, sizeof *m);
    m->routes = table;
    while (table[m->nroutes].pattern)
        m->nroutes++;
    m->nroutes++; /* "unmatched" */
    m->requests = calloc(m->nroutes * METRICS_STATUSES, sizeof *m->requests);
    m->buckets = calloc(m->nroutes * (METRICS_BUCKETS + 1), sizeof *m->buckets);
    m->micros = calloc(m->nroutes, sizeof *m->micros);
    if (!m->requests || !m->buckets || !m->micros) {
        metrics_cleanup(m);
        return -1;
    }
    return 0;
}

void metrics_cleanup(struct metrics *m)
{
    free(m->requests);
    free(m->buckets);
    free(m->micros);
    memset(m, 0, sizeof *m);
}

void metrics_started(struct metrics *m)
{
    atomic_fetch_add(&m->in_flight, 1);
}

void metrics_finished(struct metrics *m)
{
    atomic_fetch_sub(&m->in_flight, 1);
}

void metrics_answered(struct metrics *m, const struct route *route, int status, double seconds)
{
    if (!m->requests)
        return;
    size_t r = route ? (size_t)(route - m->routes) : m->nroutes - 1;
    if (r >= m->nroutes)
        r = m->nroutes - 1;
    size_t s = METRICS_STATUSES - 1;
    for (size_t i = 0; i < METRICS_STATUSES - 1; i++)
        if (statuses[i] == status)
            s = i;
    atomic_fetch_add(&m->requests[r * METRICS_STATUSES + s], 1);
    size_t b = 0;
    while (b < METRICS_BUCKETS && seconds > bounds[b])
        b++;
    atomic_fetch_add(&m->buckets[r * (METRICS_BUCKETS + 1) + b], 1);
    atomic_fetch_add(&m->micros[r], (unsigned long)(seconds * 1e6));
}

static const char *route_label(const struct metrics *m, size_t r)
{
    return r < m->nroutes - 1 ? m->routes[r].name : "unmatched";
}

void metrics_render(struct metrics *m, long long db_bytes, struct buf *out)
{
    buf_puts(out, "# HELP jvdr_http_requests_total HTTP requests answered, by route and status.\n"
                  "# TYPE jvdr_http_requests_total counter\n");
    for (size_t r = 0; r < m->nroutes; r++) {
        for (size_t s = 0; s < METRICS_STATUSES; s++) {
            unsigned long n = atomic_load(&m->requests[r * METRICS_STATUSES + s]);
            if (!n)
                continue;
            if (s < METRICS_STATUSES - 1)
                buf_printf(out, "jvdr_http_requests_total{route=\"%s\",status=\"%d\"} %lu\n",
                           route_label(m, r), statuses[s], n);
            else
                buf_printf(out, "jvdr_http_requests_total{route=\"%s\",status=\"other\"} %lu\n",
                           route_label(m, r), n);
        }
    }
    buf_puts(out, "# HELP jvdr_http_request_duration_seconds Time from a request's arrival to its "
                  "answer being ready to send.\n"
                  "# TYPE jvdr_http_request_duration_seconds histogram\n");
    for (size_t r = 0; r < m->nroutes; r++) {
        unsigned long cumulative = 0;
        atomic_ulong *row = &m->buckets[r * (METRICS_BUCKETS + 1)];
        unsigned long total = 0;
        for (size_t b = 0; b <= METRICS_BUCKETS; b++)
            total += atomic_load(&row[b]);
        if (!total)
            continue;
        for (size_t b = 0; b < METRICS_BUCKETS; b++) {
            cumulative += atomic_load(&row[b]);
            buf_printf(out,
                       "jvdr_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
                       route_label(m, r), bounds[b], cumulative);
        }
        buf_printf(out,
                   "jvdr_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n"
                   "jvdr_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                   "jvdr_http_request_duration_seconds_count{route=\"%s\"} %lu\n",
                   route_label(m, r), total, route_label(m, r),
                   (double)atomic_load(&m->micros[r]) / 1e6, route_label(m, r), total);
    }
    buf_printf(out,
               "# HELP jvdr_http_requests_in_flight Requests being received or answered.\n"
               "# TYPE jvdr_http_requests_in_flight gauge\n"
               "jvdr_http_requests_in_flight %ld\n"
               "# HELP jvdr_cache_lookups_total Cacheable GETs by outcome: answered from memory "
               "(hit), rendered (render), or given another request's render of the same URL "
               "(shared).\n"
               "# TYPE jvdr_cache_lookups_total counter\n"
               "jvdr_cache_lookups_total{outcome=\"hit\"} %lu\n"
               "jvdr_cache_lookups_total{outcome=\"render\"} %lu\n"
               "jvdr_cache_lookups_total{outcome=\"shared\"} %lu\n"
               "# HELP jvdr_requests_refused_total Requests answered without being served: every "
               "render thread busy and the queue full (busy, 503), past the time budget "
               "(timeout, 503), over the client's rate limit (rate_limited, 429).\n"
               "# TYPE jvdr_requests_refused_total counter\n"
               "jvdr_requests_refused_total{reason=\"busy\"} %lu\n"
               "jvdr_requests_refused_total{reason=\"timeout\"} %lu\n"
               "jvdr_requests_refused_total{reason=\"rate_limited\"} %lu\n"
               "# HELP jvdr_reads_retried_total Reads run a second time because the "
               "PostgreSQL connection broke under them (on the server back, or a standby).\n"
               "# TYPE jvdr_reads_retried_total counter\n"
               "jvdr_reads_retried_total %lu\n"
               "# HELP jvdr_streams_open Live change streams open now.\n"
               "# TYPE jvdr_streams_open gauge\n"
               "jvdr_streams_open %ld\n"
               "# HELP jvdr_stream_events_total Changes sent on live change streams.\n"
               "# TYPE jvdr_stream_events_total counter\n"
               "jvdr_stream_events_total %lu\n"
               "# HELP jvdr_streams_refused_total Live change streams refused: too many open, "
               "in all or from one client.\n"
               "# TYPE jvdr_streams_refused_total counter\n"
               "jvdr_streams_refused_total %lu\n"
               "# HELP jvdr_streams_dropped_total Live change streams ended because their client "
               "fell more than JVDR_STREAM_BACKLOG behind.\n"
               "# TYPE jvdr_streams_dropped_total counter\n"
               "jvdr_streams_dropped_total %lu\n"
               "# HELP jvdr_database_size_bytes The database: the SQLite file and its WAL, or the "
               "PostgreSQL database.\n"
               "# TYPE jvdr_database_size_bytes gauge\n"
               "jvdr_database_size_bytes %lld\n"
               "# HELP jvdr_build_info The running build.\n"
               "# TYPE jvdr_build_info gauge\n"
               "jvdr_build_info{version=\"" JVDR_VERSION "\"} 1\n",
               atomic_load(&m->in_flight), atomic_load(&m->cache_hits),
               atomic_load(&m->cache_renders), atomic_load(&m->cache_shared),
               atomic_load(&m->render_refused), atomic_load(&m->render_timeouts),
               atomic_load(&m->rate_limited), atomic_load(&m->reads_retried),
               atomic_load(&m->streams_open), atomic_load(&m->stream_events),
               atomic_load(&m->streams_refused), atomic_load(&m->streams_dropped), db_bytes);
}
