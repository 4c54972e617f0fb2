/* The store: the database the service runs on, as one object, whichever engine runs it (struct
 * db_engine, db.h). It opens the store (the engine creates and migrates it on first start, refuses
 * one newer than this binary, and falls back to reads only on read-only media), hands each thread
 * its own connection for reads, runs every write of the process on one writer connection under
 * one lock, and tells whoever asked what a write changed and when another process has committed.
 *
 * Commits by other processes (an import, the sqlite3 shell, a second jvdr on the file) are seen
 * through the engine's data_version on the writer connection (SQLite's PRAGMA data_version: it
 * moves for every connection's commits but its own, so the process's own writes never count as
 * foreign), checked by store_poll at most every STORE_POLL_MS and by every write as it begins; or,
 * on an engine that notifies, heard as they commit (store_listen_start). */
#ifndef JVDR_STORE_STORE_H
#define JVDR_STORE_STORE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/error.h"
#include "jvdr/base/fair_lock.h"
#include "jvdr/store/event_index.h"
#include "jvdr/store/facts.h"

struct search_node;
struct arena;
struct change_feed;
struct db;
struct db_engine;
struct db_listener;
struct db_upkeep;

/* Called after every commit made through store_write_end, before the write is acknowledged, with
 * the facts it changed (jvdr/store/facts.h: the records, before and after, and what filters
 * select them by); changes is NULL when the extent is unknown (take it as everything). */
typedef void (*store_commit_hook)(void *context, const struct store_change *changes, size_t count);

/* How long after another process's commit an answer rendered before it may still be served. */
#define STORE_POLL_MS 5

struct store {
    const char *path;               /* borrowed from the configuration: a file or a libpq URI */
    const struct db_engine *engine; /* the engine that claims path */
    bool several_servers;     /* it names a standby too: reads may go there while none writes */
    bool readonly;            /* the file cannot be written: reads only, writes are refused */
    pthread_key_t connection; /* each thread's struct db for reads, closed when the thread ends */
    pthread_key_t standby;    /* each thread's reads while no server takes writes */
    bool connection_key_created;
    struct fair_lock write_lock; /* guards writer: writers queue here in order of arrival */
    struct db *writer;           /* every write of the process; NULL when read-only */
    struct db_upkeep *upkeep;    /* the engine's work beside the writer (SQLite's checkpoints) */
    long long writer_seen;     /* the writer's data_version after our last look (under the lock) */
    char journal_epoch[33];    /* the store's epoch as the write under way found it (lock held) */
    atomic_llong next_poll_ms; /* CLOCK_MONOTONIC milliseconds when store_poll looks again */
    atomic_llong foreign_commits; /* commits by other processes seen so far */
    struct event_index events;    /* facts of every event, for /v1/stats */
    atomic_bool warming;          /* store_warm is wanted and not done: not ready yet */
    atomic_int connections_ready; /* by store_warm_connection */
    store_commit_hook on_commit;
    void *on_commit_context;
    unsigned max_snapshots; /* store_snapshot_open's limit (0: none may be open) */
    atomic_uint snapshots;  /* open now */
    /* An engine that notifies: the thread hearing other instances' commits
     * (store_listen_start). */
    pthread_t listen_thread;
    bool listen_running;
    atomic_bool listen_stop;
    atomic_bool listening;              /* it holds a connection that LISTENs now */
    atomic_llong writer_session;        /* the writer's session: what it announces is our own */
    struct db_listener *first_listener; /* opened by store_listen_start, handed to the thread */
    atomic_ullong sync_mark;            /* a save's own mark on the channel, 0 when none waits */
    atomic_bool sync_heard;             /* the thread has heard it: every commit before it too */
    /* The change feed (store/change_feed.h), when started, and its kick: told, cheaply, of every
     * commit the store learns of (its own, another process's, another instance's). */
    struct change_feed *feed;
    void (*kick_feed)(struct change_feed *feed);
};

/* Opens (creating and seeding on first start) and migrates the database at path, which must
 * outlive the store. The connection opened becomes the calling thread's. Returns JVDR_OK, or an
 * error with a one-line reason in err (the store must still be closed). */
