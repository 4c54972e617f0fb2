/* /v1/officials from the in-memory index: each official's country and sources beside the name
 * the officials dictionary keeps, the list's orders (name as SQLite's NOCASE, country; each then
 * by id, as officials_spec's ORDER BY), and the filters tested official by official along the
 * order (officials are a percent of the events). q= reads names and aliases only: the title
 * tier's postings, fields ignored (event_index_terms_match.c), as the engines' name searches
 * read them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"

/* Room for official integer i's facts. */
static bool facts_room(struct event_index *index, size_t i)
{
    if (i < index->official_facts_capacity)
        return true;
    size_t n = index->official_facts_capacity ? index->official_facts_capacity : 256;
    while (n <= i)
        n *= 2;
    struct indexed_official *grown = realloc(index->official_facts, n * sizeof *grown);
    if (!grown)
        return false;
    memset(grown + index->official_facts_capacity, 0,
           (n - index->official_facts_capacity) * sizeof *grown);
    index->official_facts = grown;
    index->official_facts_capacity = n;
    return true;
}

void index_officials_free(struct event_index *index)
{
    for (size_t i = 0; i < index->official_facts_capacity; i++)
        free(index->official_facts[i].sources);
    free(index->official_facts);
    index->official_facts = NULL;
    index->official_facts_capacity = 0;
    for (int s = 0; s < OFFICIAL_SORTS; s++) {
        free(index->official_orders[s]);
        index->official_orders[s] = NULL;
    }
    index->officials_listed = 0;
}

/* Sets the sources of the official with integer i (sources: words), replacing what it had. */
static bool set_sources(struct event_index *index, uint32_t i, const uint32_t *sources, size_t n)
{
    struct indexed_official *o = &index->official_facts[i];
    uint32_t *copy = n ? malloc(n * sizeof *copy) : NULL;
    if (n && !copy)
        return false;
    if (n)
        memcpy(copy, sources, n * sizeof *copy);
    free(o->sources);
    o->sources = copy;
    o->nsources = (uint32_t)n;
    return true;
}

bool index_officials_load(struct event_index *index, struct db *db)
{
    struct stmt *stmt = db_stmt(db, "SELECT id, country FROM officials");
    bool ok = stmt != NULL;
    while (ok && stmt_step(stmt) == DB_ROW) {
        uint32_t i = index_dict_intern(index->officials, stmt_text(stmt, 0));
        ok = i != NO_ID && facts_room(index, i);
        if (ok)
            index->official_facts[i].country = index_country_code(stmt_text(stmt, 1));
    }
    db_stmt_done(stmt);
    /* One row a source, however many spans; in official order, so that each official's run of
     * rows is set at once. */
    stmt = ok ? db_stmt(db, "SELECT DISTINCT official_id, source_id FROM official_sources "
                            "ORDER BY official_id")
              : NULL;
    ok = ok && stmt;
    uint32_t *run = NULL, current = NO_ID;
    size_t n = 0, capacity = 0;
    int rc = DB_DONE;
    while (ok && (rc = stmt_step(stmt)) == DB_ROW) {
        uint32_t i = index_dict_find(index->officials, stmt_text(stmt, 0));
        if (i != current && current != NO_ID)
            ok = set_sources(index, current, run, n);
        if (i != current)
            n = 0;
        current = i;
        uint32_t source = index_dict_intern(index->words, stmt_text(stmt, 1));
        if (ok && n == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            uint32_t *grown = realloc(run, capacity * sizeof *grown);
            ok = grown != NULL;
            run = grown ? grown : run;
        }
        ok = ok && source != NO_ID && i != NO_ID && i < index->official_facts_capacity;
        if (ok)
            run[n++] = source;
    }
    if (ok && current != NO_ID)
        ok = set_sources(index, current, run, n);
    free(run);
    db_stmt_done(stmt);
    return ok && (rc == DB_DONE || rc == DB_ROW);
}

