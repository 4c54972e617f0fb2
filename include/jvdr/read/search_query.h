/* Full-text search for /v1/search and for q= and name= on the lists: a query in jvdr's syntax
 * (jvdr/base/search_syntax.h) written out by the engine behind a connection in its own dialect
 * (struct db_engine's search: an FTS5 query on SQLite, tsquery text on PostgreSQL), so that every
 * engine finds the same records. */
#ifndef JVDR_READ_SEARCH_QUERY_H
#define JVDR_READ_SEARCH_QUERY_H

#include <stdbool.h>

#include "jvdr/base/error.h"
#include "jvdr/store/db.h"

struct arena;
struct db;
struct search_node;

/* Writes the parsed query in an engine's dialect (db_search) for scope into *out (in the
 * arena). */
enum jvdr_err search_engine_query(struct arena *arena, const struct db_search_dialect *dialect,
                                  const struct search_node *root, enum db_search_scope scope,
                                  const char **out);

/* Parses q and writes it for db's engine (scope all). JVDR_E_BAD_PARAM with *why set when q is
 * not a search (search_parse). */
enum jvdr_err search_fts_query(struct arena *arena, struct db *db, const char *q, const char **out,
                               const char **why);

/* The same for looking up a name: names and aliases only, diacritics and case ignored. */
enum jvdr_err search_name_query(struct arena *arena, struct db *db, const char *q, const char **out,
                                const char **why);

/* Sets *words and *n to q's words (in the arena) when q is plain words (each a prefix, all
 * wanted: what the index's postings of common words answer); false otherwise. */
bool search_plain_words(struct arena *arena, const char *q, const char *const **words, size_t *n);
/* The same of a search already parsed (jvdr/base/search_syntax.h). */
struct search_node;
bool search_tree_words(struct arena *arena, const struct search_node *root,
                       const char *const **words, size_t *n);
/* What the index of events is given of q (jvdr/store/event_index.h): its words when plain, else
 * its parsed tree (both NULL when q is not a search). */
void search_for_index(struct arena *arena, const char *q, const char *const **words, size_t *n,
                      const struct search_node **tree);

/* For a cached answer to q: the word fact (jvdr/store/facts.h) of one word every match must
 * contain, in out (FACTS_WORD_PREFIX + 1 bytes) — the longest that has one. False when q is more
 * than plain words or has no such word (the answer then depends on its kinds as a whole). */
bool search_plain_word(struct arena *arena, const char *q, char *out);

/* True when the connection's last error is the engine refusing a search query: never expected
 * (the query is jvdr's own writing), but a client's 400 rather than a 500 if it happens. */
bool search_syntax_error(struct db *db);

#endif
