/* The SQLite engine (the embedded default: --db names a file): its struct db_engine, and what
 * the rest of its own code in store/ (opening the store, migrations, copies) needs of a
 * connection. */
#ifndef JVDR_STORE_SQLITE_H
#define JVDR_STORE_SQLITE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"
#include "jvdr/store/db.h"

extern const struct db_engine sqlite_engine;

/* db's SQLite connection; NULL when another engine runs db. The same of an engine connection. */
sqlite3 *sqlite_handle(struct db *db);
sqlite3 *sqlite_conn_handle(struct db_conn *conn);

/* The store as a whole (sqlite_store.c): sqlite_engine's init, open_store, begin_write,
 * size_bytes, checkpoint, missing and index_snapshot_path (the file beside the store's, with
 * "-index" added, as SQLite adds "-wal"); and the bulk loads' absent and load_begin. */
void sqlite_init(void);
enum jvdr_err sqlite_open_store(const char *path, struct db **out, bool *readonly, char *err,
                                size_t errlen);
enum jvdr_err sqlite_begin_write(struct db_conn *conn);
long long sqlite_size_bytes(const char *path, struct db *db);
void sqlite_checkpoint(struct db_conn *conn);
bool sqlite_missing(const char *path, char *why, size_t whylen);
bool sqlite_index_snapshot_path(const char *path, char *out, size_t len);
bool sqlite_absent(const char *path);

/* sqlite_engine's upkeep (sqlite_upkeep.c): the store's checkpoints and full-text merges, off the
 * write path. */
struct db_upkeep *sqlite_upkeep_start(const char *path, struct db_conn *writer,
                                      struct fair_lock *writer_lock);
void sqlite_upkeep_stop(struct db_upkeep *upkeep);
void sqlite_upkeep_counts(const struct db_upkeep *upkeep, struct db_upkeep_counts *out);

/* The upkeep's merges of the full-text indexes (sqlite_search_merge.c). start turns FTS5's merges
 * inside writes off and prepares the steps on the writer's connection (NULL: writes go on merging
 * as before); a step merges a few pages of each index, under the writers' lock. */
struct search_merger;
enum merge_step { MERGE_DONE, MERGE_MORE, MERGE_BUSY, MERGE_FAILED };
struct search_merger *sqlite_search_merger_start(sqlite3 *writer);
void sqlite_search_merger_stop(struct search_merger *merger);
enum merge_step sqlite_search_merge_step(struct search_merger *merger);
enum jvdr_err sqlite_load_begin(struct db_conn *conn, const struct db_table *tables, size_t n);

/* The service's error for a SQLite result code: busy and locked JVDR_E_BUSY, constraint failures
 * JVDR_E_CONFLICT, out of memory JVDR_E_NOMEM, a full disk JVDR_E_STORAGE_FULL, a read-only file
 * JVDR_E_FORBIDDEN, an interrupted statement (past its budget) JVDR_E_TIMEOUT, the rest
 * JVDR_E_INTERNAL; JVDR_OK for SQLITE_OK, SQLITE_ROW and SQLITE_DONE. */
enum jvdr_err sqlite_error(int rc);

/* The FTS5 writing of a parsed search, its match and its snippet (sqlite_search.c), for
 * sqlite_engine.search. */
void sqlite_search_write(struct buf *out, const struct search_node *root,
                         enum db_search_scope scope);
void sqlite_search_put_match(struct buf *sql, const char *table, const char *param);
void sqlite_search_put_snippet(struct buf *sql, const char *table);
/* A bulk load's deferred indexing (sqlite_search.c): the triggers that index each row dropped
 * inside its transaction, the records it writes noted, and (index true) the triggers made again
 * and those records indexed in one statement per table; a rollback brings the triggers back. */
enum jvdr_err sqlite_search_defer(struct db_conn *conn);
enum jvdr_err sqlite_search_note(struct db_conn *conn, const char *kind, const char *id);
enum jvdr_err sqlite_search_catch_up(struct db_conn *conn, bool index);
/* FTS5's own tokenizer as the full-text tables use it (sqlite_tokens.c), for
 * sqlite_engine.search. */
struct db_tokenizer *sqlite_search_tokenizer(struct db_conn *conn);

#endif
