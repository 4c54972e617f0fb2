/* FTS5's merges off the write path. Each write adds a small segment to a full-text index, and
 * FTS5 merges segments inside the write that fills a level of them (its 'automerge'): at a
 * million events one write in a few hundred rewrote 3,400 pages, 480 ms, and made the next
 * write's sync wait behind the checkpoint. With automerge off, writes only add segments, and the
 * store's upkeep thread merges them a few pages at a time between writes (FTS5's 'merge'
 * command), under the writers' lock like any write. Should that thread not run, FTS5 still
 * merges inside a write once a level holds 16 segments (its 'crisismerge'): searches stay right
 * and only slower. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>

#include "jvdr/base/log.h"
#include "jvdr/store/sqlite.h"

/* Pages a step merges at most in each index: a few milliseconds, so a write waits no longer. */
#define MERGE_PAGES 32

/* The full-text indexes (migrations 0003, 0008 and 0018). */
static const char *const AUTOMERGE_ON[] = {
    "SELECT 1 FROM search_index_config WHERE k = 'automerge' AND v = 0",
    "SELECT 1 FROM search_titles_config WHERE k = 'automerge' AND v = 0",
    "SELECT 1 FROM search_minor_config WHERE k = 'automerge' AND v = 0",
};
static const char *const AUTOMERGE_OFF[] = {
    "INSERT INTO search_index(search_index, rank) VALUES ('automerge', 0)",
    "INSERT INTO search_titles(search_titles, rank) VALUES ('automerge', 0)",
    "INSERT INTO search_minor(search_minor, rank) VALUES ('automerge', 0)",
};
/* A positive page count merges only levels that hold enough segments ('usermerge', 4). */
static const char *const MERGE[] = {
    "INSERT INTO search_index(search_index, rank) VALUES ('merge', ?)",
    "INSERT INTO search_titles(search_titles, rank) VALUES ('merge', ?)",
    "INSERT INTO search_minor(search_minor, rank) VALUES ('merge', ?)",
};
#define INDEXES (sizeof MERGE / sizeof *MERGE)

struct search_merger {
    sqlite3 *writer;
    sqlite3_stmt *merge[INDEXES];
};

/* Whether automerge is on for index i (absent from its configuration: FTS5's default, on). */
static bool automerge_on(sqlite3 *writer, size_t i, bool *on)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(writer, AUTOMERGE_ON[i], -1, &stmt, NULL) != SQLITE_OK)
        return false;
    int rc = sqlite3_step(stmt);
    *on = rc == SQLITE_DONE;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

struct search_merger *sqlite_search_merger_start(sqlite3 *writer)
{
    struct search_merger *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->writer = writer;
    /* Every merge statement first: automerge goes off only where someone will merge. */
    for (size_t i = 0; i < INDEXES; i++)
        if (sqlite3_prepare_v3(writer, MERGE[i], -1, SQLITE_PREPARE_PERSISTENT, &m->merge[i],
                               NULL) != SQLITE_OK ||
            sqlite3_bind_int(m->merge[i], 1, MERGE_PAGES) != SQLITE_OK) {
            log_error("full-text indexes merge inside writes: %s", sqlite3_errmsg(writer));
            sqlite_search_merger_stop(m);
            return NULL;
        }
    for (size_t i = 0; i < INDEXES; i++) {
        bool on = false;
        /* Written only when on: another process on the store sees no commit from a restart.
         * An index left on merges inside writes as before, and the steps merge it too. */
        if (!automerge_on(writer, i, &on) ||
            (on && sqlite3_exec(writer, AUTOMERGE_OFF[i], NULL, NULL, NULL) != SQLITE_OK))
            log_error("a full-text index merges inside writes: %s", sqlite3_errmsg(writer));
    }
    return m;
}

void sqlite_search_merger_stop(struct search_merger *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < INDEXES; i++)
        sqlite3_finalize(m->merge[i]);
    free(m);
}

enum merge_step sqlite_search_merge_step(struct search_merger *m)
{
    enum merge_step result = MERGE_DONE;
    for (size_t i = 0; i < INDEXES; i++) {
        sqlite3_int64 before = sqlite3_total_changes64(m->writer);
        int rc = sqlite3_step(m->merge[i]);
        sqlite3_reset(m->merge[i]);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            return MERGE_BUSY; /* another process writes: the next commit wakes us again */
        if (rc != SQLITE_DONE) {
            log_error("merging a full-text index failed: %s", sqlite3_errmsg(m->writer));
            return MERGE_FAILED;
        }
        /* FTS5 counts two changes or more when it merged anything. */
        if (sqlite3_total_changes64(m->writer) - before >= 2)
            result = MERGE_MORE;
    }
    return result;
}
