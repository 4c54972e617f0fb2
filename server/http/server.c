/* The libmicrohttpd glue: per-request state created on the first access call and freed in the
 * completion callback; bodies buffered up to the route's limit; the response queued on a later
 * call than the first, which keeps the connection alive; one log line per request. What the
 * response cache cannot answer at once is handed to the render threads with the connection
 * suspended, so that the HTTP threads never wait behind a query. */
#include "jvdr/http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/log.h"
#include "jvdr/base/work_pool.h"
#include "jvdr/http/cache.h"
#include "jvdr/http/dispatch.h"
#include "jvdr/http/live.h"
#include "jvdr/http/metrics.h"
#include "jvdr/http/path.h"
#include "jvdr/http/problem.h"
#include "jvdr/http/proxy.h"
#include "jvdr/http/router.h"
#include "jvdr/http/site.h"

struct http_server {
    struct MHD_Daemon *daemon;
    struct site *site;
    struct work_pool renders; /* reads the cache cannot answer */
    struct work_pool writes;  /* writes, one at a time in order of arrival, on a thread of their
                                 own: a write waiting for its fsync never holds up a render */
    struct work_each warm;    /* each render thread's connection opened and readied */
    atomic_bool warm_waited;
};

/* Where an exchange is: reading, waiting for a render thread (its connection suspended), or
 * rendered and ready to queue. */
enum exchange_phase { EX_READING, EX_RENDERING, EX_RENDERED };

/* One request's state, from the first access call to the completion callback. */
struct exchange {
    struct request req;
    struct response res;
    struct dispatch_step step;
    struct buf body;
    size_t body_limit;
    enum router_result match; /* the path's routing, for a body sent where none can go */
    unsigned allowed;         /* the path's methods, when the method is not one of them */
    enum jvdr_err early;      /* an error found while the request was still arriving */
    const char *request_id;
    struct timespec started;
    atomic_int phase; /* enum exchange_phase */
    struct MHD_Connection *conn;
    const char *target;     /* the request target as sent, from on_uri (NULL: not seen) */
    const char *line_end;   /* just past the target in libmicrohttpd's copy of the request line */
    bool begun;             /* on_request has seen it: it is counted, and logged when done */
    struct body_sink *sink; /* the body goes here as it arrives (site->open_sink) */
    size_t body_seen;       /* bytes of body received */
    bool query_cut; /* its query was over the limits, and cut before libmicrohttpd read it */
};

static void exchange_free(struct exchange *ex)
{
    if (ex->sink)
        ex->sink->close(ex->sink);
    response_cleanup(&ex->res);
    buf_cleanup(&ex->body);
    arena_free(ex->req.arena);
}

/* Collects header or query pairs into an arena array. */
struct pair_sink {
    struct arena *arena;
    struct kv *pairs;
    size_t n, cap;
};

static enum MHD_Result collect_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                    size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    struct pair_sink *sink = cls;
    if (sink->n < sink->cap) {
        sink->pairs[sink->n].name = key;
        sink->pairs[sink->n].value = value ? value : "";
        /* A decoded %00 would cut the name or value short unseen: kept so that params_check
         * refuses it. */
        sink->pairs[sink->n].has_nul =
            strlen(key) != key_size || (value && strlen(value) != value_size);
        sink->n++;
    }
    return MHD_YES;
}

static struct kv *collect_pairs(struct MHD_Connection *conn, enum MHD_ValueKind kind,
                                struct arena *arena, size_t *count)
{
    int n = MHD_get_connection_values(conn, kind, NULL, NULL);
    struct pair_sink sink = {arena, NULL, 0, n > 0 ? (size_t)n : 0};
    if (sink.cap) {
        sink.pairs = arena_alloc(arena, sink.cap * sizeof *sink.pairs);
        if (!sink.pairs)
            sink.cap = 0;
    }
    if (sink.cap)
        MHD_get_connection_values_n(conn, kind, collect_pair, &sink);
    *count = sink.n;
    return sink.pairs;
}

