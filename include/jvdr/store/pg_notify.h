/* What a commit changed, carried to every other instance on the same PostgreSQL database: the
 * writer sends its facts (jvdr/store/facts.h) with NOTIFY inside the write's transaction, so they
 * are delivered at commit and never for a rollback; every instance listens on a connection of its
 * own and makes stale exactly what the facts say. A listener that loses its connection cannot
 * know what it missed: pg_listener_wait says so, and the caller must stop trusting its cache
 * until it has listened again. */
#ifndef JVDR_STORE_PG_NOTIFY_H
#define JVDR_STORE_PG_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/error.h"
#include "jvdr/store/facts.h"

struct pg;

#define PG_NOTIFY_CHANNEL "jvdr_changes"
/* PostgreSQL refuses payloads of 8000 bytes or more; past this, "*" (everything) is sent. */
#define PG_NOTIFY_MAX 7900

/* The payload for changes: a "kind\tfield\tvalue" line per fact (tab, newline and backslash
 * escaped as \t, \n and \\), or "*" when changes is NULL (the extent is unknown) or the facts do
 * not fit. */
void pg_notify_payload(const struct store_change *changes, size_t count, struct buf *out);

/* Reads a payload back into list; *everything is set when it says "*" or cannot be read (an
 * unknown kind, a malformed line): a listener then takes everything as changed. */
void pg_notify_read(const char *payload, struct store_changes *list, bool *everything);

/* Sends changes on pg's open transaction (pg_notify is transactional: delivered at COMMIT). */
enum jvdr_err pg_notify_send(struct pg *pg, const struct store_change *changes, size_t count);

/* A connection that LISTENs on PG_NOTIFY_CHANNEL. */
struct pg_listener;

enum jvdr_err pg_listener_open(const char *uri, struct pg_listener **out, char *err, size_t errlen);
void pg_listener_free(struct pg_listener *listener);

/* Waits up to timeout_ms for notifications and calls heard with each payload and the backend pid
 * of the session that sent it, in commit order. Returns JVDR_OK (after a timeout too), or
 * JVDR_E_BUSY when the connection is lost. */
enum jvdr_err pg_listener_wait(struct pg_listener *listener, int timeout_ms,
                               void (*heard)(void *context, const char *payload, int sender),
                               void *context);

#endif
