/* The index's orders besides the date's: ?sort=title (SQLite's NOCASE: ASCII letters folded, then
 * bytes) and ?sort=type, each then by id — what events_spec's ORDER BY gives — kept as arrays of
 * slots, built at load and moved one slot at a time after a commit. Descending is the reverse
 * (the id makes every key unique). The NOCASE comparison and the moves are the agreements' and
 * officials' orders' too (event_index_agreements.c, event_index_officials.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"

int index_nocase_compare(const char *x, const char *y)
{
    for (;; x++, y++) {
        unsigned char a = (unsigned char)*x, b = (unsigned char)*y;
        a = a >= 'A' && a <= 'Z' ? (unsigned char)(a + 32) : a;
        b = b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
        if (a != b || !a)
            return a - b;
    }
}

int index_order_compare(const struct event_index *index, enum index_sort sort, uint32_t a,
                        uint32_t b)
{
    const struct indexed_event *x = &index->events[a], *y = &index->events[b];
    if (sort == INDEX_SORT_DATE) { /* undated last; then date_start, date_end, id */
        if ((x->start_key < 0) != (y->start_key < 0))
            return x->start_key < 0 ? 1 : -1;
        if (x->start_key != y->start_key)
            return x->start_key < y->start_key ? -1 : 1;
        if (x->end_key != y->end_key)
            return x->end_key < y->end_key ? -1 : 1;
        return strcmp(index->ids->keys[a], index->ids->keys[b]);
    }
    int c = sort == INDEX_SORT_TITLE
                ? index_nocase_compare(x->title ? x->title : "", y->title ? y->title : "")
                : strcmp(index->words->keys[x->type], index->words->keys[y->type]);
    return c ? c : strcmp(index->ids->keys[a], index->ids->keys[b]);
}

/* Sorting a million events by following each slot to its strings costs seconds in cache misses
 * (most of a start-up's time). So a load sorts rows that carry their keys: a string's first
 * PREFIX_BYTES as big-endian words (comparing them orders like comparing the strings that far), and
 * ids as their rank among all ids, computed once. */
#define PREFIX_WORDS 4
#define PREFIX_BYTES ((size_t)PREFIX_WORDS * 8)

struct text_row {
    uint64_t word[PREFIX_WORDS];
    const char *text;
    uint32_t tie; /* the id's rank, for titles */
    uint32_t slot;
};

static unsigned char nocase_byte(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static void put_prefix(struct text_row *row, const char *text, bool nocase)
{
    unsigned char bytes[PREFIX_BYTES] = {0};
    for (size_t i = 0; i < PREFIX_BYTES && text[i]; i++)
        bytes[i] = nocase ? nocase_byte((unsigned char)text[i]) : (unsigned char)text[i];
    for (size_t w = 0; w < PREFIX_WORDS; w++) {
        uint64_t v = 0;
        for (size_t b = 0; b < 8; b++)
            v = v << 8 | bytes[w * 8 + b];
        row->word[w] = v;
    }
}

/* Equal prefixes with a last byte of 0: both strings ended inside them, so they are equal. */
static int prefix_compare(const struct text_row *x, const struct text_row *y, bool nocase)
{
    for (size_t w = 0; w < PREFIX_WORDS; w++)
        if (x->word[w] != y->word[w])
            return x->word[w] < y->word[w] ? -1 : 1;
    if (!(x->word[PREFIX_WORDS - 1] & 0xff))
        return 0;
    return nocase ? index_nocase_compare(x->text, y->text) : strcmp(x->text, y->text);
}

static int by_id_row(const void *a, const void *b)
{
    return prefix_compare(a, b, false);
}

static int by_title_row(const void *a, const void *b)
{
    const struct text_row *x = a, *y = b;
    int c = prefix_compare(x, y, true);
    return c ? c : (x->tie > y->tie) - (x->tie < y->tie);
}

struct number_row {
    int32_t first, second; /* date keys, or the type's rank and 0 */
    uint32_t tie;          /* the id's rank */
    uint32_t slot;
};

/* The order of ?sort=date: dated before undated, then date_start, date_end (NULL first, as SQLite
 * sorts it) and id — what events_spec's ORDER BY gives. For ?sort=type: the type's rank, then id.
 */
static int by_number_row(const void *a, const void *b)
{
    const struct number_row *x = a, *y = b;
    if ((x->first < 0) != (y->first < 0))
        return x->first < 0 ? 1 : -1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->second != y->second)
        return x->second < y->second ? -1 : 1;
    return (x->tie > y->tie) - (x->tie < y->tie);
}

/* Sorts rows (each a distinct string) and frees them, setting rank[slot] to each one's place. */
static void rank_rows(struct text_row *rows, size_t n, uint32_t *rank)
{
    qsort(rows, n, sizeof *rows, by_id_row);
    for (size_t i = 0; i < n; i++)
        rank[rows[i].slot] = (uint32_t)i;
    free(rows);
}

/* rank[slot]: each present event's id's place among them. */
static bool rank_ids(const struct event_index *index, uint32_t *rank)
{
    struct text_row *rows = malloc((index->count + 1) * sizeof *rows);
    if (!rows)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < index->count; i++)
        if (index->events[i].present) {
            rows[n] = (struct text_row){.text = index->ids->keys[i], .slot = (uint32_t)i};
            put_prefix(&rows[n++], index->ids->keys[i], false);
        }
    rank_rows(rows, n, rank);
    return true;
}

