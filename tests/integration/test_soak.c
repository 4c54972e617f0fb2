/* A bounded soak: 16 clients mix reads and writes against the real binary. No answer may be a
 * 5xx, no connection may be dropped, and memory must stay flat: after the warm-up, 1.5 times its
 * requests again leave resident size within a small margin. Phases are counted in requests, not
 * seconds: a slow machine runs longer rather than measures less. */
#include <criterion/criterion.h>
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

#define CLIENTS 16
#define WARM_UP 600 /* requests per client before the first measure: caches full by then */
#define LOAD 900    /* and between the two */

static struct test_process server;
static pthread_barrier_t warm; /* the clients and the test: warmed up, then measured */
static atomic_long answers, server_errors, dropped;

static const char *const reads[] = {"/v1/events",
                                    "/v1/events?limit=5&offset=5",
                                    "/v1/officials?q=kishi",
                                    "/v1/search?q=cyber",
                                    "/v1/stats",
                                    "/v1/timeline?official=phan-van-giang",
                                    "/v1/agreements?party=ASEAN",
                                    "/v1/events/defense-consultation-tokyo-2020",
                                    "/v1/sources/deepen-security-ties-2021",
                                    "/v1/changes?since=0",
                                    "/metrics",
                                    "/v1/events/no-such-event"};

static long rss_kb(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static void *client(void *arg)
{
    int number = (int)(long)arg;
    CURL *curl = curl_easy_init();
    const char *const headers[] = {"Authorization: Bearer soak-token-0123456789abcdef",
                                   "Content-Type: application/json", NULL};
    for (long n = 0; n < WARM_UP + LOAD; n++) {
        if (n == WARM_UP) { /* the test measures between the two waits */
            pthread_barrier_wait(&warm);
            pthread_barrier_wait(&warm);
        }
        char url[256], body[256];
        struct http_reply reply;
        CURLcode rc;
        if (n % 5 == 4) {
            /* A write: create, then delete it again, so the data keeps a steady size. */
            snprintf(url, sizeof url, "%s/v1/events", server.base_url);
            snprintf(body, sizeof body,
                     "{\"id\": \"soak-%d-%ld\", \"title\": \"Soak\", \"type\": \"meeting\"}",
                     number, n);
            rc = http_try(curl, "POST", url, headers, body, strlen(body), &reply);
            if (rc == CURLE_OK && reply.status == 201) {
                http_reply_free(&reply);
                snprintf(url, sizeof url, "%s/v1/events/soak-%d-%ld", server.base_url, number, n);
                rc = http_try(curl, "DELETE", url, headers, NULL, 0, &reply);
            }
        } else {
            snprintf(url, sizeof url, "%s%s", server.base_url, reads[(n + number) % 12]);
            rc = http_try(curl, "GET", url, NULL, NULL, 0, &reply);
        }
        if (rc != CURLE_OK)
            atomic_fetch_add(&dropped, 1);
        else if (reply.status >= 500)
            atomic_fetch_add(&server_errors, 1);
        atomic_fetch_add(&answers, 1);
        http_reply_free(&reply);
    }
    curl_easy_cleanup(curl);
    return NULL;
}

Test(soak, mixed_load_gives_no_5xx_no_dropped_connections_and_flat_memory, .timeout = 120)
{
    char dir[] = "/tmp/jvdr-soak-XXXXXX", db[128];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/jvdr.db", dir);
    const char *const args[] = {"--port", "0", "--db", db, NULL};
    /* Under AddressSanitizer freed memory waits in a quarantine, 256 MB unless told: it would
     * still be filling when measured. A small one fills in the warm-up. */
    const char *const env[] = {"JVDR_API_TOKEN=soak-token-0123456789abcdef",
                               "ASAN_OPTIONS=quarantine_size_mb=16", NULL};
    test_process_start(&server, args, env);
    pthread_barrier_init(&warm, NULL, CLIENTS + 1);
    pthread_t threads[CLIENTS];
    for (long i = 0; i < CLIENTS; i++)
        pthread_create(&threads[i], NULL, client, (void *)i);
    pthread_barrier_wait(&warm);
    long warmed = rss_kb(server.pid);
    pthread_barrier_wait(&warm);
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(threads[i], NULL);
    long end = rss_kb(server.pid);
    test_process_stop(&server, SIGTERM);
    pthread_barrier_destroy(&warm);

    cr_assert_eq(atomic_load(&answers), CLIENTS * (WARM_UP + LOAD));
    cr_assert_eq(atomic_load(&server_errors), 0, "5xx answers under load");
    cr_assert_eq(atomic_load(&dropped), 0, "dropped connections under load");
    cr_assert_leq(end, warmed + warmed / 10 + 2048, "RSS grew from %ld KB after warm-up to %ld KB",
                  warmed, end);
}
