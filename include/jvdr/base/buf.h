/* A growable byte buffer for building response bodies and SQL text. Appends never fail loudly:
 * an allocation failure sets `failed`, later appends are ignored, and the owner checks once. */
#ifndef JVDR_BASE_BUF_H
#define JVDR_BASE_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data; /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    bool failed;
};

void buf_init(struct buf *b);
void buf_cleanup(struct buf *b);
void buf_append(struct buf *b, const char *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Copies up to max of the bytes past *sent into out and advances *sent: how a buffer filled in
 * blocks is handed out to a reader that takes less at a time. Returns the bytes copied. */
size_t buf_drain(const struct buf *b, size_t *sent, char *out, size_t max);

/* Hands the bytes to the caller (to free()), leaving the buffer empty. NULL if it failed. The
 * returned string is NUL-terminated even when empty. */
char *buf_take(struct buf *b, size_t *len);

#endif
