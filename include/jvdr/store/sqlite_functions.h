/* The SQL functions the SQLite engine adds to each of its connections: fold(text), the service's
 * folding (base/fold.h), which the search index and the name filters call. PostgreSQL has its own
 * fold() in SQL (migrations/postgresql/0004_functions.sql). */
#ifndef JVDR_STORE_SQLITE_FUNCTIONS_H
#define JVDR_STORE_SQLITE_FUNCTIONS_H

#include <sqlite3.h>

/* Registers them on handle: SQLITE_OK or SQLite's error code. */
int sqlite_functions_register(sqlite3 *handle);

#endif
