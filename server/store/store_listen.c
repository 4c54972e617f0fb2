/* Hearing the other instances' commits, on an engine that notifies; see store_listen_start in
 * include/jvdr/store/store.h. One thread per store LISTENs on a connection of its own and hands
 * what each commit changed to the index of events and the commit hook; while it has no
 * connection neither the index nor the cache is trusted, and each time it gets one back everything
 * is taken as changed (it cannot know what it missed). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/base/log.h"
#include "jvdr/store/db.h"
#include "jvdr/store/store.h"

#define LISTEN_WAIT_MS 200  /* how often the thread looks up from waiting, to stop on time */
#define LISTEN_RETRY_MS 250 /* between attempts to listen again */

/* Whatever committed, the index of events is loaded afresh when next used, then the cache
 * forgets everything. */
static void everything_changed(struct store *store)
{
    atomic_fetch_add(&store->foreign_commits, 1);
    if (store->on_commit)
        store->on_commit(store->on_commit_context, NULL, 0);
    store_tell_feed(store);
}

/* Another instance's commit, or a session's outside jvdr: the index of events re-reads the
 * records it names before the cache forgets them, so that nothing is rendered again from the old
 * facts. */
static void heard(void *context, const struct store_change *changes, size_t count, long long sender)
{
    struct store *store = context;
    if (changes && count == 1 && strcmp(changes[0].kind, "sync") == 0) {
        /* A mark: ours, awaited by a save (store.c), or another instance's (nothing changed). */
        unsigned long long mark = strtoull(changes[0].value, NULL, 16);
        if (mark != 0 && mark == atomic_load(&store->sync_mark))
            atomic_store(&store->sync_heard, true);
        return;
    }
    if (sender == atomic_load(&store->writer_session))
        return; /* our own commit: store_write_end told the index and the cache already */
    struct db *db = NULL;
    if (!changes || store_db(store, &db) != JVDR_OK) {
        everything_changed(store);
        return;
    }
    event_index_apply(&store->events, db, changes, count);
    if (store->on_commit)
        store->on_commit(store->on_commit_context, changes, count);
    store_tell_feed(store);
}

static void pause_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void *listen_loop(void *context)
{
    struct store *store = context;
    const struct db_engine *engine = store->engine;
    struct db_listener *listener = store->first_listener;
    store->first_listener = NULL;
    bool said_lost = false;
    while (!atomic_load(&store->listen_stop)) {
        if (!listener) {
            char err[256];
            if (engine->listen(store->path, &listener, err, sizeof err) != JVDR_OK) {
                if (!said_lost)
                    log_error("not hearing other instances' commits (%s): serving without the "
                              "cache until it is back",
                              err);
                said_lost = true;
                pause_ms(LISTEN_RETRY_MS);
                continue;
            }
            /* Listening from now on: what committed before is covered by taking it all. */
            everything_changed(store);
            atomic_store(&store->listening, true);
            if (said_lost)
                log_error("hearing other instances' commits again: the cache is back");
            said_lost = false;
        }
        if (engine->hear(listener, LISTEN_WAIT_MS, heard, store) != JVDR_OK) {
            atomic_store(&store->listening, false);
            everything_changed(store);
            engine->unlisten(listener);
            listener = NULL;
            log_error("lost the connection that hears other instances' commits: serving without "
                      "the cache until it is back");
            said_lost = true;
        }
    }
    atomic_store(&store->listening, false);
    engine->unlisten(listener);
    return NULL;
}

enum jvdr_err store_listen_start(struct store *store)
{
    if (!store->engine->notifies || store->listen_running)
        return JVDR_OK;
    atomic_store(&store->listen_stop, false);
    /* Listening before the first request, so that the cache serves from the start; when the
     * database does not answer yet, the thread keeps trying. */
    char err[256];
    if (store->engine->listen(store->path, &store->first_listener, err, sizeof err) == JVDR_OK)
        atomic_store(&store->listening, true);
    if (pthread_create(&store->listen_thread, NULL, listen_loop, store) != 0) {
        store->engine->unlisten(store->first_listener);
        store->first_listener = NULL;
        atomic_store(&store->listening, false);
        return JVDR_E_INTERNAL;
    }
    store->listen_running = true;
    return JVDR_OK;
}

void store_listen_stop(struct store *store)
{
    if (!store->listen_running)
        return;
    atomic_store(&store->listen_stop, true);
    pthread_join(store->listen_thread, NULL);
    store->listen_running = false;
}

bool store_cache_trusted(struct store *store)
{
    return !store->engine->notifies || atomic_load(&store->listening);
}
