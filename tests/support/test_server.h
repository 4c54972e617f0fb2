/* A real jvdr server for integration tests: the application and HTTP daemon started in-process
 * on 127.0.0.1 and an ephemeral port, on a fresh database file in a temporary directory. */
#ifndef JVDR_TEST_SERVER_H
#define JVDR_TEST_SERVER_H

#include <stdbool.h>

#include "jvdr/service/app.h"

struct test_server {
    struct app app;
    char dir[64];      /* temporary directory holding the database */
    char db_path[128]; /* a file, or a libpq URI under JVDR_TEST_PG */
    char pg_name[64];  /* the server's database on the test cluster; empty on SQLite */
    char base_url[64]; /* http://127.0.0.1:PORT */
    unsigned port;
};

/* True when the suite runs on PostgreSQL: JVDR_TEST_PG names a database on a test cluster, and
 * every server gets a database of its own there. Tests of what only a database file does skip. */
bool test_server_postgresql(void);

/* Starts a server with default settings changed by tweak (may be NULL). Fails the test on error.
 * On SQLite, when JVDR_TEST_STORE names a database file, the server's own file is a copy of it
 * instead of a fresh one (bench/consistency: a million generated events); a tweak that points the
 * server at another's file shares that one. */
void test_server_start(struct test_server *server, void (*tweak)(struct config *cfg));

/* Runs sql on a connection of the test's own, as another process would (an import, an operator's
 * sqlite3). Fails the test on error. */
void test_server_sql(struct test_server *server, const char *sql);

/* The same for rows a test needs many of and never searches for: on PostgreSQL without the
 * tables' triggers (no search index entries, no notification; before any request). */
void test_server_bulk_sql(struct test_server *server, const char *sql);

/* The value of one series of /metrics, e.g. "jvdr_cache_lookups_total{outcome=\"hit\"}". Fails
 * the test when /metrics has no such series. */
unsigned long test_server_metric(struct test_server *server, const char *series);

/* Stops the server and removes its files. */
void test_server_stop(struct test_server *server);

#endif
