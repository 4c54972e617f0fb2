/* The change feed; see include/jvdr/store/change_feed.h.
 *
 * Locks, taken in this order and never the other way: a reader's lock, the window's, the feed's.
 * The feed's lock guards the list of readers and the thread's flags, and is never held while
 * another lock is taken or a reader is woken; the thread wakes readers through references taken
 * under it, so that a reader closing meanwhile is freed by whoever lets go of it last. */
#include "jvdr/store/change_feed.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/base/log.h"
#include "jvdr/store/change_rows.h"
#include "jvdr/store/db.h"
#include "jvdr/store/store.h"

#define FEED_BATCH 256     /* rows read at once from the changes table */
#define HISTORY_BATCH 64   /* rows read at once for a reader behind the window */
#define FEED_POLL_MS 50    /* how often SQLite's file is looked at for other processes' commits */
#define FEED_RETRY_MS 1000 /* after the database failed to answer */
#define FEED_PROBE_MS 1000 /* how often every reader is woken: is its client gone? */
#define ENTRY_COST 64      /* bytes an entry takes besides its JSON, for the window's bound */

struct entry {
    long long seq;
    char *kind, *id, *json;
    size_t len;
};

/* The most recent changes, oldest first, in a circular array. */
struct window {
    struct entry *items;
    size_t cap, first, count;
    size_t bytes;
    long long floor; /* every change up to it is not here (before the feed began, or evicted) */
};

struct feed_reader {
    struct change_feed *feed;
    struct feed_reader *prev, *next; /* the feed's list (under its lock) */
    atomic_int refs;                 /* the list's, and the thread's while it wakes */
    pthread_mutex_t lock;            /* everything below */
    long long cursor;                /* every change up to it is handed out, or not wanted */
    char *client, *kind, *id;
    bool live;   /* it has taken from the window: falling out of it again drops it */
    bool closed; /* feed_reader_close has run: wake no more */
    bool wants_history, beat, dropped;
    struct entry *history; /* a batch from the database, for a reader behind the window */
    size_t history_count, history_taken;
    long long history_upto; /* after the batch, the cursor may move on to here */
    feed_wake wake;
    void *wake_context;
};

struct change_feed {
    struct store *store;
    struct feed_limits limits;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool kicked, history_wanted, stop;
    atomic_bool ending;
    struct feed_reader *readers;
    unsigned nreaders;
    pthread_rwlock_t window_lock;
    struct window window;
    long long head; /* the newest change read (the thread's) */
    bool head_known;
};

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void entry_free(struct entry *e)
{
    free(e->kind);
    free(e->id);
    free(e->json);
}

/* The change on stmt's row (its JSON, seq, kind and record id in columns 0-3); false when out of
 * memory. */
static bool entry_read(struct stmt *stmt, struct entry *e)
{
    e->seq = stmt_int64(stmt, 1);
    e->len = stmt_bytes(stmt, 0);
    e->json = malloc(e->len + 1);
    const char *kind = stmt_text(stmt, 2), *id = stmt_text(stmt, 3);
    e->kind = strdup(kind ? kind : "");
    e->id = strdup(id ? id : "");
    if (!e->json || !e->kind || !e->id) {
        entry_free(e);
        return false;
    }
    memcpy(e->json, stmt_text(stmt, 0), e->len);
    e->json[e->len] = '\0';
    return true;
}

static struct entry *window_at(struct window *w, size_t i)
{
    return &w->items[(w->first + i) % w->cap];
}

static bool window_push(struct window *w, struct entry *e)
{
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        struct entry *items = malloc(cap * sizeof *items);
        if (!items)
            return false;
        for (size_t i = 0; i < w->count; i++)
            items[i] = *window_at(w, i);
        free(w->items);
        w->items = items;
        w->cap = cap;
        w->first = 0;
    }
    *window_at(w, w->count++) = *e;
    w->bytes += e->len + ENTRY_COST;
    return true;
}

/* Lets go of the oldest changes past the bound, keeping at least the newest. */
static void window_trim(struct window *w, size_t bound)
{
    while (w->count > 1 && w->bytes > bound) {
        struct entry *e = window_at(w, 0);
        w->floor = e->seq;
        w->bytes -= e->len + ENTRY_COST;
        entry_free(e);
        w->first = (w->first + 1) % w->cap;
        w->count--;
    }
}

