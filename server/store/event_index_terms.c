/* Postings of the commonest words of the full-text rows, so that q= with a word most events hold
 * is a few bitmap operations rather than a read of a million matches from FTS5 (about 90 ms
 * at a million events).
 *
 * Every word FTS5 made of a record's full-text row (with FTS5's own tokenizer:
 * db_search_tokenizer) is in the vocabulary, with how many rows hold it; the commonest have a
 * bitmap over rowids. A plain word of a search is a prefix: the rows holding any word it begins,
 * the common ones' bitmaps joined with the rare ones' rows read from FTS5 by their exact words.
 * A search the postings cannot answer cheaply (a word of several tokens, a prefix of too many
 * rare words) is FTS5's, as before.
 *
 * Exact: a commit's records are tokenized again (index_terms_row); a word's count only ever
 * grows there (the words a row lost are not known), so it is an upper bound, and only decides
 * which words have bitmaps (at a load from the database, or when a commit's count reaches the
 * floor) and when a prefix's rare words are too many. The search's side is
 * event_index_terms_match.c. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

/* A word has a bitmap when at least index->terms_floor rows hold it (8192 unless configured), and
 * at least one row in TERMS_COMMON_SHARE: below, FTS5 reads its rows in about a millisecond, and
 * a bitmap (nrowids / 8 bytes) would cost more memory than it saves time. */
#define TERMS_COMMON_SHARE 64
/* At most this many bitmaps (the commonest words): 64 MB at a million rows. */
#define TERMS_MAX_COMMON 512
/* Words new since the last sort that a prefix looks through one by one before they are merged. */
#define TERMS_UNSORTED 4096

void index_terms_free(struct event_index *index)
{
    struct index_terms *t = index->terms;
    if (!t)
        return;
    index_dict_free(t->vocab);
    free(t->counts);
    free(t->stamps);
    free(t->sorted);
    free(t->common);
    for (size_t i = 0; i < t->ncommon; i++)
        free(t->bits[i]);
    free(t->bits);
    free(t);
    index->terms = NULL;
}

/* Room for the words' counts, stamps and bitmap numbers up to the vocabulary's size. */
static bool grow_words(struct index_terms *t)
{
    size_t need = t->vocab->count;
    if (need <= t->capacity)
        return true;
    size_t n = t->capacity ? t->capacity : 4096;
    while (n < need)
        n *= 2;
    uint32_t *counts = realloc(t->counts, n * sizeof *counts);
    if (counts)
        t->counts = counts;
    uint32_t *stamps = counts ? realloc(t->stamps, n * sizeof *stamps) : NULL;
    if (stamps)
        t->stamps = stamps;
    uint32_t *common = stamps ? realloc(t->common, n * sizeof *common) : NULL;
    if (!common)
        return false;
    t->common = common;
    memset(counts + t->capacity, 0, (n - t->capacity) * sizeof *counts);
    memset(stamps + t->capacity, 0, (n - t->capacity) * sizeof *stamps);
    for (size_t i = t->capacity; i < n; i++)
        common[i] = NO_ID;
    t->capacity = n;
    return true;
}

/* Room in every bitmap for rowid. */
static bool grow_bits(struct index_terms *t, long long rowid)
{
    size_t need = (size_t)rowid / 64 + 1;
    if (need <= t->nwords)
        return true;
    size_t n = t->nwords ? t->nwords : 1024;
    while (n < need)
        n *= 2;
    for (size_t i = 0; i < t->ncommon; i++) {
        uint64_t *grown = realloc(t->bits[i], n * sizeof *grown);
        if (!grown)
            return false;
        memset(grown + t->nwords, 0, (n - t->nwords) * sizeof *grown);
        t->bits[i] = grown;
    }
    t->nwords = n;
    return true;
}

/* A stamp no word carries yet (0 is none). */
static uint32_t next_stamp(struct index_terms *t)
{
    if (t->seq == UINT32_MAX) {
        memset(t->stamps, 0, t->capacity * sizeof *t->stamps);
        t->seq = 0;
    }
    return ++t->seq;
}

/* What a row's tokenizing does with each word: count it (once per row) and, when it has a bitmap,
 * set the row's bit. */
struct row_words {
    struct index_terms *t;
    uint32_t stamp; /* the row's own, never 0 */
    long long rowid;
    bool set_bits;
    bool ok;
    uint32_t promote[8]; /* words this row made common (a commit's: see promote) */
    size_t npromote;
    char word[256]; /* a word as a key (longer ones are never common: counted, no bitmap) */
};

