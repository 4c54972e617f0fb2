/* gzip bodies and Accept-Encoding; see include/jvdr/base/gzip.h. */
#include "jvdr/base/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

bool gzip_compress(const char *in, size_t len, bool always, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: the largest window, with a gzip header and trailer instead of zlib's. */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    size_t bound = deflateBound(&z, (uLong)len);
    char *buf = malloc(bound);
    bool ok = buf != NULL;
    if (ok) {
        z.next_in = (Bytef *)(uintptr_t)in;
        z.avail_in = (uInt)len;
        z.next_out = (Bytef *)buf;
        z.avail_out = (uInt)bound;
        ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
    }
    deflateEnd(&z);
    if (ok && (always || z.total_out < len)) {
        *out = buf;
        *out_len = z.total_out;
        return true;
    }
    free(buf);
    return ok; /* not smaller: send it as it is */
}

struct gzip_stream {
    z_stream z;
};

struct gzip_stream *gzip_stream_new(void)
{
    struct gzip_stream *g = calloc(1, sizeof *g);
    if (g && deflateInit2(&g->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(g);
        g = NULL;
    }
    return g;
}

bool gzip_stream_put(struct gzip_stream *g, const char *in, size_t len, bool last, struct buf *out)
{
    g->z.next_in = (Bytef *)(uintptr_t)in;
    g->z.avail_in = (uInt)len;
    int rc;
    do {
        char chunk[16384];
        g->z.next_out = (Bytef *)chunk;
        g->z.avail_out = sizeof chunk;
        rc = deflate(&g->z, last ? Z_FINISH : Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR)
            return false;
        buf_append(out, chunk, sizeof chunk - g->z.avail_out);
    } while (g->z.avail_out == 0 || (last && rc != Z_STREAM_END));
    return !out->failed;
}

void gzip_stream_free(struct gzip_stream *g)
{
    if (!g)
        return;
    deflateEnd(&g->z);
    free(g);
}
