/* The index's orders besides the date's: ?sort=title (SQLite's NOCASE: ASCII letters folded, then
 * bytes) and ?sort=type, each then by id — what events_spec's ORDER BY gives — kept as arrays of
 * slots, built at load and moved one slot at a time after a commit. Descending is the reverse
 * (the id makes every key unique). */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"

/* NOCASE's comparison: ASCII capitals as lower case, every other byte as it is. */
static int nocase_compare(const char *x, const char *y)
{
    for (;; x++, y++) {
        unsigned char a = (unsigned char)*x, b = (unsigned char)*y;
        a = a >= 'A' && a <= 'Z' ? (unsigned char)(a + 32) : a;
        b = b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
        if (a != b || !a)
            return a - b;
    }
}

static int compare(const struct event_index *index, enum index_sort sort, uint32_t a, uint32_t b)
{
    const struct indexed_event *x = &index->events[a], *y = &index->events[b];
    int c = sort == INDEX_SORT_TITLE
                ? nocase_compare(x->title ? x->title : "", y->title ? y->title : "")
                : strcmp(index->words->keys[x->type], index->words->keys[y->type]);
    return c ? c : strcmp(index->ids->keys[a], index->ids->keys[b]);
}

/* qsort has no context argument in C17: the index and order of the sort in progress. */
static _Thread_local const struct event_index *sorting;
static _Thread_local enum index_sort sorting_by;

static int by_slot(const void *a, const void *b)
{
    return compare(sorting, sorting_by, *(const uint32_t *)a, *(const uint32_t *)b);
}

bool index_orders_build(struct event_index *index)
{
    for (int s = INDEX_SORT_TITLE; s < INDEX_SORTS; s++) {
        uint32_t *order = malloc((index->nordered + 1) * sizeof *order);
        if (!order)
            return false;
        memcpy(order, index->by_date, index->nordered * sizeof *order);
        sorting = index;
        sorting_by = (enum index_sort)s;
        qsort(order, index->nordered, sizeof *order, by_slot);
        free(index->orders[s]);
        index->orders[s] = order;
    }
    return true;
}

bool index_orders_move(struct event_index *index, uint32_t slot, size_t before, bool was_present)
{
    for (int s = INDEX_SORT_TITLE; s < INDEX_SORTS; s++) {
        uint32_t *order = index->orders[s];
        size_t n = before;
        for (size_t i = 0; was_present && i < n; i++)
            if (order[i] == slot) {
                memmove(order + i, order + i + 1, (n - i - 1) * sizeof *order);
                n--;
                break;
            }
        if (!index->events[slot].present)
            continue;
        uint32_t *grown = realloc(order, (n + 1) * sizeof *grown);
        if (!grown)
            return false;
        order = index->orders[s] = grown;
        size_t low = 0, high = n;
        while (low < high) {
            size_t mid = (low + high) / 2;
            if (compare(index, (enum index_sort)s, order[mid], slot) < 0)
                low = mid + 1;
            else
                high = mid;
        }
        memmove(order + low + 1, order + low, (n - low) * sizeof *order);
        order[low] = slot;
    }
    return true;
}

void index_orders_free(struct event_index *index)
{
    for (int s = 0; s < INDEX_SORTS; s++) {
        free(index->orders[s]);
        index->orders[s] = NULL;
    }
}
