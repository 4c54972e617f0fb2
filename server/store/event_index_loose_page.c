/* A page of /v1/events for a search with a phrase the postings only narrow (struct index_loose:
 * three or more common words, whose pairs say which rows hold each pair, not that they come in one
 * run). Each event shown is confirmed by reading its row (index_terms_confirm), in the list's
 * order, until the page is full. The total is exact when every narrowed event was read: there are
 * at most confirm_rows, or the page reached the last. Past that it is estimated from a sample
 * spread evenly over the narrowed events, and the answer says so: counting a phrase that a
 * million rows hold exactly takes the engine 200-500 ms (positions of every row). */
#include <stdlib.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"
#include "jvdr/store/db.h"

struct confirmer {
    struct event_index *index;
    struct db *db;
    struct db_tokenizer *tok;
    const struct index_loose *loose;
    bool failed;
};

/* Sets yes[i] to whether the event in slots[i] holds the loose phrases, for i < n, its rows read a
 * batch at a time; c->failed when one cannot be read. */
static void confirm(struct confirmer *c, const uint32_t *slots, size_t n, bool *yes)
{
    struct event_index *index = c->index;
    long long rowids[CONFIRM_BATCH];
    for (size_t from = 0; from < n && !c->failed; from += CONFIRM_BATCH) {
        size_t some = n - from < CONFIRM_BATCH ? n - from : CONFIRM_BATCH;
        for (size_t i = 0; i < some; i++) {
            uint32_t slot = slots[from + i];
            uint32_t rowid = slot < index->nowners[0] ? index->owners[0][slot] : NO_ID;
            c->failed |= rowid >= index->nrowids || index->by_rowid[rowid] != slot;
            rowids[i] = (long long)rowid;
        }
        c->failed = c->failed ||
                    !index_terms_confirm(index, c->db, c->tok, c->loose, rowids, some, yes + from);
    }
}

/* Confirms every event of sel, keeping only those confirmed. */
static void confirm_all(struct confirmer *c, struct index_selection *sel)
{
    uint32_t slots[CONFIRM_BATCH + 64]; /* a batch, and the word that filled it */
    bool yes[CONFIRM_BATCH + 64];
    size_t n = 0;
    long long kept = 0;
    for (size_t w = 0; w <= sel->nwords && !c->failed; w++) {
        for (uint64_t v = w < sel->nwords ? sel->bits[w] : 0; v; v &= v - 1)
            slots[n++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(v));
        if (n < CONFIRM_BATCH && w < sel->nwords)
            continue;
        confirm(c, slots, n, yes);
        for (size_t i = 0; i < n && !c->failed; i++) {
            if (yes[i])
                kept++;
            else
                sel->bits[slots[i] / 64] &= ~(1ull << (slots[i] % 64));
        }
        n = 0;
    }
    sel->total = kept;
}
/* The estimated number of sel's events confirmed: a share of them read, the member in the middle
 * of each of sample (at most LOOSE_SAMPLE) equal parts in the order of their full-text rowids —
 * the store's, so that every instance over one store reads the same sample and answers the same
 * total (slots differ with each instance's history of writes). */
static long long estimate(struct confirmer *c, const struct index_selection *sel, size_t sample)
{
    const struct event_index *index = c->index;
    unsigned long long all = (unsigned long long)sel->total;
    uint32_t slots[LOOSE_SAMPLE] = {0};
    bool yes[LOOSE_SAMPLE] = {false};
    long long seen = 0, want = (long long)(all / (2 * sample));
    size_t taken = 0;
    for (size_t r = 0; r < index->nrowids && taken < sample; r++) {
        uint32_t slot = index->by_rowid[r];
        if (!(index->kind_by_rowid[r] & INDEX_KIND_EVENT) || slot / 64 >= sel->nwords ||
            !index_bit(sel->bits, slot) || seen++ != want)
            continue;
        slots[taken++] = slot;
        want = (long long)((2 * taken + 1) * all / (2 * sample));
    }
    confirm(c, slots, taken, yes);
    long long hits = 0;
    for (size_t i = 0; i < taken; i++)
        hits += yes[i];
    return taken ? (long long)((double)sel->total * (double)hits / (double)taken + 0.5) : 0;
}

