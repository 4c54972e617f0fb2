/* Full-text search (FTS5, migrations/0003_search.sql): turning what a reader types into an FTS5
 * query, for /v1/search and for q= on every list. */
#ifndef JVDR_READ_SEARCH_QUERY_H
#define JVDR_READ_SEARCH_QUERY_H

#include <stdbool.h>

#include "jvdr/base/error.h"

struct arena;
struct db;

/* Builds the FTS5 query for q into *out (in the arena). Plain words become prefix terms that must
 * all match, in any order ("nobuo kish" finds Kishi Nobuo); text using FTS5 syntax (quotes, *,
 * parentheses, column filters, AND/OR/NOT/NEAR) is passed through for SQLite to check. Returns
 * JVDR_E_BAD_PARAM with *why set when q has nothing to search for. */
enum jvdr_err search_fts_query(struct arena *arena, const char *q, const char **out,
                               const char **why);

/* Like search_fts_query, but for looking up a name: only the folded names column is searched,
 * and plain words are folded first (so "Đại" finds "Dai" and "dai" finds "Đại"). */
enum jvdr_err search_name_query(struct arena *arena, const char *q, const char **out,
                                const char **why);

/* Whether search_fts_query turns q into prefix terms of its own (no FTS5 syntax in q). */
bool search_is_plain(const char *q);

/* For a cached answer to q: the word fact (jvdr/store/facts.h) of one word every match must
 * contain, in out (FACTS_WORD_PREFIX + 1 bytes) — the longest that has one. False when q uses
 * FTS5 syntax or has no such word (the answer then depends on its kinds as a whole). */
bool search_plain_word(struct arena *arena, const char *q, char *out);

/* True when the connection's last error is FTS5 refusing a query (a client mistake, not ours). */
bool search_syntax_error(struct db *db);

#endif
