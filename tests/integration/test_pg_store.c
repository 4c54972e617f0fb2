/* The PostgreSQL store on a real PostgreSQL 15 (scripts/pg-cluster.sh: a cluster of its own under
 * a temporary path, loopback only, removed afterwards): the schema and the seed are applied once,
 * hold exactly the rows the SQLite store's seed does, and instances migrating together apply
 * each step once; a database a newer jvdr migrated is refused untouched; writes batched for a bulk
 * load keep their order and report their failures. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/fold.h"
#include "jvdr/store/db.h"
#include "jvdr/store/pg.h"
#include "jvdr/store/pg_migrate.h"
#include "jvdr/store/pg_notify.h"
#include "jvdr/store/store.h"
#include "test_pg.h"
#include "test_server.h"

static struct test_pg cluster;
static const char *uri = cluster.uri;

static void start(void)
{
    test_pg_start(&cluster);
}

static void stop(void)
{
    test_pg_stop(&cluster);
}

TestSuite(pg_store, .init = start, .fini = stop, .timeout = 120);

static struct pg *connect_to(const char *target)
{
    if (!uri[0])
        cr_skip_test("PostgreSQL 15 is not installed");
    struct pg *pg = NULL;
    char err[256];
    cr_assert_eq(pg_open(target, &pg, err, sizeof err), JVDR_OK, "%s", err);
    return pg;
}

static long long count(struct pg *pg, const char *sql)
{
    PGresult *res = NULL;
    cr_assert_eq(pg_query(pg, sql, NULL, 0, &res), JVDR_OK, "%s: %s", sql,
                 PQerrorMessage(pg_handle(pg)));
    long long n = atoll(PQgetvalue(res, 0, 0));
    PQclear(res);
    return n;
}

/* The URI of a new, empty database name on the cluster. */
static void fresh_database(const char *name, char *out, size_t len)
{
    struct pg *pg = connect_to(uri);
    char sql[128], err[256];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name); /* the test's own fixed names */
    cr_assert_eq(pg_exec(pg, sql, err, sizeof err), JVDR_OK, "%s", err);
    pg_free(pg);
    snprintf(out, len, "%.*s/%s", (int)(strrchr(uri, '/') - uri), uri, name);
}

