/* Parsing jvdr's search syntax; see include/jvdr/base/search_syntax.h. A recursive descent over
 * tokens read one at a time from the query. */
#include "jvdr/base/search_syntax.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/arena.h"

enum token_kind { T_END, T_WORD, T_PHRASE, T_OPEN, T_CLOSE, T_AND, T_OR, T_NOT, T_FIELD, T_BAD };

struct token {
    enum token_kind kind;
    const char *text;
    size_t len;
    bool prefix;
    enum search_field field;
};

struct parser {
    struct arena *arena;
    const char *p;
    struct token next; /* the token at p, read ahead */
    bool fielded;      /* the token before next was a field: next must follow it directly */
    int terms;
    const char *why;
};

static bool ends_word(char c)
{
    return c == '\0' || isspace((unsigned char)c) || c == '"' || c == '(' || c == ')';
}

/* Whether text[0..len) holds something to find (a letter or digit, or any non-ASCII byte). */
static bool has_word(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (isalnum((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)
            return true;
    return false;
}

/* The length of the letters before a colon that start text[0..len) ("title:kishi"), or 0. */
static size_t field_name(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && isalpha((unsigned char)text[i]))
        i++;
    return i > 0 && i < len && text[i] == ':' ? i : 0;
}

static bool keyword(const char *text, size_t len, const char *word)
{
    return len == strlen(word) && memcmp(text, word, len) == 0;
}

/* Reads the token at s->p into s->next; words of punctuation alone are passed over. */
static void advance(struct parser *s)
{
    bool glued = s->next.kind == T_FIELD;
    for (;;) {
        const char *p = s->p;
        if (!glued)
            while (isspace((unsigned char)*p))
                p++;
        struct token t = {.kind = T_END, .text = p};
        if (glued && ends_word(*p) && *p != '"' && *p != '(') {
            t.kind = T_BAD; /* "title:" with nothing right after it */
            s->next = t;
            return;
        }
        if (*p == '\0') {
            s->p = p;
            s->next = t;
            return;
        }
        if (*p == '(' || *p == ')') {
            t.kind = *p == '(' ? T_OPEN : T_CLOSE;
            s->p = p + 1;
            s->next = t;
            return;
        }
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close) {
                t.kind = T_BAD;
                s->why = "has a quote that is never closed";
                s->next = t;
                return;
            }
            t.kind = T_PHRASE;
            t.text = p + 1;
            t.len = (size_t)(close - p - 1);
            p = close + 1;
            while (*p == '*') {
                t.prefix = true;
                p++;
            }
            s->p = p;
            s->next = t;
            return;
        }
        /* -word, -"a phrase", -(a group): never a word "-" (which finds everything) */
        if (*p == '-' && (!ends_word(p[1]) || p[1] == '"' || p[1] == '(') && p[1] != '-') {
            t.kind = T_NOT;
            s->p = p + 1;
            s->next = t;
            return;
        }
        const char *start = p;
        while (!ends_word(*p))
            p++;
        size_t len = (size_t)(p - start);
        size_t name = field_name(start, len);
        if (name && name == 5 && strncasecmp(start, "title", 5) == 0)
            p = start + 6, t.kind = T_FIELD, t.field = SEARCH_TITLES;
        else if (name && name == 4 && strncasecmp(start, "body", 4) == 0)
            p = start + 5, t.kind = T_FIELD, t.field = SEARCH_BODY;
        else if (name && name + 1 < len) {
            t.kind = T_BAD;
            s->why = "names a field there is not: title: and body: are the fields";
            s->next = t;
            return;
        } else if (keyword(start, len, "AND"))
            t.kind = T_AND;
        else if (keyword(start, len, "OR"))
            t.kind = T_OR;
        else if (keyword(start, len, "NOT"))
            t.kind = T_NOT;
        else {
            t.kind = T_WORD;
            t.text = start;
            while (len > 0 && start[len - 1] == '*')
                len--;
            t.len = len;
            t.prefix = true;
        }
        s->p = p;
        if (t.kind == T_WORD && !has_word(t.text, t.len)) {
            glued = false;
            continue;
        }
        s->next = t;
        return;
    }
}

static struct search_node *node(struct parser *s, enum search_node_kind kind)
{
    struct search_node *n = arena_alloc(s->arena, sizeof *n);
    if (n) {
        memset(n, 0, sizeof *n);
        n->kind = kind;
    }
    return n;
}

/* Records why q is refused (the first reason found) and returns NULL. */
static struct search_node *fail(struct parser *s, const char *why)
{
    if (!s->why)
        s->why = why;
    return NULL;
}

/* A node of kind with room for capacity children (NULL when out of memory). */
static struct search_node *list_node(struct parser *s, enum search_node_kind kind, size_t capacity)
{
    struct search_node **child = arena_alloc(s->arena, capacity * sizeof(struct search_node *));
    struct search_node *n = child ? node(s, kind) : NULL;
    if (n)
        n->child = child;
    return n;
}

/* Adds child to list (room for SEARCH_MAX_TERMS, a NOT's for one); NULL when there are too many. */
static struct search_node *add_child(struct parser *s, struct search_node *list,
                                     struct search_node *child)
{
    if (list->n == SEARCH_MAX_TERMS)
        return fail(s, "has more than 32 words and phrases");
    list->child[list->n++] = child;
    return list;
}

static struct search_node *parse_all(struct parser *s, int depth);