enum jvdr_err store_open(struct store *store, const char *path, char *err, size_t errlen);

/* path (a database file or a PostgreSQL URI) as it may be written in a log, into out: a URI's
 * password is left out. */
void store_describe(const char *path, char *out, size_t len);

/* Closes the calling thread's connection and releases the store. Other threads' connections are
 * closed as those threads end. Safe on a store whose open failed, or that was zeroed. Stop the
 * listening thread first (store_listen_stop). */
void store_close(struct store *store);

/* Sets the function told of every commit (one; NULL for none). Call before serving. */
void store_on_commit(struct store *store, store_commit_hook hook, void *context);

/* On an engine that notifies (PostgreSQL: NOTIFY, sent inside each write's transaction with its
 * facts, or "*" from the triggers of migrations/postgresql/0006_notify.sql for a commit made
 * outside jvdr): starts the thread that hears every other instance's commits and tells the commit
 * hook. Call after store_on_commit; nothing on an engine that does not notify (SQLite). */
enum jvdr_err store_listen_start(struct store *store);

/* Stops that thread; before store_close. */
void store_listen_stop(struct store *store);

/* Whether what is kept in memory (answers in the cache, the index of events) may be served: always
 * on an engine that does not notify (SQLite polls); on one that does (PostgreSQL) only while the
 * store hears the other instances' commits (a lost channel means missed invalidations). */
bool store_cache_trusted(struct store *store);

/* The database's size in bytes: the SQLite file and its WAL, or the PostgreSQL database (asked
 * on db, or when db is NULL on the calling thread's connection); 0 when it cannot be told. */
long long store_size_bytes(struct store *store, struct db *db);

/* The calling thread's connection, opened on first use (never creating the file). Thread-safe.
 * Returns JVDR_OK, or the error opening it (logged). */
enum jvdr_err store_db(struct store *store, struct db **out);

/* Starts a write: waits for the writers' lock, opens an IMMEDIATE transaction on the writer
 * connection and sets *db to it; the caller uses it for every statement of the write, up to
 * store_write_end. A commit by another process since the last look is reported to the commit hook
 * first (as of unknown extent). On failure the lock is released and the error returned. */
enum jvdr_err store_write_begin(struct store *store, struct db **db);

/* Ends the write begun on db: commits when code is JVDR_OK (a failed commit becomes the error
 * returned, logged), rolls back otherwise, tells the commit hook of a commit and of the count
 * facts in changes (NULL: unknown), and releases the lock. Returns the outcome. */
enum jvdr_err store_write_end(struct store *store, struct db *db, enum jvdr_err code,
                              const struct store_change *changes, size_t count);

/* Tells the change feed, if any, that something committed (store.c and store_listen.c). */
void store_tell_feed(struct store *store);

/* True when another process has committed since the last look, which the commit hook hears too
 * (with no changes: everything may have); looks at most every STORE_POLL_MS (otherwise a clock
 * read from the vDSO, no system call) and never waits for a write in progress (which looks itself
 * as it begins). The index of events looks before every answer it gives, the response cache
 * before every hit. Thread-safe. */
bool store_poll(struct store *store);

/* The /v1/stats body for the events f selects (see event_index_stats), through db (the caller's
 * connection) when the index must be loaded. Thread-safe. */
enum jvdr_err store_event_stats(struct store *store, struct db *db, const struct event_filter *f,
                                unsigned long facet_limit, struct buf *out);

/* One page of /v1/events from the index of events (see event_index_page). */
enum jvdr_err store_event_page(struct store *store, struct db *db, const struct event_filter *f,
                               enum index_sort sort, bool descending, unsigned long offset,
                               unsigned long limit, struct arena *arena, long long *total,
                               bool *estimated, const char ***ids, size_t *count);

/* A page of officials through the index (see event_index_official_page). */
enum jvdr_err store_official_page(struct store *store, struct db *db,
                                  const struct official_filter *f, enum official_sort sort,
                                  bool descending, unsigned long offset, unsigned long limit,
                                  struct arena *arena, long long *total, const char ***ids,
                                  size_t *count);

