/* The storage engines this binary carries, in the order they are asked to claim a --db setting:
 * an engine that names a server first, SQLite (which claims whatever is left: a file) last. A
 * new engine is its own files in store/ and one line here. */
#include "jvdr/store/db.h"
#include "jvdr/store/pg_engine.h"
#include "jvdr/store/sqlite.h"

const struct db_engine *const db_engines[] = {&pg_engine, &sqlite_engine, NULL};

const struct db_engine *db_engine_for(const char *path)
{
    for (size_t i = 0; db_engines[i]; i++)
        if (db_engines[i]->claims(path))
            return db_engines[i];
    return &sqlite_engine;
}
