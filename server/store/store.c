/* Opening the database, per-thread connections, the writers' lock and commit notification; see
 * include/jvdr/store/store.h. */
#define _GNU_SOURCE /* O_TMPFILE, mkostemp */
#include "jvdr/store/store.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jvdr/base/embedded.h"
#include "jvdr/base/log.h"
#include "jvdr/base/random_hex.h"
#include "jvdr/store/db.h"
#include "jvdr/store/index_journal.h"

/* How long the readiness probe waits for the store: orchestrators give a probe about a second. */
#define STORE_PROBE_MS 500
/* At most, for the other instances' commits to be heard before a save. */
#define SAVE_SYNC_MS 5000

static void db_free_void(void *db)
{
    db_free(db);
}

enum jvdr_err store_open(struct store *store, const char *path, char *err, size_t errlen)
{
    memset(store, 0, sizeof *store);
    store->path = path;
    store->engine = db_engine_for(path);
    if (store->engine->init)
        store->engine->init();
    store->several_servers = store->engine->reads_standby && store->engine->several_servers &&
                             store->engine->several_servers(path);
    if (pthread_key_create(&store->connection, db_free_void) != 0 ||
        pthread_key_create(&store->standby, db_free_void) != 0) {
        snprintf(err, errlen, "cannot create the per-thread connection key");
        return JVDR_E_INTERNAL;
    }
    store->connection_key_created = true;
    fair_lock_init(&store->write_lock);
    event_index_init(&store->events);

    struct db *db = NULL;
    enum jvdr_err code = store->engine->open_store(path, &db, &store->readonly, err, errlen);
    if (code != JVDR_OK)
        return code;
    if (!store->readonly)
        code = db_open(path, DB_EXISTING, &store->writer, err, errlen);
    if (code == JVDR_OK && store->writer)
        store->writer_seen = db_data_version(store->writer);
    if (code == JVDR_OK && store->writer && store->engine->upkeep_start)
        store->upkeep =
            store->engine->upkeep_start(path, db_conn(store->writer), &store->write_lock);
    /* A store with a saved index keeps the journal beside it (migrations/0019). */
    store->events.journaled = store->engine->index_snapshot_path != NULL;
    if (code == JVDR_OK && store->writer && store->events.journaled &&
        index_journal_open(store->writer) != JVDR_OK)
        log_error("cannot mark the index journal's epoch: %s", db_errmsg(store->writer));
    char saved[4096];
    if (code == JVDR_OK && store->engine->index_snapshot_path &&
        store->engine->index_snapshot_path(path, saved, sizeof saved) &&
        !(store->events.snapshot_path = strdup(saved)))
        code = JVDR_E_NOMEM;
    /* This connection becomes the opening thread's own. */
    if (code == JVDR_OK && pthread_setspecific(store->connection, db) == 0)
        return JVDR_OK;
    db_free(db);
    return code == JVDR_OK ? JVDR_E_INTERNAL : code;
}

void store_describe(const char *path, char *out, size_t len)
{
    db_engine_for(path)->describe(path, out, len);
}

void store_close(struct store *store)
{
    assert(!store->listen_running); /* store_listen_stop first: the thread reads the store */
    if (store->upkeep)
        store->engine->upkeep_stop(store->upkeep);
    store->upkeep = NULL;
    db_free(store->writer);
    store->writer = NULL;
    if (!store->connection_key_created)
        return;
    event_index_cleanup(&store->events);
    db_free(pthread_getspecific(store->connection));
    pthread_setspecific(store->connection, NULL);
    pthread_key_delete(store->connection);
    db_free(pthread_getspecific(store->standby));
    pthread_setspecific(store->standby, NULL);
    pthread_key_delete(store->standby);
    store->connection_key_created = false;
    fair_lock_destroy(&store->write_lock);
}

long long store_size_bytes(struct store *store, struct db *db)
{
    if (!db && store_db(store, &db) != JVDR_OK) /* this thread's own connection, if it has one */
        db = NULL;
    return store->engine->size_bytes(store->path, db);
}

void store_on_commit(struct store *store, store_commit_hook hook, void *context)
{
    store->on_commit = hook;
    store->on_commit_context = context;
}

