/* Full-text rows of a search whose phrase the postings only narrow (struct index_loose), made
 * exact by reading them (index_terms_confirm): every one when they are few (index_loose_keep), or,
 * for /v1/search, from the newest down until its page is found (index_loose_search). On
 * PostgreSQL the engine read every row holding such a phrase to count it or to find the newest
 * (each row's positions rechecked): at a million events 0.5-1.1 s, past the request's budget. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/store/db.h"

struct reader {
    struct event_index *index;
    struct db *db;
    struct db_tokenizer *tok;
    bool failed; /* a row could not be read so: the engine's */
};

static void clear_bit(uint64_t *bits, long long rowid)
{
    bits[rowid / 64] &= ~(1ull << (rowid % 64));
}

/* Confirms the n rowids of batch against loose (none noted: every one holds), clearing in bits
 * (when given) those refused; how many hold. */
static long long confirm_batch(struct reader *r, const struct index_loose *loose,
                               const long long *batch, size_t n, uint64_t *bits)
{
    if (loose->n == 0 || n == 0)
        return (long long)n;
    bool yes[CONFIRM_BATCH];
    if (r->failed || !index_terms_confirm(r->index, r->db, r->tok, loose, batch, n, yes)) {
        r->failed = true;
        return 0;
    }
    long long held = 0;
    for (size_t i = 0; i < n; i++) {
        held += yes[i];
        if (!yes[i] && bits)
            clear_bit(bits, batch[i]);
    }
    return held;
}

/* Reads bits' rows from the newest down, a batch at a time, keeping those loose confirms, until
 * want are kept, walk are read, or every one is read (*end). Clears the refused and every row
 * not read, so that bits then holds exactly the newest confirmed; how many it holds. */
static long long confirm_from_newest(struct reader *r, const struct index_loose *loose,
                                     uint64_t *bits, size_t nwords, long long want, size_t walk,
                                     bool *end)
{
    /* rows from lowest up were read (none yet) */
    long long held = 0, batch[CONFIRM_BATCH] = {0}, lowest = (long long)nwords * 64;
    size_t n = 0, read = 0;
    *end = true;
    for (size_t w = nwords; w-- > 0 && !r->failed;) {
        for (uint64_t v = bits[w]; v && !r->failed;) {
            int b = 63 - __builtin_clzll(v);
            v &= ~(1ull << b);
            if (held >= want || read >= walk) {
                *end = false;
                break;
            }
            batch[n++] = (long long)w * 64 + b;
            if (n < CONFIRM_BATCH)
                continue;
            held += confirm_batch(r, loose, batch, n, bits);
            read += n;
            lowest = batch[n - 1];
            n = 0;
        }
        if (!*end)
            break;
    }
    if (n > 0) { /* the last batch, short */
        held += confirm_batch(r, loose, batch, n, bits);
        lowest = batch[n - 1];
    }
    for (size_t w = 0; !*end && w < nwords && (long long)w * 64 < lowest; w++) /* not read */
        bits[w] &= (long long)w == lowest / 64 ? ~0ull << (lowest % 64) : 0;
    return held;
}

/* The estimated number of bits' rows that loose confirms: the row in the middle of each of
 * LOOSE_SAMPLE equal parts of them in rowid order read (the store's order: every instance over one
 * store reads the same sample and answers the same total). */
static long long estimate(struct reader *r, const struct index_loose *loose, const uint64_t *bits,
                          size_t nwords)
{
    unsigned long long all = index_bits_count(bits, nwords), seen = 0;
    long long batch[CONFIRM_BATCH] = {0}, hits = 0;
    size_t taken = 0, n = 0;
    unsigned long long parts = 2ull * LOOSE_SAMPLE, want = all / parts;
    for (size_t w = 0; w < nwords && taken < LOOSE_SAMPLE && !r->failed; w++)
        for (uint64_t v = bits[w]; v && taken < LOOSE_SAMPLE; v &= v - 1) {
            if (seen++ != want)
                continue;
            batch[n++] = (long long)w * 64 + __builtin_ctzll(v);
            taken++;
            want = (2 * taken + 1) * all / parts;
            if (n == CONFIRM_BATCH) {
                hits += confirm_batch(r, loose, batch, n, NULL);
                n = 0;
            }
        }
    hits += confirm_batch(r, loose, batch, n, NULL);
    return taken ? (long long)((double)all * (double)hits / (double)taken + 0.5) : 0;
}

