/* Turning what a reader types into an FTS5 query; see include/jvdr/read/search_query.h. */
#include "jvdr/read/search_query.h"

#include <ctype.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/fold.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"

#define SEARCH_MAX_QUERY 200

/* True when q uses FTS5 syntax rather than plain words. */
static bool uses_syntax(const char *q)
{
    if (strpbrk(q, "\"*():^{}+"))
        return true;
    static const char *const operators[] = {"AND", "OR", "NOT", "NEAR"};
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i]);
        for (const char *p = strstr(q, operators[i]); p; p = strstr(p + 1, operators[i])) {
            bool starts = p == q || isspace((unsigned char)p[-1]);
            bool ends = p[n] == '\0' || isspace((unsigned char)p[n]);
            if (starts && ends)
                return true;
        }
    }
    return false;
}

enum jvdr_err search_fts_query(struct arena *arena, const char *q, const char **out,
                               const char **why)
{
    size_t len = strlen(q);
    if (len == 0 || len > SEARCH_MAX_QUERY) {
        *why = "must be 1 to 200 bytes of text";
        return JVDR_E_BAD_PARAM;
    }
    if (uses_syntax(q)) {
        *out = q;
        return JVDR_OK;
    }
    /* Each whitespace-separated word becomes "word"*: a quoted prefix term. */
    char *query = arena_alloc(arena, len * 2 + 8);
    if (!query)
        return JVDR_E_NOMEM;
    size_t o = 0;
    const char *p = q;
    while (*p) {
        while (isspace((unsigned char)*p))
            p++;
        const char *start = p;
        bool has_word = false;
        while (*p && !isspace((unsigned char)*p)) {
            has_word |= isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80;
            p++;
        }
        if (!has_word)
            continue;
        if (o)
            query[o++] = ' ';
        query[o++] = '"';
        memcpy(query + o, start, (size_t)(p - start));
        o += (size_t)(p - start);
        query[o++] = '"';
        query[o++] = '*';
    }
    query[o] = '\0';
    if (o == 0) {
        *why = "must contain a letter or a digit";
        return JVDR_E_BAD_PARAM;
    }
    *out = query;
    return JVDR_OK;
}

enum jvdr_err search_name_query(struct arena *arena, const char *q, const char **out,
                                const char **why)
{
    const char *query = q;
    if (!uses_syntax(q) && strlen(q) <= SEARCH_MAX_QUERY) {
        size_t len = strlen(q);
        char *folded = arena_alloc(arena, len + 1);
        if (!folded)
            return JVDR_E_NOMEM;
        fold_utf8(q, len, folded);
        query = folded;
    }
    const char *fts = NULL;
    enum jvdr_err code = search_fts_query(arena, query, &fts, why);
    if (code != JVDR_OK)
        return code;
    *out = arena_printf(arena, "{folded} : (%s)", fts);
    return *out ? JVDR_OK : JVDR_E_NOMEM;
}

bool search_is_plain(const char *q)
{
    return !uses_syntax(q) && strlen(q) <= SEARCH_MAX_QUERY;
}

bool search_plain_word(struct arena *arena, const char *q, char *out)
{
    if (uses_syntax(q) || strlen(q) > SEARCH_MAX_QUERY)
        return false;
    char *copy = arena_strdup(arena, q);
    size_t best = 0;
    char fact[FACTS_WORD_PREFIX + 1];
    for (char *save = NULL, *w = copy ? strtok_r(copy, " \t\n\r\f\v", &save) : NULL; w;
         w = strtok_r(NULL, " \t\n\r\f\v", &save))
        if (strlen(w) > best && store_word_fact(w, fact)) {
            best = strlen(w);
            memcpy(out, fact, sizeof fact);
        }
    return best > 0;
}

bool search_syntax_error(struct db *db)
{
    static const char *const refusals[] = {"fts5: ", "no such column", "unknown special query",
                                           "unterminated string"};
    if (db_errcode(db) != SQLITE_ERROR)
        return false;
    const char *msg = db_errmsg(db);
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
        if (strstr(msg, refusals[i]))
            return true;
    return false;
}
