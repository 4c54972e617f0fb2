/* Searches written for FTS5 (migrations/0003_search.sql): a word is a prefix, a phrase its words
 * in order, and the title tier the title and folded columns. pg_search.c writes the same meaning
 * for PostgreSQL. */
#include <ctype.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/sqlite.h"

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

void sqlite_search_write(struct buf *out, const struct search_node *root,
                         enum db_search_scope scope)
{
    bool names = scope == DB_SEARCH_NAMES;
    if (scope == DB_SEARCH_REST) {
        buf_puts(out, "(");
        put_fts5(out, root, false);
        buf_puts(out, ") NOT ({title folded} : (");
        put_fts5(out, root, false);
        buf_puts(out, "))");
        return;
    }
    buf_puts(out, scope == DB_SEARCH_TITLES ? "{title folded} : (" : names ? "{folded} : (" : "(");
    put_fts5(out, root, names);
    buf_puts(out, ")");
}

void sqlite_search_put_match(struct buf *sql, const char *table, const char *param)
{
    buf_printf(sql, "%s MATCH %s", table, param);
}
