/* bench/generate DB EVENTS: builds a benchmark database — the seed, plus EVENTS generated events
 * with officials (one per 100 events) and agreements (one per 20) to match, each with countries,
 * topics, participants, parties, signatories and source spans — through the same migrations and
 * triggers (search index included) as the service, its full-text indexes merged at the end. */
#include <stdio.h>
#include <stdlib.h>

#include "jvdr/store/db.h"
#include "jvdr/store/sqlite.h"
#include "jvdr/store/store.h"

static const char generate_sql[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO officials (id, name, country, summary)"
    " SELECT printf('gen-official-%%d', i), printf('Official Number%%d', i),"
    " CASE i %% 4 WHEN 0 THEN 'JP' WHEN 1 THEN 'VN' WHEN 2 THEN 'US' ELSE 'PH' END,"
    " 'A generated official for benchmarks.' FROM n;"
    "INSERT INTO official_aliases (official_id, alias)"
    " SELECT id, 'Number' || substr(id, 14) || ' Official' FROM officials WHERE id LIKE 'gen-%%';"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO agreements (id, title, type, status, date, summary)"
    " SELECT printf('gen-agreement-%%d', i), printf('Generated memorandum %%d on training', i),"
    " 'memorandum', 'signed', printf('%%04d-%%02d', 1990 + i %% 35, 1 + i %% 12),"
    " 'A generated agreement.' FROM n;"
    "INSERT INTO agreement_parties (agreement_id, party)"
    " SELECT id, 'JP' FROM agreements WHERE id LIKE 'gen-%%'"
    " UNION ALL SELECT id, 'VN' FROM agreements WHERE id LIKE 'gen-%%';"
    "INSERT INTO agreement_signatories (agreement_id, official_id)"
    " SELECT id, printf('gen-official-%%d', 1 + CAST(substr(id, 15) AS INTEGER) %% %d)"
    " FROM agreements WHERE id LIKE 'gen-%%';"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO events (id, title, type, status, date, location, host_country, summary)"
    " SELECT printf('gen-event-%%d', i),"
    " printf('Generated %%s number %%d', CASE i %% 3 WHEN 0 THEN 'meeting' WHEN 1 THEN 'dialogue'"
    " ELSE 'visit' END, i),"
    " CASE i %% 3 WHEN 0 THEN 'meeting' WHEN 1 THEN 'dialogue' ELSE 'visit' END, 'held',"
    " CASE i %% 3 WHEN 0 THEN printf('%%04d', 1990 + i %% 35)"
    " WHEN 1 THEN printf('%%04d-%%02d', 1990 + i %% 35, 1 + i %% 12)"
    " ELSE printf('%%04d-%%02d-%%02d', 1990 + i %% 35, 1 + i %% 12, 1 + i %% 28) END,"
    " CASE i %% 4 WHEN 0 THEN 'Tokyo' WHEN 1 THEN 'Hanoi' WHEN 2 THEN 'Manila' ELSE 'Da Nang' END,"
    " CASE i %% 2 WHEN 0 THEN 'JP' ELSE 'VN' END,"
    " 'A generated event about maritime security and training.' FROM n;"
    "INSERT INTO event_countries (event_id, country)"
    " SELECT id, 'JP' FROM events WHERE id LIKE 'gen-%%'"
    " UNION ALL SELECT id, 'VN' FROM events WHERE id LIKE 'gen-%%';"
    "INSERT INTO event_topics (event_id, topic)"
    " SELECT id, CASE CAST(substr(id, 11) AS INTEGER) %% 5 WHEN 0 THEN 'maritime-security'"
    " WHEN 1 THEN 'training' WHEN 2 THEN 'cyber-security' WHEN 3 THEN 'peacekeeping'"
    " ELSE 'search-and-rescue' END FROM events WHERE id LIKE 'gen-%%';"
    "INSERT INTO event_participants (event_id, official_id, role)"
    " SELECT id, printf('gen-official-%%d', 1 + CAST(substr(id, 11) AS INTEGER) %% %d), 'delegate'"
    " FROM events WHERE id LIKE 'gen-%%';"
    "INSERT INTO event_agreements (event_id, agreement_id, relation)"
    " SELECT printf('gen-event-%%d', CAST(substr(id, 15) AS INTEGER) * 20), id, 'signed'"
    " FROM agreements WHERE id LIKE 'gen-%%';"
    "INSERT INTO event_sources (event_id, source_id, start, end)"
    " SELECT id, 'deepen-security-ties-2021', 0, 38 FROM events WHERE id LIKE 'gen-%%';";

int main(int argc, char **argv)
{
    if (argc != 3 || atoi(argv[2]) < 100) {
        fprintf(stderr, "usage: %s DB EVENTS (at least 100)\n", argv[0]);
        return 2;
    }
    int events = atoi(argv[2]), officials = events / 100, agreements = events / 20;
    struct store store;
    char err[256];
    if (store_open(&store, argv[1], err, sizeof err) != JVDR_OK) {
        fprintf(stderr, "generate: %s\n", err);
        store_close(&store);
        return 1;
    }
    struct db *db = NULL;
    char *sql = malloc(sizeof generate_sql + 64);
    snprintf(sql, sizeof generate_sql + 64, generate_sql, officials, agreements, officials, events,
             officials);
    char *msg = NULL;
    /* On the writer's connection, under its lock (BEGIN IMMEDIATE): a transaction begun on a
     * reader's connection was refused as busy once the store's own start-up had written since. */
    int rc = store_write_begin(&store, &db) == JVDR_OK
                 ? sqlite3_exec(sqlite_handle(db), sql, NULL, NULL, &msg)
                 : SQLITE_BUSY;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sqlite_handle(db), "ANALYZE", NULL, NULL, &msg);
    /* The full-text indexes merged whole, as a store that grew by writes has them merged by the
     * upkeep thread: one transaction leaves large segments on the first level, and the first
     * writes' small ones beside them start merges of them all, a few pages a step under the
     * writers' lock while later writes wait (at a million events, the first hundred writes at 10
     * a second took 10-200 ms each beside the mixed reads, 4-14 ms on a merged store). */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sqlite_handle(db),
                          "INSERT INTO search_index(search_index) VALUES ('optimize');"
                          "INSERT INTO search_titles(search_titles) VALUES ('optimize');"
                          "INSERT INTO search_minor(search_minor) VALUES ('optimize')",
                          NULL, NULL, &msg);
    if (db &&
        store_write_end(&store, db, rc == SQLITE_OK ? JVDR_OK : JVDR_E_INTERNAL, NULL, 0) !=
            JVDR_OK &&
        rc == SQLITE_OK)
        rc = SQLITE_ERROR;
    if (rc == SQLITE_OK && store_db(&store, &db) == JVDR_OK)
        rc = sqlite3_exec(sqlite_handle(db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "generate: %s\n", msg ? msg : "failed");
    free(sql);
    sqlite3_free(msg);
    store_close(&store);
    return rc == SQLITE_OK ? 0 : 1;
}
