/* In-process server for integration tests; see test_server.h. */
#include "test_server.h"

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/base/buf.h"
#include "jvdr/http/server.h"
#include "jvdr/store/db.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_sql.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/store.h"
#include "test_http.h"

bool test_server_postgresql(void)
{
    const char *uri = getenv("JVDR_TEST_PG");
    return uri && *uri;
}

/* Runs sql on the test cluster's database (JVDR_TEST_PG); false, with err set, when it fails. */
static bool cluster_try(const char *sql, char *err, size_t errlen)
{
    struct pg *pg = NULL;
    bool done = pg_open(getenv("JVDR_TEST_PG"), &pg, err, errlen) == JVDR_OK &&
                pg_exec(pg, sql, err, errlen) == JVDR_OK;
    pg_free(pg);
    return done;
}

/* The same, failing the test when it fails. */
static void cluster_exec(const char *sql)
{
    char err[256];
    cr_assert(cluster_try(sql, err, sizeof err), "%s: %s", sql, err);
}

/* The URI of database name on the test cluster (JVDR_TEST_PG names another of its databases). */
static void cluster_uri(char *out, size_t len, const char *name)
{
    const char *uri = getenv("JVDR_TEST_PG");
    const char *slash = strrchr(uri, '/');
    cr_assert(slash && slash > uri + 12, "JVDR_TEST_PG is not a URI with a database: %s", uri);
    snprintf(out, len, "%.*s/%s", (int)(slash - uri), uri, name);
}

/* The template store of criterion's runner, which every test process is a child of (below). */
static void pg_template_name(char *out, size_t len, pid_t runner)
{
    snprintf(out, len, "jvdr_template_%d", (int)runner);
}

/* Makes the runner's template database, migrated and seeded as a server's start would. */
static void make_pg_template(void)
{
    char name[64], made[96], uri[256], err[256], sql[256];
    pg_template_name(name, sizeof name, getppid());
    snprintf(made, sizeof made, "%s_%d", name, (int)getpid());
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", made); /* our own names */
    cluster_exec(sql);
    cluster_uri(uri, sizeof uri, made);
    struct store store;
    cr_assert_eq(store_open(&store, uri, err, sizeof err), JVDR_OK, "store_open: %s", err);
    store_close(&store);
    /* Tests running side by side may both make it: one name wins, the other goes. */
    snprintf(sql, sizeof sql, "ALTER DATABASE %s RENAME TO %s", made, name);
    if (!cluster_try(sql, err, sizeof err)) {
        snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", made);
        cluster_exec(sql);
    }
}

/* Under JVDR_TEST_PG (the URI of a database on a test cluster), each server gets a database of
 * its own on that cluster, named after criterion's runner, the process and a counter, dropped when
 * it stops (or, if its test never stops it, when the runner ends): a copy of the runner's
 * template, made by the first test to need it. */
static void fresh_pg_database(struct test_server *server)
{
    static int serial;
    snprintf(server->pg_name, sizeof server->pg_name, "jvdr_test_%d_%d_%d", (int)getppid(),
             (int)getpid(), ++serial);
    char template[64], sql[192], err[256];
    pg_template_name(template, sizeof template, getppid());
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", server->pg_name, template);
    if (!cluster_try(sql, err, sizeof err)) { /* no template yet */
        make_pg_template();
        cluster_exec(sql);
    }
    cluster_uri(server->db_path, sizeof server->db_path, server->pg_name);
}

/* Copies the file at from to to (a new file). Fails the test on error. */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wbx");
    cr_assert(in && out, "cannot copy %s to %s", from, to);
    static char chunk[1 << 20];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        cr_assert_eq(fwrite(chunk, 1, n, out), n, "cannot write %s", to);
    cr_assert(!ferror(in), "cannot read %s", from);
    fclose(in);
    cr_assert_eq(fclose(out), 0, "cannot write %s", to);
}

/* A new store costs its migrations and seed (SQLite: 2.3 s a server under valgrind, 0.5 s under
 * AddressSanitizer; PostgreSQL 0.3 s), more than most tests take. So a suite's first test to
 * need one makes it once (as a server's own start would, store_open), named after criterion's
 * runner, which every test process is a child of and which removes it when the suite ends;
 * servers start on copies. */
static void template_path(char *out, size_t len, pid_t runner)
{
    snprintf(out, len, "/tmp/jvdr-test-template-%d.db", (int)runner);
}

static void fresh_sqlite_store(const char *path)
{
    char template[64];
    template_path(template, sizeof template, getppid());
    if (access(template, F_OK) != 0) {
        /* Made aside and renamed into place: tests running side by side may both make it. */
        char made[96], err[256];
        snprintf(made, sizeof made, "%s.%d", template, (int)getpid());
        struct store store;
        cr_assert_eq(store_open(&store, made, err, sizeof err), JVDR_OK, "store_open: %s", err);
        store_close(&store);
        char wal[112];
        snprintf(wal, sizeof wal, "%s-wal", made);
        cr_assert_neq(access(wal, F_OK), 0, "the template store's log outlived its close");
        cr_assert_eq(rename(made, template), 0, "cannot name the template store %s", template);
    }
    copy_file(template, path);
}

/* Drops the databases of the runner's servers that outlived their tests: a test skipped after its
 * suite's init started a server never reaches the suite's fini. */
