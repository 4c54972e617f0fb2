/* Faults: a full disk. The store lives on a small tmpfs the test mounts (so it runs as root, as
 * the test command does); once the disk is full, writes answer 507 with a problem document and
 * write nothing, reads keep working, and after space returns the store is intact and writable. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jvdr/store/db.h"
#include "test_http.h"
#include "test_process.h"

#define AUTH "Authorization: Bearer disk-full-token-0123456789"

static char dir[] = "/tmp/jvdr-full-XXXXXX";

static long post_event(const char *base, int n, struct http_reply *reply)
{
    char url[128], body[6000];
    snprintf(url, sizeof url, "%s/v1/events", base);
    int o = snprintf(body, sizeof body,
                     "{\"id\": \"fill-%d\", \"title\": \"Filler %d\", \"type\": "
                     "\"meeting\", \"summary\": \"",
                     n, n);
    memset(body + o, 'x', 3900);
    snprintf(body + o + 3900, sizeof body - (size_t)o - 3900, "\"}");
    const char *const headers[] = {AUTH, "Content-Type: application/json", NULL};
    http_send(NULL, "POST", url, headers, body, strlen(body), reply);
    return reply->status;
}

TestSuite(faults, .timeout = 120);

Test(faults, a_full_disk_refuses_writes_with_507_and_keeps_reads)
{
    cr_assert_not_null(mkdtemp(dir));
    if (mount("tmpfs", dir, "tmpfs", 0, "size=6m") != 0)
        cr_skip_test("cannot mount a tmpfs (%s): run the suite as root", strerror(errno));
    char db[128], filler[128];
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    snprintf(filler, sizeof filler, "%s/filler", dir);
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    const char *const env[] = {"JVDR_API_TOKEN=disk-full-token-0123456789", NULL};
    struct test_process p = {0};
    test_process_start(&p, args, env);

    /* Fill the disk to the last byte. */
    int fd = open(filler, O_WRONLY | O_CREAT, 0600);
    char block[4096];
    memset(block, 0, sizeof block);
    while (write(fd, block, sizeof block) > 0) {
    }
    while (write(fd, block, 1) > 0) {
    }
    close(fd);

    int created = 0, full = 0;
    for (int n = 0; n < 200 && !full; n++) {
        struct http_reply reply;
        long status = post_event(p.base_url, n, &reply);
        cr_assert(status == 201 || status == 507, "write %d answered %ld: %s", n, status,
                  reply.body);
        if (status == 507) {
            full = 1;
            cr_assert(strstr(reply.body, "urn:jvdr:problem:storage-full"), "%s", reply.body);
            char type[64];
            cr_assert_str_eq(http_header(&reply, "Content-Type", type, sizeof type),
                             "application/problem+json");
        } else {
            created++;
        }
        http_reply_free(&reply);
    }
    cr_assert(full, "the disk never filled up");

    struct http_reply reply;
    http_get(p.base_url, "/v1/events/defense-consultation-tokyo-2020", &reply);
    cr_assert_eq(reply.status, 200, "reads keep working on a full disk");
    http_reply_free(&reply);
    http_get(p.base_url, "/v1/events?limit=500&sort=-date", &reply);
    cr_assert_eq(reply.status, 200);
    http_reply_free(&reply);

    /* Space returns: writes work again, and the store is intact. */
    unlink(filler);
    cr_assert_eq(post_event(p.base_url, 1000, &reply), 201, "%s", reply.body);
    http_reply_free(&reply);
    test_process_stop(&p, SIGTERM);

    sqlite3 *h;
    cr_assert_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &stmt, NULL);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "ok");
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(h, "SELECT count(*) FROM events WHERE id LIKE 'fill-%'", -1, &stmt, NULL);
    sqlite3_step(stmt);
    cr_assert_eq(sqlite3_column_int(stmt, 0), created + 1,
                 "exactly the acknowledged writes landed");
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(h, "SELECT count(*) FROM changes", -1, &stmt, NULL);
    sqlite3_step(stmt);
    cr_assert_eq(sqlite3_column_int(stmt, 0), created + 1, "and exactly their audit rows");
    sqlite3_finalize(stmt);
    sqlite3_close(h);
    umount(dir);
    rmdir(dir);
}

/* Mounts a small tmpfs on a new directory from the template mount_point and seeds a store there
 * (the server named by args and env creates it: args must name db, which is set to
 * mount_point/jvdr.db). Skips the test where tmpfs cannot be mounted. */
