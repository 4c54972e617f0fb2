/* Confirms that a row the postings narrowed a phrase to holds it (struct index_loose): the row's
 * columns read and tokenized as a load reads them (event_index_terms.c), each word looked up in
 * the vocabulary, and the phrase's words sought one right after the other within one column —
 * FTS5's phrase, and PostgreSQL's <-> between the stored tsvector's positions (a gap is a break
 * in the tokens). */
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/buf.h"
#include "jvdr/store/db.h"

/* PostgreSQL puts every position past 16383 at 16383, where <-> no longer follows the text; an
 * event's fields are far shorter (their limits), and a row that long is refused here (the caller
 * then asks the engine). */
#define CONFIRM_MAX_WORDS 16383

struct confirm_scan {
    const struct index_dict *vocab;
    const struct index_loose *loose;
    unsigned scopes;                  /* the column's: 1 << TERMS_ALL, 1 << TERMS_TITLES */
    uint32_t last[PHRASE_MAX_TOKENS]; /* the column's latest words, by seen % PHRASE_MAX_TOKENS */
    size_t seen;                      /* words since the column's start or the last break */
    size_t words;                     /* in the row */
    bool found[LOOSE_MAX_PHRASES];
    char key[TERMS_KEY_MAX + 1];
};

/* Whether the latest words are form v of phrase i. */
static bool ends_with(const struct confirm_scan *c, size_t i, int v)
{
    size_t n = c->loose->phrase[i].n[v];
    if (n == 0 || c->seen < n)
        return false;
    for (size_t k = 0; k < n; k++) {
        uint32_t id = c->loose->phrase[i].id[v][k];
        if (id == NO_ID || c->last[(c->seen - n + k) % PHRASE_MAX_TOKENS] != id)
            return false;
    }
    return true;
}

static void on_word(void *ctx, const char *word, size_t len)
{
    struct confirm_scan *c = ctx;
    if (len == 0) { /* a break: what follows continues no phrase */
        c->seen = 0;
        return;
    }
    c->words++;
    uint32_t id = NO_ID; /* a word too long for a key is no phrase's word */
    if (len <= TERMS_KEY_MAX) {
        memcpy(c->key, word, len);
        c->key[len] = '\0';
        id = index_dict_find(c->vocab, c->key);
    }
    c->last[c->seen++ % PHRASE_MAX_TOKENS] = id;
    for (size_t i = 0; i < c->loose->n; i++)
        if (!c->found[i] && (c->scopes & (1u << c->loose->phrase[i].scope)))
            c->found[i] = ends_with(c, i, 0) || ends_with(c, i, 1);
}

/* Scans one row's columns (1 onwards of stmt) into c, from a clean start; false when the tokenizer
 * fails or the row is too long to be read so. */
static bool scan_row(struct db_tokenizer *tok, struct stmt *stmt, struct confirm_scan *c)
{
    memset(c->found, 0, sizeof c->found);
    c->words = 0;
    bool ok = true;
    for (size_t k = 0; ok && k < tok->ncolumns; k++) {
        const char *text = stmt_text(stmt, (int)k + 1);
        c->scopes = (tok->columns[k].all ? 1u << TERMS_ALL : 0) |
                    (tok->columns[k].titles ? 1u << TERMS_TITLES : 0);
        c->seen = 0; /* a phrase never spans two columns */
        if (text)
            ok = tok->tokenize(tok, text, stmt_bytes(stmt, (int)k + 1), false, on_word, c) ==
                 JVDR_OK;
    }
    return ok && c->words < CONFIRM_MAX_WORDS;
}

bool index_terms_confirm(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                         const struct index_loose *loose, const long long *rowids, size_t n,
                         bool *yes)
{
    /* One statement of CONFIRM_BATCH rowids, prepared once; the rest bound to none (-1) */
    struct buf sql;
    buf_init(&sql);
    struct stmt *stmt =
        index_terms_row_sql(&sql, tok, CONFIRM_BATCH) ? db_stmt(db, sql.data) : NULL;
    buf_cleanup(&sql);
    if (!stmt || n > CONFIRM_BATCH)
        return false;
    for (size_t i = 0; i < CONFIRM_BATCH; i++) {
        stmt_bind_int64(stmt, (int)i + 1, i < n ? rowids[i] : -1);
        if (i < n)
            yes[i] = false;
    }
    struct confirm_scan c = {.vocab = index->terms->vocab, .loose = loose};
    int rc = DB_DONE;
    bool ok = true;
    while (ok && (rc = stmt_step(stmt)) == DB_ROW) {
        long long rowid = stmt_int64(stmt, 0);
        ok = scan_row(tok, stmt, &c);
        bool all = ok;
        for (size_t p = 0; all && p < loose->n; p++)
            all = c.found[p];
        for (size_t i = 0; i < n; i++)
            if (rowids[i] == rowid)
                yes[i] = all;
    }
    db_stmt_done(stmt);
    return ok && rc == DB_DONE;
}