/* Reads sel's events in sort's order from the first, confirming them a batch at a time, until the
 * page offset..offset + limit of the confirmed is full and one more is confirmed (so that a next
 * page is offered exactly when there is one), sel's last is read (*end), or walk are read.
 * *matched counts those confirmed. */
static enum jvdr_err walk_page(struct confirmer *c, const struct index_selection *sel,
                               enum index_sort sort, bool descending, unsigned long offset,
                               unsigned long limit, size_t walk, struct arena *arena,
                               const char **ids, size_t *count, long long *matched, bool *end)
{
    struct event_index *index = c->index;
    long long want = (long long)offset + (long long)limit + 1;
    *matched = 0;
    size_t read = 0, chunk = CONFIRM_BATCH;
    while (*matched < want && !c->failed && read < walk && read < (size_t)sel->total) {
        const char **batch = arena_alloc(arena, chunk * sizeof *batch);
        uint32_t *slots = arena_alloc(arena, chunk * sizeof *slots);
        bool *yes = arena_alloc(arena, chunk * sizeof *yes);
        size_t got = 0;
        if (!batch || !slots || !yes)
            return JVDR_E_NOMEM;
        enum jvdr_err code =
            index_selection_page(index, sel, sort, descending, read, chunk, arena, batch, &got);
        if (code != JVDR_OK)
            return code;
        for (size_t i = 0; i < got; i++) {
            slots[i] = index_dict_find(index->ids, batch[i]);
            c->failed |= slots[i] == NO_ID;
        }
        /* as many as the page may still need, a batch at a time */
        for (size_t from = 0; from < got && *matched < want && !c->failed; from += CONFIRM_BATCH) {
            size_t some = got - from < CONFIRM_BATCH ? got - from : CONFIRM_BATCH;
            confirm(c, slots + from, some, yes + from);
            for (size_t i = from; i < from + some && *matched < want && !c->failed; i++, read++) {
                if (!yes[i])
                    continue;
                if ((unsigned long long)(*matched)++ >= offset && *count < limit)
                    ids[(*count)++] = batch[i];
            }
        }
        if (got < chunk)
            break;
        chunk *= 2;
    }
    /* sel's last reached: every event after the page read too */
    *end = *matched < want && !c->failed && read >= (size_t)sel->total;
    return JVDR_OK;
}

enum jvdr_err index_loose_page(struct event_index *index, struct db *db,
                               const struct index_loose *loose, struct index_selection *sel,
                               enum index_sort sort, bool descending, unsigned long offset,
                               unsigned long limit, struct arena *arena, long long *total,
                               bool *estimated, const char **ids, size_t *count)
{
    *estimated = false;
    *count = 0;
    struct confirmer c = {index, db, db_search_tokenizer(db), loose, false};
    if (!c.tok || !sel->bits || !index->terms) {
        if (c.tok)
            c.tok->close(c.tok);
        return JVDR_E_NOT_FOUND;
    }
    size_t bound = index->confirm_rows ? index->confirm_rows : 1;
    /* One snapshot for every row read, rather than a lock taken and checked for each */
    bool own = !db_in_transaction(db) && db_begin_read(db) == JVDR_OK;
    enum jvdr_err code = JVDR_OK;
    if (sel->total <= (long long)bound) {
        confirm_all(&c, sel);
        if (!c.failed)
            code = index_selection_page(index, sel, sort, descending, offset, limit, arena, ids,
                                        count);
        *total = sel->total;
    } else {
        long long matched = 0;
        bool end = false;
        code = walk_page(&c, sel, sort, descending, offset, limit, bound * LOOSE_WALK_FACTOR, arena,
                         ids, count, &matched, &end);
        bool full = matched > (long long)offset + (long long)limit;
        if (code == JVDR_OK && !c.failed && !full && !end)
            c.failed = true; /* too deep a page to read to */
        if (code == JVDR_OK && !c.failed && end) {
            *total = matched;
        } else if (code == JVDR_OK && !c.failed) {
            *total = estimate(&c, sel, bound < LOOSE_SAMPLE ? bound : LOOSE_SAMPLE);
            if (*total < matched)
                *total = matched; /* never below what was confirmed, a next page among them */
            *estimated = true;
        }
    }
    c.tok->close(c.tok);
    if (own)
        db_exec(db, "ROLLBACK");
    if (code == JVDR_OK && c.failed) {
        *count = 0;
        return JVDR_E_NOT_FOUND;
    }
    return code;
}
