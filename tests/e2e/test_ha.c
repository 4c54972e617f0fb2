/* Losing a machine loses nothing: examples/ha/run-local.sh's topology (nginx in front of two jvdr
 * instances on a PostgreSQL primary with a synchronous standby) under a steady mix of reads and
 * writes through nginx, broken three ways: an instance killed (every GET still 200, no write
 * applied twice), the primary killed and the standby promoted (reads go on from the standby;
 * every acknowledged write there, through both instances), the instance started again (the same
 * answers, bodies and ETags, as the other). Then the same under
 * pg_auto_failover with nobody at the controls: the primary's machine killed, the monitor promotes
 * the standby, both instances write again without a restart (503 with Retry-After meanwhile, never
 * a 500), every acknowledged write is there once, and the old primary rejoins as the standby.
 * Last, a mistaken delete undone by point-in-time recovery: the base backup and the archived WAL
 * replayed to just before the delete's time in /v1/changes, jvdr started on that server.
 * Prints the time from each kill to the first acknowledged write after it. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_http.h"
#include "test_process.h"

#define RUN_LOCAL JVDR_HA_DIR "/run-local.sh"
#define WRITERS 2
#define READERS 2
#define MAX_WRITES 4000

enum phase { WARM, INSTANCE_KILLED, PRIMARY_KILLED, PROMOTED, RESTARTED, PHASES };
static const char *const phase_names[] = {"before the faults", "one instance killed",
                                          "the primary killed (until a write succeeds again)",
                                          "after the promotion", "the instance started again"};

/* The same phases when pg_auto_failover promotes the standby by itself (the failover test). */
static const char *const failover_names[] = {
    "before the faults", "-", "the primary killed (until a write succeeds again)",
    "after the automatic failover", "the old primary back as the standby"};
static const char *const *names = phase_names;

static char dir[64], nginx[64], direct_a[64], direct_b[64], token[128], standby_port[16];
static char db_uri[512];
static atomic_int phase;
static atomic_bool stopping;

/* Reads' answers per phase: 200, and anything else. */
static atomic_long reads_ok[PHASES], reads_failed[PHASES];
static long read_failure_status[PHASES]; /* one of them, for the message */

struct write {
    char marker[32]; /* in the record's title or summary: [ha-w-i] */
    bool post;
    long status;
    int phase;
    double sent_ms;   /* when it was sent */
    double at_ms;     /* when its answer came */
    bool retry_after; /* a 503 said when to try again */
};
static struct write writes[WRITERS][MAX_WRITES];
static atomic_int nwrites[WRITERS];

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void pause_ms(long ms)
{
    nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000L}, NULL);
}

/* Runs `run-local.sh command DIR [instance]`; its exit status. */
static int run_local(const char *command, const char *instance)
{
    char line[512];
    snprintf(line, sizeof line, "JVDR=%s %s %s %s %s >>%s.log 2>&1", JVDR_BINARY, RUN_LOCAL,
             command, dir, instance ? instance : "", dir);
    return system(line);
}

/* The value of key in DIR/topology.env. */
static void topology(const char *key, char *out, size_t len)
{
    char path[128], line[512];
    snprintf(path, sizeof path, "%s/topology.env", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "no %s", path);
    out[0] = '\0';
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, len, "%s", line + klen + 1);
        }
    fclose(f);
    cr_assert(out[0], "%s is not in %s", key, path);
}

/* Starts the topology (run-local.sh's command: start or start-auto) and reads what it wrote. */
static void start_topology(const char *command)
{
    snprintf(dir, sizeof dir, "/tmp/jvdr-ha-%d", (int)getpid());
    cr_assert_eq(run_local(command, NULL), 0, "the topology did not start (see %s.log)", dir);
    char port[16];
    topology("NGINX_PORT", port, sizeof port);
    snprintf(nginx, sizeof nginx, "http://127.0.0.1:%s", port);
    topology("PORT_a", port, sizeof port);
    snprintf(direct_a, sizeof direct_a, "http://127.0.0.1:%s", port);
    topology("PORT_b", port, sizeof port);
    snprintf(direct_b, sizeof direct_b, "http://127.0.0.1:%s", port);
    topology("DB_URI", db_uri, sizeof db_uri);
    char path[128];
    snprintf(path, sizeof path, "%s/token", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(token, sizeof token, f));
    fclose(f);
}

