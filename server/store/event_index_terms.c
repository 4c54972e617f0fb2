/* Postings of the commonest words of the full-text rows, so that q= with a word most events hold
 * is a few bitmap operations rather than a read of a million matches from the engine's full-text
 * index (FTS5: about 90 ms at a million events; PostgreSQL's GIN: past its 500 ms budget).
 *
 * Every word the engine's index made of a record's full-text row (db_search_tokenizer: FTS5's own
 * tokenizer on SQLite, the stored tsvectors' lexemes on PostgreSQL) is in the vocabulary, with how
 * many rows hold it; the commonest have a bitmap over rowids. A plain word of a search is a
 * prefix: the rows holding any word it begins, the common ones' bitmaps joined with the rare ones'
 * rows read from the engine's index by their exact words. A search the postings cannot answer
 * cheaply (a word of several tokens, a prefix of too many rare words) is the engine's, as before.
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

/* A word has a bitmap when at least index->terms_floor rows hold it (2048 unless configured), and
 * at least one row in TERMS_COMMON_SHARE: below, the engine reads its rows in a few milliseconds
 * (PostgreSQL's GIN about 5 µs a row, FTS5 2 µs: a floor of 8192 left a word of 10,000 rows at
 * 20-100 ms), and a bitmap (nrowids / 8 bytes) would cost more memory than it saves time. */
#define TERMS_COMMON_SHARE 512
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
    free(t->sorted);
    for (int k = 0; k < TERMS_SCOPES; k++) {
        struct index_postings *p = &t->scope[k];
        free(p->counts);
        free(p->stamps);
        free(p->common);
        for (size_t i = 0; i < p->ncommon; i++)
            index_block_release(&p->lent, p->bits[i]);
        free(p->bits);
        index_pairs_free(&p->pairs);
    }
    free(t);
    index->terms = NULL;
}

/* Grows *a (n words) to more, new entries set to fill. */
static bool grow_array(uint32_t **a, size_t n, size_t more, uint32_t fill)
{
    uint32_t *grown = realloc(*a, more * sizeof *grown);
    if (!grown)
        return false;
    for (size_t i = n; i < more; i++)
        grown[i] = fill;
    *a = grown;
    return true;
}

/* Room for every scope's counts, stamps and bitmap numbers up to the vocabulary's size. */
static bool grow_words(struct index_terms *t)
{
    size_t need = t->vocab->count;
    if (need <= t->capacity)
        return true;
    size_t n = t->capacity ? t->capacity : 4096;
    while (n < need)
        n *= 2;
    for (int k = 0; k < TERMS_SCOPES; k++) {
        struct index_postings *p = &t->scope[k];
        if (!grow_array(&p->counts, t->capacity, n, 0) ||
            !grow_array(&p->stamps, t->capacity, n, 0) ||
            !grow_array(&p->common, t->capacity, n, NO_ID))
            return false;
    }
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
    for (int k = 0; k < TERMS_SCOPES; k++)
        for (size_t i = 0; i < t->scope[k].ncommon; i++) {
            uint64_t *grown = index_block_grow(&t->scope[k].lent, t->scope[k].bits[i],
                                               t->nwords * sizeof *grown, n * sizeof *grown);
            if (!grown)
                return false;
            t->scope[k].bits[i] = grown;
        }
    for (int k = 0; k < TERMS_SCOPES; k++)
        if (!index_pairs_width(&t->scope[k].pairs, t->nwords, n))
            return false;
    t->nwords = n;
    return true;
}

/* A stamp no word carries yet in any scope (0 is none). */
static uint32_t next_stamp(struct index_terms *t)
{
    if (t->seq == UINT32_MAX) {
        for (int k = 0; k < TERMS_SCOPES; k++) {
            struct index_pairs *q = &t->scope[k].pairs;
            memset(t->scope[k].stamps, 0, t->capacity * sizeof *t->scope[k].stamps);
            if (q->stamps)
                memset(q->stamps, 0, q->side * q->side * sizeof *q->stamps);
        }
        t->seq = 0;
    }
    return ++t->seq;
}

/* What a row's tokenizing does with each word, and with each pair of common words one right
 * after the other in a column: count it (once per row and scope) and, when it has a bitmap there,
 * set the row's bit. */