/* The index of the first change after cursor (count when none). */
static size_t window_after(struct window *w, long long cursor)
{
    size_t lo = 0, hi = w->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (window_at(w, mid)->seq <= cursor)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool wanted(const struct feed_reader *r, const struct entry *e)
{
    return (!r->kind || strcmp(r->kind, e->kind) == 0) && (!r->id || strcmp(r->id, e->id) == 0);
}

static void reader_unref(struct feed_reader *r)
{
    if (atomic_fetch_sub(&r->refs, 1) != 1)
        return;
    for (size_t i = r->history_taken; i < r->history_count; i++)
        entry_free(&r->history[i]);
    free(r->history);
    free(r->client);
    free(r->kind);
    free(r->id);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

/* References to every reader, taken under the feed's lock so
 * that they can be used after it is released; *n set. NULL when there are none. */
static struct feed_reader **reader_refs(struct change_feed *f, size_t *n)
{
    *n = 0;
    pthread_mutex_lock(&f->lock);
    struct feed_reader **refs =
        f->nreaders ? malloc(f->nreaders * sizeof(struct feed_reader *)) : NULL;
    for (struct feed_reader *r = f->readers; refs && r; r = r->next) {
        atomic_fetch_add(&r->refs, 1);
        refs[(*n)++] = r;
    }
    pthread_mutex_unlock(&f->lock);
    return refs;
}

static void wake_reader(struct feed_reader *r)
{
    pthread_mutex_lock(&r->lock);
    if (!r->closed)
        r->wake(r->wake_context);
    pthread_mutex_unlock(&r->lock);
}

/* Reads the changes committed since the head into the window; true when there were any. */
static bool read_new(struct change_feed *f, struct db *db)
{
    struct stmt *stmt = db_stmt(db, "SELECT " CHANGE_JSON_SQL ", seq, kind, record_id FROM changes "
                                    "WHERE seq > ?1 ORDER BY seq LIMIT 256");
    bool any = false;
    for (bool more = stmt != NULL; more;) {
        struct entry batch[FEED_BATCH];
        size_t n = 0;
        stmt_bind_int64(stmt, 1, f->head);
        /* A failure ends the batch: the rest is read on the next commit. */
        while (n < FEED_BATCH && stmt_step(stmt) == DB_ROW && entry_read(stmt, &batch[n]))
            n++;
        db_stmt_done(stmt);
        more = n == FEED_BATCH;
        pthread_rwlock_wrlock(&f->window_lock);
        for (size_t i = 0; i < n; i++) {
            if (!window_push(&f->window, &batch[i])) { /* out of memory: readers catch up from */
                f->window.floor = batch[i].seq;        /* the database */
                entry_free(&batch[i]);
            }
        }
        if (n)
            window_trim(&f->window, f->limits.window_bytes);
        pthread_rwlock_unlock(&f->window_lock);
        if (n) {
            f->head = batch[n - 1].seq;
            any = true;
        }
    }
    return any;
}

/* The newest change when the feed begins, or while nobody reads: the window, emptied, starts
 * after it (so that changes nobody follows take no memory; a reader that comes later from an older
 * cursor is brought up from the database). False, the window left as it is, when the head could
 * not be read, or when a reader came since the loop saw none: it may be reading the window
 * already, and emptying it under a reader that has caught up would drop that reader as fallen
 * behind. The check and the emptying hold the feed's lock, which a reader needs to come. */
static bool read_head(struct change_feed *f, struct db *db)
{
    struct stmt *stmt = db_stmt(db, "SELECT coalesce(max(seq), 0) FROM changes");
    bool ok = stmt && stmt_step(stmt) == DB_ROW;
    long long head = ok ? stmt_int64(stmt, 0) : 0;
    db_stmt_done(stmt);
    if (!ok)
        return false;
    pthread_mutex_lock(&f->lock);
    bool alone = !f->head_known || f->nreaders == 0;
    if (alone) {
        f->head = head;
        pthread_rwlock_wrlock(&f->window_lock);
        struct window *w = &f->window;
        for (size_t i = 0; i < w->count; i++)
            entry_free(window_at(w, i));
        free(w->items);
        *w = (struct window){.floor = f->head};
        pthread_rwlock_unlock(&f->window_lock);
        f->head_known = true;
    }
    pthread_mutex_unlock(&f->lock);
    return alone;
}

/* A batch of what a reader behind the window wants, from the database. The query runs without
 * the reader's lock (its taker must not wait for it); the cursor does not move meanwhile, since
 * the reader has nothing to take until the batch is in. */
static void read_history(struct change_feed *f, struct db *db, struct feed_reader *r)
{
    pthread_rwlock_rdlock(&f->window_lock);
    long long floor = f->window.floor;
    pthread_rwlock_unlock(&f->window_lock);
    pthread_mutex_lock(&r->lock);
    bool wants = r->wants_history && !r->closed && r->history_taken == r->history_count;
    long long cursor = r->cursor;
    pthread_mutex_unlock(&r->lock);
    if (!wants)
        return;
    struct stmt *stmt =
        db_stmt(db, "SELECT " CHANGE_JSON_SQL ", seq, kind, record_id FROM changes "
                    "WHERE seq > ?1 AND seq <= ?2 AND (CAST(?3 AS TEXT) IS NULL OR kind = ?3) "
                    "AND (CAST(?4 AS TEXT) IS NULL OR record_id = ?4) ORDER BY seq LIMIT 64");
    struct entry *batch = stmt ? malloc(HISTORY_BATCH * sizeof *batch) : NULL;
    size_t n = 0;
    int rc = DB_DONE;
    if (batch) {
        stmt_bind_int64(stmt, 1, cursor);
        stmt_bind_int64(stmt, 2, floor);
        stmt_bind_text(stmt, 3, r->kind);
        stmt_bind_text(stmt, 4, r->id);
        while (n < HISTORY_BATCH && (rc = stmt_step(stmt)) == DB_ROW && entry_read(stmt, &batch[n]))
            n++;
    }
    db_stmt_done(stmt);
    if (!batch || (rc != DB_ROW && rc != DB_DONE)) { /* tried again on the next round */
        for (size_t i = 0; i < n; i++)
            entry_free(&batch[i]);
        free(batch);
        return;
    }
    pthread_mutex_lock(&r->lock);
    free(r->history);
    r->history = batch;
    r->history_count = n;
    r->history_taken = 0;
    /* Fewer than asked for: nothing else it wants is older than the window. */
    r->history_upto = n < HISTORY_BATCH ? floor : batch[n - 1].seq;
    r->wants_history = false;
    if (!r->closed)
        r->wake(r->wake_context);
    pthread_mutex_unlock(&r->lock);
}

/* After new changes: drops the readers that had caught up and fell out of the window, beats the
 * heartbeat when due, and wakes everyone (a reader with nothing wanted goes back to sleep). */
static void tell_readers(struct change_feed *f, bool beat, struct db *db, bool history)
{
    size_t n = 0;
    struct feed_reader **refs = reader_refs(f, &n);
    pthread_rwlock_rdlock(&f->window_lock);
    long long floor = f->window.floor;
    pthread_rwlock_unlock(&f->window_lock);
    for (size_t i = 0; i < n; i++) {
        struct feed_reader *r = refs[i];
        if (history && db)
            read_history(f, db, r);
        pthread_mutex_lock(&r->lock);
        if (r->live && r->cursor < floor && r->history_taken == r->history_count)
            r->dropped = true;
        if (beat)
            r->beat = true;
        pthread_mutex_unlock(&r->lock);
        wake_reader(r);
        reader_unref(r);
    }
    free(refs);
}

static void *feed_loop(void *context)
{
    struct change_feed *f = context;
    struct store *store = f->store;
    long long next_beat = now_ms() + f->limits.heartbeat_ms;
    long long next_probe = now_ms() + FEED_PROBE_MS;
    long long retry_at = 0;
    pthread_mutex_lock(&f->lock);
    while (!f->stop) {
        /* SQLite tells nobody of another process's commit: look while anyone reads. */
        bool polling = f->nreaders > 0 && !store->engine->notifies;
        long long deadline = next_beat;
        if (f->nreaders > 0 && next_probe < deadline)
            deadline = next_probe;
        if (polling && now_ms() + FEED_POLL_MS < deadline)
            deadline = now_ms() + FEED_POLL_MS;
        if ((!f->head_known || retry_at) && now_ms() + FEED_RETRY_MS < deadline)
            deadline = now_ms() + FEED_RETRY_MS;
        while (!f->kicked && !f->history_wanted && !f->stop && now_ms() < deadline) {
            long long wait = deadline - now_ms();
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += wait / 1000;
            until.tv_nsec += (wait % 1000) * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&f->cond, &f->lock, &until);
        }
        if (f->stop)
            break;
        bool kicked = f->kicked, history = f->history_wanted;
        unsigned readers = f->nreaders;
        f->kicked = f->history_wanted = false;
        pthread_mutex_unlock(&f->lock);

        if (atomic_load(&f->ending)) { /* nothing more to hand out */
            pthread_mutex_lock(&f->lock);
            continue;
        }
        if (polling && store_poll(store))
            kicked = true;
        struct db *db = NULL;
        bool fresh = false;
        if ((kicked || history || !f->head_known || retry_at) && store_db(store, &db) == JVDR_OK) {
            retry_at = 0;
            if ((f->head_known && readers) || (!read_head(f, db) && f->head_known))
                fresh = read_new(f, db); /* a reader came while the head was read: as if seen */
            if (!f->head_known)
                retry_at = now_ms();
        } else if (kicked || history) {
            retry_at = now_ms(); /* the database is away: look again soon */
        }
        bool beat = now_ms() >= next_beat, probe = now_ms() >= next_probe;
        if (beat)
            next_beat = now_ms() + f->limits.heartbeat_ms;
        if (probe)
            next_probe = now_ms() + FEED_PROBE_MS;
        if (fresh || beat || probe || (history && db))
            tell_readers(f, beat, db, history && db);
        pthread_mutex_lock(&f->lock);
    }
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

enum jvdr_err change_feed_start(struct store *store, const struct feed_limits *limits)
{
    struct change_feed *f = calloc(1, sizeof *f);
    if (!f)
        return JVDR_E_NOMEM;
    f->store = store;
    f->limits = *limits;
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->cond, NULL);
    pthread_rwlock_init(&f->window_lock, NULL);
    atomic_init(&f->ending, false);
    struct db *db = NULL;
    if (store_db(store, &db) == JVDR_OK)
        read_head(f, db); /* else the thread keeps trying */
    if (pthread_create(&f->thread, NULL, feed_loop, f) != 0) {
        pthread_rwlock_destroy(&f->window_lock);
        pthread_cond_destroy(&f->cond);
        pthread_mutex_destroy(&f->lock);
        free(f);
        return JVDR_E_INTERNAL;
    }
    store->feed = f;
    store->kick_feed = change_feed_kick;
    return JVDR_OK;
}

void change_feed_kick(struct change_feed *feed)
{
    if (!feed)
        return;
    pthread_mutex_lock(&feed->lock);
    feed->kicked = true;
    pthread_cond_signal(&feed->cond);
    pthread_mutex_unlock(&feed->lock);
}

void change_feed_end_all(struct change_feed *feed)
{
    if (!feed || atomic_exchange(&feed->ending, true))
        return;
    size_t n = 0;
    struct feed_reader **refs = reader_refs(feed, &n);
    for (size_t i = 0; i < n; i++) {
        wake_reader(refs[i]);
        reader_unref(refs[i]);
    }
    free(refs);
}

void change_feed_stop(struct store *store)
{
    struct change_feed *f = store->feed;
    if (!f)
        return;
    change_feed_end_all(f);
    pthread_mutex_lock(&f->lock);
    f->stop = true;
    pthread_cond_signal(&f->cond);
    unsigned open = f->nreaders;
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    store->feed = NULL;
    store->kick_feed = NULL;
    if (open) { /* a reader still points here: leave it be, at exit */
        log_error("change feed: %u stream(s) still open at shutdown", open);
        return;
    }
    for (size_t i = 0; i < f->window.count; i++)
        entry_free(window_at(&f->window, i));
    free(f->window.items);
    pthread_rwlock_destroy(&f->window_lock);
    pthread_cond_destroy(&f->cond);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

enum jvdr_err feed_reader_open(struct change_feed *feed, const char *client, long long after,
                               const char *kind, const char *id, feed_wake wake, void *context,
                               struct feed_reader **out)
{
    *out = NULL;
    struct feed_reader *r = calloc(1, sizeof *r);
    if (!r)
        return JVDR_E_NOMEM;
    r->feed = feed;
    r->cursor = after;
    r->wake = wake;
    r->wake_context = context;
    r->client = strdup(client ? client : "-");
    r->kind = kind ? strdup(kind) : NULL;
    r->id = id ? strdup(id) : NULL;
    atomic_init(&r->refs, 1);
    pthread_mutex_init(&r->lock, NULL);
    if (!r->client || (kind && !r->kind) || (id && !r->id)) {
        reader_unref(r);
        return JVDR_E_NOMEM;
    }
    pthread_mutex_lock(&feed->lock);
    unsigned mine = 0;
    for (struct feed_reader *o = feed->readers; o; o = o->next)
        mine += strcmp(o->client, r->client) == 0;
    enum jvdr_err code = atomic_load(&feed->ending)                   ? JVDR_E_BUSY
                         : feed->nreaders >= feed->limits.max_readers ? JVDR_E_BUSY
                         : mine >= feed->limits.max_per_client        ? JVDR_E_RATE_LIMITED
                                                                      : JVDR_OK;
    if (code == JVDR_OK) {
        r->next = feed->readers;
        if (feed->readers)
            feed->readers->prev = r;
        feed->readers = r;
        feed->nreaders++;
        feed->kicked = true; /* so that a SQLite file is looked at from now on */
        pthread_cond_signal(&feed->cond);
    }
    pthread_mutex_unlock(&feed->lock);
    if (code != JVDR_OK)
        reader_unref(r);
    else
        *out = r;
    return code;
}

/* Hands out the batch from the database; true while some of it is left. */
static bool take_history(struct feed_reader *r, size_t max, size_t *sent, feed_emit emit,
                         void *context)
{
    while (r->history_taken < r->history_count && *sent < max) {
        struct entry *e = &r->history[r->history_taken++];
        emit(context, e->seq, e->json, e->len);
        *sent += e->len;
        r->cursor = e->seq;
        entry_free(e);
    }
    if (r->history_taken < r->history_count)
        return true;
    if (r->history_count) {
        if (r->cursor < r->history_upto)
            r->cursor = r->history_upto;
        free(r->history);
        r->history = NULL;
        r->history_count = r->history_taken = 0;
    }
    return false;
}

enum feed_take feed_reader_take(struct feed_reader *r, size_t max, feed_emit emit, void *context)
{
    struct change_feed *f = r->feed;
    pthread_mutex_lock(&r->lock);
    if (atomic_load(&f->ending) || r->dropped) {
        pthread_mutex_unlock(&r->lock);
        return r->dropped ? FEED_DROPPED : FEED_END;
    }
    size_t sent = 0;
    if (take_history(r, max, &sent, emit, context)) {
        pthread_mutex_unlock(&r->lock);
        return FEED_SENT;
    }
    bool behind = false;
    pthread_rwlock_rdlock(&f->window_lock);
    struct window *w = &f->window;
    if (r->cursor < w->floor) {
        behind = true;
    } else {
        for (size_t i = window_after(w, r->cursor); i < w->count && sent < max; i++) {
            struct entry *e = window_at(w, i);
            if (wanted(r, e)) {
                emit(context, e->seq, e->json, e->len);
                sent += e->len;
            }
            r->cursor = e->seq;
        }
        r->live = true;
    }
    pthread_rwlock_unlock(&f->window_lock);
    enum feed_take result = sent ? FEED_SENT : FEED_WAIT;
    if (behind && r->live) {
        r->dropped = true;
        result = FEED_DROPPED;
    } else if (behind && !sent) {
        r->wants_history = true;
        pthread_mutex_lock(&f->lock);
        f->history_wanted = true;
        pthread_cond_signal(&f->cond);
        pthread_mutex_unlock(&f->lock);
    } else if (!sent && r->beat) {
        result = FEED_BEAT;
    }
    r->beat = false;
    pthread_mutex_unlock(&r->lock);
    return result;
}

bool feed_reader_dropped(struct feed_reader *r)
{
    pthread_mutex_lock(&r->lock);
    bool dropped = r->dropped;
    pthread_mutex_unlock(&r->lock);
    return dropped;
}

void feed_reader_close(struct feed_reader *r)
{
    if (!r)
        return;
    struct change_feed *f = r->feed;
    pthread_mutex_lock(&f->lock);
    if (r->prev)
        r->prev->next = r->next;
    else
        f->readers = r->next;
    if (r->next)
        r->next->prev = r->prev;
    f->nreaders--;
    pthread_mutex_unlock(&f->lock);
    pthread_mutex_lock(&r->lock);
    r->closed = true;
    pthread_mutex_unlock(&r->lock);
    reader_unref(r);
}
