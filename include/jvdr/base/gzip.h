/* gzip (RFC 1952) through zlib: whole bodies at once, or a stream produced as it is sent. */
#ifndef JVDR_BASE_GZIP_H
#define JVDR_BASE_GZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"

/* Bodies shorter than this are sent as they are: a gzip header and trailer cost 18 bytes, and
 * small answers fit in one packet either way. */
#define GZIP_MIN_BODY 1024

/* Compresses len bytes of in into *out (malloc'd; *out_len bytes). False when out of memory; *out
 * is NULL when the result would not be smaller, unless always. */
bool gzip_compress(const char *in, size_t len, bool always, char **out, size_t *out_len);

/* A gzip stream compressing a body piece by piece, as it is sent. */
struct gzip_stream;

/* NULL when out of memory. */
struct gzip_stream *gzip_stream_new(void);

/* Compresses len bytes of in, appending what zlib has ready to out; last ends the stream (its
 * trailer appended). False when out of memory. */
bool gzip_stream_put(struct gzip_stream *z, const char *in, size_t len, bool last, struct buf *out);

void gzip_stream_free(struct gzip_stream *z);

#endif