/* The incoming X-Request-Id when it is a sane token, else a new one: the process's random prefix
 * and a counter, in hex (unique, and no system call per request). */
static const char *request_id(struct MHD_Connection *conn, struct site *site, struct arena *arena)
{
    const char *given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");
    if (given) {
        size_t len = strlen(given);
        bool sane = len > 0 && len <= 128;
        for (size_t i = 0; sane && i < len; i++) {
            char c = given[i];
            sane = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_' || c == '.';
        }
        if (sane)
            return given;
    }
    static const char hex[] = "0123456789abcdef";
    uint64_t n = atomic_fetch_add(&site->request_ids, 1);
    char *id = arena_alloc(arena, 25);
    if (!id)
        return "-";
    for (int i = 0; i < 8; i++)
        id[i] = hex[(site->request_id_prefix >> (28 - 4 * i)) & 15];
    for (int i = 0; i < 16; i++)
        id[8 + i] = hex[(n >> (60 - 4 * i)) & 15];
    id[24] = '\0';
    return id;
}

/* The peer's numeric address, in the arena ("-" when unknown). */
static const char *peer_address(struct MHD_Connection *conn, struct arena *arena)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "-";
    if (info && info->client_addr) {
        const struct sockaddr *sa = info->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
                      sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
                      sizeof text);
    }
    return arena_strdup(arena, text);
}

/* A body past the route's limit (declared or arriving). Where the path does not exist, or not
 * under this method, that is what the client is told (404, 405), not that the body is too large. */
static enum jvdr_err over_limit(struct exchange *ex)
{
    if (ex->match == ROUTER_NO_PATH)
        return request_fail(&ex->req, JVDR_E_NOT_FOUND, "no resource at this path");
    if (ex->match == ROUTER_WRONG_METHOD)
        return request_fail(&ex->req, JVDR_E_METHOD, "%s is not allowed here",
                            ex->req.method_name ? ex->req.method_name : "this method");
    return request_fail(&ex->req, JVDR_E_TOO_LARGE,
                        ex->body_limit ? "the body is over the limit of %zu bytes"
                                       : "this request takes no body (limit %zu bytes)",
                        ex->body_limit);
}

/* Checks the framing headers on the first call: conflicting or unsupported Transfer-Encoding and
 * a declared Content-Length over the limit are refused before any body is read. */
static enum jvdr_err check_framing(struct exchange *ex, struct MHD_Connection *conn)
{
    const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (te && cl)
        return request_fail(&ex->req, JVDR_E_BAD_REQUEST,
                            "Content-Length and Transfer-Encoding must not both be sent");
    if (te && strcasecmp(te, "chunked") != 0)
        return request_fail(&ex->req, JVDR_E_BAD_REQUEST,
                            "only the chunked transfer coding is supported");
    if (cl) {
        char *end = NULL;
        unsigned long long declared = strtoull(cl, &end, 10);
        if (cl[0] < '0' || cl[0] > '9' || *end)
            return request_fail(&ex->req, JVDR_E_BAD_REQUEST, "Content-Length is malformed");
        if (declared > ex->body_limit)
            return over_limit(ex);
    }
    return JVDR_OK;
}

/* jvdr's limits on the head (http/server.h), met long before libmicrohttpd's own. */
static enum jvdr_err check_head(struct exchange *ex, struct MHD_Connection *conn)
{
    struct request *req = &ex->req;
    if (ex->target && strlen(ex->target) > HTTP_MAX_TARGET)
        return request_fail(req, JVDR_E_URI_TOO_LONG,
                            "the request target is over the limit of %zu bytes", HTTP_MAX_TARGET);
    if (ex->query_cut || MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, NULL, NULL) >
                             (int)HTTP_MAX_QUERY_PARAMS)
        return request_fail(req, JVDR_E_BAD_REQUEST,
                            "the request has more than %zu query parameters, the limit",
                            HTTP_MAX_QUERY_PARAMS);
    int lines = MHD_get_connection_values(conn, MHD_HEADER_KIND, NULL, NULL);
    if (lines > (int)HTTP_MAX_HEADER_LINES)
        return request_fail(req, JVDR_E_HEADERS_TOO_LARGE,
                            "the request has %d header lines; the limit is %zu", lines,
                            HTTP_MAX_HEADER_LINES);
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (info && info->header_size > HTTP_MAX_HEAD_BYTES)
        return request_fail(req, JVDR_E_HEADERS_TOO_LARGE,
                            "the request line and headers are %zu bytes; the limit is %zu",
                            info->header_size, HTTP_MAX_HEAD_BYTES);
    return JVDR_OK;
}

