/* Growable byte buffer; see include/jvdr/base/buf.h. */
#include "jvdr/base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b)
{
    memset(b, 0, sizeof *b);
}

void buf_cleanup(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

/* Makes room for extra more bytes plus a NUL; false (and failed set) when it cannot. */
static bool buf_reserve(struct buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *data = realloc(b->data, cap);
    if (!data) {
        b->failed = true;
        return false;
    }
    b->data = data;
    b->cap = cap;
    return true;
}

void buf_append(struct buf *b, const char *data, size_t len)
{
    if (!buf_reserve(b, len))
        return;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *buf_take(struct buf *b, size_t *len)
{
    if (b->failed) {
        buf_cleanup(b);
        return NULL;
    }
    if (!b->data && !buf_reserve(b, 0))
        return NULL;
    char *data = b->data;
    if (!data)
        return NULL; /* unreachable: buf_reserve allocated or failed */
    data[b->len] = '\0';
    if (len)
        *len = b->len;
    buf_init(b);
    return data;
}

size_t buf_drain(const struct buf *b, size_t *sent, char *out, size_t max)
{
    size_t n = b->len > *sent ? b->len - *sent : 0;
    if (n > max)
        n = max;
    if (n)
        memcpy(out, b->data + *sent, n);
    *sent += n;
    return n;
}
