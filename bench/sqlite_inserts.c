/* bench/sqlite_inserts DB SECONDS [COUNT]: the write baseline. Makes, straight into SQLite with the
 * service's durability (WAL, synchronous=FULL, one transaction per write), the same inserts an
 * acknowledged POST /v1/events makes — the event, two countries, a participant, the audit row —
 * for SECONDS, and prints the rate. With COUNT, COUNT events in one transaction instead (a bulk
 * load's baseline), and the rate of that. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "jvdr/store/db.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/store.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s DB SECONDS [COUNT]\n", argv[0]);
        return 2;
    }
    struct store store;
    char err[256];
    if (store_open(&store, argv[1], err, sizeof err) != JVDR_OK) {
        fprintf(stderr, "sqlite_inserts: %s\n", err);
        store_close(&store);
        return 1;
    }
    struct db *db = NULL;
    store_db(&store, &db);
    sqlite3 *h = sqlite_handle(db);
    sqlite3_stmt *event, *country, *participant, *audit;
    sqlite3_prepare_v2(
        h, "INSERT INTO events (id, title, type, status) VALUES (?, ?, 'meeting', 'held')", -1,
        &event, NULL);
    sqlite3_prepare_v2(h, "INSERT INTO event_countries (event_id, country) VALUES (?, ?)", -1,
                       &country, NULL);
    sqlite3_prepare_v2(
        h, "INSERT INTO event_participants (event_id, official_id) VALUES (?, 'taro-kono')", -1,
        &participant, NULL);
    sqlite3_prepare_v2(
        h,
        "INSERT INTO changes (at, actor, action, kind, record_id, after) VALUES "
        "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'bench', 'create', 'event', ?, '{}')",
        -1, &audit, NULL);
    double start = now(), limit = atof(argv[2]);
    long n = 0, count = argc == 4 ? atol(argv[3]) : 0;
    if (count)
        sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    char id[64], title[64];
    while (count ? n < count : now() - start < limit) {
        snprintf(id, sizeof id, "direct-%ld", n);
        snprintf(title, sizeof title, "Direct insert %ld", n);
        if (!count)
            sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        sqlite3_bind_text(event, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(event, 2, title, -1, SQLITE_STATIC);
        sqlite3_step(event);
        sqlite3_reset(event);
        const char *codes[] = {"JP", "VN"};
        for (int i = 0; i < 2; i++) {
            sqlite3_bind_text(country, 1, id, -1, SQLITE_STATIC);
            sqlite3_bind_text(country, 2, codes[i], -1, SQLITE_STATIC);
            sqlite3_step(country);
            sqlite3_reset(country);
        }
        sqlite3_bind_text(participant, 1, id, -1, SQLITE_STATIC);
        sqlite3_step(participant);
        sqlite3_reset(participant);
        sqlite3_bind_text(audit, 1, id, -1, SQLITE_STATIC);
        sqlite3_step(audit);
        sqlite3_reset(audit);
        if (!count && sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "sqlite_inserts: commit failed: %s\n", sqlite3_errmsg(h));
            return 1;
        }
        n++;
    }
    if (count && sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite_inserts: commit failed: %s\n", sqlite3_errmsg(h));
        return 1;
    }
    printf("%.1f\n", (double)n / (now() - start));
    sqlite3_finalize(event);
    sqlite3_finalize(country);
    sqlite3_finalize(participant);
    sqlite3_finalize(audit);
    store_close(&store);
    return 0;
}
