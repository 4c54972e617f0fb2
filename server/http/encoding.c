/* Content codings; see include/jvdr/http/encoding.h. */
#include "jvdr/http/encoding.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/etag.h"
#include "jvdr/base/gzip.h"
#include "jvdr/http/accept.h"
#include "jvdr/http/cache.h"
#include "jvdr/http/site.h"

const char *encoding_etag(struct request *req, const struct response *res)
{
    char tag[ETAG_SIZE];
    etag_compute(res->body ? res->body : "", res->body_len, tag);
    return arena_strdup(req->arena, tag);
}

bool encoding_acceptable(const struct request *req)
{
    bool gzip, identity;
    accept_codings(request_header(req, "Accept-Encoding"), &gzip, &identity);
    return gzip || identity;
}

/* A stream compressed as it is sent: the inner stream's bytes through a gzip stream. */
struct gzip_body {
    struct response_stream inner;
    struct gzip_stream *z;
    struct buf out; /* compressed, out.len - sent bytes still to send */
    size_t sent;
    bool ended;
    char raw[16384];
};

static long gzip_body_read(void *context, char *buf, size_t max)
{
    struct gzip_body *g = context;
    while (g->sent == g->out.len && !g->ended) {
        g->out.len = g->sent = 0;
        long n = g->inner.read(g->inner.context, g->raw, sizeof g->raw);
        if (n < 0)
            return -1;
        g->ended = n == 0;
        if (!gzip_stream_put(g->z, g->raw, (size_t)n, g->ended, &g->out))
            return -1;
    }
    return (long)buf_drain(&g->out, &g->sent, buf, max);
}

static void gzip_body_done(void *context)
{
    struct gzip_body *g = context;
    if (g->inner.done)
        g->inner.done(g->inner.context);
    gzip_stream_free(g->z);
    buf_cleanup(&g->out);
    free(g);
}

/* Wraps res's stream in gzip; false (res unchanged) when out of memory. */
static bool gzip_stream_body(struct response *res)
{
    struct gzip_body *g = calloc(1, sizeof *g);
    if (g)
        g->z = gzip_stream_new();
    if (!g || !g->z) {
        free(g);
        return false;
    }
    g->inner = res->stream;
    buf_init(&g->out);
    res->stream = (struct response_stream){gzip_body_read, gzip_body_done, g, NULL};
    return true;
}

/* Compresses a held body: a cached answer's copy (made once, for the first client that asked), or
 * now; must: even when it does not gain (identity refused). False when left as it is. */
static bool gzip_held_body(struct request *req, struct response *res, const char **etag,
                           const char **other, bool must)
{
    struct cache_entry *entry = res->shared;
    struct cache_gzip *cached = entry ? cache_entry_gzip(&req->site->cache, entry) : NULL;
    if (cached) {
        *other = entry->etag;
        res->body = cached->data; /* lent by the entry, like its body */
        res->body_len = cached->len;
        *etag = cached->etag;
        return true;
    }
    if (entry && !must)
        return false; /* it does not gain */
    const char *identity = *etag ? *etag : encoding_etag(req, res);
    char *gz = NULL;
    size_t gz_len = 0;
    if (!identity || !gzip_compress(res->body, res->body_len, must, &gz, &gz_len) || !gz)
        return false;
    if (entry) {
        cache_release(entry);
        res->shared = NULL;
    } else {
        free(res->body);
    }
    res->body = gz;
    res->body_len = gz_len;
    *other = identity;
    char tag[ETAG_GZIP_SIZE];
    etag_gzip(identity, tag);
    *etag = arena_strdup(req->arena, tag);
    return true;
}

void encoding_apply(struct request *req, struct response *res, const char **etag,
                    const char **other)
{
    bool gzip, identity;
    accept_codings(request_header(req, "Accept-Encoding"), &gzip, &identity);
    if (!gzip)
        return;
    bool compressed = res->stream.read ? gzip_stream_body(res)
                      : res->body_len >= GZIP_MIN_BODY || !identity
                          ? gzip_held_body(req, res, etag, other, !identity)
                          : false;
    if (compressed)
        response_header(res, "Content-Encoding", "gzip");
}