static long long now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now); /* read from the vDSO where the clock allows (tsc) */
    return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* No server of the URI takes writes (the primary lost, no standby promoted yet): the thread
 * reads from whichever answers, a hot standby included, on a connection of its own, so that reads
 * go on through a failover. Writes still get 503 (they need the writer). What is read there is
 * what the standby has applied: with synchronous_commit=remote_apply on the primary, every
 * acknowledged commit. */
static enum jvdr_err standby_db(struct store *store, struct db **out)
{
    struct db *db = pthread_getspecific(store->standby);
    if (!db) {
        /* As a lost connection: not tried again before the pause, so that requests answer at
         * once. */
        static _Thread_local long long next_attempt_ms;
        long long now = now_ms();
        if (now < next_attempt_ms)
            return JVDR_E_BUSY;
        char err[256];
        if (db_open(store->path, DB_READONLY, &db, err, sizeof err) != JVDR_OK) {
            next_attempt_ms = now + store->engine->reconnect_pause_ms;
            return JVDR_E_BUSY;
        }
        if (pthread_setspecific(store->standby, db) != 0) {
            db_free(db);
            return JVDR_E_NOMEM;
        }
    }
    enum jvdr_err code = db_check_connection(db);
    if (code == JVDR_OK)
        *out = db;
    return code;
}

enum jvdr_err store_db(struct store *store, struct db **out)
{
    struct db *db = pthread_getspecific(store->connection);
    if (!db) {
        char err[256];
        enum jvdr_err code = db_open(store->path, store->readonly ? DB_IMMUTABLE : DB_EXISTING, &db,
                                     err, sizeof err);
        if (code != JVDR_OK) {
            log_error("%s", err);
            return code;
        }
        if (pthread_setspecific(store->connection, db) != 0) {
            db_free(db);
            return JVDR_E_NOMEM;
        }
    }
    *out = db;
    /* A server restarted or failed over: this thread's connection comes back on its own. */
    enum jvdr_err code = db_check_connection(db);
    return code == JVDR_E_BUSY && store->several_servers ? standby_db(store, out) : code;
}

/* Tells the commit hook when another process committed since the last look. The lock is held. */
static void look_for_foreign_commits(struct store *store)
{
    if (store->engine->notifies)
        return; /* told by the engine instead (store_listen.c) */
    long long version = db_data_version(store->writer);
    if (version == store->writer_seen)
        return;
    store->writer_seen = version;
    atomic_fetch_add(&store->foreign_commits, 1);
    if (store->on_commit)
        store->on_commit(store->on_commit_context, NULL, 0);
}

enum jvdr_err store_write_begin(struct store *store, struct db **db)
{
    *db = NULL;
    if (!store->writer)
        return JVDR_E_FORBIDDEN;
    fair_lock_acquire(&store->write_lock);
    if (db_check_connection(store->writer) != JVDR_OK) {
        fair_lock_release(&store->write_lock);
        return JVDR_E_BUSY;
    }
    /* (after a reconnect too) so that the listener knows our own announcements when they come */
    if (store->engine->notifies)
        atomic_store(&store->writer_session, store->engine->session_id(db_conn(store->writer)));
    enum jvdr_err code = store->engine->begin_write(db_conn(store->writer));
    if (code != JVDR_OK) {
        if (db_in_transaction(store->writer))
            db_exec(store->writer, "ROLLBACK");
        fair_lock_release(&store->write_lock);
        return code;
    }
    /* Holding SQLite's write lock now: nobody else commits until we are done, so what
     * data_version says here stays true past our own commit. */
    look_for_foreign_commits(store);
    /* The epoch before any change of ours (a failed read: none, so a new one at the end). */
    if (store->events.journaled &&
        index_journal_begin(store->writer, store->journal_epoch) != JVDR_OK)
        store->journal_epoch[0] = '\0';
    *db = store->writer;
    return JVDR_OK;
}