Test(pg_store, the_schema_and_seed_are_applied_once_and_hold_the_sqlite_seed)
{
    struct pg *pg = connect_to(uri);
    int applied = 0;
    char err[256];
    cr_assert_eq(pg_migrate(pg, &applied, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(applied, pg_migrate_latest());
    cr_assert_eq(pg_migrate(pg, &applied, err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(applied, 0, "a migrated database is left as it is");

    /* Every table holds what the SQLite store's seed holds, row for row in count, and the
     * columns both compute (the date intervals, the citation counts) agree. */
    struct test_server sqlite;
    test_server_start(&sqlite, NULL);
    struct db *db = NULL;
    cr_assert_eq(store_db(&sqlite.app.store, &db), JVDR_OK);
    static const char *const checks[] = {
        "SELECT count(*) FROM sources",
        "SELECT count(*) FROM officials",
        "SELECT count(*) FROM official_aliases",
        "SELECT count(*) FROM positions",
        "SELECT count(*) FROM events",
        "SELECT count(*) FROM event_countries",
        "SELECT count(*) FROM event_topics",
        "SELECT count(*) FROM event_participants",
        "SELECT count(*) FROM agreements",
        "SELECT count(*) FROM agreement_parties",
        "SELECT count(*) FROM agreement_signatories",
        "SELECT count(*) FROM agreement_aliases",
        "SELECT count(*) FROM event_agreements",
        "SELECT count(*) FROM event_sources",
        "SELECT count(*) FROM official_sources",
        "SELECT count(*) FROM agreement_sources",
        "SELECT sum(events * 10000 + officials * 100 + agreements) FROM source_counts",
        "SELECT count(*) FROM events WHERE date_precision = 'month' AND date_end LIKE '%-30'",
        "SELECT count(*) FROM events WHERE date_end = '2020-02-29'",
        "SELECT count(*) FROM agreements WHERE date_start IS NULL",
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        struct stmt *stmt = db_stmt(db, checks[i]);
        cr_assert_not_null(stmt, "%s", checks[i]);
        cr_assert_eq(stmt_step(stmt), DB_ROW);
        long long expected = stmt_int64(stmt, 0);
        db_stmt_done(stmt);
        cr_assert_eq(count(pg, checks[i]), expected, "%s: PostgreSQL has %lld, SQLite %lld",
                     checks[i], count(pg, checks[i]), expected);
    }
    test_server_stop(&sqlite);
    pg_free(pg);
}

struct migrator {
    const char *uri;
    int applied;
    enum jvdr_err code;
};

static void *migrate_one(void *arg)
{
    struct migrator *m = arg;
    struct pg *pg = NULL;
    char err[256];
    m->code = pg_open(m->uri, &pg, err, sizeof err);
    if (m->code == JVDR_OK)
        m->code = pg_migrate(pg, &m->applied, err, sizeof err);
    pg_free(pg);
    return NULL;
}

Test(pg_store, instances_starting_together_migrate_once)
{
    char target[300];
    fresh_database("together", target, sizeof target);
    enum { INSTANCES = 4 };
    struct migrator m[INSTANCES];
    pthread_t threads[INSTANCES];
    for (int i = 0; i < INSTANCES; i++) {
        m[i] = (struct migrator){.uri = target};
        pthread_create(&threads[i], NULL, migrate_one, &m[i]);
    }
    int total = 0;
    for (int i = 0; i < INSTANCES; i++) {
        pthread_join(threads[i], NULL);
        cr_assert_eq(m[i].code, JVDR_OK, "instance %d", i);
        total += m[i].applied;
    }
    cr_assert_eq(total, pg_migrate_latest(), "each step applied once in all");
    struct pg *pg = connect_to(target);
    cr_assert_eq(count(pg, "SELECT count(*) FROM schema_migrations"), pg_migrate_latest());
    cr_assert_eq(count(pg, "SELECT count(*) FROM events"), 32, "the seed once, not four times");
    pg_free(pg);
}

Test(pg_store, a_database_migrated_by_a_newer_jvdr_is_refused_untouched)
{
    char target[300];
    fresh_database("newer", target, sizeof target);
    struct pg *pg = connect_to(target);
    char err[256];
    cr_assert_eq(pg_exec(pg,
                         "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, name text "
                         "NOT NULL, applied_at text NOT NULL); INSERT INTO schema_migrations "
                         "VALUES (999, '0999_future.sql', 'later')",
                         err, sizeof err),
                 JVDR_OK, "%s", err);
    int applied = -1;
    cr_assert_eq(pg_migrate(pg, &applied, err, sizeof err), JVDR_E_CONFLICT);
    cr_assert(strstr(err, "newer"), "%s", err);
    cr_assert_eq(applied, 0);
    cr_assert_eq(count(pg, "SELECT count(*) FROM pg_tables WHERE tablename = 'events'"), 0,
                 "nothing was created");
    pg_free(pg);
}

Test(pg_store, an_unreachable_database_stops_the_start_clearly_without_its_password)
{
    char dir_template[] = "/tmp/jvdr-uri-XXXXXX", log[160];
    char *work = mkdtemp(dir_template);
    cr_assert_not_null(work);
    snprintf(log, sizeof log, "%s/stderr", work);
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(work) != 0 || !freopen(log, "w", stderr))
            _exit(126);
        execl(JVDR_BINARY, JVDR_BINARY, "--port", "0", "--db",
              "postgresql://jvdr:a-secret-password@127.0.0.1:1/jvdr", (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d", status);
    FILE *f = fopen(log, "r");
    char text[2048] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    cr_assert(strstr(text, "cannot connect to PostgreSQL"), "%s", text);
    cr_assert(strstr(text, "127.0.0.1"), "the message names the server: %s", text);
    cr_assert_null(strstr(text, "a-secret-password"), "the password was printed: %s", text);
    char command[200];
    snprintf(command, sizeof command, "test $(ls -A %s | wc -l) -eq 1 && rm -rf %s", work, work);
    cr_assert_eq(system(command), 0, "a file was created beside the log");
}

/* synchronous_commit: on whatever the server's default, and remote_apply kept when the URI asks
 * for it (examples/ha: reads from a standby then see every acknowledged write). */
static void expect_synchronous_commit(const char *target, const char *expected)
{
    struct pg *pg = connect_to(target);
    PGresult *res = NULL;
    cr_assert_eq(pg_query(pg, "SHOW synchronous_commit", NULL, 0, &res), JVDR_OK);
    cr_assert_str_eq(PQgetvalue(res, 0, 0), expected, "%s", target);
    PQclear(res);
    pg_free(pg);
}

Test(pg_store, commits_wait_for_the_disk_or_for_more_when_asked)
{
    expect_synchronous_commit(uri, "on");
    char target[400];
    snprintf(target, sizeof target, "%s?options=-c%%20synchronous_commit%%3Doff", uri);
    expect_synchronous_commit(target, "on");
    snprintf(target, sizeof target, "%s?options=-c%%20synchronous_commit%%3Dremote_apply", uri);
    expect_synchronous_commit(target, "remote_apply");
}

static enum jvdr_err insert_key(struct pg *pg, int key)
{
    char text[16];
    snprintf(text, sizeof text, "%d", key);
    return pg_write(pg, "INSERT INTO batched (k) VALUES ($1)", (const char *const[]){text}, 1);
}

/* A bulk load's writes, held and sent together (pg_batch): a read sees every write before it, in
 * order, however many were held; a held write's failure is the next read's, or the batch end's,
 * and nothing after it lands; out of a batch a write fails at once. */
Test(pg_store, batched_writes_keep_their_order_and_report_their_failures)
{
    struct pg *pg = connect_to(uri);
    char err[256];
    cr_assert_eq(pg_exec(pg,
                         "CREATE TEMP TABLE batched (k int PRIMARY KEY, "
                         "after int CHECK (after IS NULL OR after > 0))",
                         err, sizeof err),
                 JVDR_OK, "%s", err);
    cr_assert_eq(pg_exec(pg, "BEGIN", err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(pg_batch(pg, true), JVDR_OK);
    for (int key = 1; key <= 150; key++) /* more than one pipeline holds */
        cr_assert_eq(insert_key(pg, key), JVDR_OK);
    cr_assert_eq(pg_write(pg, "UPDATE batched SET after = k - 1 WHERE k = 150", NULL, 0), JVDR_OK);
    cr_assert_eq(count(pg, "SELECT count(*) FROM batched WHERE after = 149"), 1,
                 "the update ran after the inserts it follows");
    cr_assert_eq(count(pg, "SELECT count(*) FROM batched"), 150);

    cr_assert_eq(insert_key(pg, 7), JVDR_OK, "held: not sent yet");
    cr_assert_eq(insert_key(pg, 151), JVDR_OK);
    PGresult *res = NULL;
    cr_assert_eq(pg_query(pg, "SELECT count(*) FROM batched", NULL, 0, &res), JVDR_E_CONFLICT,
                 "the duplicate key is the read's failure");
    cr_assert_null(res);
    cr_assert_eq(pg_exec(pg, "ROLLBACK", err, sizeof err), JVDR_OK, "%s", err);

    cr_assert_eq(pg_exec(pg, "BEGIN", err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(insert_key(pg, 1), JVDR_OK);
    cr_assert_eq(pg_write(pg, "UPDATE batched SET after = 0", NULL, 0), JVDR_OK);
    cr_assert_eq(pg_batch(pg, false), JVDR_E_INTERNAL, "the check's failure, at the batch's end");
    cr_assert_eq(pg_exec(pg, "ROLLBACK", err, sizeof err), JVDR_OK, "%s", err);
    cr_assert_eq(count(pg, "SELECT count(*) FROM batched"), 0, "all rolled back");

    cr_assert_eq(insert_key(pg, 1), JVDR_OK, "not batched: sent at once");
    cr_assert_eq(insert_key(pg, 1), JVDR_E_CONFLICT, "and failing at once");
    cr_assert_eq(count(pg, "SELECT count(*) FROM batched"), 1);
    pg_free(pg);
}

/* A server that takes the connection and never says a word (a host that stopped answering, or
 * something else on the port): jvdr gives up on it on its own (libpq would wait for ever) and says
 * why. */
Test(pg_store, a_server_that_never_answers_is_given_up_on)
{
    int silent = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    cr_assert_eq(bind(silent, (struct sockaddr *)&addr, sizeof addr), 0);
    cr_assert_eq(listen(silent, 8), 0); /* the kernel completes the handshake; nobody reads */
    cr_assert_eq(getsockname(silent, (struct sockaddr *)&addr, &len), 0);
    char silent_uri[96];
    snprintf(silent_uri, sizeof silent_uri, "postgresql://jvdr@127.0.0.1:%d/jvdr",
             ntohs(addr.sin_port));
    unsetenv("PGCONNECT_TIMEOUT");
    struct pg *pg = NULL;
    char err[256] = "";
    cr_assert_eq(pg_open(silent_uri, &pg, err, sizeof err), JVDR_E_BUSY);
    cr_assert_null(pg);
    cr_assert(strstr(err, "cannot connect to PostgreSQL") && strstr(err, "timeout"), "%s", err);
    close(silent);
}

struct heard {
    int count;
    char last[512];
    int sender;
};

static void on_heard(void *context, const char *payload, int sender)
{
    struct heard *h = context;
    h->count++;
    h->sender = sender;
    snprintf(h->last, sizeof h->last, "%s", payload);
}

/* Waits for up to about 2 s (a liveness bound) until h has count payloads. */
static void listen_for(struct pg_listener *listener, struct heard *h, int count)
{
    for (int i = 0; i < 20 && h->count < count; i++)
        cr_assert_eq(pg_listener_wait(listener, 100, on_heard, h), JVDR_OK);
}

Test(pg_store, a_commits_facts_reach_a_listener_and_a_rollbacks_never_do)
{
    struct pg *writer = connect_to(uri);
    struct pg_listener *listener = NULL;
    char err[256];
    cr_assert_eq(pg_listener_open(uri, &listener, err, sizeof err), JVDR_OK, "%s", err);
    const struct store_change facts[] = {{"event", "id", "admm-2020"}, {"event", "country", "JP"}};
    struct heard h = {0};

    cr_assert_eq(pg_exec(writer, "BEGIN", err, sizeof err), JVDR_OK);
    cr_assert_eq(pg_notify_send(writer, facts, 2), JVDR_OK);
    cr_assert_eq(pg_exec(writer, "ROLLBACK", err, sizeof err), JVDR_OK);
    cr_assert_eq(pg_exec(writer, "BEGIN", err, sizeof err), JVDR_OK);
    cr_assert_eq(pg_notify_send(writer, facts, 2), JVDR_OK);
    listen_for(listener, &h, 1);
    cr_assert_eq(h.count, 0, "nothing is heard before the commit");
    cr_assert_eq(pg_exec(writer, "COMMIT", err, sizeof err), JVDR_OK);
    listen_for(listener, &h, 1);
    cr_assert_eq(h.count, 1, "the commit is heard, once; the rollback never");
    /* How an instance knows its own commits (and skips them) among everyone's. */
    cr_assert_eq(h.sender, PQbackendPID(pg_handle(writer)), "the sender's backend is named");
    struct arena *arena = arena_new();
    struct store_changes back;
    store_changes_init(&back, arena);
    bool everything = true;
    pg_notify_read(h.last, &back, &everything);
    cr_assert_not(everything);
    cr_assert_eq(back.count, 2);
    cr_assert_str_eq(back.items[1].value, "JP");
    arena_free(arena);

    /* The listener's connection killed: it says so, so that its cache is no longer trusted. */
    cr_assert_eq(pg_exec(writer,
                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query "
                         "LIKE 'LISTEN%'",
                         err, sizeof err),
                 JVDR_OK, "%s", err);
    enum jvdr_err code = JVDR_OK;
    for (int i = 0; i < 20 && code == JVDR_OK; i++)
        code = pg_listener_wait(listener, 100, on_heard, &h);
    cr_assert_eq(code, JVDR_E_BUSY, "a lost listener is reported");
    pg_listener_free(listener);
    pg_free(writer);
}

/* Appends code point c to out as UTF-8; returns the bytes written. */
static size_t put_utf8(unsigned c, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | c >> 6);
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | c >> 12);
        o[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | c >> 18);
    o[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Search and name lookups fold text in SQL on PostgreSQL (migrations/postgresql/0004) and in C
 * for the query: both must fold every character alike, or a word would stop finding itself. */
Test(pg_store, the_sql_fold_is_the_services_fold_for_every_code_point)
{
    char target[300];
    fresh_database("jvdr_fold", target, sizeof target);
    struct pg *pg = connect_to(target);
    int applied = 0;
    char err[256];
    cr_assert_eq(pg_migrate(pg, &applied, err, sizeof err), JVDR_OK, "%s", err);
    /* Every code point but NUL and the surrogates, in blocks of 4096, each between spaces. */
    char *text = malloc(4096 * 6 + 1), *folded = malloc(4096 * 6 + 1);
    cr_assert(text && folded);
    for (unsigned first = 1; first < 0x110000; first += 4096) {
        size_t len = 0;
        for (unsigned c = first; c < first + 4096 && c < 0x110000; c++)
            if (c < 0xD800 || c > 0xDFFF) {
                len += put_utf8(c, text + len);
                text[len++] = ' ';
            }
        text[len] = '\0';
        size_t flen = fold_utf8(text, len, folded);
        const char *params[] = {text};
        PGresult *res = NULL;
        cr_assert_eq(pg_query(pg, "SELECT fold($1)", params, 1, &res), JVDR_OK, "%s",
                     PQerrorMessage(pg_handle(pg)));
        const char *sql = PQgetvalue(res, 0, 0);
        if (strlen(sql) != flen || memcmp(sql, folded, flen) != 0) {
            size_t at = 0;
            while (at < flen && sql[at] == folded[at])
                at++;
            cr_assert_fail("from U+%04X: SQL and C fold differ at byte %zu: SQL \"%.24s\", C "
                           "\"%.24s\"",
                           first, at, sql + at, folded + at);
        }
        PQclear(res);
    }
    free(text);
    free(folded);
    pg_free(pg);
}
