/* Searches written for the engine behind a connection; see include/jvdr/read/search_query.h. */
#include "jvdr/read/search_query.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"

enum jvdr_err search_engine_query(struct arena *arena, const struct db_search_dialect *dialect,
                                  const struct search_node *root, enum db_search_scope scope,
                                  const char **out)
{
    struct buf text;
    buf_init(&text);
    dialect->write(&text, root, scope);
    *out = text.failed ? NULL : arena_strndup(arena, text.data, text.len);
    buf_cleanup(&text);
    return *out ? JVDR_OK : JVDR_E_NOMEM;
}

static enum jvdr_err parse_and_write(struct arena *arena, struct db *db, const char *q,
                                     enum db_search_scope scope, const char **out, const char **why)
{
    struct search_node *root = NULL;
    enum jvdr_err code = search_parse(arena, q, &root, why);
    return code == JVDR_OK ? search_engine_query(arena, db_search(db), root, scope, out) : code;
}

enum jvdr_err search_fts_query(struct arena *arena, struct db *db, const char *q, const char **out,
                               const char **why)
{
    return parse_and_write(arena, db, q, DB_SEARCH_ALL, out, why);
}

enum jvdr_err search_name_query(struct arena *arena, struct db *db, const char *q, const char **out,
                                const char **why)
{
    return parse_and_write(arena, db, q, DB_SEARCH_NAMES, out, why);
}

bool search_plain_word(struct arena *arena, const char *q, char *out)
{
    const char *const *words = NULL;
    size_t n = 0, best = 0;
    if (!search_plain_words(arena, q, &words, &n))
        return false;
    char fact[FACTS_WORD_PREFIX + 1];
    for (size_t i = 0; i < n; i++)
        if (strlen(words[i]) > best && store_word_fact(words[i], fact)) {
            best = strlen(words[i]);
            memcpy(out, fact, sizeof fact);
        }
    return best > 0;
}

bool search_plain_words(struct arena *arena, const char *q, const char *const **words, size_t *n)
{
    *words = NULL;
    *n = 0;
    struct search_node *root = NULL;
    const char *why = NULL;
    return q && search_parse(arena, q, &root, &why) == JVDR_OK &&
           search_tree_words(arena, root, words, n);
}

void search_for_index(struct arena *arena, const char *q, const char *const **words, size_t *n,
                      const struct search_node **tree)
{
    *tree = NULL;
    *words = NULL;
    *n = 0;
    struct search_node *root = NULL;
    const char *why = NULL;
    if (q && search_parse(arena, q, &root, &why) == JVDR_OK &&
        !search_tree_words(arena, root, words, n))
        *tree = root;
}

bool search_tree_words(struct arena *arena, const struct search_node *root,
                       const char *const **words, size_t *n)
{
    *words = NULL;
    *n = 0;
    if (!search_tree_is_plain(root))
        return false;
    size_t count = root->kind == SEARCH_WORD ? 1 : root->n;
    const char **out = arena_alloc(arena, count * sizeof *out);
    for (size_t i = 0; out && i < count; i++) {
        const struct search_node *w = root->kind == SEARCH_WORD ? root : root->child[i];
        if (!(out[i] = arena_strndup(arena, w->text, w->len)))
            return false;
    }
    if (!out)
        return false;
    *words = out;
    *n = count;
    return true;
}

bool search_syntax_error(struct db *db)
{
    return db_search_refused(db);
}
