/* The PostgreSQL engine (--db names a postgresql:// URI): its struct db_engine, built on a libpq
 * connection (pg.h) and its statements (pg_stmt.h), and what the rest of its own code in store/
 * needs of a connection. */
#ifndef JVDR_STORE_PG_ENGINE_H
#define JVDR_STORE_PG_ENGINE_H

#include "jvdr/store/db.h"

struct pg;

extern const struct db_engine pg_engine;

/* db's PostgreSQL connection; NULL when another engine runs db. */
struct pg *pg_of(struct db *db);

/* tsquery writing of a parsed search, and /v1/search's tiers (pg_search.c), for
 * pg_engine.search. */
void pg_search_write(struct buf *out, const struct search_node *root, enum db_search_scope scope);
void pg_search_put_tier(struct buf *sql, int score);

#endif