static void drop_left_databases(pid_t runner)
{
    struct pg *pg = NULL;
    char err[256], like[64];
    snprintf(like, sizeof like, "jvdr\\_test\\_%d\\_%%", (int)runner);
    const char *const values[] = {like};
    PGresult *res =
        pg_open(getenv("JVDR_TEST_PG"), &pg, err, sizeof err) == JVDR_OK
            ? PQexecParams(pg_handle(pg), "SELECT datname FROM pg_database WHERE datname LIKE $1",
                           1, NULL, values, NULL, NULL, 0)
            : NULL;
    for (int i = 0; res && PQresultStatus(res) == PGRES_TUPLES_OK && i < PQntuples(res); i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", /* our own names */
                 PQgetvalue(res, i, 0));
        pg_exec(pg, sql, err, sizeof err);
    }
    PQclear(res);
    pg_free(pg);
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
    (void)stats;
    char template[64];
    template_path(template, sizeof template, getpid());
    unlink(template);
    if (test_server_postgresql()) {
        char sql[128], err[256];
        pg_template_name(template, sizeof template, getpid());
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", template);
        cluster_try(sql, err, sizeof err); /* the cluster may be gone: nothing to remove */
        drop_left_databases(getpid());
    }
}

void test_server_start(struct test_server *server, void (*tweak)(struct config *cfg))
{
    struct config cfg;
    char err[256];
    snprintf(server->dir, sizeof server->dir, "/tmp/jvdr-test-XXXXXX");
    cr_assert_not_null(mkdtemp(server->dir), "cannot make a temporary directory");
    server->pg_name[0] = '\0';
    if (test_server_postgresql())
        fresh_pg_database(server);
    else
        snprintf(server->db_path, sizeof server->db_path, "%s/jvdr.db", server->dir);
    config_defaults(&cfg);
    cfg.port = 0;
    cfg.db_path = server->db_path;
    cfg.log_format = "text";
    /* No time budget unless a test asks for one: with the suites running side by side, a starved
     * render would be abandoned (503) and a test about something else would fail. */
    cfg.query_timeout_ms = 0;
    if (tweak)
        tweak(&cfg);
    const char *store = getenv("JVDR_TEST_STORE");
    if (cfg.db_path == server->db_path && !server->pg_name[0]) {
        if (store && *store)
            copy_file(store, server->db_path);
        else
            fresh_sqlite_store(server->db_path);
    }
    cr_assert_eq(app_init(&server->app, &cfg, err, sizeof err), JVDR_OK, "app_init: %s", err);
    cr_assert_eq(http_start(&server->app.site, &server->app.server, &server->port, err, sizeof err),
                 JVDR_OK, "http_start: %s", err);
    snprintf(server->base_url, sizeof server->base_url, "http://127.0.0.1:%u", server->port);
}

void test_server_stop(struct test_server *server)
{
    char path[200];
    app_cleanup(&server->app);
    if (server->pg_name[0]) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", server->pg_name);
        cluster_exec(sql);
        server->pg_name[0] = '\0';
    }
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", server->db_path, suffixes[i]);
        unlink(path);
    }
    rmdir(server->dir);
}

static void run_sql(struct test_server *server, const char *sql, bool bulk)
{
    struct db *db = NULL;
    char err[256];
    if (server->pg_name[0]) { /* the same SQL as PostgreSQL runs it */
        struct buf text;
        buf_init(&text);
        int n = 0;
        cr_assert(pg_sql_translate(sql, &text, &n), "cannot carry over: %s", sql);
        struct pg *pg = NULL;
        cr_assert_eq(pg_open(server->db_path, &pg, err, sizeof err), JVDR_OK, "%s", err);
        /* Bulk rows: without triggers (each row's search index entry costs a millisecond). */
        if (bulk)
            cr_assert_eq(pg_exec(pg, "SET session_replication_role = replica", err, sizeof err),
                         JVDR_OK, "%s", err);
        cr_assert_eq(pg_exec(pg, text.data, err, sizeof err), JVDR_OK, "%s: %s", sql, err);
        pg_free(pg);
        buf_cleanup(&text);
        return;
    }
    cr_assert_eq(db_open(server->db_path, DB_EXISTING, &db, err, sizeof err), JVDR_OK, "%s", err);
    sqlite3_busy_timeout(sqlite_handle(db), 5000);
    char *msg = NULL;
    cr_assert_eq(sqlite3_exec(sqlite_handle(db), sql, NULL, NULL, &msg), SQLITE_OK, "%s", msg);
    db_free(db);
}

void test_server_sql(struct test_server *server, const char *sql)
{
    run_sql(server, sql, false);
}

void test_server_bulk_sql(struct test_server *server, const char *sql)
{
    run_sql(server, sql, true);
}

unsigned long test_server_metric(struct test_server *server, const char *series)
{
    struct http_reply reply;
    http_get(server->base_url, "/metrics", &reply);
    char needle[160];
    snprintf(needle, sizeof needle, "\n%s ", series);
    const char *at = strstr(reply.body, needle);
    cr_assert_not_null(at, "/metrics has no %s", series);
    unsigned long n = strtoul(at + strlen(needle), NULL, 10);
    http_reply_free(&reply);
    return n;
}
