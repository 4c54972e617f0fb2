/* Writing a parsed search for each engine; see include/jvdr/read/search_query.h. Both writings
 * mean the same: a word is a prefix, a phrase its words in order, and the title tier the title
 * and names (FTS5's title and folded columns; weight A of the tsvector on PostgreSQL). */
#include "jvdr/read/search_query.h"

#include <ctype.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/read/search_syntax.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"

/* Whether folding text[0..len) changes more than its case (unicode61 takes care of the case and
 * of most diacritics, but not of đ). */
static bool folding_matters(const char *text, size_t len, const char *folded, size_t flen)
{
    if (flen != len)
        return true;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)text[i]) != (unsigned char)folded[i])
            return true;
    return false;
}

/* FTS5: words and phrases quoted (a quote never reaches here: it ends a word). Folded for names;
 * otherwise as typed, or as typed or folded when folding changes it ("Đại" matches the folded
 * names' "dai" as on PostgreSQL, where every column is folded). */
static void put_fts5_text(struct buf *out, const struct search_node *n, bool names)
{
    const char *end = n->kind == SEARCH_WORD || n->prefix ? "\"*" : "\"";
    char folded[SEARCH_MAX_QUERY + 1];
    size_t flen = fold_utf8(n->text, n->len, folded);
    bool both = !names && folding_matters(n->text, n->len, folded, flen);
    buf_puts(out, both ? "(\"" : "\"");
    if (!names)
        buf_append(out, n->text, n->len);
    if (both)
        buf_printf(out, "%s OR \"", end);
    if (names || both)
        buf_append(out, folded, flen);
    buf_puts(out, end);
    buf_puts(out, both ? ")" : "");
}

static void put_fts5(struct buf *out, const struct search_node *n, bool names)
{
    const char *filter = names                       ? NULL
                         : n->field == SEARCH_TITLES ? "{title folded} : ("
                         : n->field == SEARCH_BODY   ? "{body} : ("
                                                     : NULL;
    if (filter)
        buf_puts(out, filter);
    switch (n->kind) {
    case SEARCH_WORD:
    case SEARCH_PHRASE:
        put_fts5_text(out, n, names);
        break;
    case SEARCH_ANY:
        buf_puts(out, "(");
        for (size_t i = 0; i < n->n; i++) {
            buf_puts(out, i ? " OR " : "");
            put_fts5(out, n->child[i], names);
        }
        buf_puts(out, ")");
        break;
    case SEARCH_ALL: {
        /* FTS5's NOT is binary: (what to find) NOT (what to exclude), once per exclusion. */
        for (size_t i = 0; i < n->n; i++)
            if (n->child[i]->kind == SEARCH_NOT)
                buf_puts(out, "(");
        buf_puts(out, "(");
        bool first = true;
        for (size_t i = 0; i < n->n; i++)
            if (n->child[i]->kind != SEARCH_NOT) {
                buf_puts(out, first ? "" : " AND ");
                put_fts5(out, n->child[i], names);
                first = false;
            }
        buf_puts(out, ")");
        for (size_t i = 0; i < n->n; i++)
            if (n->child[i]->kind == SEARCH_NOT) {
                buf_puts(out, " NOT ");
                put_fts5(out, n->child[i]->child[0], names);
                buf_puts(out, ")");
            }
        break;
    }
    case SEARCH_NOT: /* only under SEARCH_ALL, written there */
        break;
    }
    if (filter)
        buf_puts(out, ")");
}

/* One lexeme, quoted; a prefix when prefix; limited to weight when given. */
static void put_lexeme(struct buf *out, const char *lexeme, size_t len, bool prefix,
                       const char *weight, bool *first)
{
    buf_puts(out, *first ? "'" : " <-> '");
    buf_append(out, lexeme, len);
    buf_printf(out, "'%s%s%s", prefix ? ":*" : "", weight && !prefix ? ":" : "",
               weight ? weight : "");
    *first = false;
}

static bool lexeme_byte(unsigned char c)
{
    return c >= 0x80 || isalnum(c);
}

/* tsquery: the folded text's runs of letters and digits (the lexemes migrations/postgresql/
 * 0005_search.sql indexes), joined by <-> (next to each other, in order); the last a prefix when
 * prefix. Each run is written once the next is found, so that the last is known as the last. */
static void put_lexemes(struct buf *out, const char *text, size_t len, bool prefix,
                        const char *weight, bool *first)
{
    char folded[SEARCH_MAX_QUERY + 1];
    len = fold_utf8(text, len, folded);
    size_t i = 0, held = 0, held_len = 0;
    while (i < len) {
        while (i < len && !lexeme_byte((unsigned char)folded[i]))
            i++;
        size_t start = i;
        while (i < len && lexeme_byte((unsigned char)folded[i]))
            i++;
        if (i == start)
            continue;
        if (held_len)
            put_lexeme(out, folded + held, held_len, false, weight, first);
        held = start;
        held_len = i - start;
    }
    if (held_len)
        put_lexeme(out, folded + held, held_len, prefix, weight, first);
}

