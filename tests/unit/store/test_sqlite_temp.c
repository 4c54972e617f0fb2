/* SQLite's temporary files: made in the database's own directory (a read-only root filesystem
 * leaves /tmp unusable), and a failure to make one reported as that. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "jvdr/store/db.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/sqlite_temp.h"

static char dir[64];
static char path[128];

static void make_dir(void)
{
    unsetenv("SQLITE_TMPDIR");
    snprintf(dir, sizeof dir, "/tmp/jvdr-temp-test.XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/store.db", dir);
}

static void remove_dir(void)
{
    char command[256];
    snprintf(command, sizeof command, "rm -rf '%s' '%s.moved'", dir, dir);
    cr_assert_eq(system(command), 0);
}

/* A store with more rows than SQLite sorts in memory (its cache is 2 MiB by default), so that an
 * ORDER BY on an unindexed expression spills to a temporary file. */
static struct db *open_filled(void)
{
    struct db *db = NULL;
    char err[256];
    cr_assert_eq(db_open(path, DB_CREATE, &db, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(db_exec(db, "CREATE TABLE t (x TEXT);"
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < 60000) INSERT INTO t SELECT printf('%.100d', i * 7919) "
                             "FROM n;"),
                 JVDR_OK, "%s", db_errmsg(db));
    return db;
}

static int sort_all(struct db *db)
{
    struct stmt *stmt = db_stmt(db, "SELECT x FROM t ORDER BY substr(x, 50), x DESC");
    cr_assert_not_null(stmt);
    int rc;
    while ((rc = stmt_step(stmt)) == DB_ROW)
        ;
    db_stmt_done(stmt);
    return rc;
}

TestSuite(sqlite_temp, .init = make_dir, .fini = remove_dir);

Test(sqlite_temp, a_big_sort_spills_into_the_database_directory)
{
    struct db *db = open_filled();
    int watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    cr_assert_geq(watch, 0);
    cr_assert_geq(inotify_add_watch(watch, dir, IN_CREATE), 0);
    cr_assert_eq(sort_all(db), DB_DONE, "%s", db_errmsg(db));

    bool seen = false;
    char events[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;
    while (!seen && (n = read(watch, events, sizeof events)) > 0)
        for (char *p = events; p < events + n;) {
            const struct inotify_event *event = (const struct inotify_event *)p;
            if (event->len && strncmp(event->name, ".jvdr-temp-", 11) == 0)
                seen = true;
            p += sizeof *event + event->len;
        }
    close(watch);
    db_free(db);
    cr_assert(seen, "the sort made no temporary file in %s", dir);
}

Test(sqlite_temp, a_temporary_file_that_cannot_be_made_is_reported_as_that)
{
    struct db *db = open_filled();
    /* The database stays open through its descriptor; its directory, by name, is gone. */
    char moved[80];
    snprintf(moved, sizeof moved, "%s.moved", dir);
    cr_assert_eq(rename(dir, moved), 0);
    cr_assert_neq(sort_all(db), DB_DONE);
    char expected[160];
    snprintf(expected, sizeof expected,
             "cannot create a temporary file in %s: No such file or "
             "directory",
             dir);
    cr_expect_str_eq(db_errmsg(db), expected);
    db_free(db);
}

Test(sqlite_temp, a_directory_the_operator_names_is_left_to_sqlite)
{
    setenv("SQLITE_TMPDIR", dir, 1);
    cr_expect_null(sqlite_temp_vfs(path));
    unsetenv("SQLITE_TMPDIR");
    cr_expect_not_null(sqlite_temp_vfs(path));
    cr_expect_str_eq(sqlite_temp_vfs(path), sqlite_temp_vfs(path), "one VFS per directory");
}