static void on_word(void *ctx, const char *word, size_t len)
{
    struct row_words *r = ctx;
    if (!r->ok || len == 0 || len >= sizeof r->word)
        return;
    memcpy(r->word, word, len);
    r->word[len] = '\0';
    struct index_terms *t = r->t;
    uint32_t id = index_dict_intern(t->vocab, r->word);
    if (id == NO_ID || !grow_words(t)) {
        r->ok = false;
        return;
    }
    if (t->stamps[id] == r->stamp)
        return;
    t->stamps[id] = r->stamp;
    if (t->counts[id] < UINT32_MAX)
        t->counts[id]++;
    if (r->set_bits && t->common[id] != NO_ID)
        t->bits[t->common[id]][r->rowid / 64] |= 1ull << (r->rowid % 64);
    else if (r->set_bits && t->counts[id] >= t->floor && t->ncommon < TERMS_MAX_COMMON &&
             r->npromote < sizeof r->promote / sizeof r->promote[0])
        r->promote[r->npromote++] = id;
}

/* Tokenizes the columns of a full-text row (columns 1.. of stmt) into r. */
static bool tokenize_row(struct db_tokenizer *tok, struct stmt *stmt, int ncolumns,
                         struct row_words *r)
{
    for (int c = 1; r->ok && c <= ncolumns; c++) {
        const char *text = stmt_text(stmt, c);
        if (text && tok->tokenize(tok, text, stmt_bytes(stmt, c), false, on_word, r) != JVDR_OK)
            r->ok = false;
    }
    return r->ok;
}

/* A row of a record the map knows (every kind: /v1/search reads the postings too). */
static bool wanted_row(const struct event_index *index, long long rowid)
{
    return rowid >= 0 && (size_t)rowid < index->nrowids && index->kind_by_rowid[rowid] != 0;
}

/* One pass over every event's and agreement's full-text row: counting (set_bits false), or
 * setting the common words' bits. */
static bool pass(struct event_index *index, struct db *db, struct db_tokenizer *tok, bool set_bits,
                 size_t *rows)
{
    struct stmt *stmt = db_stmt(db, "SELECT rowid, title, body, folded FROM search_index");
    if (!stmt)
        return false;
    struct row_words r = {.t = index->terms, .set_bits = set_bits, .ok = true};
    int rc = DB_DONE;
    while (r.ok && (rc = stmt_step(stmt)) == DB_ROW) {
        r.rowid = stmt_int64(stmt, 0);
        if (!wanted_row(index, r.rowid))
            continue;
        r.stamp = next_stamp(r.t);
        tokenize_row(tok, stmt, 3, &r);
        ++*rows;
    }
    db_stmt_done(stmt);
    return r.ok && rc == DB_DONE;
}

/* For qsort of words by count, the commonest first. */
static const uint32_t *sort_counts;
static int by_count_desc(const void *a, const void *b)
{
    uint32_t x = sort_counts[*(const uint32_t *)a], y = sort_counts[*(const uint32_t *)b];
    return x != y ? (x > y ? -1 : 1) : 0;
}

/* For qsort of words by text. */
static char *const *sort_keys;
static int by_key(const void *a, const void *b)
{
    return strcmp(sort_keys[*(const uint32_t *)a], sort_keys[*(const uint32_t *)b]);
}

/* The words that get bitmaps: those past both bounds, the commonest TERMS_MAX_COMMON of them. */
static bool choose_common(struct index_terms *t, size_t rows, size_t at_least)
{
    size_t floor = rows / TERMS_COMMON_SHARE > at_least ? rows / TERMS_COMMON_SHARE : at_least;
    t->floor = floor < UINT32_MAX ? (uint32_t)floor : UINT32_MAX;
    uint32_t *chosen = malloc((t->vocab->count + 1) * sizeof *chosen);
    if (!chosen)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < t->vocab->count; i++)
        if (t->counts[i] >= floor)
            chosen[n++] = (uint32_t)i;
    /* Serialised by the index's write lock (a load holds it), as qsort has no context. */
    sort_counts = t->counts;
    qsort(chosen, n, sizeof *chosen, by_count_desc);
    if (n > TERMS_MAX_COMMON)
        n = TERMS_MAX_COMMON;
    t->bits = calloc(n ? n : 1, sizeof *t->bits);
    bool ok = t->bits != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        t->common[chosen[i]] = (uint32_t)i;
        ok = (t->bits[i] = calloc(t->nwords, sizeof *t->bits[i])) != NULL;
        t->ncommon = ok ? i + 1 : i;
    }
    free(chosen);
    return ok;
}

