/* The SQLite engine (the embedded default: --db names a file): its struct db_engine, and what
 * the rest of its own code in store/ (opening the store, migrations, copies) needs of a
 * connection. */
#ifndef JVDR_STORE_SQLITE_H
#define JVDR_STORE_SQLITE_H

#include <sqlite3.h>

#include "jvdr/base/error.h"
#include "jvdr/store/db.h"

extern const struct db_engine sqlite_engine;

/* db's SQLite connection; NULL when another engine runs db. */
sqlite3 *sqlite_handle(struct db *db);

/* The service's error for a SQLite result code: busy and locked JVDR_E_BUSY, constraint failures
 * JVDR_E_CONFLICT, out of memory JVDR_E_NOMEM, a full disk JVDR_E_STORAGE_FULL, a read-only file
 * JVDR_E_FORBIDDEN, an interrupted statement (past its budget) JVDR_E_TIMEOUT, the rest
 * JVDR_E_INTERNAL; JVDR_OK for SQLITE_OK, SQLITE_ROW and SQLITE_DONE. */
enum jvdr_err sqlite_error(int rc);

/* The FTS5 writing of a parsed search (sqlite_search.c), for sqlite_engine.search. */
void sqlite_search_write(struct buf *out, const struct search_node *root,
                         enum db_search_scope scope);

#endif
