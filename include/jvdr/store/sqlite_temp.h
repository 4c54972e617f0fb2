/* Where SQLite puts its temporary files (the sorts of a big CREATE INDEX or ORDER BY, temporary
 * tables, statement journals): beside the database they serve, not in /tmp, so that a container
 * whose root filesystem is read-only writes nowhere but its data volume. In memory instead was
 * measured and refused: at 1,000,000 events one index build takes 154 MiB instead of 19 MiB, per
 * connection building one, and no less time (bench/RESULTS.md, "Temporary files"). */
#ifndef JVDR_STORE_SQLITE_TEMP_H
#define JVDR_STORE_SQLITE_TEMP_H

#include <sqlite3.h>

/* The name of the SQLite VFS to open db_path with so that its temporary files go in db_path's
 * directory: registered on first use for each directory, kept for the process's life. NULL (the
 * default VFS and its own choice of /var/tmp, /tmp or the working directory) when the operator
 * named a directory in SQLITE_TMPDIR, when the directory is not writable (read-only media) or
 * when its name is too long. Thread-safe. */
const char *sqlite_temp_vfs(const char *db_path);

/* handle's last error message, sqlite3_errmsg's, except when its last statement failed because
 * this thread could not create a temporary file: then what happened ("cannot create a temporary
 * file in DIR: REASON"), where SQLite would say "unable to open database file" or "disk I/O
 * error". The message stays valid until the thread's next call. */
const char *sqlite_errmsg_why(sqlite3 *handle);

#endif