enum jvdr_err store_write_end(struct store *store, struct db *db, enum jvdr_err code,
                              const struct store_change *changes, size_t count)
{
    /* The other instances hear the facts at the commit, never for a rollback. */
    if (code == JVDR_OK && store->engine->notifies)
        code = store->engine->announce(db_conn(db), changes, changes ? count : 0);
    /* The other processes' indexes read the same records again from the journal. */
    if (code == JVDR_OK && store->events.journaled)
        code = index_journal_end(db, store->journal_epoch, changes, changes ? count : 0);
    if (code == JVDR_OK) {
        code = db_exec(db, "COMMIT");
        if (code != JVDR_OK) {
            log_error("commit failed: %s", db_errmsg(db));
        } else {
            if (changes)
                event_index_apply(&store->events, db, changes, count);
            else /* anything may have changed: the index of events is read again */
                atomic_fetch_add(&store->foreign_commits, 1);
            if (store->on_commit)
                store->on_commit(store->on_commit_context, changes, count);
            store_tell_feed(store);
        }
    }
    if (code != JVDR_OK && db_in_transaction(db))
        db_exec(db, "ROLLBACK");
    fair_lock_release(&store->write_lock);
    return code;
}

bool store_poll(struct store *store)
{
    if (!store->writer || store->engine->notifies)
        return false; /* read-only media: nobody commits; or told by the engine */
    long long now = now_ms(), due = atomic_load(&store->next_poll_ms);
    if (now < due ||
        !atomic_compare_exchange_strong(&store->next_poll_ms, &due, now + STORE_POLL_MS))
        return false; /* not yet, or another thread looks now */
    if (!fair_lock_try(&store->write_lock))
        return false; /* a write is under way, and looks as it begins */
    long long version = db_data_version(store->writer);
    bool changed = version != store->writer_seen;
    store->writer_seen = version;
    if (changed) {
        atomic_fetch_add(&store->foreign_commits, 1);
        if (store->on_commit) /* whoever looked, the cache hears it too */
            store->on_commit(store->on_commit_context, NULL, 0);
        store_tell_feed(store);
    }
    fair_lock_release(&store->write_lock);
    return changed;
}

/* The count of other processes' commits seen, after a look for new ones: what the index of events
 * must have been loaded at to answer now, whether or not a cache asked first. */
static long long foreign_commits_now(struct store *store)
{
    store_poll(store);
    return atomic_load(&store->foreign_commits);
}

enum jvdr_err store_ready(struct store *store, struct db *db, char *why, size_t whylen)
{
    if (store->engine->missing && store->engine->missing(store->path, why, whylen))
        return JVDR_E_BUSY;
    /* Answered quickly or not at all, whatever the requests' budget. */
    db_set_budget(db, STORE_PROBE_MS);
    struct stmt *stmt = db_stmt(db, "SELECT max(version) FROM schema_migrations");
    int rc = stmt ? stmt_step(stmt) : JVDR_E_INTERNAL;
    db_stmt_done(stmt);
    if (rc != DB_ROW) {
        snprintf(why, whylen, "the database does not answer");
        return JVDR_E_BUSY;
    }
    if (atomic_load(&store->warming)) {
        snprintf(why, whylen, "loading the index of events");
        return JVDR_E_BUSY;
    }
    return JVDR_OK;
}

enum jvdr_err store_event_stats(struct store *store, struct db *db, const struct event_filter *f,
                                unsigned long facet_limit, struct buf *out)
{
    return event_index_stats(&store->events, db, foreign_commits_now(store), f, facet_limit, out);
}

enum jvdr_err store_event_page(struct store *store, struct db *db, const struct event_filter *f,
                               enum index_sort sort, bool descending, unsigned long offset,
                               unsigned long limit, struct arena *arena, long long *total,
                               bool *estimated, const char ***ids, size_t *count)
{
    return event_index_page(&store->events, db, foreign_commits_now(store), f, sort, descending,
                            offset, limit, arena, total, estimated, ids, count);
}

enum jvdr_err store_official_page(struct store *store, struct db *db,
                                  const struct official_filter *f, enum official_sort sort,
                                  bool descending, unsigned long offset, unsigned long limit,
                                  struct arena *arena, long long *total, const char ***ids,
                                  size_t *count)
{
    return event_index_official_page(&store->events, db, foreign_commits_now(store), f, sort,
                                     descending, offset, limit, arena, total, ids, count);
}

