/* A search's plain words answered from the postings of common words (event_index_terms.c keeps
 * them): each word is a prefix, as the engine reads it, so its rows are those of every word of the
 * vocabulary it begins: the common ones' bitmaps joined, the rare ones' rows read from the
 * engine's index by their exact words. A phrase is its words' pair (event_index_pairs.c), or read
 * from the engine when a word of it is rare; a longer phrase of common words is narrowed to the
 * rows holding its words and pairs, when its caller confirms each row it shows (struct
 * index_loose). Anything the postings cannot answer cheaply is left to the engine (FTS5, or
 * PostgreSQL's tsquery). */
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

/* Sets the bits of the rows of p's scope matching match (the engine's match text: rare words, or
 * a phrase with one), read from the engine. Takes match. */
static enum jvdr_err read_match(struct index_terms *t, struct db *db, struct buf *match,
                                struct prefix_words *p)
{
    struct buf sql;
    buf_init(&sql);
    const char *table = index_terms_table(p->scope);
    buf_printf(&sql, "SELECT rowid FROM %s WHERE ", table);
    db_search(db)->put_match(&sql, table, "?1");
    struct stmt *stmt = match->failed || sql.failed ? NULL : db_stmt(db, sql.data);
    enum jvdr_err code = stmt ? JVDR_OK : JVDR_E_INTERNAL;
    if (stmt) {
        stmt_bind_text(stmt, 1, match->data);
        int rc;
        while ((rc = stmt_step(stmt)) == DB_ROW) {
            long long rowid = stmt_int64(stmt, 0);
            if (rowid >= 0 && (size_t)rowid / 64 < t->nwords)
                p->bits[rowid / 64] |= 1ull << (rowid % 64);
        }
        code = rc == DB_DONE ? JVDR_OK : JVDR_E_NOT_FOUND; /* the engine then says why itself */
        db_stmt_done(stmt);
    }
    buf_cleanup(match);
    buf_cleanup(&sql);
    return code;
}

/* Sets the bits of the rows holding one of p's rare words, read from the engine by their exact
 * words. */
