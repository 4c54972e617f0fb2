/* gzip (RFC 1952) bodies through zlib, and what a client's Accept-Encoding allows. */
#ifndef JVDR_BASE_GZIP_H
#define JVDR_BASE_GZIP_H

#include <stdbool.h>
#include <stddef.h>

/* Bodies shorter than this are sent as they are: a gzip header and trailer cost 18 bytes, and
 * small answers fit in one packet either way. */
#define GZIP_MIN_BODY 1024

/* Compresses len bytes of in into *out (malloc'd; *out_len bytes). False when out of memory, or
 * when the result would not be smaller (then *out is NULL). */
bool gzip_compress(const char *in, size_t len, char **out, size_t *out_len);

/* Whether an Accept-Encoding header value (may be NULL) takes gzip: "gzip" or "*" with a q-value
 * above zero, unless gzip itself is listed with q=0 (RFC 9110 12.5.3). */
bool gzip_accepted(const char *accept_encoding);

#endif
