/* PostgreSQL's words for the index's postings of common words (event_index_terms.c): a row's
 * words are the lexemes of its stored tsvectors (migrations/postgresql/0014's
 * jvdr_search_vectors), read back rather than made again, so that they are exactly what a tsquery
 * matches whatever the database's locale calls a letter. A search's word is answered from the
 * postings only when its folded text (pg_search.c's lexemes) is one run of ASCII letters and
 * digits, which PostgreSQL's parser makes one lexeme of in any locale; any other is left to
 * PostgreSQL. */
#include <stdlib.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/pg_engine.h"

/* A lexeme never holds a space: jvdr_lexemes makes every ASCII separator one, and the parser
 * splits there. The title tier's tsvector is its own column. */
static const struct db_token_column COLUMNS[] = {
    {"array_to_string(tsvector_to_array(doc), ' ')", true, false},
    {"array_to_string(tsvector_to_array(title_doc), ' ')", false, true}};

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

/* A document: the lexemes, a space between each. */
static void each_lexeme(const char *text, size_t len, db_token_fn each, void *ctx)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != ' ')
            i++;
        if (i > start)
            each(ctx, text + start, i - start);
        i++;
    }
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
    if (query)
        return each_query_word(text, len, each, ctx);
    each_lexeme(text, len, each, ctx);
    return JVDR_OK;
}

/* tsquery text of one lexeme: quoted, as pg_search.c writes them (a lexeme holds no quote:
 * jvdr_lexemes makes ASCII punctuation a separator). */
static void put_word(struct buf *match, const char *word, bool first)
{
    buf_printf(match, "%s'%s'", first ? "" : " | ", word);
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
    t->put_word = put_word;
    return t;
}
