/* q= through the index: the full-text query's matching rowids, mapped to event and agreement slots
 * by an array kept beside the index (see event_index_rows.h), so that a search reads rowids alone —
 * no join to search_rows, no id hashed per match. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

#define AGREEMENT_SLOT 0x80000000u /* marks an agreement's slot in by_rowid */

/* Records that rowid now holds the record of entry value (an event's or agreement's slot), and
 * takes the slot's earlier rowid out of the map when it still points there: a deleted record's
 * rowid is never cleared (its id is gone by then), and without this a slot given to a new record
 * would be found through the old rowid too (by the postings of event_index_terms.c, which keep
 * its words). Sets *displaced to that rowid, or -1. */
static bool note_owner(struct event_index *index, long long rowid, uint32_t value,
                       long long *displaced)
{
    *displaced = -1;
    if (value == NO_ID)
        return true;
    int side = value & AGREEMENT_SLOT ? 1 : 0;
    size_t slot = value & ~AGREEMENT_SLOT;
    if (!index_grow_u32(&index->owners[side], &index->nowners[side], slot, 1024, NO_ID))
        return false;
    uint32_t before = index->owners[side][slot];
    if (before != NO_ID && before != (uint32_t)rowid && before < index->nrowids &&
        index->by_rowid[before] == value) {
        index->by_rowid[before] = NO_ID;
        index->kind_by_rowid[before] = 0;
        *displaced = before;
    }
    index->owners[side][slot] = (uint32_t)rowid;
    return true;
}

/* Sets rowid's entry and kind (INDEX_KIND_*), growing the map (new entries NO_ID, kind 0). False
 * when out of memory. */
static bool map_set(struct event_index *index, long long rowid, uint32_t value, uint8_t kind,
                    long long *displaced)
{
    *displaced = -1;
    if (rowid < 0 || rowid >= (long long)(AGREEMENT_SLOT - 1))
        return value == NO_ID; /* never made by SQLite's rowids here; nothing to find */
    size_t at = (size_t)rowid;
    if (at >= index->nrowids) {
        size_t n = index->nrowids ? index->nrowids : 1024;
        while (n <= at)
            n *= 2;
        uint32_t *grown = realloc(index->by_rowid, n * sizeof *grown);
        if (!grown)
            return false;
        for (size_t i = index->nrowids; i < n; i++)
            grown[i] = NO_ID;
        index->by_rowid = grown;
        uint8_t *kinds = realloc(index->kind_by_rowid, n);
        if (!kinds)
            return false;
        memset(kinds + index->nrowids, 0, n - index->nrowids);
        index->kind_by_rowid = kinds;
        index->nrowids = n;
    }
    index->by_rowid[at] = value;
    index->kind_by_rowid[at] = kind;
    return note_owner(index, rowid, value, displaced);
}

bool index_search_owners(struct event_index *index)
{
    long long displaced;
    for (size_t r = 0; r < index->nrowids; r++)
        if (index->by_rowid[r] != NO_ID &&
            !note_owner(index, (long long)r, index->by_rowid[r], &displaced))
            return false;
    return true;
}

unsigned index_kind_bit(const char *kind)
{
    static const char *const names[] = {"event", "official", "agreement", "source"};
    for (int i = 0; kind && i < 4; i++)
        if (strcmp(kind, names[i]) == 0)
            return 1u << i;
    return 0;
}

/* The entry for record kind/id: its slot, or NO_ID for kinds and records the index does not
 * hold. */
static uint32_t entry_of(struct event_index *index, const char *kind, const char *id)
{
    if (!kind || !id)
        return NO_ID;
    if (strcmp(kind, "event") == 0)
        return index_dict_find(index->ids, id);
    if (strcmp(kind, "agreement") == 0) {
        uint32_t slot = index_dict_find(index->agreement_ids, id);
        return slot == NO_ID ? NO_ID : slot | AGREEMENT_SLOT;
    }
    return NO_ID;
}

/* "kind:id" of a record that is not an event, in key (false when it does not fit). */
static bool row_key(const char *kind, const char *id, char *key, size_t len)
{
    int n = snprintf(key, len, "%s:%s", kind, id);
    return n > 0 && (size_t)n < len;
}

/* Records rowid as the row of a record that is not an event. False when out of memory. */
static bool note_row_key(struct event_index *index, const char *kind, const char *id,
                         long long rowid)
{
    char key[512];
    if (strcmp(kind, "event") == 0 || !row_key(kind, id, key, sizeof key))
        return true; /* events: owners; an id too long for a key is refused by every write */
    if (!index->row_keys && !(index->row_keys = index_dict_new()))
        return false;
    uint32_t i = index_dict_intern(index->row_keys, key);
    if (i == NO_ID ||
        !index_grow_u32(&index->row_key_rowids, &index->row_key_capacity, i, 1024, NO_ID))
        return false;
    index->row_key_rowids[i] = (uint32_t)rowid;
    return true;
}

