/* jvdr's entry point: reads configuration, wires the application and the HTTP server, waits for
 * SIGINT or SIGTERM and shuts down cleanly. `jvdr import-sources DIR` loads documents' text, `jvdr
 * copy FROM TO` moves the whole knowledge base between stores, `jvdr backup DEST` and `jvdr
 * restore BACKUP` keep and bring back a SQLite store. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/log.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/server.h"
#include "jvdr/service/app.h"
#include "jvdr/service/healthcheck.h"
#include "jvdr/store/backup.h"
#include "jvdr/store/change_feed.h"
#include "jvdr/store/copy.h"
#include "jvdr/store/store.h"
#include "jvdr/write/import.h"

static int configure(struct config *cfg, int argc, char **argv, int first)
{
    char err[256];
    bool help = false;
    config_defaults(cfg);
    if (config_from_env(cfg, err, sizeof err) != 0 ||
        config_from_args(cfg, argc, argv, first, &help, err, sizeof err) != 0) {
        fprintf(stderr, "jvdr: %s\n", err);
        return 2;
    }
    if (help) {
        config_usage(stdout, "jvdr");
        return 1;
    }
    return 0;
}

static int run_import(int argc, char **argv)
{
    if (argc < 3 || strncmp(argv[2], "--", 2) == 0) {
        fprintf(stderr, "jvdr: import-sources needs a directory (see --help)\n");
        return 2;
    }
    struct config cfg;
    int rc = configure(&cfg, argc, argv, 3);
    if (rc)
        return rc == 1 ? 0 : rc;
    struct app app;
    char err[256];
    if (app_init(&app, &cfg, err, sizeof err) != JVDR_OK) {
        fprintf(stderr, "jvdr: %s\n", err);
        app_cleanup(&app);
        return 1;
    }
    int loaded = 0;
    enum jvdr_err code = import_sources(&app.store, argv[2], stderr, &loaded);
    app_cleanup(&app);
    fprintf(stderr, "jvdr: imported the text of %d source(s)\n", loaded);
    return code == JVDR_OK ? 0 : 1;
}

static int run_server(int argc, char **argv)
{
    struct config cfg;
    int rc = configure(&cfg, argc, argv, 1);
    if (rc)
        return rc == 1 ? 0 : rc;

    /* Block the stop signals (and SIGHUP) before any thread starts, so that only sigwait() sees
     * them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);

    struct app app;
    char err[256];
    unsigned port = 0;
    bool opened = app_init(&app, &cfg, err, sizeof err) == JVDR_OK;
    if (opened && app.config.event_index)
        store_warm_pending(&app.store);
    if (!opened || http_start(&app.site, &app.server, &port, err, sizeof err) != JVDR_OK) {
        log_error("%s", err);
        app_cleanup(&app);
        return 1;
    }
    char database[512];
    store_describe(cfg.db_path, database, sizeof database); /* a URI may hold a password */
    log_error("listening on %s%s%s:%u (database %s, %u threads)", strchr(cfg.bind, ':') ? "[" : "",
              cfg.bind, strchr(cfg.bind, ':') ? "]" : "", port, database, cfg.threads);
    if (app.config.event_index)
        store_warm(&app.store, http_wait_connections, app.server);

    int sig = 0;
    while (sigwait(&stop, &sig) == 0 && sig == SIGHUP)
        auth_reload(&app.site.auth); /* the key set, read again; the rest of the settings stay */
    log_error("received %s; finishing requests in flight (up to %u s)",
              sig == SIGINT ? "SIGINT" : "SIGTERM", cfg.shutdown_seconds);
    atomic_store(&app.site.stopping, true);
    access_log_flush(&app.site.access_log);
    http_quiesce(app.server);
    change_feed_end_all(app.store.feed); /* live streams end now: they would never drain */
    http_drain(app.server, cfg.shutdown_seconds * 1000);
    http_stop(app.server);
    app.server = NULL;

    store_save_index(&app.store);
    store_checkpoint(&app.store);
    app_cleanup(&app);
    log_error("stopped");
    return 0;
}