static void start(void)
{
    start_topology("start");
    topology("STANDBY_PORT", standby_port, sizeof standby_port);
}

static void start_auto(void)
{
    names = failover_names;
    start_topology("start-auto");
    setenv("PGUSER", "postgres", 1); /* pg_auto_failover's URI names no user */
}

static void stop(void)
{
    run_local("stop", NULL);
}

/* One suite, each test starting the topology it needs (two suites in one runner leak 48 bytes
 * inside libcriterion at exit, which AddressSanitizer's leak check counts against the test). */
TestSuite(ha, .timeout = 300);

static void *reader(void *unused)
{
    (void)unused;
    static const char *const paths[] = {"/v1/events?limit=5", "/v1/stats", "/v1/events/admm-2020",
                                        "/v1/timeline?limit=3", "/v1/officials/phan-van-giang"};
    CURL *curl = curl_easy_init();
    for (unsigned i = 0; !atomic_load(&stopping); i++) {
        char url[160];
        snprintf(url, sizeof url, "%s%s", nginx, paths[i % 5]);
        int p = atomic_load(&phase);
        struct http_reply reply;
        CURLcode rc = http_try(curl, "GET", url, NULL, NULL, 0, &reply);
        long status = rc == CURLE_OK ? reply.status : -rc;
        if (rc == CURLE_OK)
            http_reply_free(&reply);
        if (status == 200) {
            atomic_fetch_add(&reads_ok[p], 1);
        } else {
            atomic_fetch_add(&reads_failed[p], 1);
            read_failure_status[p] = status;
        }
        pause_ms(2);
    }
    curl_easy_cleanup(curl);
    return NULL;
}

/* Writer w: new events and changes to one event, each with a marker of its own. */
static void *writer(void *context)
{
    int w = (int)(long)context;
    char auth[192];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    const char *const post_headers[] = {auth, "Content-Type: application/json", NULL};
    const char *const patch_headers[] = {auth, "Content-Type: application/merge-patch+json", NULL};
    CURL *curl = curl_easy_init();
    for (int i = 0; !atomic_load(&stopping) && i < MAX_WRITES; i++) {
        struct write *x = &writes[w][i];
        snprintf(x->marker, sizeof x->marker, "[ha-%d-%d]", w, i);
        x->post = i % 2 == 0;
        char url[160], body[256];
        if (x->post) {
            snprintf(url, sizeof url, "%s/v1/events", nginx);
            snprintf(body, sizeof body,
                     "{\"id\": \"ha-%d-%d\", \"title\": \"Written %s\", \"type\": \"meeting\"}", w,
                     i, x->marker);
        } else {
            snprintf(url, sizeof url, "%s/v1/events/ha-%d-0", nginx, w);
            snprintf(body, sizeof body, "{\"summary\": \"Changed %s\"}", x->marker);
        }
        x->phase = atomic_load(&phase);
        x->sent_ms = now_ms();
        struct http_reply reply;
        CURLcode rc = http_try(curl, x->post ? "POST" : "PATCH", url,
                               x->post ? post_headers : patch_headers, body, strlen(body), &reply);
        x->status = rc == CURLE_OK ? reply.status : -rc;
        x->at_ms = now_ms();
        char retry[16];
        x->retry_after = rc == CURLE_OK && http_header(&reply, "Retry-After", retry, sizeof retry);
        if (rc == CURLE_OK)
            http_reply_free(&reply);
        atomic_store(&nwrites[w], i + 1);
        pause_ms(5);
    }
    curl_easy_cleanup(curl);
    return NULL;
}

/* Milliseconds from since to the answer of the first write sent after it and acknowledged; fails
 * past 60 s. */