enum jvdr_err store_agreement_page(struct store *store, struct db *db,
                                   const struct agreement_filter *f, enum agreement_sort sort,
                                   bool descending, unsigned long offset, unsigned long limit,
                                   struct arena *arena, long long *total, const char ***ids,
                                   size_t *count)
{
    return event_index_agreement_page(&store->events, db, foreign_commits_now(store), f, sort,
                                      descending, offset, limit, arena, total, ids, count);
}

enum jvdr_err store_timeline_page(struct store *store, struct db *db,
                                  const struct timeline_filter *f, bool descending,
                                  unsigned long offset, unsigned long limit, struct arena *arena,
                                  long long *total, const char ***kinds, const char ***ids,
                                  size_t *count)
{
    return event_index_timeline(&store->events, db, foreign_commits_now(store), f, descending,
                                offset, limit, arena, total, kinds, ids, count);
}

enum jvdr_err store_search_count(struct store *store, struct db *db, const char *table,
                                 const char *query, unsigned kinds, long long lo, long long hi,
                                 long long cap, struct range_count *out)
{
    return event_index_search_count(&store->events, db, foreign_commits_now(store), table, query,
                                    kinds, lo, hi, cap, out);
}

enum jvdr_err store_match_rows(struct store *store, struct db *db, const struct search_node *root,
                               unsigned kinds, uint64_t **rows, uint64_t **titles, size_t *nwords,
                               struct match_page *page)
{
    return event_index_match_rows(&store->events, db, foreign_commits_now(store), root, kinds, rows,
                                  titles, nwords, page);
}

void store_warm_connection(void *arg)
{
    struct store *store = arg;
    struct db *db = NULL;
    if (store_db(store, &db) != JVDR_OK)
        return; /* said by store_db */
    if (store->engine->warm_sql && db_exec(db, store->engine->warm_sql) != JVDR_OK)
        log_error("cannot ready a connection: %s", db_errmsg(db));
    else
        atomic_fetch_add(&store->connections_ready, 1);
}

void store_warm_pending(struct store *store)
{
    atomic_store(&store->warming, true);
}

void store_warm(struct store *store, void (*before_ready)(void *arg), void *arg)
{
    struct db *db = NULL;
    long long began = now_ms();
    bool loaded =
        store_db(store, &db) == JVDR_OK &&
        event_index_warm(&store->events, db, atomic_load(&store->foreign_commits)) == JVDR_OK;
    long long took = now_ms() - began;
    if (before_ready)
        before_ready(arg);
    atomic_store(&store->warming, false); /* ready either way: a request loads it again */
    /* Said once ready, so that whoever reads the line finds the server ready. */
    if (!loaded)
        log_error("cannot load the index of events; /v1/stats will try again when asked");
    else
        log_error("loaded the index of events from %s in %lld ms; %d connections ready",
                  store->events.from_snapshot ? store->events.snapshot_path : "the database", took,
                  atomic_load(&store->connections_ready));
}

enum jvdr_err store_set_index_file(struct store *store, const char *path)
{
    if (!path || !*path)
        return JVDR_OK;
    char *copy = strdup(path);
    if (!copy)
        return JVDR_E_NOMEM;
    free(store->events.snapshot_path);
    store->events.snapshot_path = copy;
    return JVDR_OK;
}

/* Sends a mark of our own on the channel the listening thread hears and waits up to timeout_ms
 * for the thread to hear it: true once it has, when every commit announced before the mark has
 * been heard and handed on (they come in commit order); false when the thread does not listen or
 * the mark did not come in time. */
static bool hear_own_mark(struct store *store, int timeout_ms)
{
    char hex[17];
    struct db *db = NULL;
    if (!atomic_load(&store->listening) || !random_hex(hex, 16) || store_db(store, &db) != JVDR_OK)
        return false;
    unsigned long long mark = strtoull(hex, NULL, 16);
    atomic_store(&store->sync_heard, false);
    atomic_store(&store->sync_mark, mark ? mark : 1);
    snprintf(hex, sizeof hex, "%llx", mark ? mark : 1);
    /* Sent outside any transaction of ours: delivered now, after every commit before it. */
    const struct store_change said = {.kind = "sync", .field = "mark", .value = hex};
    bool heard = store->engine->announce(db_conn(db), &said, 1) == JVDR_OK;
    for (int waited = 0; heard && !atomic_load(&store->sync_heard); waited += 2) {
        if (waited >= timeout_ms || !atomic_load(&store->listening))
            heard = false;
        else
            nanosleep(&(struct timespec){0, 2000000L}, NULL);
    }
    atomic_store(&store->sync_mark, 0);
    return heard;
}

