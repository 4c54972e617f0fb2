/* A small libcurl client for integration tests: one call, one response with status, headers and
 * body captured. */
#ifndef JVDR_TEST_HTTP_H
#define JVDR_TEST_HTTP_H

#include <curl/curl.h>
#include <jansson.h>
#include <stddef.h>

struct http_reply {
    long status;
    char *body; /* NUL-terminated */
    size_t body_len;
    char *headers; /* raw header block of the final response */
    long connects; /* new connections this request opened (0 when one was reused) */
};

/* Performs method on url with the extra header lines (NULL-terminated list, may be NULL) using
 * handle (so connections can be reused; NULL makes a one-off handle). Fails the test on a
 * transport error. */
void http_call(CURL *handle, const char *method, const char *url, const char *const *headers,
               struct http_reply *reply);

/* Like http_call, with a request body of len bytes (may contain NUL). */
void http_send(CURL *handle, const char *method, const char *url, const char *const *headers,
               const char *body, size_t len, struct http_reply *reply);

/* Like http_send without failing the test on a transport error: returns curl's code. */
CURLcode http_try(CURL *handle, const char *method, const char *url, const char *const *headers,
                  const char *body, size_t len, struct http_reply *reply);

/* Sends a JSON body (NULL: none) to base + path with method and the header line auth (as a
 * merge patch for PATCH), and fails the test unless the answer's status is want. */
void http_write(const char *base, const char *auth, const char *method, const char *path,
                const char *body, long want);

/* GET base + path with a one-off handle. */
void http_get(const char *base, const char *path, struct http_reply *reply);

/* GET base + path, which must answer 200: its body parsed as JSON. Caller json_decref()s. */
json_t *http_get_json(const char *base, const char *path);

/* The value of header name in the reply (case-insensitive), copied into out; NULL when absent. */
const char *http_header(const struct http_reply *reply, const char *name, char *out, size_t outlen);

/* The URL of the Link header's entry with rel="rel" (first, prev, next, last), copied into out;
 * NULL when there is no such entry. */
const char *http_link(const struct http_reply *reply, const char *rel, char *out, size_t outlen);

/* The body parsed as JSON; fails the test when it is not. Caller json_decref()s. */
json_t *http_json(const struct http_reply *reply);

/* The gzip body inflated (malloc'd, NUL-terminated, its length in *len when len is not NULL);
 * fails the test when the body is not one whole gzip stream. */
char *http_inflate(const struct http_reply *reply, size_t *len);

void http_reply_free(struct http_reply *reply);

/* Sends raw bytes to 127.0.0.1:port and returns what comes back before the server closes the
 * connection or timeout_ms passes (malloc'd, NUL-terminated). */
char *raw_exchange(unsigned port, const char *request, size_t len, int timeout_ms);

/* Opens a connection, sends request (maybe incomplete) and returns "" with the socket in *fd. */
char *raw_exchange_open(unsigned port, const char *request, int *fd);

/* Sends rest on fd, reads until the server closes or timeout_ms, closes fd; returns the reply. */
char *raw_exchange_finish(int fd, const char *rest, int timeout_ms);

#endif
