/* The application: the configuration and every piece of long-lived state, wired together — the
 * store, the site requests are served from (with the API's route table) and the HTTP server.
 * There are no other mutable globals. */
#ifndef JVDR_SERVICE_APP_H
#define JVDR_SERVICE_APP_H

#include <stddef.h>

#include "jvdr/base/config.h"
#include "jvdr/base/error.h"
#include "jvdr/http/site.h"
#include "jvdr/store/store.h"

struct http_server;

struct app {
    struct config config;
    struct store store;
    struct site site;
    struct http_server *server; /* set by the caller of http_start; stopped by app_cleanup */
};

/* Copies cfg, loads what the site needs (tokens, proxies), then opens, creates or migrates the
 * store and routes its commits to the response cache. Returns JVDR_OK or an error with a one-line
 * reason in err; app_cleanup must be called either way. */
enum jvdr_err app_init(struct app *app, const struct config *cfg, char *err, size_t errlen);

/* Stops the server if running, then releases the site and the store (closing the calling
 * thread's connection). */
void app_cleanup(struct app *app);

#endif
