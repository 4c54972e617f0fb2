/* The key set, reloaded when its file changes; see include/jvdr/http/key_watch.h. */
#include "jvdr/http/key_watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/base/log.h"

/* How often the file is looked at: a stat() a second costs nothing, and a key rotated in by the
 * provider is taken within it. */
#define KEY_WATCH_PERIOD_MS 1000

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The kids of set, comma-separated, for the log. */
static void describe(const struct jwks *set, char *out, size_t len)
{
    size_t used = (size_t)snprintf(out, len, "%zu key%s", set->count, set->count == 1 ? "" : "s");
    for (size_t i = 0; i < set->count && used < len; i++)
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? ", " : " (kid ",
                                 set->keys[i].kid ? set->keys[i].kid : "none");
    if (used < len)
        snprintf(out + used, len - used, ")");
}

static int reload_locked(struct key_watch *w, bool force);

int key_watch_reload(struct key_watch *w, bool force)
{
    pthread_mutex_lock(&w->reload);
    int rc = reload_locked(w, force);
    pthread_mutex_unlock(&w->reload);
    return rc;
}

static int reload_locked(struct key_watch *w, bool force)
{
    struct stat now;
    char err[512];
    if (stat(w->path, &now) != 0) {
        pthread_mutex_lock(&w->lock);
        bool was_there = w->seen.st_ino != 0;
        memset(&w->seen, 0, sizeof w->seen);
        pthread_mutex_unlock(&w->lock);
        if (was_there || force) {
            atomic_fetch_add(&w->failures, 1);
            log_error("JVDR_JWKS_FILE: cannot read '%s' (%s); the keys read before stay in use",
                      w->path, strerror(errno));
        }
        return -1;
    }
    pthread_mutex_lock(&w->lock);
    bool unchanged = same_file(&now, &w->seen);
    w->seen = now;
    pthread_mutex_unlock(&w->lock);
    if (unchanged && !force)
        return 0;
    struct jwks *set = jwks_load(w->path, err, sizeof err);
    if (!set) {
        atomic_fetch_add(&w->failures, 1);
        log_error("%s; the keys read before stay in use", err);
        return -1;
    }
    char keys[400];
    describe(set, keys, sizeof keys);
    pthread_mutex_lock(&w->lock);
    struct jwks *old = w->current;
    w->current = set;
    pthread_mutex_unlock(&w->lock);
    jwks_release(old);
    atomic_fetch_add(&w->reloads, 1);
    log_error("JVDR_JWKS_FILE: read '%s' again: %s", w->path, keys);
    return 0;
}

static void *watch(void *arg)
{
    struct key_watch *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += KEY_WATCH_PERIOD_MS / 1000;
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
        if (w->stopping)
            break;
        pthread_mutex_unlock(&w->lock);
        key_watch_reload(w, false);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

int key_watch_init(struct key_watch *w, const char *path, char *err, size_t errlen)
{
    memset(w, 0, sizeof *w);
    if (stat(path, &w->seen) != 0)
        memset(&w->seen, 0, sizeof w->seen);
    w->current = jwks_load(path, err, errlen);
    w->path = w->current ? strdup(path) : NULL;
    if (!w->path) {
        if (w->current)
            snprintf(err, errlen, "out of memory");
        jwks_release(w->current);
        return -1;
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w->wake, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&w->lock, NULL);
    pthread_mutex_init(&w->reload, NULL);
    atomic_init(&w->reloads, 0);
    atomic_init(&w->failures, 0);
    w->watching = pthread_create(&w->thread, NULL, watch, w) == 0;
    if (!w->watching)
        log_error("JVDR_JWKS_FILE: cannot start the thread that watches '%s'; send SIGHUP after "
                  "changing it",
                  path);
    return 0;
}

void key_watch_cleanup(struct key_watch *w)
{
    if (!w->path)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    if (w->watching)
        pthread_join(w->thread, NULL);
    jwks_release(w->current);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    pthread_mutex_destroy(&w->reload);
    free(w->path);
    memset(w, 0, sizeof *w);
}

struct jwks *key_watch_keys(struct key_watch *w)
{
    pthread_mutex_lock(&w->lock);
    struct jwks *set = jwks_hold(w->current);
    pthread_mutex_unlock(&w->lock);
    return set;
}

void key_watch_metrics(struct key_watch *w, struct buf *out)
{
    struct jwks *set = key_watch_keys(w);
    buf_printf(out,
               "# HELP jvdr_jwks_keys Keys in the JWT key set in use (JVDR_JWKS_FILE).\n"
               "# TYPE jvdr_jwks_keys gauge\n"
               "jvdr_jwks_keys %zu\n"
               "# HELP jvdr_jwks_reloads_total Key sets read again since start, after the file "
               "changed or on SIGHUP.\n"
               "# TYPE jvdr_jwks_reloads_total counter\n"
               "jvdr_jwks_reloads_total %lu\n"
               "# HELP jvdr_jwks_reload_failures_total Key set files refused since start (the "
               "keys before stayed in use).\n"
               "# TYPE jvdr_jwks_reload_failures_total counter\n"
               "jvdr_jwks_reload_failures_total %lu\n",
               set->count, atomic_load(&w->reloads), atomic_load(&w->failures));
    jwks_release(set);
}