struct row_words {
    struct index_terms *t;
    unsigned scopes; /* the column's: 1 << TERMS_ALL, 1 << TERMS_TITLES */
    uint32_t stamp;  /* the row's own, never 0 */
    long long rowid;
    bool count_words, count_pairs, set_bits;
    bool log_pairs; /* a load's: logs each pair (index_pairs_log) for the bitmaps chosen after */
    uint32_t only;  /* when learning a word's pairs (learn_pairs): its bitmap number, else NO_ID */
    int only_scope;
    bool ok;
    uint32_t prev; /* the column's word before this one, or NO_ID */
    struct {
        enum terms_scope scope;
        uint32_t id, next; /* a word, or a pair's words */
        size_t slot;       /* a pair's, else SIZE_MAX */
    } promote[8];          /* words and pairs this row made common (a commit's: see promote) */
    size_t npromote;
    char word[TERMS_KEY_MAX + 1];
};

/* Notes that this row made a word or pair common in scope (when there is room). */
static void note_promote(struct row_words *r, int scope, uint32_t id, uint32_t next, size_t slot)
{
    if (r->npromote < sizeof r->promote / sizeof r->promote[0]) {
        r->promote[r->npromote].scope = (enum terms_scope)scope;
        r->promote[r->npromote].id = id;
        r->promote[r->npromote].next = next;
        r->promote[r->npromote++].slot = slot;
    }
}

/* The pair of the word before (r->prev) and word id in scope k. */
static void on_pair(struct row_words *r, int k, uint32_t id)
{
    struct index_postings *p = &r->t->scope[k];
    uint32_t a = r->prev == NO_ID ? NO_ID : p->common[r->prev], b = p->common[id];
    size_t slot = r->prev == NO_ID ? SIZE_MAX : index_pair_slot(&p->pairs, a, b);
    struct index_pairs *q = &p->pairs;
    if (slot == SIZE_MAX || q->stamps[slot] == r->stamp ||
        (r->only != NO_ID && (k != r->only_scope || (a != r->only && b != r->only))))
        return;
    q->stamps[slot] = r->stamp;
    if (r->count_pairs && q->counts[slot] < UINT32_MAX)
        q->counts[slot]++;
    if (r->log_pairs)
        index_pairs_log(q, r->rowid, slot);
    if (r->set_bits && q->bitmap[slot] != NO_ID)
        q->bits[q->bitmap[slot]][r->rowid / 64] |= 1ull << (r->rowid % 64);
    else if (r->set_bits && r->count_pairs && q->counts[slot] >= p->floor)
        note_promote(r, k, r->prev, id, slot);
}

/* Word as a key in r->word: as it is, or cut and marked when too long. */
static void word_key(struct row_words *r, const char *word, size_t len)
{
    if (len < sizeof r->word) {
        memcpy(r->word, word, len);
        r->word[len] = '\0';
        return;
    }
    memcpy(r->word, word, TERMS_KEY_MAX - 1);
    r->word[TERMS_KEY_MAX - 1] = TERMS_CUT_MARK;
    r->word[TERMS_KEY_MAX] = '\0';
}

static void on_word(void *ctx, const char *word, size_t len)
{
    struct row_words *r = ctx;
    if (len == 0) /* a break: the next word follows none (a tokenizer of positions, pg_tokens.c) */
        r->prev = NO_ID;
    if (!r->ok || len == 0)
        return;
    word_key(r, word, len);
    struct index_terms *t = r->t;
    uint32_t id = index_dict_intern(t->vocab, r->word);
    if (id == NO_ID || !grow_words(t)) {
        r->ok = false;
        return;
    }
    for (int k = 0; k < TERMS_SCOPES; k++) {
        struct index_postings *p = &t->scope[k];
        if (!(r->scopes & (1u << k)))
            continue;
        on_pair(r, k, id);
        if (p->stamps[id] == r->stamp)
            continue;
        p->stamps[id] = r->stamp;
        if (r->count_words && p->counts[id] < UINT32_MAX)
            p->counts[id]++;
        if (r->set_bits && p->common[id] != NO_ID)
            p->bits[p->common[id]][r->rowid / 64] |= 1ull << (r->rowid % 64);
        else if (r->set_bits && r->count_words && p->counts[id] >= p->floor &&
                 p->ncommon < TERMS_MAX_COMMON)
            note_promote(r, k, id, NO_ID, SIZE_MAX);
    }
    r->prev = id;
}

