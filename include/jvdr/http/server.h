/* The HTTP server: the only module that talks to libmicrohttpd. It buffers bodies up to the
 * route's limit, turns each request into a struct request, and hands it to dispatch(). */
#ifndef JVDR_HTTP_SERVER_H
#define JVDR_HTTP_SERVER_H

#include <stddef.h>

#include "jvdr/base/error.h"

struct site;
struct http_server;

/* jvdr's limits on a request's head, each answered with a problem document (and X-Request-Id).
 * A query over the first two is cut before libmicrohttpd reads it (server.c, on_uri), so that
 * query parameters never fill libmicrohttpd's memory for the connection, HTTP_CONNECTION_MEMORY.
 * That memory holds the head as sent and about 64 bytes per header line: a head within jvdr's
 * limits always fits, and one over them is answered by jvdr while its bytes and lines fit (about
 * 800 header lines); only a head past that gets libmicrohttpd's own 431, as HTML (it offers no
 * hook to replace it). The memory is resident for every open connection, idle or not: 64 KiB
 * each, 64 MiB at the default 1,000 connections. */
#define HTTP_MAX_TARGET ((size_t)8192)      /* bytes of the request target: 414 beyond */
#define HTTP_MAX_QUERY_PARAMS ((size_t)100) /* query parameters: 400 beyond */
#define HTTP_MAX_HEADER_LINES ((size_t)100) /* header lines: 431 beyond */
#define HTTP_MAX_HEAD_BYTES ((size_t)16384) /* request line and headers: 431 beyond */
#define HTTP_CONNECTION_MEMORY ((size_t)64 << 10)

/* Starts listening on site->config's address and port with its worker threads, each render
 * thread opening and readying its connection (store_warm_connection) meanwhile. *port receives
 * the bound port (useful with port 0). Returns JVDR_OK or an error with a reason in err. */
enum jvdr_err http_start(struct site *site, struct http_server **out, unsigned *port, char *err,
                         size_t errlen);

/* Waits until every render thread's connection is ready (at once after the first call): before
 * the server says it is ready. The argument is the server (a store_warm before_ready). */
void http_wait_connections(void *server);

/* Stops accepting new connections; requests in flight continue. */
void http_quiesce(struct http_server *server);

/* Waits until no request is in flight (headers received, answer not yet sent) or timeout_ms has
 * passed, whichever is first. */
void http_drain(struct http_server *server, unsigned timeout_ms);

/* Waits for the worker threads and frees the server. */
void http_stop(struct http_server *server);

#endif
