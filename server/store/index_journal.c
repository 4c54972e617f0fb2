/* The journal of changed records; see include/jvdr/store/index_journal.h and migrations/0019. */
#include "jvdr/store/index_journal.h"

#include <stdio.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/random_hex.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"

#define EPOCH_MARK "epoch:"
/* Entries kept: a reader further behind loads afresh (as it would after that many records). */
#define JOURNAL_KEPT 100000
/* Pruned once in so many entries. */
#define JOURNAL_PRUNE_EVERY 4096

/* Reads "epoch:<hex>" from index_snapshot into epoch ("" when there is none). */
static enum jvdr_err read_epoch(struct db *db, index_journal_epoch epoch)
{
    epoch[0] = '\0';
    struct stmt *stmt = db_stmt(db, "SELECT substr(token, 7) FROM index_snapshot "
                                    "WHERE token LIKE 'epoch:%' LIMIT 1");
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc = stmt_step(stmt);
    if (rc == DB_ROW && stmt_text(stmt, 0))
        snprintf(epoch, INDEX_JOURNAL_EPOCH + 1, "%s", stmt_text(stmt, 0));
    db_stmt_done(stmt);
    return rc == DB_ROW || rc == DB_DONE ? JVDR_OK : db_error(rc);
}

enum jvdr_err index_journal_begin(struct db *db, index_journal_epoch epoch)
{
    return read_epoch(db, epoch);
}

static bool new_epoch(index_journal_epoch epoch)
{
    return random_hex(epoch, INDEX_JOURNAL_EPOCH);
}

static enum jvdr_err step_done(struct stmt *stmt)
{
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

enum jvdr_err index_journal_open(struct db *db)
{
    index_journal_epoch epoch;
    if (!new_epoch(epoch))
        return JVDR_E_INTERNAL;
    struct stmt *stmt =
        db_stmt(db, "INSERT INTO index_snapshot (token) SELECT 'epoch:' || ? WHERE NOT EXISTS "
                    "(SELECT 1 FROM index_snapshot WHERE token LIKE 'epoch:%')");
    if (stmt)
        stmt_bind_text(stmt, 1, epoch);
    return step_done(stmt);
}

/* Appends the id facts of changes, each record once. Sets *last to the last entry's seq. */
static enum jvdr_err journal(struct db *db, const struct store_change *changes, size_t count,
                             long long *last)
{
    enum jvdr_err code = JVDR_OK;
    for (size_t i = 0; code == JVDR_OK && i < count; i++) {
        if (strcmp(changes[i].field, "id") != 0)
            continue;
        bool again = false;
        for (size_t j = 0; j < i && !again; j++)
            again = strcmp(changes[j].field, "id") == 0 &&
                    strcmp(changes[j].kind, changes[i].kind) == 0 &&
                    strcmp(changes[j].value, changes[i].value) == 0;
        if (again)
            continue;
        struct stmt *stmt =
            db_stmt(db, "INSERT INTO index_journal (kind, id) VALUES (?, ?) RETURNING seq");
        if (!stmt)
            return JVDR_E_INTERNAL;
        stmt_bind_text(stmt, 1, changes[i].kind);
        stmt_bind_text(stmt, 2, changes[i].value);
        int rc = stmt_step(stmt);
        if (rc == DB_ROW) {
            *last = stmt_int64(stmt, 0);
            rc = stmt_step(stmt);
        }
        db_stmt_done(stmt);
        code = rc == DB_DONE ? JVDR_OK : db_error(rc);
    }
    return code;
}

enum jvdr_err index_journal_end(struct db *db, const char *epoch_at_start,
                                const struct store_change *changes, size_t count)
{
    index_journal_epoch epoch;
    snprintf(epoch, sizeof epoch, "%s", changes && epoch_at_start ? epoch_at_start : "");
    if (!epoch[0] && !new_epoch(epoch))
        return JVDR_E_INTERNAL;
    long long last = 0;
    enum jvdr_err code = changes ? journal(db, changes, count, &last) : JVDR_OK;
    if (code == JVDR_OK && last > 0 && last % JOURNAL_PRUNE_EVERY == 0) {
        struct stmt *prune = db_stmt(db, "DELETE FROM index_journal WHERE seq <= ?");
        if (prune)
            stmt_bind_int64(prune, 1, last - JOURNAL_KEPT);
        code = step_done(prune);
    }
    /* The mark goes last: the triggers of this write's own changes deleted it. */
    if (code == JVDR_OK)
        code = db_exec(db, "DELETE FROM index_snapshot WHERE token LIKE 'epoch:%'");
    if (code == JVDR_OK) {
        struct stmt *mark = db_stmt(db, "INSERT INTO index_snapshot (token) VALUES (?)");
        char token[sizeof EPOCH_MARK + INDEX_JOURNAL_EPOCH];
        snprintf(token, sizeof token, EPOCH_MARK "%s", epoch);
        if (mark)
            stmt_bind_text(mark, 1, token);
        code = step_done(mark);
    }
    return code;
}

enum jvdr_err index_journal_state(struct db *db, index_journal_epoch epoch, long long *last)
{
    *last = 0;
    enum jvdr_err code = read_epoch(db, epoch);
    struct stmt *stmt =
        code == JVDR_OK ? db_stmt(db, "SELECT coalesce(max(seq), 0) FROM index_journal") : NULL;
    if (code == JVDR_OK && !stmt)
        code = JVDR_E_INTERNAL;
    if (stmt) {
        int rc = stmt_step(stmt);
        if (rc == DB_ROW)
            *last = stmt_int64(stmt, 0);
        db_stmt_done(stmt);
        code = rc == DB_ROW ? JVDR_OK : db_error(rc);
    }
    return code;
}

enum jvdr_err index_journal_since(struct db *db, long long seq, long long last, size_t max,
                                  struct arena *arena, struct store_change **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (last <= seq)
        return JVDR_OK;
    if ((unsigned long long)(last - seq) > max)
        return JVDR_E_NOT_FOUND;
    struct store_change *changes = arena_alloc(arena, (size_t)(last - seq) * sizeof *changes);
    struct stmt *stmt =
        changes ? db_stmt(db, "SELECT seq, kind, id FROM index_journal WHERE seq > ? AND seq <= ? "
                              "ORDER BY seq")
                : NULL;
    if (!stmt)
        return changes ? JVDR_E_INTERNAL : JVDR_E_NOMEM;
    stmt_bind_int64(stmt, 1, seq);
    stmt_bind_int64(stmt, 2, last);
    int rc;
    long long expected = seq + 1;
    bool whole = true;
    while ((rc = stmt_step(stmt)) == DB_ROW && *n < (size_t)(last - seq)) {
        /* AUTOINCREMENT leaves no gaps but a rolled-back write's: a pruned stretch is found by
         * the first entry, which must follow seq. */
        whole &= *n > 0 || stmt_int64(stmt, 0) == expected;
        const char *kind = arena_strdup(arena, stmt_text(stmt, 1));
        const char *id = arena_strdup(arena, stmt_text(stmt, 2));
        if (!kind || !id) {
            db_stmt_done(stmt);
            return JVDR_E_NOMEM;
        }
        changes[(*n)++] = (struct store_change){kind, "id", id};
    }
    db_stmt_done(stmt);
    if (rc != DB_DONE && rc != DB_ROW)
        return db_error(rc);
    *out = changes;
    return whole ? JVDR_OK : JVDR_E_NOT_FOUND;
}