static void seeded_store_on_tmpfs(char *mount_point, char *db, size_t dblen,
                                  const char *const *args, const char *const *env)
{
    cr_assert_not_null(mkdtemp(mount_point));
    if (mount("tmpfs", mount_point, "tmpfs", 0, "size=16m") != 0)
        cr_skip_test("cannot mount a tmpfs (%s): run the suite as root", strerror(errno));
    snprintf(db, dblen, "%s/jvdr.db", mount_point);
    struct test_process p = {0};
    test_process_start(&p, args, env); /* creates and seeds it */
    test_process_stop(&p, SIGTERM);
}

Test(faults, a_read_only_database_starts_read_only_and_says_so)
{
    char ro[] = "/tmp/jvdr-ro-XXXXXX", db[128];
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    const char *const env[] = {"JVDR_API_TOKEN=read-only-token-0123456789", NULL};
    struct test_process p = {0};
    seeded_store_on_tmpfs(ro, db, sizeof db, args, env);
    cr_assert_eq(mount("tmpfs", ro, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=16m"), 0, "%s",
                 strerror(errno));

    test_process_start(&p, args, env);
    cr_assert(strstr(p.startup_log, "is read-only: serving reads, refusing writes"), "%s",
              p.startup_log);
    /* Ready first (the index loaded: until then a read may wait on the load past its budget and
     * answer 503, as any start does), then every read must work. */
    char log[8192];
    test_process_read_log(&p, "the index of events", log, sizeof log);
    struct http_reply reply;
    http_get(p.base_url, "/readyz", &reply);
    cr_assert_eq(reply.status, 200, "%s: %s", reply.body, log);
    http_reply_free(&reply);
    http_get(p.base_url, "/v1/events/defense-consultation-tokyo-2020", &reply);
    cr_assert_eq(reply.status, 200, "reads work from a read-only file: %s", reply.body);
    http_reply_free(&reply);
    char url[128];
    snprintf(url, sizeof url, "%s/v1/events", p.base_url);
    const char *const headers[] = {"Authorization: Bearer read-only-token-0123456789",
                                   "Content-Type: application/json", NULL};
    const char body[] = "{\"title\": \"T\", \"type\": \"meeting\"}";
    http_send(NULL, "POST", url, headers, body, sizeof body - 1, &reply);
    cr_assert_eq(reply.status, 403, "%s", reply.body);
    cr_assert(strstr(reply.body, "read-only"), "%s", reply.body);
    http_reply_free(&reply);
    int status = test_process_stop(&p, SIGTERM);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    umount(ro);
    rmdir(ro);
}

/* A commit still in the write-ahead log when the volume turns read-only would be invisible to a
 * read-only start (an immutable file's reader never reads the log): the start refuses, saying
 * why, rather than serving the file without it. */
Test(faults, a_read_only_database_with_commits_in_its_log_is_refused)
{
    char ro[] = "/tmp/jvdr-rowal-XXXXXX", db[128];
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    const char *const env[] = {"JVDR_API_TOKEN=read-only-token-0123456789", NULL};
    seeded_store_on_tmpfs(ro, db, sizeof db, args, env);
    /* A commit left in the log: another writer's, closed without folding it in. */
    sqlite3 *h = NULL;
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    cr_assert_eq(sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(h, "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)", NULL,
                              NULL, NULL),
                 SQLITE_OK, "%s", sqlite3_errmsg(h));
    sqlite3_close(h);
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", db);
    struct stat st;
    cr_assert(stat(wal, &st) == 0 && st.st_size > 0, "the commit is in the log");
    cr_assert_eq(mount("tmpfs", ro, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=16m"), 0, "%s",
                 strerror(errno));

    char command[1024];
    snprintf(command, sizeof command,
             /* a server that starts instead of refusing is stopped (124), and fails the test */
             "out=$(JVDR_API_TOKEN=read-only-token-0123456789 timeout 10 %s --port 0 --db %s "
             "2>&1); rc=$?; test $rc -ne 0 && test $rc -ne 124 && "
             "echo \"$out\" | grep -q \"write-ahead log '%s' holds\"",
             JVDR_BINARY, db, wal);
    cr_assert_eq(system(command), 0, "not refused, naming the log");
    umount(ro);
    rmdir(ro);
}
