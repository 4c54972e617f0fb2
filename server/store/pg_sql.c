/* SQLite's dialect, as the service writes it, carried over to PostgreSQL's; see
 * include/jvdr/store/pg_sql.h. A single pass over the text's tokens, keeping per parenthesis
 * depth whether an ORDER BY list is open, so that each of its terms can be told where NULLs go. */
#include "jvdr/store/pg_sql.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 64

struct order_state {
    bool open;    /* an ORDER BY list is being read at this depth */
    bool desc;    /* the current term is descending */
    bool nulls;   /* the current term already says where NULLs go */
    bool derived; /* this parenthesis is a subquery in FROM or JOIN */
};

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

static bool word_is(const char *word, size_t len, const char *keyword)
{
    return strlen(keyword) == len && strncasecmp(word, keyword, len) == 0;
}

/* The service writes keywords in capitals and names in lower case: a word with a lowercase
 * letter names a column (or a table, an alias). */
static bool names_column(const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (islower((unsigned char)word[i]))
            return true;
    return false;
}

/* The next word at or after p (skipping blanks), its length in *len; NULL when none. */
static const char *next_word(const char *p, size_t *len)
{
    while (isspace((unsigned char)*p))
        p++;
    size_t n = 0;
    while (is_word_char(p[n]))
        n++;
    *len = n;
    return n ? p : NULL;
}

/* Ends the current ORDER BY term: says where its NULLs go, as SQLite puts them. */
static void end_term(struct buf *out, struct order_state *o)
{
    if (!o->nulls) {
        bool blank = out->len > 0 && isspace((unsigned char)out->data[out->len - 1]);
        buf_puts(out, blank ? "" : " ");
        buf_puts(out, o->desc ? "NULLS LAST" : "NULLS FIRST");
        buf_puts(out, blank ? " " : "");
    }
    o->desc = o->nulls = false;
}

/* Wraps what out holds from column on (a column's name) in jvdr_nocase( ). */
static void wrap_nocase(struct buf *out, size_t column)
{
    size_t n = out->len - column;
    char *name = malloc(n + 1);
    if (!name) {
        out->failed = true;
        return;
    }
    memcpy(name, out->data + column, n);
    name[n] = '\0';
    out->len = column;
    buf_puts(out, "jvdr_nocase(");
    buf_puts(out, name);
    buf_puts(out, ")");
    free(name);
}

/* Writes the parameter at *p (?N is parameter N; a bare ? the one after the largest so far, as
 * in SQLite) as $N, and moves *p past it. False for ?0 or past ?999. */
static bool put_param(struct buf *out, const char **p, int *most)
{
    char *end = NULL;
    long n = isdigit((unsigned char)(*p)[1]) ? strtol(*p + 1, &end, 10) : 0;
    if (end && (n < 1 || n > 999))
        return false;
    int param = end ? (int)n : *most + 1;
    *most = param > *most ? param : *most;
    buf_printf(out, "$%d", param);
    *p = end ? end : *p + 1;
    return true;
}

