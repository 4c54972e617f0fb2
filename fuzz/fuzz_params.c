/* libFuzzer harness: query-string parameters and each parameter parser — whole numbers, ISO
 * dates, sort lists, filters of every kind, and search syntax — through the list engine's SQL
 * building for every collection. Input: "name=value" pairs separated by '&'. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/date.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/http/params.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/record_sql.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = strndup((const char *)data, size);
    struct arena *arena = arena_new();
    struct kv pairs[16];
    size_t n = 0;
    for (char *save = NULL, *pair = strtok_r(text, "&", &save); pair && n < 16;
         pair = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(pair, '=');
        if (eq)
            *eq = '\0';
        pairs[n].name = pair;
        pairs[n++].value = eq ? eq + 1 : "";
    }
    const struct list_spec *specs[] = {&events_spec, &officials_spec, &agreements_spec,
                                       &sources_spec, &timeline_spec};
    for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        struct request req;
        memset(&req, 0, sizeof req);
        req.arena = arena;
        req.query = pairs;
        req.nquery = n;
        char *sql = NULL;
        if (listing_page_sql(&req, specs[s], &sql) == JVDR_OK && (!sql || !strstr(sql, "LIMIT ?")))
            abort();
        free(sql);
        unsigned long limit = 0;
        params_uint(&req, "limit", 50, 500, &limit);
        if (limit > 500)
            abort();
    }
    for (size_t i = 0; i < n; i++) {
        char first[11], last[11];
        if (date_interval(pairs[i].value, first, last) && strcmp(first, last) > 0)
            abort(); /* an interval never ends before it starts */
        const char *query = NULL, *why = NULL;
        /* Every engine's writing of whatever parses, in every scope. */
        struct search_node *root = NULL;
        if (search_parse(arena, pairs[i].value, &root, &why) == JVDR_OK)
            for (size_t e = 0; db_engines[e]; e++)
                for (int scope = DB_SEARCH_ALL; scope <= DB_SEARCH_NAMES; scope++)
                    if (search_engine_query(arena, &db_engines[e]->search, root, scope, &query) !=
                        JVDR_OK)
                        abort(); /* whatever parses can be written for every engine */
        id_valid(pairs[i].value);
    }
    arena_free(arena);
    free(text);
    return 0;
}
