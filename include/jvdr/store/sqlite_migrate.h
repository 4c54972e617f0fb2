/* Schema migrations: numbered SQL files (migrations/NNNN_what.sql) compiled into the binary,
 * applied in order inside one transaction and recorded in schema_migrations so each runs once. */
#ifndef JVDR_STORE_SQLITE_MIGRATE_H
#define JVDR_STORE_SQLITE_MIGRATE_H

#include <sqlite3.h>
#include <stddef.h>

#include "jvdr/base/embedded.h"
#include "jvdr/base/error.h"

/* The number a migration file name starts with ("0003_x.sql" is 3), or -1 when it has none. */
long migrate_number(const char *name);

/* The highest migration number in table (ending in a {NULL} row), or 0 when empty. */
long migrate_latest(const struct embedded_file *table);

/* The highest version recorded in the database (0 for a new one) in *version. */
enum jvdr_err migrate_current(sqlite3 *handle, long *version, char *err, size_t errlen);

/* Applies every migration of table newer than the database's version, all in one transaction:
 * on any failure nothing is applied and err says which file failed and why. A database whose
 * version is newer than the table's latest is refused untouched. *applied counts what ran. */
enum jvdr_err migrate_run(sqlite3 *handle, const struct embedded_file *table, int *applied,
                          char *err, size_t errlen);

#endif