long long index_search_rowid(const struct event_index *index, const char *kind, const char *id)
{
    if (strcmp(kind, "event") == 0) {
        uint32_t slot = index_dict_find(index->ids, id);
        uint32_t rowid = slot < index->nowners[0] ? index->owners[0][slot] : NO_ID;
        return rowid < index->nrowids && index->by_rowid[rowid] == slot ? (long long)rowid : -1;
    }
    char key[512];
    uint32_t i = index->row_keys && row_key(kind, id, key, sizeof key)
                     ? index_dict_find(index->row_keys, key)
                     : NO_ID;
    return i == NO_ID ? -1 : (long long)index->row_key_rowids[i];
}

bool index_search_map_load(struct event_index *index, struct db *db)
{
    index_search_map_free(index);
    struct stmt *stmt = db_stmt(db, "SELECT rowid, kind, id FROM search_rows");
    bool ok = stmt != NULL;
    int rc = DB_DONE;
    long long displaced;
    while (ok && (rc = stmt_step(stmt)) == DB_ROW) {
        const char *kind = stmt_text(stmt, 1), *id = stmt_text(stmt, 2);
        ok = kind && id &&
             map_set(index, stmt_int64(stmt, 0), entry_of(index, kind, id),
                     (uint8_t)index_kind_bit(kind), &displaced) &&
             note_row_key(index, kind, id, stmt_int64(stmt, 0));
    }
    db_stmt_done(stmt);
    return ok && rc == DB_DONE;
}

/* Takes rowid out of the map and the postings (a row no record has now). */
static bool forget_row(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                       long long rowid)
{
    if (rowid < 0 || (size_t)rowid >= index->nrowids)
        return true;
    index->by_rowid[rowid] = NO_ID;
    index->kind_by_rowid[rowid] = 0;
    return !tok || index_terms_row(index, db, tok, rowid); /* no kind now: only cleared */
}

bool index_search_map_update(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                             const char *kind, const char *id, long long before)
{
    struct stmt *stmt = db_stmt(db, "SELECT rowid FROM search_rows WHERE kind = ? AND id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, kind);
    stmt_bind_text(stmt, 2, id);
    int rc = stmt_step(stmt);
    long long rowid = rc == DB_ROW ? stmt_int64(stmt, 0) : -1, displaced = -1;
    bool ok = rc == DB_DONE || (rc == DB_ROW &&
                                map_set(index, rowid, entry_of(index, kind, id),
                                        (uint8_t)index_kind_bit(kind), &displaced) &&
                                note_row_key(index, kind, id, rowid));
    db_stmt_done(stmt);
    /* Gone (or moved): its old row leaves the map and the postings, and its key goes. */
    if (ok && before >= 0 && before != rowid)
        ok = forget_row(index, db, tok, before);
    char key[512];
    if (ok && rc == DB_DONE && index->row_keys && row_key(kind, id, key, sizeof key))
        index_dict_remove(index->row_keys, key);
    /* The postings: the row's words again, and none left at the rowid the slot had. */
    ok = ok && (!tok || index_terms_row(index, db, tok, displaced));
    return ok && (!tok || index_terms_row(index, db, tok, rowid));
}

void index_search_map_free(struct event_index *index)
{
    free(index->by_rowid);
    free(index->kind_by_rowid);
    index->by_rowid = NULL;
    index->kind_by_rowid = NULL;
    index->nrowids = 0;
    for (int side = 0; side < 2; side++) {
        free(index->owners[side]);
        index->owners[side] = NULL;
        index->nowners[side] = 0;
    }
    index_dict_free(index->row_keys);
    free(index->row_key_rowids);
    index->row_keys = NULL;
    index->row_key_rowids = NULL;
    index->row_key_capacity = 0;
}

/* The rowids of table's records matching parameter 1, in the engine's dialect; in rowid order
 * from parameter 2 to 3 when ranged. table is one of the full-text tables' fixed names (the
 * caller's constant), never a client's text. */
static struct stmt *match_stmt(struct db *db, const char *table, bool ranged)
{
    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT rowid FROM %s WHERE ", table);
    db_search(db)->put_match(&sql, table, "?1");
    if (ranged)
        buf_puts(&sql, " AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid");
    struct stmt *stmt = sql.failed ? NULL : db_stmt(db, sql.data);
    buf_cleanup(&sql);
    return stmt;
}

enum jvdr_err index_search_count(struct event_index *index, struct db *db, const char *table,
                                 const char *query, unsigned kinds, long long lo, long long hi,
                                 long long cap, struct range_count *out)
{
    out->hits = out->last = 0;
    /* An engine that cannot read the first matches in rowid order cheaply counts them all (see
     * bounded_counts): the whole range, exactly. */
    bool bounded = db_search(db)->bounded_counts;
    if (!bounded)
        cap = LLONG_MAX;
    struct stmt *stmt = match_stmt(db, table, bounded);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, query);
    if (bounded) {
        stmt_bind_int64(stmt, 2, lo);
        stmt_bind_int64(stmt, 3, hi);
    }
    int rc = DB_DONE;
    long long n = 0, last = 0;
    bool mapped = true;
    while (n < cap && (rc = stmt_step(stmt)) == DB_ROW) {
        long long rowid = stmt_int64(stmt, 0);
        uint8_t kind =
            rowid >= 0 && (size_t)rowid < index->nrowids ? index->kind_by_rowid[rowid] : 0;
        mapped &= kind != 0;
        if (kind & kinds) {
            n++;
            last = rowid;
        }
    }
    db_stmt_done(stmt);
    if (rc != DB_DONE && rc != DB_ROW)
        return JVDR_E_BAD_PARAM;
    if (!mapped)
        return JVDR_E_NOT_FOUND; /* a row the map does not know: the caller asks SQL instead */
    out->hits = n;
    out->last = bounded ? last : hi;
    return JVDR_OK;
}

