/* A real jvdr server for integration tests: the application and HTTP daemon started in-process
 * on 127.0.0.1 and an ephemeral port, on a fresh database file in a temporary directory. */
#ifndef JVDR_TEST_SERVER_H
#define JVDR_TEST_SERVER_H

#include "jvdr/service/app.h"

struct test_server {
    struct app app;
    char dir[64]; /* temporary directory holding the database */
    char db_path[128];
    char base_url[64]; /* http://127.0.0.1:PORT */
    unsigned port;
};

/* Starts a server with default settings changed by tweak (may be NULL). Fails the test on error. */
void test_server_start(struct test_server *server, void (*tweak)(struct config *cfg));

/* Runs sql on a connection of the test's own, as another process would (an import, an operator's
 * sqlite3). Fails the test on error. */
void test_server_sql(struct test_server *server, const char *sql);

/* The value of one series of /metrics, e.g. "jvdr_cache_lookups_total{outcome=\"hit\"}". Fails
 * the test when /metrics has no such series. */
unsigned long test_server_metric(struct test_server *server, const char *series);

/* Stops the server and removes its files. */
void test_server_stop(struct test_server *server);

#endif
