/* In-process server for integration tests; see test_server.h. */
#include "test_server.h"

#include <criterion/criterion.h>
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
#include "test_http.h"

bool test_server_postgresql(void)
{
    const char *uri = getenv("JVDR_TEST_PG");
    return uri && *uri;
}

/* Runs sql on the test cluster's database (JVDR_TEST_PG). */
static void cluster_exec(const char *sql)
{
    struct pg *pg = NULL;
    char err[256];
    cr_assert_eq(pg_open(getenv("JVDR_TEST_PG"), &pg, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(pg_exec(pg, sql, err, sizeof err), JVDR_OK, "%s: %s", sql, err);
    pg_free(pg);
}

/* Under JVDR_TEST_PG (the URI of a database on a test cluster), each server gets a database of
 * its own on that cluster, named after the process and a counter, dropped when it stops. */
static void fresh_pg_database(struct test_server *server)
{
    static int serial;
    const char *uri = getenv("JVDR_TEST_PG");
    snprintf(server->pg_name, sizeof server->pg_name, "jvdr_test_%d_%d", (int)getpid(), ++serial);
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", server->pg_name); /* our own name */
    cluster_exec(sql);
    const char *slash = strrchr(uri, '/');
    cr_assert(slash && slash > uri + 12, "JVDR_TEST_PG is not a URI with a database: %s", uri);
    snprintf(server->db_path, sizeof server->db_path, "%.*s/%s", (int)(slash - uri), uri,
             server->pg_name);
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
    if (store && *store && cfg.db_path == server->db_path && !server->pg_name[0])
        copy_file(store, server->db_path);
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
