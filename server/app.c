/* Start-up of the store (open, refuse-if-newer, WAL, migrate) and the per-thread connections. */
#include "jvdr/app.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "jvdr/db.h"
#include "jvdr/embedded.h"
#include "jvdr/http.h"
#include "jvdr/log.h"
#include "jvdr/migrate.h"
#include "jvdr/router.h"

/* The response cache's bounds: thousands of distinct reads, tens of megabytes. */
#define APP_CACHE_ENTRIES 8192
#define APP_CACHE_BYTES ((size_t)64 << 20)

static void db_free_void(void *db)
{
    db_free(db);
}

enum jvdr_err app_init(struct app *app, const struct config *cfg, char *err, size_t errlen)
{
    /* Memory statistics take a process-wide mutex on every SQLite allocation; jvdr never reads
     * them. Only possible before SQLite initialises, so a later app_init leaves it as it is. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    memset(app, 0, sizeof *app);
    app->config = *cfg;
    if (pthread_key_create(&app->db_key, db_free_void) != 0) {
        snprintf(err, errlen, "cannot create the per-thread connection key");
        return JVDR_E_INTERNAL;
    }
    app->db_key_created = true;
    pthread_mutex_init(&app->write_lock, NULL);
    if (getrandom(&app->request_id_prefix, sizeof app->request_id_prefix, 0) < 0)
        app->request_id_prefix = (uint32_t)time(NULL);
    if (auth_init(&app->auth, cfg, err, errlen) != 0 ||
        proxy_trust_init(&app->trust, cfg->trusted_proxies, err, errlen) != 0)
        return JVDR_E_BAD_REQUEST;
    if (metrics_init(&app->metrics, jvdr_routes) != 0 ||
        cache_init(&app->cache, APP_CACHE_ENTRIES, APP_CACHE_BYTES) != 0) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }

    struct db *db = NULL;
    enum jvdr_err code = db_open(cfg->db_path, DB_CREATE, &db, err, errlen);
    if (code != JVDR_OK)
        return code;
    sqlite3 *handle = db_handle(db);

    /* A file we cannot write (read-only media or permissions): serve reads from it as it is. */
    if (sqlite3_db_readonly(handle, "main") == 1) {
        db_free(db);
        db = NULL;
        code = db_open(cfg->db_path, DB_IMMUTABLE, &db, err, errlen);
        if (code != JVDR_OK)
            return code;
        handle = db_handle(db);
        app->readonly = true;
    }

    /* Refuse a newer database before anything writes to it (even the journal mode). */
    long current = 0, latest = migrate_latest(embedded_migrations);
    code = migrate_current(handle, &current, err, errlen);
    if (code == JVDR_OK && current > latest) {
        snprintf(err, errlen,
                 "database '%s' is at schema version %ld, newer than this jvdr knows (%ld); "
                 "refusing to use or modify it",
                 cfg->db_path, current, latest);
        code = JVDR_E_CONFLICT;
    }
    if (code == JVDR_OK && app->readonly && current < latest) {
        snprintf(err, errlen,
                 "database '%s' is read-only and at schema version %ld, older than this jvdr "
                 "needs (%ld); make it writable once so it can be upgraded",
                 cfg->db_path, current, latest);
        code = JVDR_E_CONFLICT;
    }
    if (code == JVDR_OK && app->readonly) {
        log_error("database '%s' is read-only: serving reads, refusing writes (403)", cfg->db_path);
        if (pthread_setspecific(app->db_key, db) == 0)
            return JVDR_OK;
        code = JVDR_E_INTERNAL;
    }
    if (code == JVDR_OK) {
        char *msg = NULL;
        if (sqlite3_exec(handle, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", NULL,
                         NULL, &msg) != SQLITE_OK) {
            snprintf(err, errlen, "cannot set WAL mode on '%s': %s", cfg->db_path,
                     msg ? msg : "unknown error");
            code = JVDR_E_INTERNAL;
        }
        sqlite3_free(msg);
    }
    int applied = 0;
    if (code == JVDR_OK)
        code = migrate_run(handle, embedded_migrations, &applied, err, errlen);
    if (code == JVDR_OK && applied > 0)
        log_error("applied %d migration(s) to %s", applied, cfg->db_path);
    /* This connection becomes the main thread's own. */
    if (code == JVDR_OK && pthread_setspecific(app->db_key, db) == 0)
        return JVDR_OK;
    db_free(db);
    return code == JVDR_OK ? JVDR_E_INTERNAL : code;
}

enum jvdr_err app_db(struct app *app, struct db **out)
{
    struct db *db = pthread_getspecific(app->db_key);
    if (!db) {
        char err[256];
        enum jvdr_err code = db_open(
            app->config.db_path, app->readonly ? DB_IMMUTABLE : DB_EXISTING, &db, err, sizeof err);
        if (code != JVDR_OK) {
            log_error("%s", err);
            return code;
        }
        if (pthread_setspecific(app->db_key, db) != 0) {
            db_free(db);
            return JVDR_E_NOMEM;
        }
    }
    *out = db;
    return JVDR_OK;
}

void app_cleanup(struct app *app)
{
    if (app->server) {
        http_stop(app->server);
        app->server = NULL;
    }
    if (app->db_key_created) {
        db_free(pthread_getspecific(app->db_key));
        pthread_setspecific(app->db_key, NULL);
        pthread_key_delete(app->db_key);
        app->db_key_created = false;
        pthread_mutex_destroy(&app->write_lock);
    }
    auth_cleanup(&app->auth);
    proxy_trust_cleanup(&app->trust);
    metrics_cleanup(&app->metrics);
    cache_cleanup(&app->cache);
}
