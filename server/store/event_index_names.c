/* The official facet of /v1/stats, the largest part of its answer (10,000 officials at a million
 * events: 690 KB), written from pieces kept per official instead of escaped afresh each time:
 * each official's {"key":…,"name":…,"count": prefix, and its key's place in key order, so that
 * sorting by count then key compares integers rather than strings. Kept under the index's write
 * lock (a load, a renamed official, a commit that brings new officials); read under its read
 * lock. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/top_sort.h"

struct index_names {
    char **heads;    /* {"key":K,"name":N,"count": of each official; NULL without a name */
    size_t *lens;    /* their lengths */
    uint32_t *rank;  /* each official's place in the order of keys */
    uint32_t *order; /* the officials in the order of keys */
    size_t n;        /* officials the arrays cover (the dictionary's count when last refreshed) */
    size_t capacity;
};

/* index_put_json_string: see event_index_rows.h. */
void index_put_json_string(struct buf *out, const char *s)
{
    static const char special[32] = {
        ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r'};
    buf_puts(out, "\"");
    const unsigned char *p = (const unsigned char *)s, *run = p; /* run: bytes kept as they are */
    for (; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        buf_append(out, (const char *)run, (size_t)(p - run));
        run = p + 1;
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            buf_append(out, esc, 2);
        } else if (*p < 0x20 && special[*p]) {
            char esc[2] = {'\\', special[*p]};
            buf_append(out, esc, 2);
        } else if (*p < 0x20) {
            buf_printf(out, "\\u00%c%c", '0' + (*p >> 4), "0123456789abcdef"[*p & 15]);
        }
    }
    buf_append(out, (const char *)run, (size_t)(p - run));
    buf_puts(out, "\"");
}

void index_names_free(struct event_index *index)
{
    struct index_names *names = index->names;
    if (!names)
        return;
    for (size_t o = 0; o < names->n; o++)
        free(names->heads[o]);
    free(names->heads);
    free(names->lens);
    free(names->rank);
    free(names->order);
    free(names);
    index->names = NULL;
}

bool index_names_set(struct event_index *index, uint32_t official)
{
    struct index_names *names = index->names;
    if (!names || official >= names->n)
        return true; /* the next refresh writes it */
    free(names->heads[official]);
    names->heads[official] = NULL;
    names->lens[official] = 0;
    const char *name = index->officials->names[official], *key = index->officials->keys[official];
    if (!name || !key)
        return true;
    struct buf head;
    buf_init(&head);
    buf_puts(&head, "{\"key\":");
    index_put_json_string(&head, key);
    buf_puts(&head, ",\"name\":");
    index_put_json_string(&head, name);
    buf_puts(&head, ",\"count\":");
    names->heads[official] = buf_take(&head, &names->lens[official]);
    return names->heads[official] != NULL;
}

/* Room for capacity officials in every array. */
static bool names_grow(struct index_names *names, size_t capacity)
{
    if (capacity <= names->capacity)
        return true;
    char **heads = realloc(names->heads, capacity * sizeof *heads);
    if (heads)
        names->heads = heads;
    size_t *lens = realloc(names->lens, capacity * sizeof *lens);
    if (lens)
        names->lens = lens;
    uint32_t *rank = realloc(names->rank, capacity * sizeof *rank);
    if (rank)
        names->rank = rank;
    uint32_t *order = realloc(names->order, capacity * sizeof *order);
    if (order)
        names->order = order;
    if (!heads || !lens || !rank || !order)
        return false;
    names->capacity = capacity;
    return true;
}

/* Where key goes among the first n officials of the order (after any equal one). */
static size_t place_of(const struct index_names *names, const struct index_dict *officials,
                       const char *key, size_t n)
{
    size_t low = 0, high = n;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        const char *there = officials->keys[names->order[mid]];
        if (strcmp(there ? there : "", key) <= 0)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

struct keyed {
    const char *key;
    uint32_t official;
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* The order of keys of all count officials, sorted at once (a load). */
static bool sort_all(struct index_names *names, const struct index_dict *officials, size_t count)
{
    struct keyed *keyed = malloc((count ? count : 1) * sizeof *keyed);
    if (!keyed)
        return false;
    for (size_t o = 0; o < count; o++)
        keyed[o] = (struct keyed){officials->keys[o] ? officials->keys[o] : "", (uint32_t)o};
    qsort(keyed, count, sizeof *keyed, by_key);
    for (size_t place = 0; place < count; place++)
        names->order[place] = keyed[place].official;
    free(keyed);
    return true;
}

bool index_names_refresh(struct event_index *index)
{
    const struct index_dict *officials = index->officials;
    size_t count = officials->count;
    if (!index->names && !(index->names = calloc(1, sizeof *index->names)))
        return false;
    struct index_names *names = index->names;
    if (names->n == count)
        return true; /* no official new since: renames set their own pieces */
    size_t capacity = names->capacity ? names->capacity : 64;
    while (capacity < count)
        capacity *= 2;
    if (!names_grow(names, capacity)) {
        index_names_free(index);
        return false;
    }
    /* Each new official (a dictionary's ids only grow) goes into the order of keys by binary
     * search; the ranks from the first place that moved are written again. */
    size_t first_moved = names->n ? count : 0;
    if (!names->n && !sort_all(names, officials, count)) {
        index_names_free(index);
        return false;
    }
    for (size_t o = names->n; names->n && o < count; o++) {
        const char *key = officials->keys[o];
        size_t at = place_of(names, officials, key ? key : "", o);
        memmove(names->order + at + 1, names->order + at, (o - at) * sizeof *names->order);
        names->order[at] = (uint32_t)o;
        first_moved = at < first_moved ? at : first_moved;
    }
    for (size_t o = names->n; o < count; o++) {
        names->heads[o] = NULL;
        names->lens[o] = 0;
    }
    size_t old = names->n;
    names->n = count;
    for (size_t place = first_moved; place < count; place++)
        names->rank[names->order[place]] = (uint32_t)place;
    bool ok = true;
    for (size_t o = old; ok && o < count; o++)
        ok = index_names_set(index, (uint32_t)o);
    if (!ok)
        index_names_free(index);
    return ok;
}

struct named_count {
    long long n;
    uint32_t rank, official;
};

/* By count, descending, then key (its rank). */
static int by_count(const void *a, const void *b)
{
    const struct named_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Appends ",\"count\":" 's value and the closing brace: n in decimal, then '}'. */
static void put_count(struct buf *out, long long n)
{
    char digits[24], *p = digits + sizeof digits;
    *--p = '}';
    unsigned long long v = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (n < 0)
        *--p = '-';
    buf_append(out, p, (size_t)(digits + sizeof digits - p));
}

bool index_names_put(const struct event_index *index, struct buf *out, const long long *counts,
                     size_t n, size_t limit, size_t *values)
{
    const struct index_names *names = index->names;
    if (!names || names->n != n)
        return false;
    struct named_count *rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows)
        return false;
    size_t k = 0;
    for (uint32_t o = 0; o < n; o++)
        if (counts[o] && names->heads[o])
            rows[k++] = (struct named_count){counts[o], names->rank[o], o};
    top_sort(rows, k, sizeof *rows, limit, by_count);
    *values = k;
    buf_puts(out, "\"official\":[");
    for (size_t i = 0; i < k && i < limit; i++) {
        if (i)
            buf_puts(out, ",");
        buf_append(out, names->heads[rows[i].official], names->lens[rows[i].official]);
        put_count(out, rows[i].n);
    }
    buf_puts(out, "]");
    free(rows);
    return true;
}
