/* The change feed: the audit trail's rows (the changes table), in commit order, handed to the
 * readers that follow them live (GET /v1/changes as Server-Sent Events, read/change_stream.c).
 *
 * One thread reads the new rows once per commit, whoever made it — this process (the commit
 * hook), another process on the same SQLite file (store_poll, which the thread runs while anyone
 * reads), another instance on PostgreSQL (the NOTIFY store_listen hears) — into a window of the
 * most recent changes kept in memory (limits.window_bytes), from which every reader takes what
 * follows its cursor without a query. A reader whose cursor is older than the window is brought
 * up from the database by the thread, a batch at a time as its client takes them; a reader that
 * had caught up and falls out of the window again (its client stopped reading) is dropped, and
 * resumes from its last event id when its client comes back. A reader costs no thread while it
 * waits and holds no snapshot: the feed calls its wake function when there is something for it.
 *
 * Cursors are the changes' seq: jvdr's writers commit one at a time (SQLite's write lock,
 * PostgreSQL's advisory lock taken before a write's first row), so seq order is commit order. */
#ifndef JVDR_STORE_CHANGE_FEED_H
#define JVDR_STORE_CHANGE_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct change_feed;
struct feed_reader;
struct store;

struct feed_limits {
    unsigned max_readers;    /* open at once (JVDR_MAX_STREAMS) */
    unsigned max_per_client; /* from one client address (JVDR_MAX_STREAMS_PER_CLIENT) */
    size_t window_bytes;     /* recent changes kept (JVDR_STREAM_BACKLOG) */
    unsigned heartbeat_ms;   /* between heartbeats (JVDR_STREAM_HEARTBEAT) */
};

/* Called, from the feed's thread or whoever ends the feed, when a reader that was told FEED_WAIT
 * has something to take; never after feed_reader_close has returned. */
typedef void (*feed_wake)(void *context);

/* Hands one change to the taker: its cursor and its JSON object (len bytes, not NUL-terminated). */
typedef void (*feed_emit)(void *context, long long seq, const char *json, size_t len);

enum feed_take {
    FEED_SENT,    /* emit was called at least once: take again */
    FEED_WAIT,    /* nothing now: wake will be called when there is */
    FEED_BEAT,    /* nothing now, and a heartbeat is due (take again to wait) */
    FEED_END,     /* the feed is ending (the service stops): end the stream */
    FEED_DROPPED, /* it fell out of the window: end the stream */
};

/* Starts the feed of store (store->feed) with its thread, the window beginning at the newest
 * change. Returns JVDR_OK, or the error (nothing started). */
enum jvdr_err change_feed_start(struct store *store, const struct feed_limits *limits);

/* Ends every reader (each is woken and told FEED_END) and refuses new ones. NULL is a no-op. */
void change_feed_end_all(struct change_feed *feed);

/* Ends the readers, stops the thread and frees the feed (store->feed cleared), once no reader is
 * open any more (close every stream's connection first). */
void change_feed_stop(struct store *store);

/* Something may have committed: the thread reads the new rows. Cheap; NULL is a no-op. */
void change_feed_kick(struct change_feed *feed);

/* Opens a reader of the changes after cursor after for client (an address), only those of kind
 * and of record id where they are not NULL; wake(context) is called when it has something to
 * take. JVDR_E_BUSY when max_readers are open or the feed is ending, JVDR_E_RATE_LIMITED when
 * client holds max_per_client. */
enum jvdr_err feed_reader_open(struct change_feed *feed, const char *client, long long after,
                               const char *kind, const char *id, feed_wake wake, void *context,
                               struct feed_reader **out);

/* Hands the changes after the reader's cursor to emit, in order, until about max bytes of JSON
 * have gone, and moves the cursor past them. Called by one thread at a time per reader. */
enum feed_take feed_reader_take(struct feed_reader *reader, size_t max, feed_emit emit,
                                void *context);

/* Whether the reader fell out of the window (told FEED_DROPPED, or due to be when next taken:
 * a client that stopped reading altogether is never asked again, and its connection times out). */
bool feed_reader_dropped(struct feed_reader *reader);

/* Closes the reader; its wake is not called once this returns. NULL is a no-op. */
void feed_reader_close(struct feed_reader *reader);

#endif
