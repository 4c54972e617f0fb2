/* A SQLite store's upkeep: work a write would otherwise do inside itself, done by a thread of the
 * store's between writes.
 * - Checkpoints. SQLite folds its write-ahead log back into the database file when a commit
 *   leaves 1,000 pages in it, inside that commit, so every so many writes one waited for the
 *   copy and the file's fsync: 165 ms, and once 1.6 s, on a 2.3 GB store under reads. The
 *   writer's commits now only note the log's size (a WAL hook, which replaces that automatic
 *   checkpoint) and wake the thread each CHECKPOINT_PAGES, which checkpoints on a connection of
 *   its own in PASSIVE mode: it copies what no reader still needs and blocks no reader; it blocks
 *   writes only once the log is past RESTART_PAGES, so that the log starts again.
 * - Merges of the full-text indexes' segments (sqlite_search_merge.c), after each write, a few
 *   pages at a time on the writer's connection, each step holding the writers' lock. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/fair_lock.h"
#include "jvdr/base/log.h"
#include "jvdr/store/sqlite.h"

/* SQLite's own threshold for its automatic checkpoint, which the writer keeps without the thread.
 */
#define AUTOMATIC_CHECKPOINT_PAGES 1000
/* The log's size that asks the thread for a checkpoint: 40 MB at 4 kB a page. A checkpoint ends
 * in a fsync of the database file, which on a 2.3 GB store took about half a second however
 * little it flushed, and a write's own sync waits behind it; at 1,000 pages, writes just after a
 * large load or many merges waited 0.4-0.6 s every few commits. Fewer checkpoints, each folding
 * pages that many writes changed, stall fewer writes (bench/RESULTS.md). */
#define CHECKPOINT_PAGES 10000
/* The log's size past which a checkpoint holds the writers' lock. The log starts again from its
 * beginning only when a write begins after a checkpoint that copied all of it; under writes that
 * never pause, a checkpoint beside them never catches up, and the log grew to 371,482 pages
 * (1.5 GB) at a million events while every commit asked for another checkpoint: 16 clients got 34
 * writes a second where one got 280. Past this size one checkpoint waits for the write under way,
 * copies everything, and the next write starts the log again. */
#define RESTART_PAGES (4 * CHECKPOINT_PAGES)

/* The SQLite engine's upkeep of a store (db.h). */
struct db_upkeep {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool checkpoint_due, merge_due;
    int pages, checkpointed; /* the log's pages at the last commit, and at the last checkpoint */
    atomic_bool stop;
    atomic_ullong checkpoints, merges; /* done, for /metrics */
    sqlite3 *handle;                   /* the thread's own connection, for checkpoints */
    sqlite3 *writer;                   /* whose hook wakes it, and which merges */
    struct fair_lock *writer_lock;     /* held while the thread uses writer */
    struct search_merger *merger;      /* NULL: writes merge themselves */
};

/* The writer's WAL hook, after each commit (on the committing thread): wakes the thread to merge
 * what a write added, and to checkpoint when the log has grown by the threshold since the last
 * checkpoint (or since it started again). A merge's own commit asks for no further merge: the
 * thread goes on while there is work. */
static int after_commit(void *context, sqlite3 *db, const char *name, int pages)
{
    (void)db;
    (void)name;
    struct db_upkeep *c = context;
    bool merge = c->merger && !pthread_equal(pthread_self(), c->thread);
    pthread_mutex_lock(&c->lock);
    if (pages < c->checkpointed)
        c->checkpointed = 0; /* the log started again */
    c->pages = pages;
    bool checkpoint = pages - c->checkpointed >= CHECKPOINT_PAGES;
    if (checkpoint || merge) {
        c->checkpoint_due |= checkpoint;
        c->merge_due |= merge;
        pthread_cond_signal(&c->wake);
    }
    pthread_mutex_unlock(&c->lock);
    return SQLITE_OK;
}

/* Merges step by step until nothing is left to merge, each step a write of its own: a write that
 * arrives meanwhile waits one step at most. */
static void merge(struct db_upkeep *c)
{
    enum merge_step step = MERGE_MORE;
    while (step == MERGE_MORE && !atomic_load(&c->stop)) {
        fair_lock_acquire(c->writer_lock);
        step = sqlite_search_merge_step(c->merger);
        fair_lock_release(c->writer_lock);
        if (step == MERGE_MORE)
            atomic_fetch_add(&c->merges, 1);
    }
}

/* A PASSIVE checkpoint on the thread's own connection: it copies what no reader still needs and
 * blocks no one; past RESTART_PAGES, under the writers' lock, so that it copies the whole log. */
static void checkpoint(struct db_upkeep *c)
{
    pthread_mutex_lock(&c->lock);
    bool restart = c->pages >= RESTART_PAGES;
    pthread_mutex_unlock(&c->lock);
    if (restart)
        fair_lock_acquire(c->writer_lock);
    int log = 0;
    int rc = sqlite3_wal_checkpoint_v2(c->handle, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, NULL);
    if (restart)
        fair_lock_release(c->writer_lock);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
        log_error("checkpoint of the write-ahead log failed: %s", sqlite3_errmsg(c->handle));
        return;
    }
    atomic_fetch_add(&c->checkpoints, 1);
    pthread_mutex_lock(&c->lock);
    if (log > 0 && log >= c->checkpointed)
        c->checkpointed = log; /* the next one when the log has grown by the threshold again */
    pthread_mutex_unlock(&c->lock);
}

static void *run(void *arg)
{
    struct db_upkeep *c = arg;
    pthread_mutex_lock(&c->lock);
    while (!atomic_load(&c->stop)) {
        if (!c->checkpoint_due && !c->merge_due) {
            pthread_cond_wait(&c->wake, &c->lock);
            continue;
        }
        bool merge_due = c->merge_due, checkpoint_due = c->checkpoint_due;
        c->merge_due = c->checkpoint_due = false;
        pthread_mutex_unlock(&c->lock);
        if (merge_due)
            merge(c);
        if (checkpoint_due)
            checkpoint(c);
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

struct db_upkeep *sqlite_upkeep_start(const char *path, struct db_conn *writer,
                                      struct fair_lock *writer_lock)
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
    c->writer = sqlite_conn_handle(writer);
    c->writer_lock = writer_lock;
    if (pthread_create(&c->thread, NULL, run, c) != 0) {
        pthread_cond_destroy(&c->wake);
        pthread_mutex_destroy(&c->lock);
        sqlite3_close_v2(c->handle);
        free(c);
        return NULL; /* the writer keeps SQLite's automatic checkpoint, and FTS5's merges */
    }
    /* Before the hook, which reads it; the store's writes have not begun. */
    c->merger = sqlite_search_merger_start(c->writer);
    sqlite3_wal_hook(c->writer, after_commit, c);
    return c;
}

void sqlite_upkeep_stop(struct db_upkeep *c)
{
    if (!c)
        return;
    sqlite3_wal_autocheckpoint(c->writer, AUTOMATIC_CHECKPOINT_PAGES); /* the hook goes */
    pthread_mutex_lock(&c->lock);
    atomic_store(&c->stop, true);
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    sqlite_search_merger_stop(c->merger);
    pthread_cond_destroy(&c->wake);
    pthread_mutex_destroy(&c->lock);
    sqlite3_close_v2(c->handle);
    free(c);
}

void sqlite_upkeep_counts(const struct db_upkeep *c, struct db_upkeep_counts *out)
{
    out->checkpoints = atomic_load(&c->checkpoints);
    out->merges = atomic_load(&c->merges);
}
