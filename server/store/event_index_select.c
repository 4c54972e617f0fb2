/* The events a list's or the timeline's filters select, as one bitmap over slots with its count:
 * the value sets ANDed (event_index_sets.c), then the full-text matches, then the dates — found by
 * binary search in by_date, so only the events dated near the bounds are looked at — and a page
 * of /v1/events read off an order by testing bits, ending once the page is full. No step passes
 * over every event unless the filters select most of them. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"

int32_t index_date_key(const char *iso)
{
    return iso ? (int32_t)strtol(iso, NULL, 10) * 10000 + (int32_t)strtol(iso + 5, NULL, 10) * 100 +
                     (int32_t)strtol(iso + 8, NULL, 10)
               : -1;
}

/* The first of by_date's first n positions whose start key is above key (or, strict false, at or
 * above it). */
static size_t first_start(const struct event_index *index, size_t n, int32_t key, bool strict)
{
    size_t low = 0, high = n;
    while (low < high) {
        size_t mid = (low + high) / 2;
        int32_t start = index->events[index->by_date[mid]].start_key;
        if (strict ? start <= key : start < key)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* Whether event e is dated within from/to (keys; -1 when absent). */
static bool dated_within(const struct indexed_event *e, int32_t from, int32_t to)
{
    return e->start_key >= 0 && (to < 0 || e->start_key <= to) && (from < 0 || e->end_key >= from);
}

/* Keeps in sel only the dated events within from/to (keys; -1 when absent): testing each one
 * selected when they are fewer than the events dated near the bounds, else walking those. */
static bool fold_dates(const struct event_index *index, struct index_selection *sel, int32_t from,
                       int32_t to)
{
    size_t hi = to >= 0 ? first_start(index, index->ndated, to, true) : index->ndated;
    /* From where starts reach from, ends do too (when every end follows its start); before it,
     * only events starting less than the longest span earlier can end that late. */
    size_t sure = from >= 0 ? first_start(index, hi, from, false) : 0;
    bool follow = index->ends_follow_starts;
    size_t lo = from < 0 ? 0 : follow ? first_start(index, sure, from - index->max_span, false) : 0;
    size_t selected = index_bits_count(sel->bits, sel->nwords), n = 0;
    if (from < 0 && to < 0) { /* dated only: take out the undated, who come last */
        for (size_t pos = index->ndated; pos < index->nordered; pos++)
            sel->bits[index->by_date[pos] / 64] &= ~(1ULL << (index->by_date[pos] % 64));
        n = index_bits_count(sel->bits, sel->nwords);
    } else if (selected < hi - lo) {
        for (size_t w = 0; w < sel->nwords; w++)
            for (uint64_t v = sel->bits[w]; v; v &= v - 1) {
                size_t slot = w * 64 + (size_t)__builtin_ctzll(v);
                if (dated_within(&index->events[slot], from, to))
                    n++;
                else
                    sel->bits[w] &= ~(1ULL << (slot % 64));
            }
    } else {
        uint64_t *kept = calloc(sel->nwords, sizeof *kept);
        if (!kept)
            return false;
        for (size_t pos = lo; pos < hi; pos++) {
            uint32_t slot = index->by_date[pos];
            if (!index_bit(sel->bits, slot))
                continue;
            if (from >= 0 && (pos < sure || !follow) && index->events[slot].end_key < from)
                continue;
            kept[slot / 64] |= 1ULL << (slot % 64);
            n++;
        }
        free(sel->bits);
        sel->bits = kept;
    }
    sel->total = (long long)n;
    sel->dated = true;
    sel->lo = lo;
    sel->hi = hi;
    return true;
}

bool index_select(struct event_index *index, const uint32_t wanted[INDEX_FIELDS],
                  const bool given[INDEX_FIELDS], const uint8_t *search, const char *from,
                  const char *to, bool dated_only, struct index_selection *sel)
{
    memset(sel, 0, sizeof *sel);
    sel->hi = index->nordered;
    bool any = search != NULL;
    for (int k = 0; k < INDEX_FIELDS; k++)
        any = any || given[k];
    if (!any && !from && !to) { /* every present (or dated) event: no bitmap */
        sel->dated = dated_only;
        sel->hi = dated_only ? index->ndated : index->nordered;
        sel->total = (long long)sel->hi;
        return true;
    }
    sel->bits = index_sets_select(index, wanted, given, &sel->nwords);
    if (!sel->bits)
        return false;
    if (search)
        for (size_t w = 0; w < sel->nwords; w++) {
            uint64_t mask = 0;
            for (size_t b = 0; b < 8 && w * 8 + b <= index->count / 8; b++)
                mask |= (uint64_t)search[w * 8 + b] << (8 * b);
            sel->bits[w] &= mask;
        }
    if (from || to || dated_only)
        return fold_dates(index, sel, index_date_key(from), index_date_key(to));
    sel->total = (long long)index_bits_count(sel->bits, sel->nwords);
    return true;
}

void index_selection_free(struct index_selection *sel)
{
    free(sel->bits);
    sel->bits = NULL;
}

/* The slot at step k of the walk of sort's order (descending: reversed; for dates, the dated
 * events from the latest, then the undated ones, each group reversed — how SQLite orders
 * "date_start IS NULL, date_start DESC, ..."), within positions lo..hi of by_date when dated. */
static uint32_t walk_slot(const struct event_index *index, enum index_sort sort, bool descending,
                          const struct index_selection *sel, size_t k)
{
    if (sort != INDEX_SORT_DATE)
        return index->orders[sort][index_walk_place(k, index->nordered, 0, descending, false)];
    if (sel->dated) /* dates bound it: positions lo..hi, all dated */
        return index->by_date[sel->lo + index_walk_place(k, sel->hi - sel->lo, sel->hi - sel->lo,
                                                         descending, true)];
    return index->by_date[index_walk_place(k, index->nordered, index->ndated, descending, true)];
}

bool index_selection_few(const struct event_index *index, const struct index_selection *sel)
{
    size_t few = index->nordered / 1024 > 64 ? index->nordered / 1024 : 64;
    return sel->bits && (size_t)sel->total <= few;
}

/* qsort has no context argument in C17: the index and order of the sort in progress. */
static _Thread_local const struct event_index *sorting;
static _Thread_local enum index_sort sorting_by;

static int by_order(const void *a, const void *b)
{
    return index_order_compare(sorting, sorting_by, *(const uint32_t *)a, *(const uint32_t *)b);
}

uint32_t *index_selection_sorted(const struct event_index *index, const struct index_selection *sel,
                                 enum index_sort sort, size_t *n)
{
    *n = 0;
    uint32_t *slots = malloc(((size_t)sel->total + 1) * sizeof *slots);
    if (!slots)
        return NULL;
    for (size_t w = 0; w < sel->nwords; w++)
        for (uint64_t v = sel->bits[w]; v && *n < (size_t)sel->total; v &= v - 1)
            slots[(*n)++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(v));
    sorting = index;
    sorting_by = sort;
    qsort(slots, *n, sizeof *slots, by_order);
    return slots;
}

/* The page of a few events, sorted rather than walked to. */
static enum jvdr_err sorted_page(struct event_index *index, const uint32_t *slots, size_t n,
                                 enum index_sort sort, bool descending, unsigned long offset,
                                 unsigned long limit, struct arena *arena, const char **ids,
                                 size_t *count)
{
    size_t dated = n; /* descending dates: the dated from the latest, then the undated */
    while (sort == INDEX_SORT_DATE && dated && index->events[slots[dated - 1]].start_key < 0)
        dated--;
    for (size_t k = offset; k < n && *count < limit; k++) {
        size_t i = index_walk_place(k, n, dated, descending, sort == INDEX_SORT_DATE);
        ids[*count] = arena_strdup(arena, index->ids->keys[slots[i]]);
        if (!ids[(*count)++])
            return JVDR_E_NOMEM;
    }
    return JVDR_OK;
}

enum jvdr_err index_selection_page(struct event_index *index, const struct index_selection *sel,
                                   enum index_sort sort, bool descending, unsigned long offset,
                                   unsigned long limit, struct arena *arena, const char **ids,
                                   size_t *count)
{
    if (index_selection_few(index, sel)) {
        size_t n = 0;
        uint32_t *slots = index_selection_sorted(index, sel, sort, &n);
        if (slots) {
            enum jvdr_err code =
                sorted_page(index, slots, n, sort, descending, offset, limit, arena, ids, count);
            free(slots);
            return code;
        }
    }
    size_t steps = sort == INDEX_SORT_DATE && sel->dated ? sel->hi - sel->lo : index->nordered;
    unsigned long long matched = sel->bits ? 0 : offset, stop = offset + limit;
    size_t k = sel->bits ? 0 : offset; /* every event: the page is a slice */
    for (; k < steps && matched < stop && matched < (unsigned long long)sel->total; k++) {
        uint32_t slot = walk_slot(index, sort, descending, sel, k);
        if (sel->bits && !index_bit(sel->bits, slot))
            continue;
        if (matched++ < offset)
            continue;
        ids[*count] = arena_strdup(arena, index->ids->keys[slot]);
        if (!ids[(*count)++])
            return JVDR_E_NOMEM;
    }
    return JVDR_OK;
}
