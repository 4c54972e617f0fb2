/* jvdr's own search syntax (the q and name parameters; openapi/openapi.json describes it), parsed
 * into a tree that each storage engine writes in its own dialect (db.h: search.write), so that
 * nothing a client sends reaches an engine's query parser unchecked:
 *   words            every word must match, each as a prefix ("nobuo kish")
 *   "a phrase"       these words in this order; a * after the closing quote makes the last a prefix
 *   a OR b           either (binds tighter than the space between words)
 *   -word, NOT word  must not match (a search needs at least one thing to find); -"a phrase",
 *                    -(a group) too
 *   ( ... )          grouping
 *   title:, body:    only in titles and names, or only in the text around them
 * AND between two terms is the same as a space. */
#ifndef JVDR_READ_SEARCH_SYNTAX_H
#define JVDR_READ_SEARCH_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct arena;

#define SEARCH_MAX_QUERY 200 /* bytes */
#define SEARCH_MAX_TERMS 32  /* words and phrases */
#define SEARCH_MAX_DEPTH 8   /* nested parentheses */

enum search_node_kind {
    SEARCH_WORD,   /* text[0..len): a word as typed, matched as a prefix */
    SEARCH_PHRASE, /* text[0..len): the words between the quotes; prefix: a * followed */
    SEARCH_ALL,    /* every child (a NOT child: must not match) */
    SEARCH_ANY,    /* any child */
    SEARCH_NOT,    /* child[0] must not match; only ever a child of SEARCH_ALL */
};

enum search_field { SEARCH_ANYWHERE, SEARCH_TITLES, SEARCH_BODY };

struct search_node {
    enum search_node_kind kind;
    enum search_field field; /* as written on this node (inner fields win) */
    const char *text;
    size_t len;
    bool prefix;
    struct search_node **child;
    size_t n;
};

/* Parses q into *root (in the arena). JVDR_E_BAD_PARAM with *why (a phrase completing "q ...")
 * when q is not a search: empty or too long, unbalanced quotes or parentheses, OR or AND without
 * a term on each side, nothing to find but words to exclude, too many terms or too deep. */
enum jvdr_err search_parse(struct arena *arena, const char *q, struct search_node **root,
                           const char **why);

/* Whether the tree is plain words only (no phrase, OR, NOT or field). */
bool search_tree_is_plain(const struct search_node *root);

#endif
