/* gzip bodies and Accept-Encoding; see include/jvdr/base/gzip.h. */
#include "jvdr/base/gzip.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

bool gzip_compress(const char *in, size_t len, char **out, size_t *out_len)
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
    if (ok && z.total_out < len) {
        *out = buf;
        *out_len = z.total_out;
        return true;
    }
    free(buf);
    return ok; /* not smaller: send it as it is */
}

/* The q-value of one Accept-Encoding element's parameters (1 when absent). */
static double q_value(const char *params, size_t n)
{
    for (const char *p = params; p < params + n; p++)
        if ((*p == 'q' || *p == 'Q') && p + 1 < params + n && p[1] == '=')
            return strtod(p + 2, NULL);
    return 1.0;
}

bool gzip_accepted(const char *accept_encoding)
{
    double gzip = -1, any = -1;
    for (const char *p = accept_encoding; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        size_t name = strcspn(p, ";, \t");
        if (name > n)
            name = n;
        double q = q_value(p + name, n - name);
        if ((name == 4 && strncasecmp(p, "gzip", 4) == 0) ||
            (name == 6 && strncasecmp(p, "x-gzip", 6) == 0))
            gzip = q;
        else if (name == 1 && *p == '*')
            any = q;
        p += n;
    }
    return gzip >= 0 ? gzip > 0 : any > 0;
}
