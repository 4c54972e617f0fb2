/* A search's plain words answered from the postings of common words (event_index_terms.c keeps
 * them): each word is a prefix, as the engine reads it, so its rows are those of every word of the
 * vocabulary it begins: the common ones' bitmaps joined, the rare ones' rows read from the
 * engine's index by their exact words. Anything the postings cannot answer cheaply is left to the
 * engine (FTS5, or PostgreSQL's tsquery). */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/db.h"

/* A prefix answered from the postings asks the engine for at most this many rare words, holding at
 * most this many rows between them; past either, the engine reads the prefix itself. */
#define TERMS_MAX_RARE 64
#define TERMS_RARE_ROWS 16384

/* The words a search's word asks for: the common ones' bitmaps joined into bits, the rare ones
 * listed for the engine. */
struct prefix_words {
    enum terms_scope scope;
    uint64_t *bits;
    uint32_t rare[TERMS_MAX_RARE];
    size_t nrare;
    uint64_t rare_rows;
    bool too_many;
};

static void take_word(const struct index_terms *t, uint32_t id, struct prefix_words *p)
{
    const struct index_postings *scope = &t->scope[p->scope];
    if (scope->common[id] != NO_ID) {
        const uint64_t *bits = scope->bits[scope->common[id]];
        for (size_t w = 0; w < t->nwords; w++)
            p->bits[w] |= bits[w];
    } else if (scope->counts[id] == 0) {
        /* never in a row of this scope (counts only grow): nothing to read */
    } else if (p->nrare == TERMS_MAX_RARE || strchr(t->vocab->keys[id], TERMS_CUT_MARK)) {
        p->too_many = true; /* a cut word's rows are the engine's to find */
    } else {
        p->rare[p->nrare++] = id;
        p->rare_rows += scope->counts[id];
        p->too_many |= p->rare_rows > TERMS_RARE_ROWS;
    }
}

/* Takes every word beginning with prefix[0..len): the sorted ones by a binary search, the words
 * added since one by one. */
static void take_prefix(const struct index_terms *t, const char *prefix, size_t len,
                        struct prefix_words *p)
{
    char *const *keys = t->vocab->keys;
    size_t lo = 0, hi = t->nsorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(keys[t->sorted[mid]], prefix, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; !p->too_many && i < t->nsorted; i++) {
        if (strncmp(keys[t->sorted[i]], prefix, len) != 0)
            break;
        take_word(t, t->sorted[i], p);
    }
    for (size_t id = t->nsorted; !p->too_many && id < t->vocab->count; id++)
        if (strncmp(keys[id], prefix, len) == 0)
            take_word(t, (uint32_t)id, p);
}

/* A search word's only token (a word of several is a phrase: not answered here). */
struct query_token {
    char text[SEARCH_MAX_QUERY + 1];
    size_t len;
    int count;
};

static void on_query_token(void *ctx, const char *word, size_t len)
{
    struct query_token *q = ctx;
    if (q->count++ == 0 && len < sizeof q->text) {
        memcpy(q->text, word, len);
        q->len = len;
    }
}

static bool one_token(struct db_tokenizer *tok, const char *text, size_t len,
                      struct query_token *out)
{
    out->count = 0;
    out->len = 0;
    return tok->tokenize(tok, text, len, true, on_query_token, out) == JVDR_OK && out->count == 1 &&
           out->len > 0;
}

/* Sets the bits of the rows holding one of p's rare words, read from the engine by their exact
 * words. */
static enum jvdr_err read_rare(struct index_terms *t, struct db *db, struct db_tokenizer *tok,
                               struct prefix_words *p)
{
    if (p->nrare == 0)
        return JVDR_OK;
    struct buf match, sql;
    buf_init(&match);
    buf_init(&sql);
    for (size_t i = 0; i < p->nrare; i++)
        tok->put_word(&match, t->vocab->keys[p->rare[i]], i == 0);
    const char *table = index_terms_table(p->scope);
    buf_printf(&sql, "SELECT rowid FROM %s WHERE ", table);
    db_search(db)->put_match(&sql, table, "?1");
    struct stmt *stmt = match.failed || sql.failed ? NULL : db_stmt(db, sql.data);
    enum jvdr_err code = stmt ? JVDR_OK : JVDR_E_INTERNAL;
    if (stmt) {
        stmt_bind_text(stmt, 1, match.data);
        int rc;
        while ((rc = stmt_step(stmt)) == DB_ROW) {
            long long rowid = stmt_int64(stmt, 0);
            if (rowid >= 0 && (size_t)rowid / 64 < t->nwords)
                p->bits[rowid / 64] |= 1ull << (rowid % 64);
        }
        code = rc == DB_DONE ? JVDR_OK : JVDR_E_NOT_FOUND; /* the engine then says why itself */
        db_stmt_done(stmt);
    }
    buf_cleanup(&match);
    buf_cleanup(&sql);
    return code;
}

/* The rows matching one search word (a prefix; as typed or folded, as read/search_query.c asks
 * the engine) into p->bits. JVDR_E_NOT_FOUND when the postings do not answer it. */
static enum jvdr_err match_word(struct index_terms *t, struct db *db, struct db_tokenizer *tok,
                                const char *word, struct prefix_words *p)
{
    size_t len = strlen(word);
    if (len > SEARCH_MAX_QUERY)
        return JVDR_E_NOT_FOUND;
    char folded[SEARCH_MAX_QUERY + 1];
    size_t flen = fold_utf8(word, len, folded);
    struct query_token typed, plain;
    if (!one_token(tok, word, len, &typed) || !one_token(tok, folded, flen, &plain))
        return JVDR_E_NOT_FOUND;
    take_prefix(t, typed.text, typed.len, p);
    if (plain.len != typed.len || memcmp(plain.text, typed.text, typed.len) != 0)
        take_prefix(t, plain.text, plain.len, p);
    return p->too_many ? JVDR_E_NOT_FOUND : read_rare(t, db, tok, p);
}

enum jvdr_err index_terms_match(struct event_index *index, struct db *db, enum terms_scope scope,
                                const char *const *words, size_t n, uint64_t **rows, size_t *nwords)
{
    *rows = NULL;
    *nwords = 0;
    struct index_terms *t = index->terms;
    struct db_tokenizer *tok = t && n ? db_search_tokenizer(db) : NULL;
    if (!tok) {
        atomic_fetch_add(&index->searches_from_engine, 1);
        return JVDR_E_NOT_FOUND;
    }
    uint64_t *all = calloc(t->nwords + 1, sizeof *all);
    struct prefix_words *p = calloc(1, sizeof *p);
    if (p) {
        p->scope = scope;
        p->bits = malloc(t->nwords * sizeof *p->bits);
    }
    enum jvdr_err code = all && p && p->bits ? JVDR_OK : JVDR_E_NOMEM;
    for (size_t i = 0; code == JVDR_OK && i < n; i++) {
        memset(p->bits, 0, t->nwords * sizeof *p->bits);
        p->nrare = 0;
        p->rare_rows = 0;
        p->too_many = false;
        code = match_word(t, db, tok, words[i], p);
        for (size_t w = 0; code == JVDR_OK && w < t->nwords; w++)
            all[w] = i ? all[w] & p->bits[w] : p->bits[w];
    }
    tok->close(tok);
    if (p)
        free(p->bits);
    free(p);
    atomic_fetch_add(
        code == JVDR_OK ? &index->searches_from_postings : &index->searches_from_engine, 1);
    if (code != JVDR_OK) {
        free(all);
        return code;
    }
    *rows = all;
    *nwords = t->nwords;
    return JVDR_OK;
}