static enum jvdr_err read_rare(struct index_terms *t, struct db *db, struct db_tokenizer *tok,
                               struct prefix_words *p)
{
    if (p->nrare == 0)
        return JVDR_OK;
    struct buf match;
    buf_init(&match);
    for (size_t i = 0; i < p->nrare; i++)
        tok->put_word(&match, t->vocab->keys[p->rare[i]], i == 0);
    return read_match(t, db, &match, p);
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

/* What a match needs throughout: the postings, the store to read rare words from, its tokenizer,
 * and scratch for one word. */
struct terms_eval {
    struct index_terms *t;
    struct db *db;
    struct db_tokenizer *tok;
    struct prefix_words *p;
    bool names;                /* a name search: the title tier's words, fields ignored */
    struct index_loose *loose; /* the phrases narrowed only; NULL: none may be */
};

/* The rows of one word (a prefix) of scope into out (t->nwords words). */
static enum jvdr_err word_rows(struct terms_eval *e, enum terms_scope scope, const char *word,
                               uint64_t *out)
{
    struct prefix_words *p = e->p;
    memset(out, 0, e->t->nwords * sizeof *out);
    p->scope = scope;
    p->bits = out;
    p->nrare = 0;
    p->rare_rows = 0;
    p->too_many = false;
    return match_word(e->t, e->db, e->tok, word, p);
}

/* A phrase's tokens as the engine's query tokenizer makes them, each the vocabulary's word
 * (NO_ID: in no row). */
struct phrase_tokens {
    const struct index_dict *vocab;
    uint32_t id[PHRASE_MAX_TOKENS];
    size_t n;
    bool unknown; /* too many tokens, or one too long to be a word's key whole */
    char key[TERMS_KEY_MAX + 1];
};

static void on_phrase_token(void *ctx, const char *word, size_t len)
{
    struct phrase_tokens *ph = ctx;
    if (ph->n == PHRASE_MAX_TOKENS || len > TERMS_KEY_MAX) {
        ph->unknown = true;
        return;
    }
    memcpy(ph->key, word, len);
    ph->key[len] = '\0';
    ph->id[ph->n++] = index_dict_find(ph->vocab, ph->key);
}

/* ORs the rows holding every word of ph and each of its pairs that has a bitmap into out: a
 * narrowing of the phrase's rows, its words all common in scope. */
static void narrow(const struct terms_eval *e, const struct index_postings *scope,
                   const struct phrase_tokens *ph, uint64_t *out)
{
    for (size_t w = 0; w < e->t->nwords; w++) {
        uint64_t v = ~0ull;
        for (size_t i = 0; i < ph->n && v; i++) {
            v &= scope->bits[scope->common[ph->id[i]]][w];
            size_t slot = i == 0 ? SIZE_MAX
                                 : index_pair_slot(&scope->pairs, scope->common[ph->id[i - 1]],
                                                   scope->common[ph->id[i]]);
            if (slot != SIZE_MAX && scope->pairs.bitmap[slot] != NO_ID)
                v &= scope->pairs.bits[scope->pairs.bitmap[slot]][w];
        }
        out[w] |= v;
    }
}

/* ORs into e->p->bits the rows holding the phrase of tokens in e->p's scope: none when a
 * word of it is in no row or two adjacent words never follow each other; a word's rows; a pair's
 * bitmap; or, when a word of it is rare there, the phrase's rows read from the engine's table of
 * the scope (its cost is that word's few rows: FTS5 skips to them in the others'). A phrase of
 * common words only whose pairs are all in some row, of more than two words or of a pair without
 * a bitmap, is narrowed when loose (and *narrowed set), else the engine's (JVDR_E_NOT_FOUND). */
static enum jvdr_err phrase_text_rows(struct terms_eval *e, const struct phrase_tokens *ph,
                                      bool loose, bool *narrowed)
{
    if (ph->unknown || ph->n == 0)
        return JVDR_E_NOT_FOUND;
    struct prefix_words *p = e->p;
    const struct index_postings *scope = &e->t->scope[p->scope];
    for (size_t i = 0; i < ph->n; i++)
        if (ph->id[i] == NO_ID || scope->counts[ph->id[i]] == 0)
            return JVDR_OK;
    if (ph->n == 1) { /* a phrase of one word is that word, whole */
        take_word(e->t, ph->id[0], p);
        return p->too_many ? JVDR_E_NOT_FOUND : read_rare(e->t, e->db, e->tok, p);
    }
    uint32_t bitmap = NO_ID;
    bool rare = false;
    for (size_t i = 0; i < ph->n; i++) {
        rare |= scope->common[ph->id[i]] == NO_ID && scope->counts[ph->id[i]] <= TERMS_RARE_ROWS;
        size_t slot = i == 0 ? SIZE_MAX
                             : index_pair_slot(&scope->pairs, scope->common[ph->id[i - 1]],
                                               scope->common[ph->id[i]]);
        if (slot != SIZE_MAX && scope->pairs.counts[slot] == 0)
            return JVDR_OK;
        bitmap = slot == SIZE_MAX ? NO_ID : scope->pairs.bitmap[slot];
    }
    if (ph->n == 2 && bitmap != NO_ID) {
        const uint64_t *bits = scope->pairs.bits[bitmap];
        for (size_t w = 0; w < e->t->nwords; w++)
            p->bits[w] |= bits[w];
        return JVDR_OK;
    }
    bool common = true;
    for (size_t i = 0; i < ph->n; i++)
        common &= scope->common[ph->id[i]] != NO_ID;
    if (!rare && loose && common) {
        narrow(e, scope, ph, p->bits);
        *narrowed = true;
        return JVDR_OK;
    }
    if (!rare)
        return JVDR_E_NOT_FOUND;
    const char *words[PHRASE_MAX_TOKENS];
    for (size_t i = 0; i < ph->n; i++)
        words[i] = e->t->vocab->keys[ph->id[i]];
    struct buf match;
    buf_init(&match);
    e->tok->put_phrase(&match, words, ph->n);
    return read_match(e->t, e->db, &match, p);
}

/* Notes ph's words (as typed and folded) as a phrase of e->loose's to confirm; false when it has
 * no room for another. */
static bool note_loose(struct terms_eval *e, enum terms_scope scope,
                       const struct phrase_tokens *typed, const struct phrase_tokens *plain)
{
    struct index_loose *loose = e->loose;
    if (loose->n == LOOSE_MAX_PHRASES)
        return false;
    loose->phrase[loose->n].scope = scope;
    const struct phrase_tokens *forms[2] = {plain, typed};
    for (int v = 0; v < 2; v++) {
        loose->phrase[loose->n].n[v] = forms[v]->n;
        memcpy(loose->phrase[loose->n].id[v], forms[v]->id, forms[v]->n * sizeof *forms[v]->id);
    }
    loose->n++;
    return true;
}

/* The rows of a phrase in scope into out (t->nwords words), as the engine reads it: its words as
 * typed or folded (folded only in a name search). A phrase whose last word is a prefix is the
 * engine's, as is every phrase where the tokenizer keeps no order (no pairs). loose: the phrase
 * may be narrowed (it is ANDed with the rest of the search), and is then noted in e->loose. */
static enum jvdr_err phrase_rows(struct terms_eval *e, enum terms_scope scope,
                                 const struct search_node *node, uint64_t *out, bool loose)
{
    if (node->prefix || !e->tok->put_phrase || node->len > SEARCH_MAX_QUERY)
        return JVDR_E_NOT_FOUND;
    struct prefix_words *p = e->p;
    memset(out, 0, e->t->nwords * sizeof *out);
    *p = (struct prefix_words){.scope = scope, .bits = out};
    char folded[SEARCH_MAX_QUERY + 1];
    size_t flen = fold_utf8(node->text, node->len, folded);
    struct phrase_tokens typed = {.vocab = e->t->vocab}, plain = {.vocab = e->t->vocab};
    if (e->tok->tokenize(e->tok, folded, flen, true, on_phrase_token, &plain) != JVDR_OK ||
        (!e->names &&
         e->tok->tokenize(e->tok, node->text, node->len, true, on_phrase_token, &typed) != JVDR_OK))
        return JVDR_E_NOT_FOUND;
    /* As typed, then folded, unless folding made the same words (it mostly does) */
    bool same = e->names || (typed.unknown == plain.unknown && typed.n == plain.n &&
                             memcmp(typed.id, plain.id, typed.n * sizeof *typed.id) == 0);
    bool narrowed = false;
    enum jvdr_err code = same ? JVDR_OK : phrase_text_rows(e, &typed, loose, &narrowed);
    p->nrare = 0;
    p->rare_rows = 0;
    if (code == JVDR_OK)
        code = phrase_text_rows(e, &plain, loose, &narrowed);
    if (code == JVDR_OK && narrowed && !note_loose(e, scope, same ? &plain : &typed, &plain))
        code = JVDR_E_NOT_FOUND;
    return code;
}

/* Starts e for index's postings (false, and the match counted as the engine's, when there are
 * none or no tokenizer); eval_end counts it and frees e. */
static bool eval_begin(struct terms_eval *e, struct event_index *index, struct db *db)
{
    *e = (struct terms_eval){.t = index->terms, .db = db};
    e->tok = e->t ? db_search_tokenizer(db) : NULL;
    e->p = e->tok ? calloc(1, sizeof *e->p) : NULL;
    if (e->p)
        return true;
    if (e->tok)
        e->tok->close(e->tok);
    atomic_fetch_add(&index->searches_from_engine, 1);
    return false;
}

static enum jvdr_err eval_end(struct terms_eval *e, struct event_index *index, enum jvdr_err code)
{
    e->tok->close(e->tok);
    free(e->p);
    atomic_fetch_add(
        code == JVDR_OK ? &index->searches_from_postings : &index->searches_from_engine, 1);
    return code;
}

enum jvdr_err index_terms_match(struct event_index *index, struct db *db, enum terms_scope scope,
                                const char *const *words, size_t n, uint64_t **rows, size_t *nwords)
{
    *rows = NULL;
    *nwords = 0;
    struct terms_eval e;
    if (n == 0 || !eval_begin(&e, index, db))
        return JVDR_E_NOT_FOUND;
    size_t width = e.t->nwords;
    uint64_t *all = calloc(width + 1, sizeof *all), *one = malloc((width + 1) * sizeof *one);
    enum jvdr_err code = all && one ? JVDR_OK : JVDR_E_NOMEM;
    for (size_t i = 0; code == JVDR_OK && i < n; i++) {
        code = word_rows(&e, scope, words[i], one);
        for (size_t w = 0; code == JVDR_OK && w < width; w++)
            all[w] = i ? all[w] & one[w] : one[w];
    }
    free(one);
    if (eval_end(&e, index, code) != JVDR_OK) {
        free(all);
        return code;
    }
    *rows = all;
    *nwords = width;
    return JVDR_OK;
}

/* The rows node matches within field (as the node's ancestors set it) into out (t->nwords
 * words): words from the postings, OR and AND as bitmaps, a NOT child of AND taken away.
 * JVDR_E_NOT_FOUND for what only the engine answers: phrases the pairs do not answer (unless
 * loose: node and its ancestors are each a positive term of an AND, or the root, so a phrase may
 * be narrowed), body: (no scope of its own), a field inside another (which finds nothing there,
 * as the engines have it), and whatever a word of it cannot be answered for. */
static enum jvdr_err eval_node(struct terms_eval *e, const struct search_node *node,
                               enum search_field field, uint64_t *out, bool loose)
{
    if (e->names) {
        field = SEARCH_TITLES;
    } else if (node->field != SEARCH_ANYWHERE) {
        if (field != SEARCH_ANYWHERE && field != node->field)
            return JVDR_E_NOT_FOUND;
        field = node->field;
    }
    if (field == SEARCH_BODY || node->kind == SEARCH_NOT)
        return JVDR_E_NOT_FOUND;
    enum terms_scope scope = field == SEARCH_TITLES ? TERMS_TITLES : TERMS_ALL;
    if (node->kind == SEARCH_PHRASE)
        return phrase_rows(e, scope, node, out, loose);
    size_t width = e->t->nwords;
    if (node->kind == SEARCH_WORD) {
        char word[SEARCH_MAX_QUERY + 1];
        if (node->len > SEARCH_MAX_QUERY)
            return JVDR_E_NOT_FOUND;
        memcpy(word, node->text, node->len);
        word[node->len] = '\0';
        return word_rows(e, scope, word, out);
    }
    uint64_t *one = malloc((width + 1) * sizeof *one);
    if (!one)
        return JVDR_E_NOMEM;
    enum jvdr_err code = JVDR_OK;
    bool any = node->kind == SEARCH_ANY, first = true;
    /* AND: its positive children first, so that a NOT child has rows to take from */
    for (int negative = 0; code == JVDR_OK && negative < (any ? 1 : 2); negative++)
        for (size_t i = 0; code == JVDR_OK && i < node->n; i++) {
            const struct search_node *c = node->child[i];
            if (!any && (c->kind == SEARCH_NOT) != (negative == 1))
                continue;
            if (negative && first)
                code = JVDR_E_NOT_FOUND; /* nothing to take from: the engine says why */
            else
                code = eval_node(e, negative ? c->child[0] : c, field, first ? out : one,
                                 loose && !any && !negative);
            for (size_t w = 0; code == JVDR_OK && !first && w < width; w++)
                out[w] = any ? out[w] | one[w] : negative ? out[w] & ~one[w] : out[w] & one[w];
            first = false;
        }
    free(one);
    return code == JVDR_OK && first ? JVDR_E_NOT_FOUND : code;
}

static enum jvdr_err match_tree(struct event_index *index, struct db *db,
                                const struct search_node *root, enum search_field field, bool names,
                                struct index_loose *loose, uint64_t **rows, size_t *nwords)
{
    *rows = NULL;
    *nwords = 0;
    struct terms_eval e;
    if (!eval_begin(&e, index, db))
        return JVDR_E_NOT_FOUND;
    e.names = names;
    e.loose = loose;
    if (loose)
        loose->n = 0;
    uint64_t *all = malloc((e.t->nwords + 1) * sizeof *all);
    enum jvdr_err code = all ? eval_node(&e, root, field, all, loose != NULL) : JVDR_E_NOMEM;
    if (eval_end(&e, index, code) != JVDR_OK) {
        free(all);
        return code;
    }
    *rows = all;
    *nwords = e.t->nwords;
    return JVDR_OK;
}

enum jvdr_err index_terms_match_tree(struct event_index *index, struct db *db,
                                     const struct search_node *root, enum search_field field,
                                     struct index_loose *loose, uint64_t **rows, size_t *nwords)
{
    return match_tree(index, db, root, field, false, loose, rows, nwords);
}

enum jvdr_err index_terms_match_names(struct event_index *index, struct db *db,
                                      const struct search_node *root, uint64_t **rows,
                                      size_t *nwords)
{
    return match_tree(index, db, root, SEARCH_TITLES, true, NULL, rows, nwords);
}