/* Tokenizes a full-text row's columns (1 onwards of stmt, as row_sql selects them) into r, each
 * counted for the scopes the tokenizer gives it. */
static bool tokenize_row(struct db_tokenizer *tok, struct stmt *stmt, struct row_words *r)
{
    for (size_t c = 0; r->ok && c < tok->ncolumns; c++) {
        const char *text = stmt_text(stmt, (int)c + 1);
        r->scopes = (tok->columns[c].all ? 1u << TERMS_ALL : 0) |
                    (tok->columns[c].titles ? 1u << TERMS_TITLES : 0);
        r->prev = NO_ID; /* a phrase never spans two columns */
        if (text &&
            tok->tokenize(tok, text, stmt_bytes(stmt, (int)c + 1), false, on_word, r) != JVDR_OK)
            r->ok = false;
    }
    return r->ok;
}

bool index_terms_row_sql(struct buf *sql, const struct db_tokenizer *tok, size_t some)
{
    buf_printf(sql, "SELECT %s", tok->rowid);
    for (size_t c = 0; c < tok->ncolumns; c++)
        buf_printf(sql, ", %s", tok->columns[c].sql);
    buf_printf(sql, " FROM %s WHERE %s", tok->rows, tok->rowid);
    if (some == 0) {
        buf_puts(sql, " BETWEEN ?1 AND ?2");
    } else {
        for (size_t i = 0; i < some; i++)
            buf_printf(sql, "%s?%zu", i ? ", " : " IN (", i + 1);
        buf_puts(sql, ")");
    }
    return !sql->failed;
}

/* Rowids a pass reads at a time: a server's engine holds a statement's rows in memory until
 * they are read (PostgreSQL's libpq), and a million rows' words at once would be hundreds of MB. */
#define PASS_ROWIDS 65536

/* What a load's pass over the rows does: count the words; then set the common words' bits and
 * count and log their pairs; then, only when the log grew past its bound, set the common pairs'
 * bits. */
enum pass_kind { PASS_WORDS, PASS_WORD_BITS, PASS_PAIR_BITS };

/* One pass over every record's full-text row. The titles' rows are the same rows' title columns
 * (the same views fill both). */
static bool pass(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                 enum pass_kind kind, size_t *rows)
{
    struct buf sql;
    buf_init(&sql);
    struct stmt *stmt = index_terms_row_sql(&sql, tok, 0) ? db_stmt(db, sql.data) : NULL;
    buf_cleanup(&sql);
    if (!stmt)
        return false;
    struct row_words r = {.t = index->terms,
                          .only = NO_ID,
                          .count_words = kind == PASS_WORDS,
                          .count_pairs = kind == PASS_WORD_BITS,
                          .log_pairs = kind == PASS_WORD_BITS,
                          .set_bits = kind != PASS_WORDS,
                          .ok = true};
    int rc = DB_DONE;
    for (size_t from = 0; r.ok && rc == DB_DONE && from < index->nrowids; from += PASS_ROWIDS) {
        db_stmt_done(stmt); /* the last batch's rows read: again, with the next bounds */
        stmt_bind_int64(stmt, 1, (long long)from);
        stmt_bind_int64(stmt, 2, (long long)(from + PASS_ROWIDS - 1));
        while (r.ok && (rc = stmt_step(stmt)) == DB_ROW) {
            r.rowid = stmt_int64(stmt, 0);
            if (!index_row_wanted(index, r.rowid))
                continue;
            r.stamp = next_stamp(r.t);
            tokenize_row(tok, stmt, &r);
            ++*rows;
        }
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

/* The words of a scope that get bitmaps: those past both bounds, the commonest TERMS_MAX_COMMON
 * of them (never a cut word: its rows are the engine's). */
static bool choose_common(struct index_terms *t, struct index_postings *p, size_t rows,
                          size_t at_least)
{
    size_t floor = rows / TERMS_COMMON_SHARE > at_least ? rows / TERMS_COMMON_SHARE : at_least;
    p->floor = floor < UINT32_MAX ? (uint32_t)floor : UINT32_MAX;
    uint32_t *chosen = malloc((t->vocab->count + 1) * sizeof *chosen);
    if (!chosen)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < t->vocab->count; i++)
        if (p->counts[i] >= floor && !strchr(t->vocab->keys[i], TERMS_CUT_MARK))
            chosen[n++] = (uint32_t)i;
    /* Serialised by the index's write lock (a load holds it), as qsort has no context. */
    sort_counts = p->counts;
    qsort(chosen, n, sizeof *chosen, by_count_desc);
    if (n > TERMS_MAX_COMMON)
        n = TERMS_MAX_COMMON;
    p->bits = calloc(n ? n : 1, sizeof *p->bits);
    bool ok = p->bits != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        p->common[chosen[i]] = (uint32_t)i;
        ok = (p->bits[i] = calloc(t->nwords, sizeof *p->bits[i])) != NULL;
        p->ncommon = ok ? i + 1 : i;
    }
    free(chosen);
    return ok;
}

