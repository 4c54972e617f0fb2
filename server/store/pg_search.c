/* Searches written as tsquery text (migrations/postgresql/0005_search.sql), meaning what
 * sqlite_search.c's FTS5 queries mean: a word is a prefix, a phrase its words in order, and the
 * title tier weight A of the tsvector (the title and names). */
#include <ctype.h>
#include <string.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/pg_engine.h"

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

void pg_search_write(struct buf *out, const struct search_node *root, enum db_search_scope scope)
{
    bool names = scope == DB_SEARCH_NAMES;
    if (scope == DB_SEARCH_REST) {
        buf_puts(out, "(");
        put_tsquery(out, root, NULL, false);
        buf_puts(out, ") & !(");
        put_tsquery(out, root, "A", false);
        buf_puts(out, ")");
        return;
    }
    put_tsquery(out, root, names || scope == DB_SEARCH_TITLES ? "A" : NULL, names);
}

/* The table's tsvector (search_titles: the titles' own) against the tsquery text. */
void pg_search_put_match(struct buf *sql, const char *table, const char *param)
{
    buf_printf(sql, "%s.doc @@ to_tsquery('simple', %s)", table, param);
}

/* The tiers of plain words read the titles' own tsvector (title_doc: the document's weight-A
 * lexemes) beside the document's: GIN keeps no weights, so the title tier's weighted tsquery and
 * the rest's negated one would recheck every match in the heap. The same records, as
 * search_titles counts them. */
void pg_search_put_tier(struct buf *sql, const char *table, int score)
{
    buf_printf(sql, " FROM %s JOIN search_rows r ON r.rowid = %s.rowid WHERE ", table, table);
    if (score == 2)
        buf_printf(sql, "%s.title_doc @@ to_tsquery('simple', ?2)", table);
    else
        buf_printf(sql,
                   "%s.doc @@ to_tsquery('simple', ?2) AND NOT %s.title_doc @@ "
                   "to_tsquery('simple', ?2)",
                   table, table);
}

/* ts_headline over the title and text, with migrations/postgresql/0005_search.sql's
 * configuration. */
void pg_search_put_snippet(struct buf *sql, const char *table)
{
    buf_printf(sql,
               "ts_headline('jvdr_headline', %s.title || ' ' || %s.body, "
               "to_tsquery('simple', ?1), 'StartSel=<mark>, StopSel=</mark>, MaxWords=16, "
               "MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=…')",
               table, table);
}

enum jvdr_err pg_search_defer(struct db_conn *conn)
{
    return pg_engine.exec(conn, "SELECT jvdr_search_defer()");
}

enum jvdr_err pg_search_catch_up(struct db_conn *conn, bool index)
{
    return index ? pg_engine.exec(conn, "SELECT jvdr_search_catch_up()") : JVDR_OK;
}