/* A page of agreements through the index (see event_index_agreement_page). */
enum jvdr_err store_agreement_page(struct store *store, struct db *db,
                                   const struct agreement_filter *f, enum agreement_sort sort,
                                   bool descending, unsigned long offset, unsigned long limit,
                                   struct arena *arena, long long *total, const char ***ids,
                                   size_t *count);

/* Full-text matches among some kinds, counted through the index (see event_index_search_count). */
enum jvdr_err store_search_count(struct store *store, struct db *db, const char *table,
                                 const char *query, unsigned kinds, long long lo, long long hi,
                                 long long cap, struct range_count *out);

/* The full-text rows of kinds a parsed search matches, and those it matches in their titles, from
 * the index's postings of common words (see event_index_match_rows). */
enum jvdr_err store_match_rows(struct store *store, struct db *db, const struct search_node *root,
                               unsigned kinds, uint64_t **rows, uint64_t **titles, size_t *nwords,
                               struct match_page *page);

/* One page of /v1/timeline from the index (see event_index_timeline). */
enum jvdr_err store_timeline_page(struct store *store, struct db *db,
                                  const struct timeline_filter *f, bool descending,
                                  unsigned long offset, unsigned long limit, struct arena *arena,
                                  long long *total, const char ***kinds, const char ***ids,
                                  size_t *count);

/* A snapshot of the data for a long read (a whole collection streamed to a client that may be
 * slow): a connection of its own in one read transaction, begun here, so that every statement on
 * it sees the data as of this call while writes go on; usable from any one thread at a time. At
 * most store->max_snapshots at once (JVDR_MAX_EXPORTS), else JVDR_E_BUSY. */
enum jvdr_err store_snapshot_open(struct store *store, struct db **out);

/* Ends the snapshot's transaction and closes its connection. NULL is a no-op. */
void store_snapshot_close(struct store *store, struct db *db);

/* Says that store_warm will run: until it has, store_ready answers "not yet", so that a proxy or
 * an orchestrator sends no request to an instance whose lists would wait for the index. */
void store_warm_pending(struct store *store);

/* Loads the in-memory index of events on the calling thread's connection (at start-up, once the
 * server listens, so that the first list or /v1/stats does not wait for it), then runs
 * before_ready(arg) (NULL: none) before the store says it is ready. */
void store_warm(struct store *store, void (*before_ready)(void *arg), void *arg);

/* Opens the calling thread's connection and runs its engine's warm_sql there (a work_fn: arg is
 * the store), so that a thread's first request does not pay for either. Failures are logged: the
 * first request tries again. */
void store_warm_connection(void *arg);

/* Whether the store can serve: the file is still there and db (the caller's connection) answers a
 * query within a short wait. Returns JVDR_OK, or JVDR_E_BUSY with the reason in why. */
enum jvdr_err store_ready(struct store *store, struct db *db, char *why, size_t whylen);

/* An anonymous temporary file (gone when closed, or when the process dies) for data on its way
 * into the store: beside a database file, so that it lands on the volume kept for data (a
 * read-only root filesystem has no writable /tmp of its own), else in $TMPDIR or /tmp. Returns
 * its descriptor, or -1 with errno set. */
int store_spool_file(const struct store *store);

/* Checkpoints of the write-ahead log done beside the writer so far (SQLite; 0 elsewhere). */
unsigned long long store_background_checkpoints(const struct store *store);
/* Steps that merged the full-text indexes beside the writer so far (SQLite; 0 elsewhere). */
unsigned long long store_background_merges(const struct store *store);

/* Folds the write-ahead log back into the database file (at a clean shutdown). */
void store_checkpoint(struct store *store);

/* Where the index of events is saved and read (--index-file): path, or, when empty, the engine's
 * own place (beside a SQLite database; none on PostgreSQL). Called after store_open, before the
 * index is loaded. */
enum jvdr_err store_set_index_file(struct store *store, const char *path);

/* Saves the index of events to its file (at a clean shutdown), for the next start to read in a
 * fraction of the time the database takes. Logs what it did; a file it cannot write leaves the
 * store served as before, the next start reading the database. */
void store_save_index(struct store *store);

#endif
