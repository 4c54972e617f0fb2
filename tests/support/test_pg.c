/* Throwaway PostgreSQL clusters for tests; see test_pg.h. */
#include "test_pg.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/store/pg.h"

void test_pg_start(struct test_pg *pg)
{
    memset(pg, 0, sizeof *pg);
    if (access("/usr/lib/postgresql/15/bin/initdb", X_OK) != 0) {
        cr_assert(!getenv("CI"), "PostgreSQL 15 is not installed (scripts/install-deps.sh test)");
        return;
    }
    snprintf(pg->dir, sizeof pg->dir, "/tmp/jvdr-pg-XXXXXX");
    cr_assert_not_null(mkdtemp(pg->dir));
    char command[256];
    snprintf(command, sizeof command, "%s start %s", JVDR_PG_CLUSTER, pg->dir);
    FILE *p = popen(command, "r");
    cr_assert_not_null(p);
    cr_assert_not_null(fgets(pg->uri, sizeof pg->uri, p), "the cluster did not start");
    cr_assert_eq(pclose(p), 0);
    pg->uri[strcspn(pg->uri, "\n")] = '\0';
}

void test_pg_stop(struct test_pg *pg)
{
    if (!pg->dir[0])
        return;
    char command[256];
    snprintf(command, sizeof command, "%s stop %s", JVDR_PG_CLUSTER, pg->dir);
    cr_assert_eq(system(command), 0);
}

bool test_pg_exec(const struct test_pg *pg, const char *sql)
{
    struct pg *conn = NULL;
    char err[256];
    cr_assert_eq(pg_open(pg->uri, &conn, err, sizeof err), JVDR_OK, "%s", err);
    bool ok = pg_exec(conn, sql, err, sizeof err) == JVDR_OK;
    pg_free(conn);
    return ok;
}