/* Sorts the words added since the last sort and merges them in (every word, the first time). */
static bool merge_words(struct index_terms *t)
{
    size_t old = t->nsorted, count = t->vocab->count;
    uint32_t *merged = malloc((count + 1) * sizeof *merged);
    uint32_t *added = malloc((count - old + 1) * sizeof *added);
    if (!merged || !added) {
        free(merged);
        free(added);
        return false;
    }
    for (size_t i = old; i < count; i++)
        added[i - old] = (uint32_t)i;
    sort_keys = t->vocab->keys;
    qsort(added, count - old, sizeof *added, by_key);
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

bool index_terms_wanted(const struct event_index *index)
{
    size_t rows = 0;
    for (size_t r = 0; r < index->nrowids; r++)
        rows += index->kind_by_rowid[r] != 0;
    return rows >= index->terms_floor;
}

bool index_terms_build(struct event_index *index, struct db *db)
{
    index_terms_free(index);
    /* Fewer rows than a common word needs: no word can be, and the engine reads any word's few
     * matches at once (no vocabulary to keep, nor a start to spend tokenizing). */
    if (!index_terms_wanted(index))
        return true;
    struct db_tokenizer *tok = db_search_tokenizer(db);
    if (!tok)
        return true; /* an engine without: its own index answers every search */
    struct index_terms *t = index->terms = calloc(1, sizeof *t);
    bool ok = t && (t->vocab = index_dict_new()) != NULL;
    ok = ok && grow_bits(t, index->nrowids ? (long long)index->nrowids - 1 : 0);
    size_t rows = 0, again = 0;
    ok = ok && pass(index, db, tok, PASS_WORDS, &rows);
    for (int k = 0; ok && k < TERMS_SCOPES; k++) {
        struct index_postings *p = &t->scope[k];
        ok = choose_common(t, p, rows, index->terms_floor) &&
             (!tok->put_phrase || index_pairs_start(&p->pairs, TERMS_MAX_COMMON, p->ncommon));
    }
    ok = ok && pass(index, db, tok, PASS_WORD_BITS, &again) && merge_words(t);
    bool unset = false, some;
    for (int k = 0; ok && k < TERMS_SCOPES; k++) {
        struct index_pairs *q = &t->scope[k].pairs;
        ok = index_pairs_choose(q, t->scope[k].floor, t->nwords, &some);
        unset |= !index_pairs_replay(q) && some;
    }
    ok = ok && (!unset || pass(index, db, tok, PASS_PAIR_BITS, &again));
    tok->close(tok);
    if (!ok)
        index_terms_free(index);
    return ok;
}

/* Gives the pairs noted in r (words come before: they may make the pairs' words known) bitmaps. */
static bool promote_pairs(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                          const struct row_words *r)
{
    bool ok = true;
    char *const *keys = index->terms->vocab->keys;
    for (size_t i = 0; ok && i < r->npromote; i++)
        if (r->promote[i].slot != SIZE_MAX)
            ok = index_pairs_promote(index, db, tok, r->promote[i].scope, r->promote[i].slot,
                                     keys[r->promote[i].id], keys[r->promote[i].next]);
    return ok;
}

/* Counts the pairs of a word just made common (bitmap number c of scope) in every row holding it
 * (rows, its bitmap), so that its phrases are answered as those of the words common at the load
 * are: its rows read again and tokenized (a few thousand, once). */
static bool learn_pairs(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                        enum terms_scope scope, uint32_t c, const uint64_t *rows)
{
    struct index_terms *t = index->terms;
    struct index_pairs *q = &t->scope[scope].pairs;
    if (c >= q->side)
        return true;
    q->known[c] = 1;
    struct buf sql;
    buf_init(&sql);
    struct stmt *stmt = index_terms_row_sql(&sql, tok, 1) ? db_stmt(db, sql.data) : NULL;
    buf_cleanup(&sql);
    struct row_words r = {
        .t = t, .count_pairs = true, .set_bits = true, .only = c, .only_scope = scope, .ok = true};
    int rc = DB_DONE;
    for (size_t w = 0; stmt && r.ok && w < t->nwords; w++)
        for (uint64_t bits = rows[w]; bits && r.ok; bits &= bits - 1) {
            r.rowid = (long long)w * 64 + __builtin_ctzll(bits);
            db_stmt_done(stmt);
            stmt_bind_int64(stmt, 1, r.rowid);
            if ((rc = stmt_step(stmt)) == DB_ROW) {
                r.stamp = next_stamp(t);
                tokenize_row(tok, stmt, &r);
            } else if (rc != DB_DONE) {
                r.ok = false;
            }
        }
    if (stmt)
        db_stmt_done(stmt);
    if (!stmt || !r.ok)
        q->known[c] = 0; /* its pairs only partly counted: the engine's phrases */
    return stmt && r.ok && promote_pairs(index, db, tok, &r);
}

/* Gives word id a bitmap in scope now that commits made it common there: its rows read from
 * the engine's index by the exact word (a few thousand, once). */
static bool promote(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                    enum terms_scope scope, uint32_t id)
{
    struct index_terms *t = index->terms;
    struct index_postings *p = &t->scope[scope];
    if (p->common[id] != NO_ID || p->ncommon >= TERMS_MAX_COMMON ||
        strchr(t->vocab->keys[id], TERMS_CUT_MARK))
        return true;
    uint64_t **bits = realloc(p->bits, (p->ncommon + 1) * sizeof *bits);
    if (!bits)
        return false;
    p->bits = bits;
    struct buf match;
    buf_init(&match);
    tok->put_word(&match, t->vocab->keys[id], true);
    uint64_t *mine = index_terms_read_rows(index, db, scope, &match);
    if (!mine)
        return false;
    p->bits[p->ncommon] = mine;
    p->common[id] = (uint32_t)p->ncommon++;
    return learn_pairs(index, db, tok, scope, p->common[id], mine);
}

bool index_terms_row(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                     long long rowid)
{
    struct index_terms *t = index->terms;
    if (!t || rowid < 0)
        return true;
    if (!grow_bits(t, rowid))
        return false;
    for (int k = 0; k < TERMS_SCOPES; k++) {
        for (size_t i = 0; i < t->scope[k].ncommon; i++)
            t->scope[k].bits[i][rowid / 64] &= ~(1ull << (rowid % 64));
        index_pairs_clear(&t->scope[k].pairs, rowid);
    }
    if (!index_row_wanted(index, rowid))
        return true;
    struct buf sql;
    buf_init(&sql);
    struct stmt *stmt = index_terms_row_sql(&sql, tok, 1) ? db_stmt(db, sql.data) : NULL;
    buf_cleanup(&sql);
    if (!stmt)
        return false;
    stmt_bind_int64(stmt, 1, rowid);
    struct row_words r = {.t = t,
                          .rowid = rowid,
                          .count_words = true,
                          .count_pairs = true,
                          .set_bits = true,
                          .only = NO_ID,
                          .ok = true};
    r.stamp = next_stamp(t);
    int rc = stmt_step(stmt);
    if (rc == DB_ROW)
        tokenize_row(tok, stmt, &r);
    db_stmt_done(stmt);
    for (size_t i = 0; r.ok && i < r.npromote; i++)
        if (r.promote[i].slot == SIZE_MAX)
            r.ok = promote(index, db, tok, r.promote[i].scope, r.promote[i].id);
    r.ok = r.ok && promote_pairs(index, db, tok, &r);
    /* Words new since the sort: merged in when many, so that prefixes stay a binary search. */
    if (r.ok && t->vocab->count - t->nsorted > TERMS_UNSORTED)
        r.ok = merge_words(t);
    return r.ok && (rc == DB_ROW || rc == DB_DONE);
}
