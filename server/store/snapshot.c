/* Read snapshots for long reads; see store_snapshot_open in include/jvdr/store/store.h. In WAL
 * mode a read transaction holds its view of the data however long it lasts and blocks no writer
 * (it only keeps the log from being folded back past it until it ends). */
#include "jvdr/base/log.h"
#include "jvdr/store/db.h"
#include "jvdr/store/store.h"

enum jvdr_err store_snapshot_open(struct store *store, struct db **out)
{
    *out = NULL;
    if (atomic_fetch_add(&store->snapshots, 1) >= store->max_snapshots) {
        atomic_fetch_sub(&store->snapshots, 1);
        return JVDR_E_BUSY;
    }
    char err[256];
    struct db *db = NULL;
    enum jvdr_err code =
        db_open(store->path, store->readonly ? DB_IMMUTABLE : DB_EXISTING, &db, err, sizeof err);
    if (code != JVDR_OK)
        log_error("%s", err);
    if (code == JVDR_OK)
        code = db_begin_read(db);
    if (code != JVDR_OK) {
        db_free(db);
        atomic_fetch_sub(&store->snapshots, 1);
        return code;
    }
    *out = db;
    return JVDR_OK;
}

void store_snapshot_close(struct store *store, struct db *db)
{
    if (!db)
        return;
    db_exec(db, "ROLLBACK"); /* read only: nothing to keep */
    db_free(db);
    atomic_fetch_sub(&store->snapshots, 1);
}