/* Allow on an early 405: the methods the path takes. */
static void add_allow(struct exchange *ex)
{
    if (ex->early != JVDR_E_METHOD)
        return;
    char allow[96];
    router_allow_header(ex->allowed, allow, sizeof allow);
    response_header(&ex->res, "Allow", arena_strdup(ex->req.arena, allow));
}

/* A new exchange with its arena, target (as sent) kept; NULL when out of memory. */
static struct exchange *exchange_alloc(const char *target)
{
    struct arena *arena = arena_new();
    struct exchange *ex = arena ? arena_alloc(arena, sizeof *ex) : NULL;
    if (!ex) {
        arena_free(arena);
        return NULL;
    }
    memset(ex, 0, sizeof *ex);
    ex->req.arena = arena;
    ex->target = target ? arena_strdup(arena, target) : NULL;
    return ex;
}

/* Whether a query string holds more parameters than jvdr takes (at most one per '&'-separated
 * piece, as libmicrohttpd splits it). */
static bool too_many_params(const char *query)
{
    size_t pieces = 1;
    for (const char *c = query; *c && pieces <= HTTP_MAX_QUERY_PARAMS; c++)
        pieces += *c == '&';
    return pieces > HTTP_MAX_QUERY_PARAMS;
}

/* libmicrohttpd's first word on a request, before it decodes anything: the target as sent, for
 * the path (path_from_target). What it returns is the request's state when on_request begins.
 * A target over jvdr's limits is refused by jvdr (check_head), and its query is cut here, in
 * place, before libmicrohttpd splits it: libmicrohttpd keeps every parameter in the connection's
 * memory and, when that runs out while it reads them, answers nothing at all (0.9.75). The
 * buffer is libmicrohttpd's own, which it is about to change anyway (it ends the path at '?'). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    struct exchange *ex = exchange_alloc(uri);
    if (ex)
        ex->line_end = uri + strlen(uri);
    char *query = strchr(uri, '?');
    if (ex && query && (strlen(uri) > HTTP_MAX_TARGET || too_many_params(query + 1))) {
        ex->query_cut = true; /* refused in check_head, whatever is left of it */
        query[1] = '\0';
    }
    return ex;
}

/* The first access call: per-request state, routing for the body limit, framing checks. url is
 * libmicrohttpd's decoding, used only when on_uri did not see the target. */
