/* Checkpoints off the write path. SQLite folds its write-ahead log back into the database file
 * when a commit leaves 1,000 pages in it, inside that commit, so every so many writes one waited
 * for the copy and the file's fsync: 165 ms, and once 1.6 s, on a 2.3 GB store under reads. The
 * writer's commits now only note the log's size (a WAL hook, which replaces that automatic
 * checkpoint) and wake a thread of the store's, which checkpoints on a connection of its own in
 * PASSIVE mode: it copies what no reader still needs and never blocks a reader or the writer. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/log.h"
#include "jvdr/store/sqlite.h"

/* SQLite's own threshold for its automatic checkpoint. */
#define CHECKPOINT_PAGES 1000

/* The SQLite engine's upkeep of a store (db.h): its checkpointer. */
struct db_upkeep {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool due, stop;
    atomic_ullong runs; /* checkpoints done, for /metrics */
    sqlite3 *handle;    /* the thread's own connection */
    sqlite3 *writer;    /* whose hook wakes it */
};

/* The writer's WAL hook, after each commit (the writer's thread): wakes the thread when the log
 * has grown past the threshold. */
static int after_commit(void *context, sqlite3 *db, const char *name, int pages)
{
    (void)db;
    (void)name;
    struct db_upkeep *c = context;
    if (pages >= CHECKPOINT_PAGES) {
        pthread_mutex_lock(&c->lock);
        c->due = true;
        pthread_cond_signal(&c->wake);
        pthread_mutex_unlock(&c->lock);
    }
    return SQLITE_OK;
}

static void *run(void *arg)
{
    struct db_upkeep *c = arg;
    pthread_mutex_lock(&c->lock);
    while (!c->stop) {
        if (!c->due) {
            pthread_cond_wait(&c->wake, &c->lock);
            continue;
        }
        c->due = false;
        pthread_mutex_unlock(&c->lock);
        int rc = sqlite3_wal_checkpoint_v2(c->handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            log_error("checkpoint of the write-ahead log failed: %s", sqlite3_errmsg(c->handle));
        else
            atomic_fetch_add(&c->runs, 1);
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

struct db_upkeep *sqlite_checkpointer_start(const char *path, struct db_conn *writer)
{
    struct db_upkeep *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    /* A connection learns that the file is in WAL mode when it first reads it: until then a
     * checkpoint on it does nothing (and says so only by its log size of -1). */
    if (sqlite3_open_v2(path, &c->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(c->handle, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK) {
        log_error("no connection for checkpoints of '%s': %s; the writer checkpoints itself", path,
                  c->handle ? sqlite3_errmsg(c->handle) : "out of memory");
        sqlite3_close_v2(c->handle);
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->wake, NULL);
    if (pthread_create(&c->thread, NULL, run, c) != 0) {
        pthread_cond_destroy(&c->wake);
        pthread_mutex_destroy(&c->lock);
        sqlite3_close_v2(c->handle);
        free(c);
        return NULL; /* the writer keeps SQLite's automatic checkpoint */
    }
    c->writer = sqlite_conn_handle(writer);
    sqlite3_wal_hook(c->writer, after_commit, c);
    return c;
}

void sqlite_checkpointer_stop(struct db_upkeep *c)
{
    if (!c)
        return;
    sqlite3_wal_autocheckpoint(c->writer, CHECKPOINT_PAGES); /* the hook's context goes */
    pthread_mutex_lock(&c->lock);
    c->stop = true;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    sqlite3_close_v2(c->handle);
    free(c);
}

unsigned long long sqlite_checkpointer_runs(const struct db_upkeep *c)
{
    return atomic_load(&c->runs);
}
