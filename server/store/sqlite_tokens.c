/* FTS5's own tokenizer, made with the arguments the full-text tables give it (migrations/0007,
 * 0008, 0018: unicode61, diacritics removed), so that the index's postings of common words
 * (event_index_terms.c) hold exactly the words FTS5 indexes and searches. */
#include <stdlib.h>

#include "jvdr/base/buf.h"
#include "jvdr/store/sqlite.h"

/* The tables' tokenize option, as arguments after the tokenizer's name. */
static const char *const TOKENIZER = "unicode61";
static const char *TOKENIZER_ARGS[] = {"remove_diacritics", "2"};

/* FTS5's columns (title, body, folded, as its content table names them); search_titles holds
 * title and folded. */
static const struct db_token_column COLUMNS[] = {
    {"c0", true, true}, {"c1", true, false}, {"c2", true, true}};

struct sqlite_tokenizer {
    struct db_tokenizer base;
    fts5_tokenizer module;
    Fts5Tokenizer *instance;
};

struct token_call {
    db_token_fn each;
    void *ctx;
};

static int on_token(void *ctx, int flags, const char *token, int len, int start, int end)
{
    (void)flags, (void)start, (void)end;
    const struct token_call *call = ctx;
    call->each(call->ctx, token, (size_t)len);
    return SQLITE_OK;
}

static enum jvdr_err tokenize(struct db_tokenizer *t, const char *text, size_t len, bool query,
                              db_token_fn each, void *ctx)
{
    struct sqlite_tokenizer *s = (struct sqlite_tokenizer *)t;
    if (len > (size_t)0x7fffffff)
        return JVDR_E_BAD_PARAM;
    struct token_call call = {each, ctx};
    int flags = query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT;
    int rc = s->module.xTokenize(s->instance, &call, flags, text, (int)len, on_token);
    return rc == SQLITE_OK ? JVDR_OK : sqlite_error(rc);
}

static void close_tokenizer(struct db_tokenizer *t)
{
    struct sqlite_tokenizer *s = (struct sqlite_tokenizer *)t;
    if (s && s->instance)
        s->module.xDelete(s->instance);
    free(s);
}

/* FTS5's phrase of one token (a token never holds a double quote: unicode61 separates at it). */
static void put_word(struct buf *match, const char *word, bool first)
{
    buf_printf(match, "%s\"%s\"", first ? "" : " OR ", word);
}

/* FTS5's phrase of tokens: each right after the one before in one column. */
static void put_phrase(struct buf *match, const char *const *words, size_t n)
{
    buf_puts(match, "\"");
    for (size_t i = 0; i < n; i++)
        buf_printf(match, "%s%s", i ? " " : "", words[i]);
    buf_puts(match, "\"");
}

/* The connection's fts5_api, the documented way: a pointer bound to SELECT fts5(?1). */
static fts5_api *fts5_of(sqlite3 *handle)
{
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return api;
}

struct db_tokenizer *sqlite_search_tokenizer(struct db_conn *conn)
{
    sqlite3 *handle = sqlite_conn_handle(conn);
    fts5_api *api = handle ? fts5_of(handle) : NULL;
    struct sqlite_tokenizer *s = api ? calloc(1, sizeof *s) : NULL;
    void *user = NULL;
    if (!s || api->xFindTokenizer(api, TOKENIZER, &user, &s->module) != SQLITE_OK ||
        s->module.xCreate(user, TOKENIZER_ARGS, 2, &s->instance) != SQLITE_OK) {
        free(s);
        return NULL;
    }
    s->base.tokenize = tokenize;
    s->base.close = close_tokenizer;
    s->base.columns = COLUMNS;
    s->base.ncolumns = sizeof COLUMNS / sizeof COLUMNS[0];
    s->base.rows = "search_index_content";
    s->base.rowid = "id";
    s->base.put_word = put_word;
    s->base.put_phrase = put_phrase;
    return &s->base;
}