/* Sorts the words added since the last sort and merges them in (every word, the first time). */
static bool merge_words(struct index_terms *t)
{
    size_t old = t->nsorted, count = t->vocab->count;
    uint32_t *merged = malloc((count + 1) * sizeof *merged);
    if (!merged)
        return false;
    uint32_t *fresh = merged + old; /* sorted in place, then merged from the front */
    for (size_t i = old; i < count; i++)
        fresh[i - old] = (uint32_t)i;
    sort_keys = t->vocab->keys;
    qsort(fresh, count - old, sizeof *fresh, by_key);
    uint32_t *added = malloc((count - old + 1) * sizeof *added);
    if (!added) {
        free(merged);
        return false;
    }
    memcpy(added, fresh, (count - old) * sizeof *added);
    size_t a = 0, b = 0, n = 0;
    while (a < old || b < count - old)
        merged[n++] = b == count - old || (a < old && by_key(&t->sorted[a], &added[b]) <= 0)
                          ? t->sorted[a++]
                          : added[b++];
    free(added);
    free(t->sorted);
    t->sorted = merged;
    t->nsorted = count;
    return true;
}

bool index_terms_build(struct event_index *index, struct db *db)
{
    index_terms_free(index);
    struct db_tokenizer *tok = db_search_tokenizer(db);
    if (!tok)
        return true; /* an engine without: FTS5 (or its like) answers every search */
    struct index_terms *t = index->terms = calloc(1, sizeof *t);
    bool ok = t && (t->vocab = index_dict_new()) != NULL;
    ok = ok && grow_bits(t, index->nrowids ? (long long)index->nrowids - 1 : 0);
    size_t rows = 0, again = 0;
    ok = ok && pass(index, db, tok, false, &rows) && choose_common(t, rows, index->terms_floor) &&
         pass(index, db, tok, true, &again) && merge_words(t);
    tok->close(tok);
    if (!ok)
        index_terms_free(index);
    return ok;
}

/* Gives word id a bitmap now that commits made it common: its rows read from FTS5 by the exact
 * word (a few thousand, once). */
static bool promote(struct event_index *index, struct db *db, uint32_t id)
{
    struct index_terms *t = index->terms;
    if (t->common[id] != NO_ID || t->ncommon >= TERMS_MAX_COMMON)
        return true;
    uint64_t **bits = realloc(t->bits, (t->ncommon + 1) * sizeof *bits);
    if (!bits)
        return false;
    t->bits = bits;
    uint64_t *mine = calloc(t->nwords, sizeof *mine);
    struct buf match, sql;
    buf_init(&match);
    buf_init(&sql);
    buf_printf(&match, "\"%s\"", t->vocab->keys[id]); /* a token: never a quote */
    buf_puts(&sql, "SELECT rowid FROM search_index WHERE ");
    db_search(db)->put_match(&sql, "search_index", "?1");
    struct stmt *stmt = mine && !match.failed && !sql.failed ? db_stmt(db, sql.data) : NULL;
    int rc = DB_DONE;
    if (stmt) {
        stmt_bind_text(stmt, 1, match.data);
        while ((rc = stmt_step(stmt)) == DB_ROW) {
            long long rowid = stmt_int64(stmt, 0);
            if (wanted_row(index, rowid) && (size_t)rowid / 64 < t->nwords)
                mine[rowid / 64] |= 1ull << (rowid % 64);
        }
        db_stmt_done(stmt);
    }
    buf_cleanup(&match);
    buf_cleanup(&sql);
    if (!stmt || rc != DB_DONE) {
        free(mine);
        return false;
    }
    t->bits[t->ncommon] = mine;
    t->common[id] = (uint32_t)t->ncommon++;
    return true;
}

bool index_terms_row(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                     long long rowid)
{
    struct index_terms *t = index->terms;
    if (!t || rowid < 0)
        return true;
    if (!grow_bits(t, rowid))
        return false;
    for (size_t i = 0; i < t->ncommon; i++)
        t->bits[i][rowid / 64] &= ~(1ull << (rowid % 64));
    if (!wanted_row(index, rowid))
        return true;
    struct stmt *stmt =
        db_stmt(db, "SELECT rowid, title, body, folded FROM search_index WHERE rowid = ?");
    if (!stmt)
        return false;
    stmt_bind_int64(stmt, 1, rowid);
    struct row_words r = {.t = t, .rowid = rowid, .set_bits = true, .ok = true};
    r.stamp = next_stamp(t);
    int rc = stmt_step(stmt);
    if (rc == DB_ROW)
        tokenize_row(tok, stmt, 3, &r);
    db_stmt_done(stmt);
    for (size_t i = 0; r.ok && i < r.npromote; i++)
        r.ok = promote(index, db, r.promote[i]);
    /* Words new since the sort: merged in when many, so that prefixes stay a binary search. */
    if (r.ok && t->vocab->count - t->nsorted > TERMS_UNSORTED)
        r.ok = merge_words(t);
    return r.ok && (rc == DB_ROW || rc == DB_DONE);
}