static double recovery_ms(double since)
{
    for (;;) {
        for (int w = 0; w < WRITERS; w++)
            for (int i = 0; i < atomic_load(&nwrites[w]); i++)
                if (writes[w][i].sent_ms > since && writes[w][i].status / 100 == 2)
                    return writes[w][i].at_ms - since;
        cr_assert_lt(now_ms() - since, 60000, "no write succeeded within 60 s of the fault");
        pause_ms(10);
    }
}

/* How many times the promoted standby's audit trail says x was applied: the event's creation
 * with x's title, or a change that set x's summary. */
static long audit_rows(PGconn *db, const struct write *x)
{
    char value[64];
    snprintf(value, sizeof value, "%s %.*s", x->post ? "Written" : "Changed",
             (int)sizeof x->marker - 1, x->marker);
    const char *params[] = {value};
    PGresult *res = PQexecParams(
        db,
        x->post
            ? "SELECT count(*) FROM changes WHERE action = 'create' AND after::json->>'title' = $1"
            : "SELECT count(*) FROM changes WHERE action <> 'create' AND after::json->>'summary' = "
              "$1",
        1, NULL, params, NULL, NULL, 0);
    cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
    long n = strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return n;
}

static long status_of(const char *base, const char *path, char *body, size_t len, char *etag,
                      size_t etag_len)
{
    struct http_reply reply;
    http_get(base, path, &reply);
    long status = reply.status;
    if (body)
        snprintf(body, len, "%s", reply.body);
    if (etag && !http_header(&reply, "ETag", etag, etag_len))
        etag[0] = '\0';
    http_reply_free(&reply);
    return status;
}

/* jvdr_reads_retried_total of the instance at base (b, never restarted, counts every fault). */
static long reads_retried(const char *base)
{
    struct http_reply reply;
    http_get(base, "/metrics", &reply);
    const char *line = strstr(reply.body, "\njvdr_reads_retried_total ");
    long n = -1;
    if (line)
        sscanf(line, "\njvdr_reads_retried_total %ld", &n);
    http_reply_free(&reply);
    return n;
}

/* Checks every write: acknowledged (200, 201) or refused clearly (503 with Retry-After; with an
 * instance lost, nginx's 502 and 504 too; a PATCH whose event's POST failed, 404); applied at most
 * once in db's audit trail, exactly once when acknowledged, and then served by both instances.
 * Returns how many were acknowledged; *refused counts the others, *last (may be NULL) is the
 * acknowledged creation answered last. */
static long check_writes(PGconn *db, bool instance_lost, const struct write **last, long *refused)
{
    long acknowledged = 0;
    for (int w = 0; w < WRITERS; w++)
        for (int i = 0; i < atomic_load(&nwrites[w]); i++) {
            const struct write *x = &writes[w][i];
            bool ok = x->status == 200 || x->status == 201;
            bool clear = ok || x->status == 503 || (x->status == 404 && !x->post) ||
                         (instance_lost && (x->status == 502 || x->status == 504));
            cr_assert(clear, "%s (during %s) answered %ld", x->marker, names[x->phase], x->status);
            cr_assert(instance_lost || x->status != 503 || x->retry_after,
                      "%s: a 503 without Retry-After", x->marker);
            long rows = audit_rows(db, x);
            cr_assert_leq(rows, 1, "%s was applied %ld times", x->marker, rows);
            if (!ok) {
                (*refused)++;
                continue;
            }
            acknowledged++;
            cr_assert_eq(rows, 1, "%s was acknowledged (during %s) and is lost", x->marker,
                         names[x->phase]);
            if (x->post) {
                char path[64];
                snprintf(path, sizeof path, "/v1/events/ha-%d-%d", w, i);
                cr_assert_eq(status_of(direct_a, path, NULL, 0, NULL, 0), 200, "%s on a", path);
                cr_assert_eq(status_of(direct_b, path, NULL, 0, NULL, 0), 200, "%s on b", path);
                if (last && (!*last || x->at_ms > (*last)->at_ms))
                    *last = x;
            }
        }
    return acknowledged;
}

