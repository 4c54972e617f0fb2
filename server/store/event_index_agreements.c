/* /v1/agreements from the in-memory index: every existing agreement in the orders of the list's
 * sorts (date, title, type, status; each then by id, as agreements_spec's ORDER BY), kept like
 * the events' orders (built at a load, one slot moved after a commit), and the list's filters
 * tested agreement by agreement along the order: agreements are a few percent of the events, and
 * a walk of 50,000 costs less than a millisecond, where SQL counted each filter's matches with a
 * subquery per agreement (30-250 ms at a million events). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"

/* Agreements a and b in sort's ascending order: the SQL's keys, then the id. For dates the dated
 * come first ("date_start IS NULL" leads the order both ways). */
static int agreement_compare(const struct event_index *index, enum agreement_sort sort, uint32_t a,
                             uint32_t b)
{
    const struct indexed_agreement *x = &index->agreements[a], *y = &index->agreements[b];
    char *const *words = index->words->keys;
    int c = 0;
    switch (sort) {
    case AGREEMENT_SORT_DATE:
        if ((x->start_key < 0) != (y->start_key < 0))
            return x->start_key < 0 ? 1 : -1;
        c = x->start_key != y->start_key ? (x->start_key < y->start_key ? -1 : 1)
            : x->end_key != y->end_key   ? (x->end_key < y->end_key ? -1 : 1)
                                         : 0;
        break;
    case AGREEMENT_SORT_TITLE:
        c = index_nocase_compare(x->title, y->title);
        break;
    case AGREEMENT_SORT_TYPE:
        c = strcmp(words[x->type], words[y->type]);
        break;
    default:
        c = strcmp(words[x->status], words[y->status]);
        break;
    }
    return c ? c : strcmp(index->agreement_ids->keys[a], index->agreement_ids->keys[b]);
}

/* For qsort, which takes no context: the index and sort being sorted (a load holds the lock). */
static const struct event_index *sorting;
static enum agreement_sort sorting_by;
static int by_sort(const void *a, const void *b)
{
    return agreement_compare(sorting, sorting_by, *(const uint32_t *)a, *(const uint32_t *)b);
}

void index_agreement_orders_free(struct event_index *index)
{
    for (int s = 0; s < AGREEMENT_SORTS; s++) {
        free(index->agreement_orders[s]);
        index->agreement_orders[s] = NULL;
    }
    index->agreements_listed = index->agreements_dated = 0;
}

bool index_agreement_orders_build(struct event_index *index)
{
    index_agreement_orders_free(index);
    size_t n = 0, dated = 0;
    for (size_t i = 0; i < index->agreement_count; i++)
        if (index->agreements[i].exists) {
            n++;
            dated += index->agreements[i].start_key >= 0;
        }
    for (int s = 0; s < AGREEMENT_SORTS; s++) {
        uint32_t *order = malloc((n + 1) * sizeof *order);
        if (!order)
            return false;
        size_t k = 0;
        for (size_t i = 0; i < index->agreement_count; i++)
            if (index->agreements[i].exists)
                order[k++] = (uint32_t)i;
        sorting = index;
        sorting_by = (enum agreement_sort)s;
        qsort(order, n, sizeof *order, by_sort);
        index->agreement_orders[s] = order;
    }
    index->agreements_listed = n;
    index->agreements_dated = dated;
    return true;
}

static int compare_for_order(const struct event_index *index, int sort, uint32_t a, uint32_t b)
{
    return agreement_compare(index, (enum agreement_sort)sort, a, b);
}

bool index_agreement_orders_move(struct event_index *index, uint32_t slot, bool was_listed)
{
    size_t n = index->agreements_listed;
    bool listed = index->agreements[slot].exists;
    for (int s = 0; s < AGREEMENT_SORTS; s++) {
        size_t count = index->agreement_orders[s] ? n : 0;
        size_t at =
            was_listed ? index_order_take(index->agreement_orders[s], &count, slot) : SIZE_MAX;
        if (s == AGREEMENT_SORT_DATE && at < index->agreements_dated)
            index->agreements_dated--;
        if (listed &&
            !index_order_put(index, &index->agreement_orders[s], count, slot, s, compare_for_order))
            return false;
        if (s == AGREEMENT_SORT_DATE && listed && index->agreements[slot].start_key >= 0)
            index->agreements_dated++;
    }
    index->agreements_listed = n - (was_listed ? 1 : 0) + (listed ? 1 : 0);
    return true;
}

