/* The PostgreSQL engine (--db names a postgresql:// URI): its struct db_engine, built on a libpq
 * connection (pg.h) and its statements (pg_stmt.h), and what the rest of its own code in store/
 * needs of a connection. */
#ifndef JVDR_STORE_PG_ENGINE_H
#define JVDR_STORE_PG_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

struct pg;

extern const struct db_engine pg_engine;

/* The advisory lock every writer on a PostgreSQL store holds for its transaction. */
#define PG_WRITE_LOCK "7427873"

/* db's PostgreSQL connection; NULL when another engine runs db. The same of an engine
 * connection. */
struct pg *pg_of(struct db *db);
struct pg *pg_conn_pg(struct db_conn *conn);

/* A bulk load's state on a connection (pg_copy.c): the columns of the table being copied, and
 * the row being sent. */
struct pg_copying {
    int columns;
    struct buf line;
};
struct pg_copying *pg_conn_copy(struct db_conn *conn);

/* The store as a whole (pg_store.c): pg_engine's open_store, begin_write, size_bytes,
 * announce, session_id, listen, hear and unlisten. */
enum jvdr_err pg_open_store(const char *path, struct db **out, bool *readonly, char *err,
                            size_t errlen);
enum jvdr_err pg_begin_write(struct db_conn *conn);
long long pg_size_bytes(const char *path, struct db *db);
enum jvdr_err pg_announce(struct db_conn *conn, const struct store_change *changes, size_t count);
long long pg_session_id(struct db_conn *conn);
enum jvdr_err pg_listen(const char *path, struct db_listener **out, char *err, size_t errlen);
enum jvdr_err pg_hear(struct db_listener *listener, int timeout_ms, db_heard heard, void *context);
void pg_unlisten(struct db_listener *listener);

/* tsquery writing of a parsed search, its match, and /v1/search's tiers (pg_search.c), for
 * pg_engine.search. */
void pg_search_write(struct buf *out, const struct search_node *root, enum db_search_scope scope);
void pg_search_put_match(struct buf *sql, const char *table, const char *param);
void pg_search_put_tier(struct buf *sql, const char *table, int score);
void pg_search_put_snippet(struct buf *sql, const char *table);

/* A bulk load's deferred indexing (pg_search.c, migrations/postgresql/0014_search_defer.sql):
 * the triggers note the records written instead of indexing them, until catch_up indexes each
 * once (or leaves them to the rollback that follows when index is false). */
enum jvdr_err pg_search_defer(struct db_conn *conn);
enum jvdr_err pg_search_catch_up(struct db_conn *conn, bool index);

/* The words of the stored tsvectors, for the index's postings of common words (pg_tokens.c). */
struct db_tokenizer *pg_search_tokenizer(struct db_conn *conn);

#endif