/* Polls until a and b answer path alike (bodies and ETags), up to 5 s; fails past it. */
static void expect_same(const char *path)
{
    static char body_a[1 << 20], body_b[1 << 20];
    char etag_a[80], etag_b[80];
    double t0 = now_ms();
    for (;;) {
        long sa = status_of(direct_a, path, body_a, sizeof body_a, etag_a, sizeof etag_a);
        long sb = status_of(direct_b, path, body_b, sizeof body_b, etag_b, sizeof etag_b);
        if (sa == 200 && sb == 200 && strcmp(body_a, body_b) == 0 && strcmp(etag_a, etag_b) == 0)
            return;
        cr_assert_lt(now_ms() - t0, 5000,
                     "%s: the restarted instance answers %ld %s, the other %ld %s", path, sa,
                     etag_a, sb, etag_b);
        pause_ms(50);
    }
}

/* The steady mix: READERS readers and WRITERS writers through nginx, for a second before the
 * faults; stop_load ends them. */
static void start_load(pthread_t *threads)
{
    for (long i = 0; i < READERS; i++)
        pthread_create(&threads[i], NULL, reader, NULL);
    for (long w = 0; w < WRITERS; w++)
        pthread_create(&threads[READERS + w], NULL, writer, (void *)w);
    pause_ms(1000);
}

static void stop_load(pthread_t *threads)
{
    atomic_store(&stopping, true);
    for (int i = 0; i < READERS + WRITERS; i++)
        pthread_join(threads[i], NULL);
}

/* Prints each phase's reads and writes, after test's name. */
static void report_phases(const char *test)
{
    for (int p = 0; p < PHASES; p++) {
        if (strcmp(names[p], "-") == 0)
            continue;
        long ok = 0, bad = 0;
        for (int w = 0; w < WRITERS; w++)
            for (int i = 0; i < atomic_load(&nwrites[w]); i++)
                if (writes[w][i].phase == p) {
                    ok += writes[w][i].status / 100 == 2;
                    bad += writes[w][i].status / 100 != 2;
                }
        fprintf(stderr,
                "%s: %s: reads %ld answered 200, %ld did not; writes %ld acknowledged, %ld not\n",
                test, names[p], atomic_load(&reads_ok[p]), atomic_load(&reads_failed[p]), ok, bad);
    }
}