/* Sets the bits of the records a rowid holds. */
static void mark(const struct event_index *index, long long rowid, uint8_t *events,
                 uint8_t *agreements)
{
    uint32_t entry = rowid >= 0 && (size_t)rowid < index->nrowids ? index->by_rowid[rowid] : NO_ID;
    if (entry == NO_ID)
        return;
    uint8_t *bits = entry & AGREEMENT_SLOT ? agreements : events;
    uint32_t slot = entry & ~AGREEMENT_SLOT;
    if (bits)
        bits[slot / 8] |= (uint8_t)(1u << (slot % 8));
}

/* The matches from the postings of common words, when they answer (event_index_terms.c). A phrase
 * the postings only narrow is left so in loose's rows (the caller confirms what it shows), or,
 * without loose, confirmed here when its rows are few. */
static bool search_postings(struct event_index *index, struct db *db, const struct index_query *q,
                            uint8_t *events, uint8_t *agreements, struct index_loose *loose)
{
    uint64_t *rows = NULL;
    size_t nwords = 0;
    struct index_loose narrowed = {0};
    enum jvdr_err code =
        q->words  ? index_terms_match(index, db, TERMS_ALL, q->words, q->nwords, &rows, &nwords)
        : q->tree ? index_terms_match_tree(index, db, q->tree, SEARCH_ANYWHERE,
                                           loose ? loose : &narrowed, &rows, &nwords)
                  : JVDR_E_NOT_FOUND;
    unsigned kinds = (events ? INDEX_KIND_EVENT : 0) | (agreements ? INDEX_KIND_AGREEMENT : 0);
    if (code == JVDR_OK && narrowed.n > 0 &&
        !index_loose_keep(index, db, &narrowed, rows, nwords, kinds)) {
        code = JVDR_E_NOT_FOUND; /* counted as the postings' answer: the engine's after all */
        atomic_fetch_sub(&index->searches_from_postings, 1);
        atomic_fetch_add(&index->searches_from_engine, 1);
    }
    if (code != JVDR_OK) {
        free(rows);
        return false;
    }
    for (size_t w = 0; w < nwords; w++)
        for (uint64_t word = rows[w]; word; word &= word - 1)
            mark(index, (long long)w * 64 + __builtin_ctzll(word), events, agreements);
    free(rows);
    return true;
}

enum jvdr_err index_search(struct event_index *index, struct db *db, const struct index_query *q,
                           uint8_t **events, uint8_t **agreements, struct index_loose *loose)
{
    if (loose)
        loose->n = 0;
    if (events)
        *events = calloc(index->count / 8 + 1, 1);
    if (agreements)
        *agreements = calloc(index->agreement_count / 8 + 1, 1);
    if ((events && !*events) || (agreements && !*agreements))
        return JVDR_E_NOMEM;
    if (search_postings(index, db, q, events ? *events : NULL, agreements ? *agreements : NULL,
                        loose))
        return JVDR_OK;
    if (loose)
        loose->n = 0; /* what the postings noted before they gave up */
    const char *query = q->fts;
    struct stmt *stmt = match_stmt(db, "search_index", false);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, query);
    int rc;
    while ((rc = stmt_step(stmt)) == DB_ROW)
        mark(index, stmt_int64(stmt, 0), events ? *events : NULL, agreements ? *agreements : NULL);
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : JVDR_E_BAD_PARAM;
}

bool index_allowed(const uint8_t *bits, size_t slot)
{
    return !bits || (bits[slot / 8] >> (slot % 8)) & 1u;
}