/* On an engine where other instances write (PostgreSQL): the index is saved only as current as
 * the database. The token's table is held so that no write commits until the save does (each
 * write's trigger deletes the token), and every commit before is heard first: one not yet applied
 * would be missing from a file the next start trusts. A foreign commit heard makes the save
 * refuse (the index is read again when next used). */
static enum jvdr_err hold_writes_and_catch_up(struct store *store)
{
    if (!store->engine->notifies)
        return JVDR_OK;
    /* (A write that never ends must not hold the stop: then the file is simply not saved.) */
    enum jvdr_err code = db_exec(store->writer, "SET LOCAL lock_timeout = '5s'");
    if (code == JVDR_OK)
        code = db_exec(store->writer, "LOCK TABLE index_snapshot IN EXCLUSIVE MODE");
    if (code == JVDR_OK && !hear_own_mark(store, SAVE_SYNC_MS))
        code = JVDR_E_CONFLICT;
    return code;
}

void store_save_index(struct store *store)
{
    if (!store->writer || !store->events.snapshot_path)
        return;
    long long began = now_ms();
    char err[512] = "";
    bool written = false;
    fair_lock_acquire(&store->write_lock); /* none of our writes under way */
    enum jvdr_err code = store->engine->begin_write(db_conn(store->writer));
    if (code == JVDR_OK)
        code = hold_writes_and_catch_up(store);
    if (code == JVDR_OK) {
        look_for_foreign_commits(store);
        code = event_index_save(&store->events, store->writer, atomic_load(&store->foreign_commits),
                                &written, err, sizeof err);
        code = code == JVDR_OK ? db_exec(store->writer, "COMMIT") : code;
    }
    if (code != JVDR_OK && db_in_transaction(store->writer))
        db_exec(store->writer, "ROLLBACK");
    fair_lock_release(&store->write_lock);
    if (code == JVDR_OK && written)
        log_error("saved the index of events to %s in %lld ms", store->events.snapshot_path,
                  now_ms() - began);
    else if (code == JVDR_OK)
        log_error("the index of events saved in %s is current", store->events.snapshot_path);
    else if (code == JVDR_E_CONFLICT)
        log_error("left the index of events unsaved: not loaded, loaded before another "
                  "process wrote, or other instances' commits not heard in time");
    else
        log_error("cannot save the index of events: %s", err[0] ? err : db_errmsg(store->writer));
}

static struct db_upkeep_counts upkeep_counts(const struct store *store)
{
    struct db_upkeep_counts counts = {0};
    if (store->upkeep)
        store->engine->upkeep_counts(store->upkeep, &counts);
    return counts;
}

unsigned long long store_background_checkpoints(const struct store *store)
{
    return upkeep_counts(store).checkpoints;
}

unsigned long long store_background_merges(const struct store *store)
{
    return upkeep_counts(store).merges;
}

void store_checkpoint(struct store *store)
{
    if (!store->writer || !store->engine->checkpoint)
        return;
    fair_lock_acquire(&store->write_lock);
    store->engine->checkpoint(db_conn(store->writer));
    fair_lock_release(&store->write_lock);
}

int store_spool_file(const struct store *store)
{
    char dir[4096];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
    if (store->path && !strstr(store->path, "://") && strncmp(store->path, "postgres", 8) != 0) {
        snprintf(dir, sizeof dir, "%s", store->path); /* a database file: its directory */
        char *slash = strrchr(dir, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else
            slash[slash == dir] = '\0';
    }
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EOPNOTSUPP) { /* a filesystem without O_TMPFILE */
        char path[4200];
        snprintf(path, sizeof path, "%s/.jvdr-spool-XXXXXX", dir);
        fd = mkostemp(path, O_CLOEXEC);
        if (fd >= 0)
            unlink(path);
    }
    return fd;
}

void store_tell_feed(struct store *store)
{
    if (store->feed && store->kick_feed)
        store->kick_feed(store->feed);
}