/* `jvdr healthcheck`: exits 0 when GET /healthz on the configured port answers 200. For the
 * container's HEALTHCHECK, so the runtime image needs no HTTP client of its own. */
static int run_healthcheck(int argc, char **argv)
{
    struct config cfg;
    int rc = configure(&cfg, argc, argv, 2);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *host = strcmp(cfg.bind, "0.0.0.0") == 0 ? "127.0.0.1"
                       : strcmp(cfg.bind, "::") == 0    ? "::1"
                                                        : cfg.bind;
    return healthcheck(host, cfg.port, 3) == 0 ? 0 : 1;
}

/* `jvdr copy FROM TO`: the whole knowledge base from one store into a new one (a file path or a
 * postgresql:// URI either way). */
static int run_copy(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "jvdr: copy needs FROM and TO: a database file or a postgresql:// URI "
                        "each\n");
        return 2;
    }
    long long rows = 0;
    enum jvdr_err code = store_copy(argv[2], argv[3], stderr, &rows);
    if (code == JVDR_OK)
        fprintf(stderr, "jvdr: copied %lld rows\n", rows);
    return code == JVDR_OK ? 0 : 1;
}

/* A command's store (--db PATH, else JVDR_DB, else the default) and its one other argument. */
static int store_and_file(int argc, char **argv, const char *command, const char *file_is,
                          const char **db_path, const char **file)
{
    const char *db = getenv("JVDR_DB");
    *db_path = db && *db ? db : "jvdr.db";
    *file = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            *db_path = argv[++i];
        else if (strncmp(argv[i], "--db=", 5) == 0)
            *db_path = argv[i] + 5;
        else if (argv[i][0] != '-' && !*file)
            *file = argv[i];
        else {
            fprintf(stderr, "jvdr: %s takes [--db PATH] %s; unexpected '%s'\n", command, file_is,
                    argv[i]);
            return 2;
        }
    }
    if (!*file) {
        fprintf(stderr, "jvdr: %s needs %s: jvdr %s [--db PATH] %s\n", command, file_is, command,
                file_is);
        return 2;
    }
    return 0;
}

/* `jvdr backup [--db PATH] DEST`: a consistent snapshot of a running SQLite store, for cron. */
static int run_backup(int argc, char **argv)
{
    const char *db_path, *dest;
    int rc = store_and_file(argc, argv, "backup", "DEST", &db_path, &dest);
    if (rc)
        return rc;
    struct backup_report report;
    char err[1024];
    if (store_backup(db_path, dest, &report, err, sizeof err) != JVDR_OK) {
        fprintf(stderr, "jvdr: backup: %s\n", err);
        return 1;
    }
    fprintf(stderr,
            "jvdr: backed up %s to %s: %lld bytes, schema version %ld, every change up to "
            "cursor %lld\n",
            db_path, dest, report.bytes, report.schema_version, report.cursor);
    return 0;
}

/* `jvdr restore [--db PATH] BACKUP`: the store at PATH becomes the backup; jvdr must be stopped. */
static int run_restore(int argc, char **argv)
{
    const char *db_path, *backup;
    int rc = store_and_file(argc, argv, "restore", "BACKUP", &db_path, &backup);
    if (rc)
        return rc;
    struct backup_report report;
    char err[1024];
    if (store_restore(backup, db_path, &report, err, sizeof err) != JVDR_OK) {
        fprintf(stderr, "jvdr: restore: %s\n", err);
        return 1;
    }
    fprintf(stderr,
            "jvdr: restored %s from %s: schema version %ld, every change up to cursor "
            "%lld\n",
            db_path, backup, report.schema_version, report.cursor);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "backup") == 0)
        return run_backup(argc, argv);
    if (argc > 1 && strcmp(argv[1], "restore") == 0)
        return run_restore(argc, argv);
    if (argc > 1 && strcmp(argv[1], "copy") == 0)
        return run_copy(argc, argv);
    if (argc > 1 && strcmp(argv[1], "healthcheck") == 0)
        return run_healthcheck(argc, argv);
    if (argc > 1 && strcmp(argv[1], "import-sources") == 0)
        return run_import(argc, argv);
    return run_server(argc, argv);
}
