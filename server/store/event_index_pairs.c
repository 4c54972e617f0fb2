/* Postings of adjacent pairs of common words, so that a phrase of two words most rows hold is a
 * bitmap rather than the engine's reading of both words' positions in every row (FTS5: 120 ms at
 * a million rows, whether the phrase matches every row or none).
 *
 * Only pairs of common words are counted (a square of their bitmap numbers: 1 MB for 512 words),
 * as only those are slow for the engine: a phrase with a rarer word costs it that word's few rows.
 * The counts say which pairs are in no row at all; the commonest pairs, from the same floor as a
 * word's, get bitmaps. event_index_terms.c counts and sets them as it tokenizes a row;
 * event_index_terms_match.c answers phrases from them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

/* At most this many bytes of bitmaps per scope (the commonest pairs), and this many bitmaps: 268
 * at a million rows, the most for a small store. */
#define PAIRS_BUDGET (32u << 20)
#define PAIRS_MAX_BITS 4096
/* A load's log of rows' pairs holds at most this many entries (64 MB); past it, a third pass. */
#define PAIRS_LOG_MAX (1u << 24)
/* A log entry with this bit is a rowid (the row whose pairs follow); without, a slot. */
#define PAIRS_LOG_ROW 0x80000000u

bool index_pairs_start(struct index_pairs *q, size_t side, size_t known)
{
    index_pairs_free(q);
    size_t n = side * side;
    q->known = calloc(side + 1, sizeof *q->known);
    q->counts = calloc(n + 1, sizeof *q->counts);
    q->stamps = calloc(n + 1, sizeof *q->stamps);
    q->bitmap = malloc((n + 1) * sizeof *q->bitmap);
    if (!q->known || !q->counts || !q->stamps || !q->bitmap) {
        index_pairs_free(q);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        q->bitmap[i] = NO_ID;
    for (size_t i = 0; i < known && i < side; i++)
        q->known[i] = 1;
    q->side = side;
    return true;
}

void index_pairs_free(struct index_pairs *q)
{
    free(q->known);
    free(q->counts);
    free(q->stamps);
    free(q->bitmap);
    free(q->log);
    for (size_t i = 0; i < q->nbits; i++)
        index_block_release(&q->lent, q->bits[i]);
    free(q->bits);
    memset(q, 0, sizeof *q);
}

size_t index_pair_slot(const struct index_pairs *q, uint32_t a, uint32_t b)
{
    return a < q->side && b < q->side && q->known[a] && q->known[b] ? (size_t)a * q->side + b
                                                                    : SIZE_MAX;
}

/* For qsort of slots by count, the commonest first. */
static const uint32_t *sort_counts;
static int by_count_desc(const void *a, const void *b)
{
    uint32_t x = sort_counts[*(const size_t *)a], y = sort_counts[*(const size_t *)b];
    return x != y ? (x > y ? -1 : 1) : 0;
}

/* How many bitmaps of nwords words a scope may have. */
static size_t most_bits(size_t nwords)
{
    size_t n = PAIRS_BUDGET / (nwords * sizeof(uint64_t) + 1);
    return n < PAIRS_MAX_BITS ? n : PAIRS_MAX_BITS;
}

bool index_pairs_choose(struct index_pairs *q, uint32_t floor, size_t nwords, bool *any)
{
    *any = false;
    size_t n = q->side * q->side, nchosen = 0;
    size_t *chosen = malloc((n + 1) * sizeof *chosen);
    if (!chosen)
        return false;
    for (size_t i = 0; i < n; i++)
        if (q->counts[i] >= floor)
            chosen[nchosen++] = i;
    /* Serialised by the index's write lock (a load holds it), as qsort has no context. */
    sort_counts = q->counts;
    qsort(chosen, nchosen, sizeof *chosen, by_count_desc);
    if (nchosen > most_bits(nwords))
        nchosen = most_bits(nwords);
    q->bits = calloc(nchosen + 1, sizeof *q->bits);
    bool ok = q->bits != NULL;
    for (size_t i = 0; ok && i < nchosen; i++) {
        ok = (q->bits[i] = calloc(nwords + 1, sizeof *q->bits[i])) != NULL;
        if (ok)
            q->bitmap[chosen[i]] = (uint32_t)i;
        q->nbits = ok ? i + 1 : i;
    }
    free(chosen);
    *any = q->nbits > 0;
    return ok;
}

/* Appends entry to the log (dropping it when full). */
static void log_entry(struct index_pairs *q, uint32_t entry)
{
    if (q->log_full)
        return;
    if (q->nlog == q->log_capacity) {
        size_t n = q->log_capacity ? q->log_capacity * 2 : 65536;
        uint32_t *grown = n <= PAIRS_LOG_MAX ? realloc(q->log, n * sizeof *grown) : NULL;
        if (!grown) {
            free(q->log);
            q->log = NULL;
            q->nlog = q->log_capacity = 0;
            q->log_full = true;
            return;
        }
        q->log = grown;
        q->log_capacity = n;
    }
    q->log[q->nlog++] = entry;
}

void index_pairs_log(struct index_pairs *q, long long rowid, size_t slot)
{
    if (rowid < 0 || rowid >= PAIRS_LOG_ROW) {
        q->log_full = true; /* never: rowids are the map's, far below */
        return;
    }
    if (q->log_row != rowid + 1) { /* the row's first pair: its rowid first */
        log_entry(q, PAIRS_LOG_ROW | (uint32_t)rowid);
        q->log_row = rowid + 1;
    }
    log_entry(q, (uint32_t)slot);
}

bool index_pairs_replay(struct index_pairs *q)
{
    bool kept = !q->log_full;
    long long rowid = 0;
    for (size_t i = 0; kept && i < q->nlog; i++) {
        uint32_t e = q->log[i];
        if (e & PAIRS_LOG_ROW)
            rowid = e & ~PAIRS_LOG_ROW;
        else if (q->bitmap[e] != NO_ID)
            q->bits[q->bitmap[e]][rowid / 64] |= 1ull << (rowid % 64);
    }
    free(q->log);
    q->log = NULL;
    q->nlog = q->log_capacity = 0;
    return kept;
}

bool index_pairs_width(struct index_pairs *q, size_t from, size_t nwords)
{
    for (size_t i = 0; i < q->nbits; i++) {
        uint64_t *grown =
            index_block_grow(&q->lent, q->bits[i], from * sizeof *grown, nwords * sizeof *grown);
        if (!grown)
            return false;
        q->bits[i] = grown;
    }
    return true;
}

void index_pairs_clear(struct index_pairs *q, long long rowid)
{
    for (size_t i = 0; i < q->nbits; i++)
        q->bits[i][rowid / 64] &= ~(1ull << (rowid % 64));
}

bool index_pairs_promote(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                         enum terms_scope scope, size_t slot, const char *a, const char *b)
{
    struct index_terms *t = index->terms;
    struct index_pairs *q = &t->scope[scope].pairs;
    if (!tok->put_phrase || q->bitmap[slot] != NO_ID || q->nbits >= most_bits(t->nwords))
        return true;
    uint64_t **bits = realloc(q->bits, (q->nbits + 1) * sizeof *bits);
    if (!bits)
        return false;
    q->bits = bits;
    struct buf match;
    buf_init(&match);
    tok->put_phrase(&match, (const char *const[]){a, b}, 2);
    uint64_t *mine = index_terms_read_rows(index, db, scope, &match);
    if (!mine)
        return false;
    q->bits[q->nbits] = mine;
    q->bitmap[slot] = (uint32_t)q->nbits++;
    return true;
}