/* term := [field] (word | phrase | "(" all ")") */
static struct search_node *parse_term(struct parser *s, int depth)
{
    enum search_field field = SEARCH_ANYWHERE;
    if (s->next.kind == T_FIELD) {
        field = s->next.field;
        advance(s);
    }
    struct token t = s->next;
    struct search_node *n = NULL;
    switch (t.kind) {
    case T_WORD:
    case T_PHRASE:
        if (++s->terms > SEARCH_MAX_TERMS)
            return fail(s, "has more than 32 words and phrases");
        if (t.kind == T_PHRASE && !has_word(t.text, t.len))
            return fail(s, "has a phrase with no word in it");
        n = node(s, t.kind == T_WORD ? SEARCH_WORD : SEARCH_PHRASE);
        if (!n)
            return NULL;
        n->text = t.text;
        n->len = t.len;
        n->prefix = t.prefix;
        advance(s);
        break;
    case T_OPEN:
        if (depth >= SEARCH_MAX_DEPTH)
            return fail(s, "nests parentheses more than 8 deep");
        advance(s);
        n = parse_all(s, depth + 1);
        if (!n)
            return NULL;
        if (s->next.kind != T_CLOSE)
            return fail(s, "has a parenthesis that is never closed");
        advance(s);
        break;
    case T_CLOSE:
        return fail(s, "has a ) without its (");
    case T_END:
        return fail(s, "ends where a word was expected");
    case T_BAD:
        return fail(s, "needs a word, a phrase or a group right after title: or body:");
    default:
        return fail(s, "has AND, OR or NOT where a word was expected");
    }
    if (field != SEARCH_ANYWHERE)
        n->field = field;
    return n;
}

/* unary := [NOT | -] term */
static struct search_node *parse_unary(struct parser *s, int depth)
{
    if (s->next.kind != T_NOT)
        return parse_term(s, depth);
    advance(s);
    if (s->next.kind == T_NOT)
        return fail(s, "has NOT twice in a row");
    struct search_node *inner = parse_term(s, depth);
    struct search_node *n = inner ? list_node(s, SEARCH_NOT, 1) : NULL;
    return n ? add_child(s, n, inner) : NULL;
}

/* any := unary (OR unary)* */
static struct search_node *parse_any(struct parser *s, int depth)
{
    struct search_node *first = parse_unary(s, depth);
    if (!first || s->next.kind != T_OR)
        return first;
    struct search_node *n = list_node(s, SEARCH_ANY, SEARCH_MAX_TERMS);
    if (!n || !add_child(s, n, first))
        return NULL;
    while (s->next.kind == T_OR) {
        advance(s);
        enum token_kind k = s->next.kind;
        if (k == T_END || k == T_CLOSE || k == T_AND || k == T_OR)
            return fail(s, "needs a word on each side of OR");
        struct search_node *next = parse_unary(s, depth);
        if (!next || !add_child(s, n, next))
            return NULL;
    }
    for (size_t i = 0; i < n->n; i++)
        if (n->child[i]->kind == SEARCH_NOT)
            return fail(s, "joins with OR something to exclude: put it in parentheses");
    return n;
}

/* all := any ([AND] any)*, up to the end or a closing parenthesis */
static struct search_node *parse_all(struct parser *s, int depth)
{
    struct search_node *n = list_node(s, SEARCH_ALL, SEARCH_MAX_TERMS);
    if (!n)
        return NULL;
    size_t positive = 0;
    while (s->next.kind != T_END && s->next.kind != T_CLOSE) {
        if (s->next.kind == T_OR)
            return fail(s, "needs a word on each side of OR");
        if (s->next.kind == T_AND) {
            advance(s);
            enum token_kind k = s->next.kind;
            if (n->n == 0 || k == T_END || k == T_CLOSE || k == T_AND || k == T_OR)
                return fail(s, "needs a word on each side of AND");
            continue;
        }
        struct search_node *next = parse_any(s, depth);
        if (!next || !add_child(s, n, next))
            return NULL;
        positive += next->kind != SEARCH_NOT;
    }
    if (n->n == 0)
        return fail(s, depth ? "has an empty pair of parentheses"
                             : "must contain a letter or a digit");
    if (positive == 0)
        return fail(s, "must have something to find, not only words to exclude");
    return n->n == 1 ? n->child[0] : n;
}

enum jvdr_err search_parse(struct arena *arena, const char *q, struct search_node **root,
                           const char **why)
{
    size_t len = strlen(q);
    if (len == 0 || len > SEARCH_MAX_QUERY) {
        *why = "must be 1 to 200 bytes of text";
        return JVDR_E_BAD_PARAM;
    }
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f) {
            *why = "must not contain control characters";
            return JVDR_E_BAD_PARAM;
        }
    struct parser s = {.arena = arena, .p = q};
    advance(&s);
    struct search_node *tree = parse_all(&s, 0);
    if (tree && s.next.kind == T_CLOSE) {
        tree = NULL;
        fail(&s, "has a ) without its (");
    }
    if (!tree) {
        *why = s.why;
        return s.why ? JVDR_E_BAD_PARAM : JVDR_E_NOMEM;
    }
    *root = tree;
    return JVDR_OK;
}

bool search_tree_is_plain(const struct search_node *root)
{
    if (root->field != SEARCH_ANYWHERE)
        return false;
    if (root->kind == SEARCH_WORD)
        return true;
    if (root->kind != SEARCH_ALL)
        return false;
    for (size_t i = 0; i < root->n; i++)
        if (root->child[i]->kind != SEARCH_WORD || root->child[i]->field != SEARCH_ANYWHERE)
            return false;
    return true;
}
