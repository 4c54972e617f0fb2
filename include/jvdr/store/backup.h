/* Backups of a SQLite store taken while the service runs on it, and restoring one: `jvdr backup`
 * and `jvdr restore`. PostgreSQL has its own (pg_basebackup with archived WAL; README). */
#ifndef JVDR_STORE_BACKUP_H
#define JVDR_STORE_BACKUP_H

#include <stddef.h>

#include "jvdr/base/error.h"

/* What a backup holds: every change up to its cursor (the seq of /v1/changes, 0 for none), in a
 * file of so many bytes, at this schema version. */
struct backup_report {
    long long cursor;
    long long bytes;
    long schema_version;
};

/* Writes a consistent snapshot of the store at db_path to dest, a new file (JVDR_E_CONFLICT if
 * one is there). The snapshot is one read transaction's: the service's writers are never blocked
 * by it (WAL), though the WAL grows by what they write until the backup ends. The copy is written
 * beside dest under another name, checked (PRAGMA integrity_check), made durable and only then
 * named dest, so that dest is always a whole backup or absent. JVDR_E_INVALID when db_path is not
 * a SQLite store, JVDR_E_NOT_FOUND when there is none; err says why on failure. */
enum jvdr_err store_backup(const char *db_path, const char *dest, struct backup_report *report,
                           char *err, size_t errlen);

/* Replaces the store at db_path (created if absent) with the backup, in one transaction, after
 * checking the backup (PRAGMA integrity_check, a jvdr store this binary can run). Refused with
 * JVDR_E_BUSY while any process has db_path open (the service must be stopped: its caches would
 * not know), JVDR_E_INVALID for a file that is not a good backup or a db_path that is not a
 * SQLite store, JVDR_E_CONFLICT for a backup newer than this binary; err says why. */
enum jvdr_err store_restore(const char *backup, const char *db_path, struct backup_report *report,
                            char *err, size_t errlen);

#endif
