/* A throwaway PostgreSQL 15 cluster for a test (scripts/pg-cluster.sh), started in the suite's
 * init and removed in its fini. Without PostgreSQL installed the cluster is not started (uri
 * stays empty and tests skip), except under CI=true, where that is a failure. */
#ifndef JVDR_TEST_PG_H
#define JVDR_TEST_PG_H

#include <stdbool.h>

struct test_pg {
    char dir[64];  /* the cluster's directory; empty when none was started */
    char uri[256]; /* its libpq URI, postgresql://postgres@127.0.0.1:PORT/jvdr; empty likewise */
};

void test_pg_start(struct test_pg *pg);
void test_pg_stop(struct test_pg *pg);
/* Runs sql (one or more statements) on the cluster over a connection of its own; false when it
 * fails. The connection opening is asserted. */
bool test_pg_exec(const struct test_pg *pg, const char *sql);

#endif
