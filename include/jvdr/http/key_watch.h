/* The key set JWTs are verified with, kept current: JVDR_JWKS_FILE is read again when it changes
 * (looked at every second: a rename over it, as Kubernetes swaps a mounted secret, counts) or on
 * demand (SIGHUP). A reload swaps the whole set at once: a request holds the set it started with,
 * so none is refused half-way, and a key removed is refused from the next request on. A file that
 * does not parse keeps the set before it, and says so in the log and /metrics. */
#ifndef JVDR_HTTP_KEY_WATCH_H
#define JVDR_HTTP_KEY_WATCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "jvdr/base/buf.h"
#include "jvdr/http/jwks.h"

struct key_watch {
    char *path;
    pthread_mutex_t lock;   /* guards current, seen and stopping */
    pthread_mutex_t reload; /* one reload at a time: the watcher's and SIGHUP's */
    pthread_cond_t wake;
    struct jwks *current;
    struct stat seen; /* the file as it was last read */
    bool stopping, watching;
    pthread_t thread;
    atomic_ulong reloads, failures; /* since start: sets taken, files refused */
};

/* Reads the set at path and starts watching it. Returns 0, or -1 with a one-line reason naming
 * JVDR_JWKS_FILE in err (nothing to clean up then). */
int key_watch_init(struct key_watch *w, const char *path, char *err, size_t errlen);

/* Stops watching and releases the set (requests still holding it keep it until they end). */
void key_watch_cleanup(struct key_watch *w);

/* The current set, held: jwks_release it when done. Thread-safe. */
struct jwks *key_watch_keys(struct key_watch *w);

/* Reads the file again now if it changed since it was last read, or whatever it is when force is
 * set; a new set replaces the old, a bad file keeps it. Logs what happened. Returns 0 when the
 * set is the file's (unchanged or reloaded), -1 when the file was refused. Thread-safe. */
int key_watch_reload(struct key_watch *w, bool force);

/* Appends the key set's gauges and counters in the Prometheus text format. */
void key_watch_metrics(struct key_watch *w, struct buf *out);

#endif
