/* PostgreSQL's words for the index's postings of common words (event_index_terms.c): a row's
 * words are the lexemes of its stored tsvectors (migrations/postgresql/0014's
 * jvdr_search_vectors), read back rather than made again, so that they are exactly what a tsquery
 * matches whatever the database's locale calls a letter; and in the order of their positions, so
 * that two words are a phrase (<->) exactly where the tsvector says so. A search's word is answered
 * from the postings only when its folded text (pg_search.c's lexemes) is one run of ASCII letters
 * and digits, which PostgreSQL's parser makes one lexeme of in any locale; any other is left to
 * PostgreSQL. */
#include <stdint.h>
#include <stdlib.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/pg_engine.h"

/* The tsvectors as text ('lexeme':1A,4B ...). The title tier's tsvector is its own column. */
static const struct db_token_column COLUMNS[] = {{"doc::text", true, false},
                                                 {"title_doc::text", false, true}};

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

/* A lexeme at a position of a tsvector's text. */
struct placed {
    unsigned pos;
    const char *text; /* as quoted in the tsvector's text: unescape_lexeme reads it */
    size_t len;
};

/* The lexeme quoted at q[0..len) without its quoting ('' and \\ are one character) into out. */
static size_t unescape_lexeme(const char *q, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if ((q[i] == '\'' || q[i] == '\\') && i + 1 < len)
            i++;
        out[n++] = q[i];
    }
    return n;
}

static int by_position(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    return x->pos != y->pos ? (x->pos < y->pos ? -1 : 1) : (x->text < y->text ? -1 : 1);
}

/* One placed lexeme to each, a break (a word of no bytes) before it unless it is right after the
 * one before; a lexeme sharing a position with others (PostgreSQL puts every position past 16383
 * at 16383) comes again after the word before that position, so that each is paired with it. */
static bool each_placed(const struct placed *all, size_t n, db_token_fn each, void *ctx)
{
    size_t room = 0;
    for (size_t i = 0; i < n; i++)
        room = all[i].len > room ? all[i].len : room;
    char *word = malloc(room + 1);
    if (!word)
        return false;
    size_t before = SIZE_MAX; /* the last lexeme at the position before the current one */
    for (size_t i = 0; i < n; i++) {
        bool same = i > 0 && all[i].pos == all[i - 1].pos;
        bool next = i > 0 && all[i].pos == all[i - 1].pos + 1;
        if (next)
            before = i - 1;
        else if (!same)
            before = SIZE_MAX;
        if (!next) {
            each(ctx, "", 0);
            if (before != SIZE_MAX)
                each(ctx, word, unescape_lexeme(all[before].text, all[before].len, word));
        }
        each(ctx, word, unescape_lexeme(all[i].text, all[i].len, word));
    }
    free(word);
    return true;
}

/* A document: a tsvector's text, its lexemes each with its positions ('a':1A,3 'b':2). */
static enum jvdr_err each_lexeme(const char *text, size_t len, db_token_fn each, void *ctx)
{
    struct placed *all = NULL;
    size_t n = 0, cap = 0, i = 0;
    bool ok = true;
    while (ok && i < len) {
        while (i < len && text[i] != '\'')
            i++;
        size_t start = ++i;
        while (i < len && !(text[i] == '\'' && (i + 1 >= len || text[i + 1] != '\''))) {
            i += (text[i] == '\'' || text[i] == '\\') ? 2 : 1;
        }
        if (i > len)
            break;
        struct placed lexeme = {0, text + start, i - start};
        bool placed = false;
        for (i++; ok && i < len && (text[i] == ':' || text[i] == ','); placed = true) {
            lexeme.pos = 0;
            for (i++; i < len && text[i] >= '0' && text[i] <= '9'; i++)
                lexeme.pos = lexeme.pos * 10 + (unsigned)(text[i] - '0');
            while (i < len && text[i] >= 'A' && text[i] <= 'D')
                i++; /* the weight */
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                struct placed *grown = realloc(all, cap * sizeof *grown);
                ok = grown != NULL;
                all = grown ? grown : all;
            }
            if (ok)
                all[n++] = lexeme;
        }
        if (ok && !placed && lexeme.len) { /* a lexeme without positions: a phrase of its own */
            char *word = malloc(lexeme.len + 1);
            ok = word != NULL;
            if (ok) {
                each(ctx, "", 0);
                each(ctx, word, unescape_lexeme(lexeme.text, lexeme.len, word));
                each(ctx, "", 0);
            }
            free(word);
        }
    }
    if (ok && n) {
        qsort(all, n, sizeof *all, by_position);
        ok = each_placed(all, n, each, ctx);
    }
    free(all);
    return ok ? JVDR_OK : JVDR_E_NOMEM;
}

/* A search's word: its folded runs of ASCII letters and digits; none at all when it holds any
 * other letter, whose lexemes the database's locale decides. */
static enum jvdr_err each_query_word(const char *text, size_t len, db_token_fn each, void *ctx)
{
    if (len > SEARCH_MAX_QUERY)
        return JVDR_OK;
    char folded[SEARCH_MAX_QUERY + 1];
    len = fold_utf8(text, len, folded);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)folded[i] >= 0x80)
            return JVDR_OK;
    size_t i = 0;
    while (i < len) {
        while (i < len && !ascii_alnum((unsigned char)folded[i]))
            i++;
        size_t start = i;
        while (i < len && ascii_alnum((unsigned char)folded[i]))
            i++;
        if (i > start)
            each(ctx, folded + start, i - start);
    }
    return JVDR_OK;
}

static enum jvdr_err tokenize(struct db_tokenizer *t, const char *text, size_t len, bool query,
                              db_token_fn each, void *ctx)
{
    (void)t;
    return query ? each_query_word(text, len, each, ctx) : each_lexeme(text, len, each, ctx);
}

/* tsquery text of one lexeme: quoted, as pg_search.c writes them (a lexeme holds no quote:
 * jvdr_lexemes makes ASCII punctuation a separator). */
static void put_word(struct buf *match, const char *word, bool first)
{
    buf_printf(match, "%s'%s'", first ? "" : " | ", word);
}

/* tsquery text of a phrase of lexemes: each right after the one before. */
static void put_phrase(struct buf *match, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_printf(match, "%s'%s'", i ? " <-> " : "", words[i]);
}

static void close_tokenizer(struct db_tokenizer *t)
{
    free(t);
}

struct db_tokenizer *pg_search_tokenizer(struct db_conn *conn)
{
    (void)conn;
    struct db_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->tokenize = tokenize;
    t->close = close_tokenizer;
    t->columns = COLUMNS;
    t->ncolumns = sizeof COLUMNS / sizeof COLUMNS[0];
    t->rows = "search_index";
    t->rowid = "rowid";
    t->put_word = put_word;
    t->put_phrase = put_phrase;
    return t;
}