/* rank[word]: the place of each type's name among the types' (the words hold more than types). */
static bool rank_types(const struct event_index *index, uint32_t *rank)
{
    size_t nwords = index->words->count, n = 0;
    struct text_row *rows = malloc((nwords + 1) * sizeof *rows);
    bool *used = calloc(nwords + 1, sizeof *used);
    if (!rows || !used) {
        free(rows);
        free(used);
        return false;
    }
    for (size_t i = 0; i < index->count; i++)
        if (index->events[i].present)
            used[index->events[i].type] = true;
    for (size_t w = 0; w < nwords; w++)
        if (used[w]) {
            rows[n] = (struct text_row){.text = index->words->keys[w], .slot = (uint32_t)w};
            put_prefix(&rows[n++], index->words->keys[w], false);
        }
    rank_rows(rows, n, rank);
    free(used);
    return true;
}

/* Sorts the present events' rows into an order of slots (malloc'd into *order). */
static bool sort_numbers(struct number_row *rows, size_t n, uint32_t **order)
{
    qsort(rows, n, sizeof *rows, by_number_row);
    *order = malloc((n + 1) * sizeof **order);
    if (!*order)
        return false;
    for (size_t i = 0; i < n; i++)
        (*order)[i] = rows[i].slot;
    return true;
}

static bool build_title_order(struct event_index *index, const uint32_t *id_rank)
{
    struct text_row *rows = malloc((index->nordered + 1) * sizeof *rows);
    uint32_t *order = malloc((index->nordered + 1) * sizeof *order);
    if (!rows || !order) {
        free(rows);
        free(order);
        return false;
    }
    for (size_t i = 0; i < index->nordered; i++) {
        uint32_t slot = index->by_date[i];
        const char *title = index->events[slot].title ? index->events[slot].title : "";
        rows[i] = (struct text_row){.text = title, .tie = id_rank[slot], .slot = slot};
        put_prefix(&rows[i], title, true);
    }
    qsort(rows, index->nordered, sizeof *rows, by_title_row);
    for (size_t i = 0; i < index->nordered; i++)
        order[i] = rows[i].slot;
    free(rows);
    free(index->orders[INDEX_SORT_TITLE]);
    index->orders[INDEX_SORT_TITLE] = order;
    return true;
}

bool index_orders_build(struct event_index *index)
{
    uint32_t *id_rank = malloc((index->count + 1) * sizeof *id_rank);
    uint32_t *type_rank = malloc((index->words->count + 1) * sizeof *type_rank);
    struct number_row *rows = malloc((index->count + 1) * sizeof *rows);
    bool ok =
        id_rank && type_rank && rows && rank_ids(index, id_rank) && rank_types(index, type_rank);
    size_t n = 0, dated = 0;
    for (size_t i = 0; ok && i < index->count; i++) {
        const struct indexed_event *e = &index->events[i];
        if (e->present) {
            rows[n++] = (struct number_row){e->start_key, e->end_key, id_rank[i], (uint32_t)i};
            dated += e->start_key >= 0;
        }
    }
    uint32_t *by_date = NULL;
    ok = ok && sort_numbers(rows, n, &by_date);
    if (ok) {
        free(index->by_date);
        index->by_date = by_date;
        index->nordered = n;
        index->ndated = dated;
        for (size_t i = 0; i < n; i++) {
            uint32_t slot = by_date[i];
            rows[i] = (struct number_row){(int32_t)type_rank[index->events[slot].type], 0,
                                          id_rank[slot], slot};
        }
    }
    uint32_t *by_type = NULL;
    ok = ok && sort_numbers(rows, n, &by_type);
    if (ok) {
        free(index->orders[INDEX_SORT_TYPE]);
        index->orders[INDEX_SORT_TYPE] = by_type;
    }
    ok = ok && build_title_order(index, id_rank);
    free(id_rank);
    free(type_rank);
    free(rows);
    return ok;
}

size_t index_order_take(uint32_t *order, size_t *n, uint32_t slot)
{
    for (size_t i = 0; order && i < *n; i++)
        if (order[i] == slot) {
            memmove(order + i, order + i + 1, (*n - i - 1) * sizeof *order);
            --*n;
            return i;
        }
    return SIZE_MAX;
}

bool index_order_put(const struct event_index *index, uint32_t **order, size_t n, uint32_t slot,
                     int sort, index_compare_fn compare)
{
    uint32_t *grown = realloc(*order, (n + 1) * sizeof *grown);
    if (!grown)
        return false;
    *order = grown;
    size_t low = 0, high = n;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (compare(index, sort, grown[mid], slot) < 0)
            low = mid + 1;
        else
            high = mid;
    }
    memmove(grown + low + 1, grown + low, (n - low) * sizeof *grown);
    grown[low] = slot;
    return true;
}

static int event_compare(const struct event_index *index, int sort, uint32_t a, uint32_t b)
{
    return index_order_compare(index, (enum index_sort)sort, a, b);
}

bool index_orders_move(struct event_index *index, uint32_t slot, size_t before, bool was_present)
{
    for (int s = INDEX_SORT_TITLE; s < INDEX_SORTS; s++) {
        size_t n = before;
        if (was_present)
            index_order_take(index->orders[s], &n, slot);
        if (index->events[slot].present &&
            !index_order_put(index, &index->orders[s], n, slot, s, event_compare))
            return false;
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
