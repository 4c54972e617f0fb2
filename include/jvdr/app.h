/* The application: configuration plus every piece of long-lived state (the per-thread database
 * connections, the HTTP server). There are no other mutable globals. */
#ifndef JVDR_APP_H
#define JVDR_APP_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/auth.h"
#include "jvdr/cache.h"
#include "jvdr/config.h"
#include "jvdr/error.h"
#include "jvdr/metrics.h"
#include "jvdr/proxy.h"

struct db;
struct http_server;

struct app {
    struct config config;
    pthread_key_t db_key; /* each worker thread's struct db, closed when the thread ends */
    bool db_key_created;
    struct http_server *server;
    struct auth auth;
    pthread_mutex_t write_lock; /* writers queue here rather than spin on SQLite's busy lock */
    struct proxy_trust trust;
    struct metrics metrics;
    struct cache cache;
    atomic_bool stopping;       /* set on SIGTERM: answers then close their connections */
    bool readonly;              /* the database file cannot be written: reads only, writes 403 */
    uint32_t request_id_prefix; /* random per process */
    atomic_uint_fast64_t request_ids; /* counter: ids are prefix + count, unique and cheap */
};

/* Opens (creating and seeding on first start) and migrates the database named by cfg, refusing
 * one newer than this binary. Returns JVDR_OK or an error with a one-line reason in err. */
enum jvdr_err app_init(struct app *app, const struct config *cfg, char *err, size_t errlen);

/* The calling thread's database connection, opened on first use. Thread-safe. */
enum jvdr_err app_db(struct app *app, struct db **out);

/* Stops the server if running and closes the calling thread's connection. */
void app_cleanup(struct app *app);

#endif
