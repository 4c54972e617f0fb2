/* The HTTP server: the only module that talks to libmicrohttpd. It buffers bodies up to the
 * route's limit, turns each request into a struct request, and hands it to dispatch(). */
#ifndef JVDR_HTTP_SERVER_H
#define JVDR_HTTP_SERVER_H

#include <stddef.h>

#include "jvdr/base/error.h"

struct site;
struct http_server;

/* Starts listening on site->config's address and port with its worker threads. *port receives the
 * bound port (useful with port 0). Returns JVDR_OK or an error with a reason in err. */
enum jvdr_err http_start(struct site *site, struct http_server **out, unsigned *port, char *err,
                         size_t errlen);

/* Stops accepting new connections; requests in flight continue. */
void http_quiesce(struct http_server *server);

/* Waits until no request is in flight (headers received, answer not yet sent) or timeout_ms has
 * passed, whichever is first. */
void http_drain(struct http_server *server, unsigned timeout_ms);

/* Waits for the worker threads and frees the server. */
void http_stop(struct http_server *server);

#endif