bool pg_sql_translate(const char *sql, struct buf *out, int *nparams)
{
    struct order_state order[MAX_DEPTH] = {{0}};
    int depth = 0, most = 0, aliases = 0;
    bool after_from = false; /* the last word was FROM or JOIN */
    /* Where in out the column just written starts (SIZE_MAX: the last token was not one). */
    size_t column = (size_t)-1;
    const char *p = sql;
    while (*p) {
        struct order_state *o = &order[depth];
        bool from = after_from;
        if (!isspace((unsigned char)*p))
            after_from = false;
        if (*p == '\'' || *p == '"') {
            const char *q = p + 1;
            for (;; q++) {
                if (!*q)
                    return false;
                if (*q == *p && q[1] == *p)
                    q++; /* a doubled quote stands for itself */
                else if (*q == *p)
                    break;
            }
            bool quoted_name = *p == '"';
            size_t start = out->len;
            buf_append(out, p, (size_t)(q - p + 1));
            column = quoted_name ? start : (size_t)-1;
            p = q + 1;
        } else if (isspace((unsigned char)*p)) {
            buf_append(out, p, 1);
            p++;
        } else if (*p == '?') {
            if (!put_param(out, &p, &most))
                return false;
            column = (size_t)-1;
        } else if (*p == '(') {
            if (++depth >= MAX_DEPTH)
                return false;
            order[depth] = (struct order_state){.derived = from};
            buf_puts(out, "(");
            column = (size_t)-1;
            p++;
        } else if (*p == ')') {
            if (o->open)
                end_term(out, o);
            if (depth == 0)
                return false;
            bool derived = o->derived;
            depth--;
            buf_puts(out, ")");
            column = (size_t)-1;
            p++;
            /* PostgreSQL 15 wants every subquery in FROM named; SQLite does not. */
            size_t wlen = 0;
            const char *next = next_word(p, &wlen);
            if (derived && !(next && (names_column(next, wlen) || word_is(next, wlen, "AS"))))
                buf_printf(out, " AS jvdr_from%d", ++aliases);
        } else if (*p == ',') {
            if (o->open)
                end_term(out, o);
            buf_puts(out, ",");
            column = (size_t)-1;
            p++;
        } else if (*p == '.' && column != (size_t)-1 && is_word_char(p[1])) {
            buf_puts(out, "."); /* alias.column: the column goes on from the alias */
            p++;
            size_t keep = column;
            size_t len = 0;
            while (is_word_char(p[len]))
                len++;
            if (len == 3 && strncmp(p, "end", 3) == 0)
                buf_puts(out, "\"end\"");
            else
                buf_append(out, p, len);
            column = keep;
            p += len;
        } else if (is_word_char(*p)) {
            size_t len = 0;
            while (is_word_char(p[len]))
                len++;
            size_t wlen = 0;
            const char *next = next_word(p + len, &wlen);
            if (word_is(p, len, "COLLATE")) {
                if (!next || !word_is(next, wlen, "NOCASE") || column == (size_t)-1)
                    return false;
                /* Drop the blanks written before COLLATE, then wrap the column. */
                while (out->len > column && isspace((unsigned char)out->data[out->len - 1]))
                    out->len--;
                wrap_nocase(out, column);
                p = next + wlen;
                column = (size_t)-1;
                continue;
            }
            if (word_is(p, len, "MATCH"))
                return false; /* the engine writes its own full-text match (put_match) */
            if (word_is(p, len, "ORDER") && next && word_is(next, wlen, "BY")) {
                buf_append(out, p, (size_t)(next + wlen - p));
                *o = (struct order_state){.open = true, .derived = o->derived};
                p = next + wlen;
                column = (size_t)-1;
                continue;
            }
            if (o->open && (word_is(p, len, "LIMIT") || word_is(p, len, "OFFSET"))) {
                end_term(out, o);
                o->open = false;
            } else if (o->open && word_is(p, len, "DESC")) {
                o->desc = true;
            } else if (o->open && word_is(p, len, "NULLS")) {
                o->nulls = true;
            }
            after_from = word_is(p, len, "FROM") || word_is(p, len, "JOIN");
            size_t start = out->len;
            bool call = p[len] == '(';
            if (call && word_is(p, len, "json_object"))
                buf_puts(out, "json_build_object");
            else if (call && word_is(p, len, "json_array"))
                buf_puts(out, "json_build_array");
            else if (len == 3 && strncmp(p, "end", 3) == 0)
                buf_puts(out, "\"end\""); /* lowercase: the column; END is the keyword */
            else
                buf_append(out, p, len);
            column = !call && names_column(p, len) ? start : (size_t)-1;
            p += len;
        } else {
            buf_append(out, p, 1);
            column = (size_t)-1;
            p++;
        }
    }
    if (depth != 0)
        return false;
    if (order[0].open)
        end_term(out, &order[0]);
    *nparams = most;
    return !out->failed;
}