bool index_official_reread(struct event_index *index, struct db *db, uint32_t i, const char *id)
{
    if (!facts_room(index, i))
        return false;
    struct stmt *stmt = db_stmt(db, "SELECT country FROM officials WHERE id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    index->official_facts[i].country =
        stmt_step(stmt) == DB_ROW ? index_country_code(stmt_text(stmt, 0)) : NO_ID;
    db_stmt_done(stmt);
    stmt = db_stmt(db, "SELECT DISTINCT source_id FROM official_sources WHERE official_id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    uint32_t *found = NULL;
    size_t n = 0;
    bool ok = true;
    while (ok && stmt_step(stmt) == DB_ROW) {
        uint32_t source = index_dict_intern(index->words, stmt_text(stmt, 0));
        uint32_t *grown = realloc(found, (n + 1) * sizeof *grown);
        ok = source != NO_ID && grown;
        found = grown ? grown : found;
        if (ok)
            found[n++] = source;
    }
    db_stmt_done(stmt);
    ok = ok && set_sources(index, i, found, n);
    free(found);
    return ok;
}

/* Whether integer i names an official that exists (the dictionary keeps its name). */
static bool listed(const struct event_index *index, size_t i)
{
    return i < index->officials->count && index->officials->names[i] &&
           i < index->official_facts_capacity;
}

/* Officials a and b in sort's ascending order: the SQL's key, then the id. */
static int official_compare(const struct event_index *index, int sort, uint32_t a, uint32_t b)
{
    const struct index_dict *d = index->officials;
    int c = 0;
    if (sort == OFFICIAL_SORT_NAME) {
        c = index_nocase_compare(d->names[a], d->names[b]);
    } else {
        uint32_t x = index->official_facts[a].country, y = index->official_facts[b].country;
        c = x != y ? (x < y ? -1 : 1) : 0;
    }
    return c ? c : strcmp(d->keys[a], d->keys[b]);
}

static const struct event_index *sorting;
static int sorting_by;
static int by_sort(const void *a, const void *b)
{
    return official_compare(sorting, sorting_by, *(const uint32_t *)a, *(const uint32_t *)b);
}

bool index_official_orders_build(struct event_index *index)
{
    for (int s = 0; s < OFFICIAL_SORTS; s++) {
        free(index->official_orders[s]);
        index->official_orders[s] = NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < index->officials->count; i++)
        n += listed(index, i);
    for (int s = 0; s < OFFICIAL_SORTS; s++) {
        uint32_t *order = malloc((n + 1) * sizeof *order);
        if (!order)
            return false;
        size_t k = 0;
        for (size_t i = 0; i < index->officials->count; i++)
            if (listed(index, i))
                order[k++] = (uint32_t)i;
        sorting = index;
        sorting_by = s;
        qsort(order, n, sizeof *order, by_sort);
        index->official_orders[s] = order;
    }
    index->officials_listed = n;
    return true;
}

bool index_official_orders_move(struct event_index *index, uint32_t i, bool was_listed)
{
    size_t n = index->officials_listed;
    bool now = listed(index, i);
    for (int s = 0; s < OFFICIAL_SORTS; s++) {
        size_t count = index->official_orders[s] ? n : 0;
        if (was_listed)
            index_order_take(index->official_orders[s], &count, i);
        if (now &&
            !index_order_put(index, &index->official_orders[s], count, i, s, official_compare))
            return false;
    }
    index->officials_listed = n - (was_listed ? 1 : 0) + (now ? 1 : 0);
    return true;
}

bool index_official_listed(const struct event_index *index, uint32_t i)
{
    return i != NO_ID && listed(index, i);
}

enum jvdr_err index_official_page(struct event_index *index, struct db *db,
                                  const struct official_filter *f, enum official_sort sort,
                                  bool descending, unsigned long offset, unsigned long limit,
                                  struct arena *arena, long long *total, const char **ids,
                                  size_t *count)
{
    uint64_t *rows = NULL;
    size_t nwords = 0;
    enum jvdr_err code =
        f->search ? index_terms_match_names(index, db, f->search, &rows, &nwords) : JVDR_OK;
    if (code != JVDR_OK)
        return code; /* JVDR_E_NOT_FOUND: the caller asks SQL */
    uint32_t country = index_country_code(f->country);
    uint32_t source = f->source ? index_dict_find(index->words, f->source) : NO_ID;
    const struct indexed_event *event = NULL;
    uint32_t slot = f->event ? index_dict_find(index->ids, f->event) : NO_ID;
    if (slot != NO_ID && index->events[slot].present)
        event = &index->events[slot];
    const struct index_dict *d = index->officials;
    size_t n = index->officials_listed;
    const uint32_t *order = index->official_orders[sort];
    long long matched = 0;
    for (size_t k = 0; code == JVDR_OK && order && k < n; k++) {
        uint32_t i = order[descending ? n - 1 - k : k];
        const struct indexed_official *o = &index->official_facts[i];
        if ((f->country && o->country != country) ||
            (f->source && !index_has_link(o->sources, 0, o->nsources, source)) ||
            (f->event &&
             (!event || !index_has_link(event->links, event->ncountries + event->ntopics,
                                        event->nofficials, i))))
            continue;
        if (f->search) {
            long long rowid = index_search_rowid(index, "official", d->keys[i]);
            if (rowid < 0 || (size_t)rowid / 64 >= nwords || !index_bit(rows, (size_t)rowid))
                continue;
        }
        if (matched++ >= (long long)offset && *count < limit) {
            const char *id = arena_strdup(arena, d->keys[i]);
            if (!id)
                code = JVDR_E_NOMEM;
            ids[(*count)++] = id;
        }
    }
    *total = matched;
    free(rows);
    return code;
}