static void put_tsquery(struct buf *out, const struct search_node *n, const char *weight,
                        bool names)
{
    /* A field inside a scope (or field) of another finds nothing there, as FTS5's nested column
     * filters: weight D, which no lexeme jvdr indexes has. */
    if (!names && n->field != SEARCH_ANYWHERE) {
        const char *field = n->field == SEARCH_TITLES ? "A" : "B";
        weight = !weight || strcmp(weight, field) == 0 ? field : "D";
    }
    bool first = true;
    switch (n->kind) {
    case SEARCH_WORD: /* every word a prefix; a phrase's last word when it ends in '*' */
    case SEARCH_PHRASE:
        buf_puts(out, "(");
        put_lexemes(out, n->text, n->len, n->kind == SEARCH_WORD || n->prefix, weight, &first);
        buf_puts(out, ")");
        break;
    case SEARCH_ANY:
    case SEARCH_ALL:
        buf_puts(out, "(");
        for (size_t i = 0; i < n->n; i++) {
            buf_puts(out, i == 0 ? "" : n->kind == SEARCH_ANY ? " | " : " & ");
            put_tsquery(out, n->child[i], weight, names);
        }
        buf_puts(out, ")");
        break;
    case SEARCH_NOT:
        buf_puts(out, "!");
        put_tsquery(out, n->child[0], weight, names);
        break;
    }
}

enum search_dialect search_dialect_of(struct db *db)
{
    return db && db_pg(db) ? SEARCH_TSQUERY : SEARCH_FTS5;
}

enum jvdr_err search_engine_query(struct arena *arena, enum search_dialect dialect,
                                  const struct search_node *root, enum search_scope scope,
                                  const char **out)
{
    bool names = scope == SEARCH_SCOPE_NAMES;
    struct buf text;
    buf_init(&text);
    if (dialect == SEARCH_TSQUERY) {
        const char *weight = names || scope == SEARCH_SCOPE_TITLES ? "A" : NULL;
        if (scope == SEARCH_SCOPE_REST) {
            buf_puts(&text, "(");
            put_tsquery(&text, root, NULL, false);
            buf_puts(&text, ") & !(");
            put_tsquery(&text, root, "A", false);
            buf_puts(&text, ")");
        } else {
            put_tsquery(&text, root, weight, names);
        }
    } else if (scope == SEARCH_SCOPE_REST) {
        buf_puts(&text, "(");
        put_fts5(&text, root, false);
        buf_puts(&text, ") NOT ({title folded} : (");
        put_fts5(&text, root, false);
        buf_puts(&text, "))");
    } else {
        buf_puts(&text, scope == SEARCH_SCOPE_TITLES ? "{title folded} : ("
                        : names                      ? "{folded} : ("
                                                     : "(");
        put_fts5(&text, root, names);
        buf_puts(&text, ")");
    }
    *out = text.failed ? NULL : arena_strndup(arena, text.data, text.len);
    buf_cleanup(&text);
    return *out ? JVDR_OK : JVDR_E_NOMEM;
}

static enum jvdr_err parse_and_write(struct arena *arena, struct db *db, const char *q,
                                     enum search_scope scope, const char **out, const char **why)
{
    struct search_node *root = NULL;
    enum jvdr_err code = search_parse(arena, q, &root, why);
    return code == JVDR_OK ? search_engine_query(arena, search_dialect_of(db), root, scope, out)
                           : code;
}

enum jvdr_err search_fts_query(struct arena *arena, struct db *db, const char *q, const char **out,
                               const char **why)
{
    return parse_and_write(arena, db, q, SEARCH_SCOPE_ALL, out, why);
}

enum jvdr_err search_name_query(struct arena *arena, struct db *db, const char *q, const char **out,
                                const char **why)
{
    return parse_and_write(arena, db, q, SEARCH_SCOPE_NAMES, out, why);
}

bool search_plain_word(struct arena *arena, const char *q, char *out)
{
    struct search_node *root = NULL;
    const char *why = NULL;
    if (search_parse(arena, q, &root, &why) != JVDR_OK || !search_tree_is_plain(root))
        return false;
    size_t best = 0, n = root->kind == SEARCH_WORD ? 1 : root->n;
    char fact[FACTS_WORD_PREFIX + 1];
    for (size_t i = 0; i < n; i++) {
        const struct search_node *w = root->kind == SEARCH_WORD ? root : root->child[i];
        char *word = arena_strndup(arena, w->text, w->len);
        if (word && strlen(word) > best && store_word_fact(word, fact)) {
            best = strlen(word);
            memcpy(out, fact, sizeof fact);
        }
    }
    return best > 0;
}

bool search_syntax_error(struct db *db)
{
    static const char *const refusals[] = {"fts5: ", "no such column", "unknown special query",
                                           "unterminated string", "syntax error in tsquery"};
    if (db_errcode(db) != SQLITE_ERROR)
        return false;
    const char *msg = db_errmsg(db);
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
        if (strstr(msg, refusals[i]))
            return true;
    return false;
}
