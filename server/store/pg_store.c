/* A PostgreSQL store as a whole: migrating it as it opens, the writers' advisory lock, its size,
 * the readiness probe, and telling the other instances what each commit changed (LISTEN/NOTIFY,
 * pg_notify.h). The operations of pg_engine (db.h) that concern the store rather than one
 * connection. */
#include <stdio.h>
#include <stdlib.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/log.h"
#include "jvdr/store/facts.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_engine.h"
#include "jvdr/store/pg_migrate.h"
#include "jvdr/store/pg_notify.h"

/* Migrated under the advisory lock (instances starting together migrate once). */
enum jvdr_err pg_open_store(const char *path, struct db **out, bool *readonly, char *err,
                            size_t errlen)
{
    struct db *db = NULL;
    *readonly = false;
    enum jvdr_err code = db_open(path, DB_CREATE, &db, err, errlen);
    int applied = 0;
    if (code == JVDR_OK)
        code = pg_migrate(pg_of(db), &applied, err, errlen);
    if (code == JVDR_OK && applied > 0)
        log_error("applied %d migration(s) to PostgreSQL", applied);
    if (code != JVDR_OK) {
        db_free(db);
        return code;
    }
    *out = db;
    return JVDR_OK;
}

/* One writer at a time across every instance on the database, as SQLite's write lock makes it on
 * the file, so that what a write reads (If-Match) stays true to its commit; jvdr.writer tells the
 * triggers the write is jvdr's own. */
enum jvdr_err pg_begin_write(struct db_conn *conn)
{
    return pg_engine.exec(conn, "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK "), "
                                "set_config('jvdr.writer', 'on', true)");
}

long long pg_size_bytes(const char *path, struct db *db)
{
    (void)path;
    struct stmt *stmt = db ? db_stmt(db, "SELECT pg_database_size(current_database())") : NULL;
    long long bytes = stmt && stmt_step(stmt) == DB_ROW ? stmt_int64(stmt, 0) : 0;
    db_stmt_done(stmt);
    return bytes;
}

enum jvdr_err pg_announce(struct db_conn *conn, const struct store_change *changes, size_t count)
{
    return pg_notify_send(pg_conn_pg(conn), changes, changes ? count : 0);
}

long long pg_session_id(struct db_conn *conn)
{
    return PQbackendPID(pg_handle(pg_conn_pg(conn)));
}

struct pg_db_listener {
    struct db_listener base;
    struct pg_listener *listener;
};

enum jvdr_err pg_listen(const char *path, struct db_listener **out, char *err, size_t errlen)
{
    *out = NULL;
    struct pg_db_listener *l = calloc(1, sizeof *l);
    if (!l)
        return JVDR_E_NOMEM;
    l->base.engine = &pg_engine;
    enum jvdr_err code = pg_listener_open(path, &l->listener, err, errlen);
    if (code != JVDR_OK) {
        free(l);
        return code;
    }
    *out = &l->base;
    return JVDR_OK;
}

void pg_unlisten(struct db_listener *listener)
{
    if (listener) {
        pg_listener_free(((struct pg_db_listener *)listener)->listener);
        free(listener);
    }
}

struct hearing {
    db_heard heard;
    void *context;
};

/* A payload read back into facts for the listener's caller; NULL facts when it says everything or
 * cannot be read. */
static void heard_payload(void *context, const char *payload, int sender)
{
    const struct hearing *h = context;
    struct arena *arena = arena_new();
    struct store_changes list;
    bool everything = arena == NULL;
    if (arena) {
        store_changes_init(&list, arena);
        pg_notify_read(payload, &list, &everything);
        everything |= list.failed;
    }
    if (everything)
        h->heard(h->context, NULL, 0, sender);
    else
        h->heard(h->context, list.items, list.count, sender);
    arena_free(arena);
}

enum jvdr_err pg_hear(struct db_listener *listener, int timeout_ms, db_heard heard, void *context)
{
    struct hearing h = {heard, context};
    return pg_listener_wait(((struct pg_db_listener *)listener)->listener, timeout_ms,
                            heard_payload, &h);
}
