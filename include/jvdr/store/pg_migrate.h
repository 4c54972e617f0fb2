/* The PostgreSQL store's schema and seed: migrations/postgresql/ for what PostgreSQL spells
 * differently, and the seed's facts from the very files the SQLite store runs
 * (migrations/0002_seed.sql, 0010_agreement_aliases_seed.sql), so that the two cannot drift
 * apart. Applied under an advisory lock, each in its own transaction and recorded in
 * schema_migrations: instances starting together migrate once. */
#ifndef JVDR_STORE_PG_MIGRATE_H
#define JVDR_STORE_PG_MIGRATE_H

#include <stddef.h>

#include "jvdr/base/error.h"

struct pg;

/* The schema version this binary brings PostgreSQL to. */
long pg_migrate_latest(void);

/* Applies every step not yet recorded; *applied counts them. Refuses (JVDR_E_CONFLICT, nothing
 * changed) a database a newer jvdr has migrated. On failure a one-line reason in err. */
enum jvdr_err pg_migrate(struct pg *pg, int *applied, char *err, size_t errlen);

#endif