static void exchange_begin(struct http_server *server, struct exchange *ex,
                           struct MHD_Connection *conn, const char *url, const char *method,
                           const char *version)
{
    ex->begun = true;
    clock_gettime(CLOCK_MONOTONIC, &ex->started);
    struct request *req = &ex->req;
    struct arena *arena = req->arena;
    req->site = server->site;
    req->method = dispatch_method(method);
    req->method_name = arena_strdup(arena, method);
    req->path = ex->target ? path_from_target(ex->target, arena) : arena_strdup(arena, url);
    ex->request_id = request_id(conn, server->site, arena);
    req->request_id = ex->request_id;
    req->client = peer_address(conn, arena);
    metrics_started(&server->site->metrics);
    buf_init(&ex->body);

    const struct route *route = NULL;
    ex->match = req->path ? router_match(server->site->routes, req->method, req->path, arena,
                                         &route, req->captures, &req->ncaptures, &ex->allowed)
                          : ROUTER_NO_PATH;
    if (ex->match == ROUTER_FOUND)
        req->route = route;
    ex->body_limit = route ? route->max_body : 0;
    if (ex->body_limit > server->site->config->max_body)
        ex->body_limit = server->site->config->max_body;
    ex->early = check_head(ex, conn);
    /* libmicrohttpd reads the request line as C strings: a NUL byte in the target would end it
     * there, and a request for "admm-2020<NUL>junk" would act on admm-2020. The version follows
     * the target's one space, in the same buffer, unless a NUL came first. */
    if (ex->early == JVDR_OK && ex->line_end && version && *version && version != ex->line_end + 1)
        ex->early = request_fail(req, JVDR_E_BAD_REQUEST, "the request line holds a NUL byte");
    /* A body the service takes as it arrives (a bulk load), under a limit of its own. */
    if (ex->early == JVDR_OK && route && req->method == HTTP_POST && server->site->open_sink) {
        req->headers = collect_pairs(conn, MHD_HEADER_KIND, arena, &req->nheaders);
        enum jvdr_err code = JVDR_OK;
        ex->sink = server->site->open_sink(req, &code);
        ex->early = code;
        if (ex->sink)
            ex->body_limit = server->site->config->max_bulk_body;
    }
    if (ex->early == JVDR_OK)
        ex->early = check_framing(ex, conn);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* A streamed body, read in blocks of this size as the client takes them (chunked encoding). */
#define STREAM_BLOCK (32u << 10)
/* The kernel's send buffer for a live stream (which Linux doubles). */
#define LIVE_SEND_BUFFER (64 << 10)

/* A streamed body as MHD holds it, and where the bytes handed out are counted (the exchange's
 * body_len, for the access log; only the connection's thread reads or writes it). */
struct stream_hold {
    struct response_stream stream;
    size_t *sent;
};

void live_signal_init(struct live_signal *signal)
{
    memset(signal, 0, sizeof *signal);
    pthread_mutex_init(&signal->lock, NULL);
    atomic_init(&signal->wakes, 0);
}

void live_signal_cleanup(struct live_signal *signal)
{
    pthread_mutex_destroy(&signal->lock);
}

void live_wake(struct live_signal *signal)
{
    atomic_fetch_add(&signal->wakes, 1);
    pthread_mutex_lock(&signal->lock);
    /* Only a suspended connection is resumed, and libmicrohttpd never closes one while it is
     * suspended: the connection is still there. */
    if (signal->sleeping) {
        signal->sleeping = false;
        MHD_resume_connection(signal->connection);
    }
    pthread_mutex_unlock(&signal->lock);
}

/* Whether the client has closed its side: libmicrohttpd notices no hang-up while a connection is
 * suspended, so a live stream looks each time it is woken (the feed wakes every stream now and
 * then for this), lest a closed stream count against its client's limit. */
static bool peer_gone(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    char byte;
    return info && recv(info->connect_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* A live stream's next bytes; with none yet, its connection is suspended (libmicrohttpd allows it
 * from a content reader) until live_wake, unless a wake came while it looked. */
static long live_read(struct response_stream *stream, char *buf, size_t max)
{
    struct live_signal *signal = stream->signal;
    for (;;) {
        unsigned seen = atomic_load(&signal->wakes);
        long n = stream->read(stream->context, buf, max);
        if (n != STREAM_WAIT)
            return n;
        if (peer_gone(signal->connection))
            return 0; /* as an end: the connection closes without a word in the log */
        pthread_mutex_lock(&signal->lock);
        bool woken = atomic_load(&signal->wakes) != seen;
        if (!woken) {
            MHD_suspend_connection(signal->connection);
            signal->sleeping = true;
        }
        pthread_mutex_unlock(&signal->lock);
        if (!woken)
            return STREAM_WAIT;
    }
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    struct stream_hold *hold = cls;
    long n = hold->stream.signal ? live_read(&hold->stream, buf, max)
                                 : hold->stream.read(hold->stream.context, buf, max);
    if (n == STREAM_WAIT)
        return 0; /* suspended: asked again once woken */
    if (n > 0)
        *hold->sent += (size_t)n;
    return n > 0    ? (ssize_t)n
           : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM
                    : MHD_CONTENT_READER_END_WITH_ERROR;
}

/* Runs once the answer is over or its client has gone: the stream lets go of what it holds. */
static void stream_done(void *cls)
{
    struct stream_hold *hold = cls;
    if (hold->stream.done)
        hold->stream.done(hold->stream.context);
    free(hold);
}

/* The MHD response of a streamed body, which then owns the stream (res->stream cleared); NULL
 * when out of memory (the stream is still res's). */
static struct MHD_Response *stream_response(struct response *res, struct MHD_Connection *conn)
{
    struct stream_hold *stream = malloc(sizeof *stream);
    if (!stream)
        return NULL;
    stream->stream = res->stream;
    res->body_len = 0;
    stream->sent = &res->body_len;
    struct MHD_Response *mres = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, STREAM_BLOCK,
                                                                  stream_read, stream, stream_done);
    if (!mres)
        free(stream);
    else
        memset(&res->stream, 0, sizeof res->stream);
    if (mres && stream->stream.signal) {
        stream->stream.signal->connection = conn; /* before any read: none ran yet */
        /* A live stream's unsent changes wait in the feed's window, where a client that stops
         * reading is seen falling behind, not in a send buffer the kernel grows to megabytes. */
        const union MHD_ConnectionInfo *info =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        int bytes = LIVE_SEND_BUFFER;
        if (info)
            setsockopt(info->connect_fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
    }
    return mres;
}

static enum MHD_Result queue(struct exchange *ex, struct MHD_Connection *conn)
{
    struct response *res = &ex->res;
    metrics_answered(&ex->req.site->metrics, ex->req.route, res->status,
                     seconds_since(&ex->started));
    struct MHD_Response *mres =
        res->stream.read ? stream_response(res, conn)
        : res->shared
            ? MHD_create_response_from_buffer_with_free_callback_cls(res->body_len, res->body,
                                                                     cache_release, res->shared)
            : MHD_create_response_from_buffer(res->body_len, res->body, MHD_RESPMEM_MUST_FREE);
    if (!mres)
        return MHD_NO;
    res->body = NULL; /* MHD owns it (or the reference to it, or the stream) now */
    res->shared = NULL;
    bool ok = MHD_add_response_header(mres, "X-Request-Id", ex->request_id) == MHD_YES;
    /* Shutting down: finish this exchange, then let the connection go. */
    if (atomic_load(&ex->req.site->stopping))
        ok = ok && MHD_add_response_header(mres, "Connection", "close") == MHD_YES;
    if (res->content_type && res->status != 304)
        ok = ok && MHD_add_response_header(mres, "Content-Type", res->content_type) == MHD_YES;
    for (size_t i = 0; ok && i < res->nheaders; i++)
        ok = MHD_add_response_header(mres, res->headers[i].name, res->headers[i].value) == MHD_YES;
    enum MHD_Result result = ok ? MHD_queue_response(conn, (unsigned)res->status, mres) : MHD_NO;
    MHD_destroy_response(mres);
    return result;
}

/* On a render thread: the rest of the request, then its connection back to libmicrohttpd, which
 * calls on_request again to queue the answer. */
static void render_exchange(void *arg)
{
    struct exchange *ex = arg;
    dispatch_render(&ex->req, &ex->res, &ex->step);
    atomic_store(&ex->phase, EX_RENDERED);
    MHD_resume_connection(ex->conn);
}

/* Hands the request to a render thread, its connection suspended meanwhile; with every render
 * thread busy and the queue full, answers 503 at once instead. */
static enum MHD_Result render_later(struct http_server *server, struct exchange *ex,
                                    struct MHD_Connection *conn)
{
    ex->conn = conn;
    atomic_store(&ex->phase, EX_RENDERING);
    MHD_suspend_connection(conn); /* before the job can resume it */
    bool read = ex->req.method == HTTP_GET || ex->req.method == HTTP_HEAD;
    if (work_pool_submit(read ? &server->renders : &server->writes, render_exchange, ex))
        return MHD_YES;
    atomic_fetch_add(&server->site->metrics.render_refused, 1);
    ex->step.code = request_fail(&ex->req, JVDR_E_BUSY, "every render thread is busy: try again");
    problem_respond(&ex->req, &ex->res, JVDR_E_BUSY);
    response_header(&ex->res, "Retry-After", "1");
    atomic_store(&ex->phase, EX_RENDERED);
    MHD_resume_connection(conn);
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **state)
{
    struct http_server *server = cls;
    struct exchange *ex = *state;
    if (ex && atomic_load(&ex->phase) != EX_READING)
        return atomic_load(&ex->phase) == EX_RENDERED ? queue(ex, conn) : MHD_YES;
    if (!ex || !ex->begun) {
        if (!ex && !(ex = exchange_alloc(NULL)))
            return MHD_NO;
        *state = ex;
        exchange_begin(server, ex, conn, url, method, version);
        if (ex->early == JVDR_OK)
            return MHD_YES;
        /* Refused before the body: answer now, and libmicrohttpd closes the connection. */
        problem_respond(&ex->req, &ex->res, ex->early);
        response_header(&ex->res, "Connection", "close");
        add_allow(ex);
        return queue(ex, conn);
    }
    if (*upload_data_size) {
        if (ex->early == JVDR_OK) {
            if (ex->body_seen + *upload_data_size > ex->body_limit)
                ex->early = over_limit(ex);
            else if (ex->sink)
                ex->early = ex->sink->feed(ex->sink, upload_data, *upload_data_size);
            else
                buf_append(&ex->body, upload_data, *upload_data_size);
            ex->body_seen += *upload_data_size;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }

    struct request *req = &ex->req;
    req->query = collect_pairs(conn, MHD_GET_ARGUMENT_KIND, req->arena, &req->nquery);
    req->headers = collect_pairs(conn, MHD_HEADER_KIND, req->arena, &req->nheaders);
    req->body = ex->body.data ? ex->body.data : "";
    req->body_len = ex->body.len;
    if (ex->sink && ex->early == JVDR_OK) {
        ex->sink->end(ex->sink);
        req->sink = ex->sink;
    }
    struct origin_view origin;
    proxy_resolve(&server->site->trusted_proxies, req->client ? req->client : "-", req, &origin);
    req->client = origin.client;
    req->base_url =
        arena_printf(req->arena, "%s://%s%s", origin.scheme, origin.host, origin.prefix);
    if (ex->body.failed)
        ex->early = JVDR_E_NOMEM;
    if (ex->early != JVDR_OK) {
        problem_respond(req, &ex->res, ex->early);
        if (ex->early == JVDR_E_TOO_LARGE || ex->early == JVDR_E_NOT_FOUND ||
            ex->early == JVDR_E_METHOD)
            response_header(&ex->res, "Connection", "close");
        add_allow(ex);
    } else if (!req->path) {
        problem_respond(req, &ex->res, JVDR_E_NOMEM);
    } else {
        dispatch_begin(req, &ex->res, &ex->step);
        if (!ex->step.done && dispatch_charge_render(req, &ex->res, &ex->step))
            return render_later(server, ex, conn);
    }
    return queue(ex, conn);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode code)
{
    (void)conn;
    struct http_server *server = cls;
    struct exchange *ex = *state;
    if (ex && !ex->begun) { /* refused by libmicrohttpd itself before on_request */
        exchange_free(ex);
        *state = NULL;
        return;
    }
    if (!ex)
        return;
    double ms = seconds_since(&ex->started) * 1e3;
    struct log_entry entry = {
        .method = ex->req.method_name,
        .request_id = ex->request_id,
        .route = ex->req.route ? ex->req.route->name : NULL,
        .path = ex->req.path,
        .status = ex->res.status,
        .bytes = ex->res.body_len,
        .duration_ms = ms,
        .client = ex->req.client ? ex->req.client : "-",
        .completed = code == MHD_REQUEST_TERMINATED_COMPLETED_OK,
    };
    access_log_write(&server->site->access_log, &entry);
    metrics_finished(&server->site->metrics);
    exchange_free(ex);
    *state = NULL;
}

__attribute__((format(printf, 2, 0))) static void on_mhd_error(void *cls, const char *fmt,
                                                               va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    log_error("http: %s", line);
}

enum jvdr_err http_start(struct site *site, struct http_server **out, unsigned *port, char *err,
                         size_t errlen)
{
    const struct config *cfg = site->config;
    struct sockaddr_in6 addr6;
    struct sockaddr_in addr4;
    const struct sockaddr *addr;
    unsigned flags =
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    memset(&addr6, 0, sizeof addr6);
    memset(&addr4, 0, sizeof addr4);
    if (inet_pton(AF_INET, cfg->bind, &addr4.sin_addr) == 1) {
        addr4.sin_family = AF_INET;
        addr4.sin_port = htons((uint16_t)cfg->port);
        addr = (const struct sockaddr *)&addr4;
    } else if (inet_pton(AF_INET6, cfg->bind, &addr6.sin6_addr) == 1) {
        addr6.sin6_family = AF_INET6;
        addr6.sin6_port = htons((uint16_t)cfg->port);
        addr = (const struct sockaddr *)&addr6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "bind: '%s' is not a numeric address", cfg->bind);
        return JVDR_E_BAD_REQUEST;
    }

    struct http_server *server = calloc(1, sizeof *server);
    if (!server) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    server->site = site;
    if (work_pool_start(&server->renders, "jvdr-render", cfg->render_threads, cfg->render_queue) !=
            0 ||
        work_pool_start(&server->writes, "jvdr-write", 1, cfg->render_queue) != 0) {
        snprintf(err, errlen, "cannot start the render threads");
        work_pool_stop(&server->renders);
        free(server);
        return JVDR_E_INTERNAL;
    }
    work_pool_each(&server->renders, &server->warm, store_warm_connection, site->store);
    server->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, server, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
        MHD_OPTION_SOCK_ADDR, addr, MHD_OPTION_CONNECTION_MEMORY_LIMIT, HTTP_CONNECTION_MEMORY,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)cfg->timeout_seconds, MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_connections_per_ip,
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_NOTIFY_COMPLETED, on_completed, server,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, server, MHD_OPTION_END);
    if (!server->daemon) {
        snprintf(err, errlen, "cannot listen on %s port %u (in use, or not permitted?)", cfg->bind,
                 cfg->port);
        http_wait_connections(server);
        work_pool_stop(&server->renders);
        work_pool_stop(&server->writes);
        free(server);
        return JVDR_E_INTERNAL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : cfg->port;
    *out = server;
    return JVDR_OK;
}

void http_quiesce(struct http_server *server)
{
    MHD_socket fd = MHD_quiesce_daemon(server->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
}

void http_drain(struct http_server *server, unsigned timeout_ms)
{
    /* A request is in flight from its headers' arrival to the end of its answer; idle keep-alive
     * connections and requests whose headers never finished are closed by http_stop. */
    for (unsigned waited = 0; waited < timeout_ms; waited += 20) {
        if (atomic_load(&server->site->metrics.in_flight) == 0)
            return;
        struct timespec pause = {0, 20L * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

void http_wait_connections(void *arg)
{
    struct http_server *server = arg;
    if (!atomic_exchange(&server->warm_waited, true))
        work_pool_each_wait(&server->warm);
}

void http_stop(struct http_server *server)
{
    if (!server)
        return;
    http_wait_connections(server);
    /* Every render finishes and resumes its connection: libmicrohttpd stops only with none
     * suspended. */
    work_pool_stop(&server->renders);
    work_pool_stop(&server->writes);
    MHD_stop_daemon(server->daemon);
    free(server);
}