/* Starts r on db with one snapshot for every row read, rather than a lock taken and checked for
 * each; false without a tokenizer. *own: the snapshot is r's to end. */
static bool reader_begin(struct reader *r, struct event_index *index, struct db *db, bool *own)
{
    *r = (struct reader){index, db, db_search_tokenizer(db), false};
    *own = r->tok && !db_in_transaction(db) && db_begin_read(db) == JVDR_OK;
    return r->tok != NULL;
}

static void reader_end(struct reader *r, bool own)
{
    r->tok->close(r->tok);
    if (own)
        db_exec(r->db, "ROLLBACK");
}

/* Every row of bits confirmed against loose (the refused cleared); false when one cannot be read
 * so. */
static bool confirm_every(struct reader *r, const struct index_loose *loose, uint64_t *bits,
                          size_t nwords)
{
    long long batch[CONFIRM_BATCH] = {0};
    size_t n = 0;
    for (size_t w = 0; w < nwords && !r->failed; w++)
        for (uint64_t v = bits[w]; v; v &= v - 1) {
            batch[n++] = (long long)w * 64 + __builtin_ctzll(v);
            if (n == CONFIRM_BATCH) {
                confirm_batch(r, loose, batch, n, bits);
                n = 0;
            }
        }
    confirm_batch(r, loose, batch, n, bits);
    return !r->failed;
}

bool index_loose_keep(struct event_index *index, struct db *db, const struct index_loose *loose,
                      uint64_t *rows, size_t nwords, unsigned kinds)
{
    size_t n = 0;
    for (size_t w = 0; w < nwords; w++)
        for (uint64_t v = rows[w]; v; v &= v - 1) {
            size_t rowid = w * 64 + (size_t)__builtin_ctzll(v);
            if (rowid < index->nrowids && (index->kind_by_rowid[rowid] & kinds))
                n++;
            else
                rows[w] &= ~(1ull << (rowid % 64));
        }
    struct reader r;
    bool own = false;
    if (n > index->confirm_rows || !reader_begin(&r, index, db, &own))
        return false;
    bool ok = confirm_every(&r, loose, rows, nwords);
    reader_end(&r, own);
    return ok;
}

enum jvdr_err index_loose_search(struct event_index *index, struct db *db,
                                 const struct index_loose *all, const struct index_loose *titled,
                                 uint64_t *rows, uint64_t *titles, size_t nwords,
                                 struct match_page *page)
{
    page->estimated = false;
    struct reader r;
    bool own = false;
    if (!reader_begin(&r, index, db, &own))
        return JVDR_E_NOT_FOUND;
    size_t bound = index->confirm_rows ? index->confirm_rows : 1;
    long long candidates = (long long)index_bits_count(rows, nwords);
    if (candidates <= (long long)bound) {
        confirm_every(&r, all, rows, nwords);
        for (size_t w = 0; w < nwords; w++)
            titles[w] &= rows[w];
        confirm_every(&r, titled, titles, nwords);
        page->total = (long long)index_bits_count(rows, nwords);
    } else {
        /* The total from a sample of every candidate, before the walks below clear them */
        long long estimated = estimate(&r, all, rows, nwords), first = 0, rest = 0;
        size_t walk = bound * LOOSE_WALK_FACTOR;
        bool titles_end = false, rest_end = false;
        first = confirm_from_newest(&r, titled, titles, nwords, page->need, walk, &titles_end);
        if (titles_end) { /* the rest tier: what is not a title's match */
            for (size_t w = 0; w < nwords; w++)
                rows[w] &= ~titles[w];
            rest = confirm_from_newest(&r, all, rows, nwords, page->need - first, walk, &rest_end);
            for (size_t w = 0; w < nwords; w++)
                rows[w] |= titles[w];
        } else { /* the page lies among the titles read: the rest tier is not asked for */
            memcpy(rows, titles, nwords * sizeof *rows);
        }
        bool full = first + rest >= page->need;
        if (!full && !(titles_end && rest_end))
            r.failed = true; /* too deep a page to read to: the engine's */
        bool exact = (titles_end && rest_end) || all->n == 0;
        page->total = titles_end && rest_end ? first + rest : all->n == 0 ? candidates : estimated;
        page->estimated = !exact;
        if (page->total < first + rest)
            page->total = first + rest; /* never below what was confirmed, a next page among them */
    }
    bool failed = r.failed;
    reader_end(&r, own);
    return failed ? JVDR_E_NOT_FOUND : JVDR_OK;
}
