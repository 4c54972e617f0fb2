/* The journal of the records each write changed (migrations/0019), read by other processes'
 * indexes of events so that a commit of theirs costs a re-read of those records, not a load of
 * every event. SQLite stores only (PostgreSQL's instances hear each other by NOTIFY); every
 * function runs inside the caller's transaction on the caller's connection. */
#ifndef JVDR_STORE_INDEX_JOURNAL_H
#define JVDR_STORE_INDEX_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct arena;
struct db;
struct store_change;

/* An epoch: 32 hex digits, "" for none. Records written with no journal entry (an operator's
 * SQL, a write that may have changed anything) change it, or leave none. */
#define INDEX_JOURNAL_EPOCH 32
typedef char index_journal_epoch[INDEX_JOURNAL_EPOCH + 1];

/* At a writer's start (one statement of its own): an epoch mark when the store has none (a new
 * store, or an unjournaled change since the last journaled write), so that readers loaded from
 * now on catch up with the first write too. */
enum jvdr_err index_journal_open(struct db *db);

/* At a write's start, inside its transaction: the store's epoch ("" when an unjournaled change
 * deleted it). */
enum jvdr_err index_journal_begin(struct db *db, index_journal_epoch epoch);

/* Before the write's COMMIT: journals the records of changes' id facts and leaves the epoch
 * mark — the one found at the start, or a new one when it was gone or when changes is NULL (the
 * write may have changed anything); old entries are pruned now and then. */
enum jvdr_err index_journal_end(struct db *db, const char *epoch_at_start,
                                const struct store_change *changes, size_t count);

/* For a reader, in its read transaction: the store's epoch and the journal's last entry (0 when
 * empty). */
enum jvdr_err index_journal_state(struct db *db, index_journal_epoch epoch, long long *last);

/* The records journaled after seq up to last, as id facts (kind, "id", id) in the arena: JVDR_OK;
 * JVDR_E_NOT_FOUND when some of them were pruned or there are more than max (the caller loads
 * afresh). */
enum jvdr_err index_journal_since(struct db *db, long long seq, long long last, size_t max,
                                  struct arena *arena, struct store_change **out, size_t *n);

#endif