/* What an agreement must have to pass f, as ids of the index's dictionaries (NO_ID: nothing
 * has it), its dates as keys, the agreements of f's event, and the search's matches. */
struct agreement_match {
    const struct agreement_filter *f;
    uint32_t type, status, party, signatory, source;
    int32_t from, to;
    uint32_t *of_event; /* agreement slots the event names */
    size_t nof_event;
    uint8_t *found; /* NULL: no search */
};

static enum jvdr_err agreement_match_init(struct agreement_match *m, struct event_index *index,
                                          struct db *db, const struct agreement_filter *f)
{
    memset(m, 0, sizeof *m);
    m->f = f;
    m->type = f->type ? index_dict_find(index->words, f->type) : NO_ID;
    m->status = f->status ? index_dict_find(index->words, f->status) : NO_ID;
    m->party = f->party ? index_dict_find(index->words, f->party) : NO_ID;
    m->signatory = f->signatory ? index_dict_find(index->officials, f->signatory) : NO_ID;
    m->source = f->source ? index_dict_find(index->words, f->source) : NO_ID;
    m->from = index_date_key(f->from);
    m->to = index_date_key(f->to);
    uint32_t event = f->event ? index_dict_find(index->ids, f->event) : NO_ID;
    if (event != NO_ID && index->events[event].present) {
        const struct indexed_event *e = &index->events[event];
        const uint32_t *named = e->links + e->ncountries + e->ntopics + e->nofficials;
        m->of_event = malloc((e->nagreements + 1) * sizeof *m->of_event);
        if (!m->of_event)
            return JVDR_E_NOMEM;
        for (uint32_t i = 0; i < e->nagreements; i++) {
            uint32_t slot = index_dict_find(index->agreement_ids, index->words->keys[named[i]]);
            if (slot != NO_ID)
                m->of_event[m->nof_event++] = slot;
        }
    }
    struct index_query q = {f->search, f->search_words, f->nsearch_words, f->search_tree};
    return f->search ? index_search(index, db, &q, NULL, &m->found, NULL) : JVDR_OK;
}

static bool agreement_matches(const struct event_index *index, uint32_t slot,
                              const struct agreement_match *m)
{
    const struct indexed_agreement *a = &index->agreements[slot];
    const struct agreement_filter *f = m->f;
    if (!a->exists || (f->search && !index_allowed(m->found, slot)))
        return false;
    if ((f->type && a->type != m->type) || (f->status && a->status != m->status))
        return false;
    if ((f->from && (a->end_key < 0 || a->end_key < m->from)) ||
        (f->to && (a->start_key < 0 || a->start_key > m->to)))
        return false;
    if (f->party && !index_has_link(a->links, 0, a->nparties, m->party))
        return false;
    if (f->signatory && !index_has_link(a->links, a->nparties, a->nsigners, m->signatory))
        return false;
    if (f->source && !index_has_link(a->links, a->nparties + a->nsigners, a->nsources, m->source))
        return false;
    if (f->event) {
        bool named = false;
        for (size_t i = 0; !named && i < m->nof_event; i++)
            named = m->of_event[i] == slot;
        return named;
    }
    return true;
}

enum jvdr_err index_agreement_page(struct event_index *index, struct db *db,
                                   const struct agreement_filter *f, enum agreement_sort sort,
                                   bool descending, unsigned long offset, unsigned long limit,
                                   struct arena *arena, long long *total, const char **ids,
                                   size_t *count)
{
    struct agreement_match m;
    enum jvdr_err code = agreement_match_init(&m, index, db, f);
    size_t n = index->agreements_listed;
    const uint32_t *order = index->agreement_orders[sort];
    long long matched = 0;
    for (size_t k = 0; code == JVDR_OK && order && k < n; k++) {
        uint32_t slot = order[index_walk_place(k, n, index->agreements_dated, descending,
                                               sort == AGREEMENT_SORT_DATE)];
        if (!agreement_matches(index, slot, &m))
            continue;
        if (matched++ >= (long long)offset && *count < limit) {
            const char *id = arena_strdup(arena, index->agreement_ids->keys[slot]);
            if (!id)
                code = JVDR_E_NOMEM;
            ids[(*count)++] = id;
        }
    }
    *total = matched;
    free(m.of_event);
    free(m.found);
    return code;
}