Test(ha, losing_an_instance_or_the_primary_loses_no_acknowledged_write, .init = start, .fini = stop)
{
    pthread_t threads[READERS + WRITERS];
    start_load(threads);

    /* 1. An instance lost: nginx sends its requests to the other. */
    atomic_store(&phase, INSTANCE_KILLED);
    cr_assert_eq(run_local("kill-instance", "a"), 0);
    double killed = now_ms(); /* (what was sent before this may have been answered before it) */
    double instance_recovery = recovery_ms(killed);
    pause_ms(1500);

    /* 2. The primary lost, and the standby promoted (a failover manager's part, done by hand). */
    atomic_store(&phase, PRIMARY_KILLED);
    cr_assert_eq(run_local("kill-primary", NULL), 0);
    killed = now_ms();
    cr_assert_eq(run_local("promote", NULL), 0);
    double primary_recovery = recovery_ms(killed);
    atomic_store(&phase, PROMOTED);
    pause_ms(1500);

    /* 3. The instance back. */
    cr_assert_eq(run_local("start-instance", "a"), 0);
    atomic_store(&phase, RESTARTED);
    pause_ms(1500);
    stop_load(threads);

    fprintf(stderr,
            "ha: recovery (kill to the first acknowledged write after it): instance %.0f ms, "
            "primary %.0f ms\n",
            instance_recovery, primary_recovery);
    fprintf(stderr, "ha: reads run again on another connection after theirs broke: b %ld\n",
            reads_retried(direct_b));
    report_phases("ha");
    /* Every GET answers 200, through every fault. While no server takes writes the instances
     * read from the standby, and a read whose connection broke under it as the primary died runs
     * again there (without the standby every read of the gap failed, 20 to 40 here; without the
     * second run, 0 to 2 in flight did). */
    for (int p = 0; p < PHASES; p++) {
        cr_assert_gt(atomic_load(&reads_ok[p]), 0, "no read during %s", names[p]);
        cr_assert_eq(atomic_load(&reads_failed[p]), 0, "%ld reads failed (%ld) during %s",
                     atomic_load(&reads_failed[p]), read_failure_status[p], names[p]);
    }

    /* Every write answered or failed with a clear status; every acknowledged one is on the
     * promoted standby, once, and served by both instances; none, acknowledged or not, twice. */
    char conninfo[96];
    snprintf(conninfo, sizeof conninfo, "host=127.0.0.1 port=%s user=postgres dbname=jvdr",
             standby_port);
    PGconn *db = PQconnectdb(conninfo);
    cr_assert_eq(PQstatus(db), CONNECTION_OK, "%s", PQerrorMessage(db));
    long failed = 0;
    long acknowledged = check_writes(db, true, NULL, &failed);
    PQfinish(db);
    fprintf(stderr, "ha: %ld writes acknowledged, %ld failed with 502/503/504, 0 lost, 0 twice\n",
            acknowledged, failed);
    cr_assert_gt(acknowledged, 0);

    /* The instance that was killed serves what the other does. */
    static const char *const paths[] = {"/v1/events?limit=500", "/v1/stats",
                                        "/v1/timeline?limit=500", "/v1/events/ha-0-0",
                                        "/v1/changes?limit=100"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        expect_same(paths[i]);
}

Test(ha, nobody_promotes_and_pg_auto_failover_loses_no_acknowledged_write, .init = start_auto,
     .fini = stop)
{
    pthread_t threads[READERS + WRITERS];
    start_load(threads);

    /* The primary's machine lost (PostgreSQL and its pg_autoctl), and nobody at the controls: the
     * monitor promotes the standby, and both instances write again without a restart. */
    atomic_store(&phase, PRIMARY_KILLED);
    cr_assert_eq(run_local("kill-primary", NULL), 0);
    double killed = now_ms();
    double failover = recovery_ms(killed);
    atomic_store(&phase, PROMOTED);
    pause_ms(1500);

    /* The old primary's machine back: pg_auto_failover makes it the standby. */
    cr_assert_eq(run_local("rejoin", NULL), 0, "the old primary did not rejoin (see %s.log)", dir);
    atomic_store(&phase, RESTARTED);
    pause_ms(1500);
    stop_load(threads);
    fprintf(stderr, "failover: from the kill to the first acknowledged write after it: %.1f s\n",
            failover / 1000);
    report_phases("failover");

    for (int p = 0; p < PHASES; p++) {
        if (strcmp(names[p], "-") == 0)
            continue;
        cr_assert_gt(atomic_load(&reads_ok[p]), 0, "no read during %s", names[p]);
        cr_assert_eq(atomic_load(&reads_failed[p]), 0, "%ld reads failed (%ld) during %s",
                     atomic_load(&reads_failed[p]), read_failure_status[p], names[p]);
    }

    /* While no server took writes, each write was a 503 with Retry-After, never a 500; every
     * acknowledged write is on the new primary once, and served by both instances. */
    PGconn *db = PQconnectdb(db_uri);
    cr_assert_eq(PQstatus(db), CONNECTION_OK, "%s", PQerrorMessage(db));
    long refused = 0;
    const struct write *last = NULL;
    long acknowledged = check_writes(db, false, &last, &refused);
    PQfinish(db);
    fprintf(stderr, "failover: %ld writes acknowledged, %ld refused with 503, 0 lost, 0 twice\n",
            acknowledged, refused);
    cr_assert_gt(acknowledged, 0);
    cr_assert_not_null(last);

    /* The old primary is the standby now, streaming: it holds the last acknowledged write. */
    char killed_node[16], key[96], port[16], conninfo[128];
    snprintf(key, sizeof key, "%s/killed", dir);
    FILE *f = fopen(key, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(killed_node, sizeof killed_node, f));
    fclose(f);
    killed_node[strcspn(killed_node, "\n")] = '\0';
    snprintf(key, sizeof key, "PORT_%s", killed_node);
    topology(key, port, sizeof port);
    snprintf(conninfo, sizeof conninfo, "host=127.0.0.1 port=%s user=postgres dbname=jvdr", port);
    PGconn *old = PQconnectdb(conninfo);
    cr_assert_eq(PQstatus(old), CONNECTION_OK, "%s", PQerrorMessage(old));
    PGresult *res = PQexec(old, "SELECT pg_is_in_recovery()");
    cr_assert_str_eq(PQgetvalue(res, 0, 0), "t", "the old primary is not a standby");
    PQclear(res);
    double t0 = now_ms();
    while (audit_rows(old, last) != 1) {
        cr_assert_lt(now_ms() - t0, 10000, "the old primary never received %s", last->marker);
        pause_ms(50);
    }
    PQfinish(old);
}

/* A write through nginx with the token; its status. */
static long write_through(const char *method, const char *path, const char *body)
{
    char url[160], auth[192];
    snprintf(url, sizeof url, "%s%s", nginx, path);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    const char *const headers[] = {auth, "Content-Type: application/json", NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, &reply);
    long status = reply.status;
    http_reply_free(&reply);
    return status;
}

Test(ha, a_mistaken_delete_is_undone_by_point_in_time_recovery, .init = start, .fini = stop)
{
    cr_assert_eq(run_local("base-backup", NULL), 0, "no base backup (see %s.log)", dir);
    cr_assert_eq(write_through("POST", "/v1/events",
                               "{\"id\": \"pitr-kept\", \"title\": \"Deleted by mistake\", "
                               "\"type\": \"meeting\"}"),
                 201);
    /* The audit trail's times are in milliseconds: the delete's, the recovery's target, must come
     * after the creation's commit, not in the same millisecond. */
    pause_ms(5);
    cr_assert_eq(write_through("DELETE", "/v1/events/pitr-kept", NULL), 204);
    cr_assert_eq(write_through("POST", "/v1/events",
                               "{\"id\": \"pitr-later\", \"title\": \"Written after the "
                               "mistake\", \"type\": \"meeting\"}"),
                 201);
    /* When the delete happened, as the audit trail says. */
    json_t *changes = http_get_json(nginx, "/v1/changes?kind=event&id=pitr-kept");
    json_t *items = json_object_get(changes, "items");
    json_t *deleted = json_array_get(items, json_array_size(items) - 1);
    cr_assert_str_eq(json_string_value(json_object_get(deleted, "action")), "delete");
    char at[64];
    snprintf(at, sizeof at, "%s", json_string_value(json_object_get(deleted, "at")));
    cr_assert_lt(strcmp(json_string_value(json_object_get(json_array_get(items, 0), "at")), at), 0,
                 "the creation and the delete share a time");
    json_decref(changes);

    /* The base backup and the archived WAL, recovered to just before that moment. */
    cr_assert_eq(run_local("pitr", at), 0, "no recovery to %s (see %s.log)", at, dir);
    char path[96], port[16] = "";
    snprintf(path, sizeof path, "%s/restored.port", dir);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(port, sizeof port, f));
    fclose(f);
    port[strcspn(port, "\n")] = '\0';
    char uri[128];
    snprintf(uri, sizeof uri, "postgresql://postgres@127.0.0.1:%s/jvdr", port);
    struct test_process restored;
    memset(&restored, 0, sizeof restored);
    const char *const args[] = {"--port", "0", "--db", uri, NULL};
    test_process_start(&restored, args, NULL);
    cr_expect_eq(status_of(restored.base_url, "/v1/events/pitr-kept", NULL, 0, NULL, 0), 200,
                 "the record deleted by mistake is not back");
    cr_expect_eq(status_of(restored.base_url, "/v1/events/pitr-later", NULL, 0, NULL, 0), 404,
                 "the recovery went past the delete");
    fprintf(stderr, "ha: recovered to %s: the deleted event is back\n", at);
    test_process_stop(&restored, SIGTERM);
}
