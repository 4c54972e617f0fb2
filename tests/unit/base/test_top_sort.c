/* The first k of many in order (base/top_sort.c): exactly what a whole sort puts first, for any k,
 * with ties among the counts and elements larger than a pointer. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/top_sort.h"

/* A facet's row: by count, descending, then key, as the facets order them. */
struct row {
    long long count;
    unsigned key;
    char pad[12];
};

static int by_count(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return (x->key > y->key) - (x->key < y->key);
}

/* n rows of counts from 0 to spread - 1 (many ties when spread is small), keys shuffled. */
static struct row *rows_of(size_t n, long long spread, unsigned seed)
{
    struct row *rows = calloc(n ? n : 1, sizeof *rows);
    srand(seed);
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct row){rand() % spread, (unsigned)i, {0}};
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)rand() % i;
        unsigned t = rows[i - 1].key;
        rows[i - 1].key = rows[j].key;
        rows[j].key = t;
    }
    return rows;
}

static void assert_prefix_of_sort(size_t n, long long spread, size_t k, unsigned seed)
{
    struct row *top = rows_of(n, spread, seed), *all = rows_of(n, spread, seed);
    qsort(all, n, sizeof *all, by_count);
    top_sort(top, n, sizeof *top, k, by_count);
    for (size_t i = 0; i < k && i < n; i++)
        cr_assert(top[i].count == all[i].count && top[i].key == all[i].key,
                  "n %zu, k %zu, seed %u: row %zu is (%lld, %u), not (%lld, %u)", n, k, seed, i,
                  top[i].count, top[i].key, all[i].count, all[i].key);
    /* Nothing lost: the rest are the other rows. */
    long long sum_top = 0, sum_all = 0;
    for (size_t i = 0; i < n; i++) {
        sum_top += top[i].key;
        sum_all += all[i].key;
    }
    cr_assert_eq(sum_top, sum_all);
    free(top);
    free(all);
}

Test(top_sort, the_first_k_are_what_a_whole_sort_puts_first)
{
    static const size_t ks[] = {0, 1, 2, 3, 7, 100, 499, 500, 501, 999, 1000, 5000};
    for (unsigned seed = 1; seed <= 20; seed++)
        for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
            assert_prefix_of_sort(1000, 1000000, ks[i], seed); /* few ties */
            assert_prefix_of_sort(1000, 5, ks[i], seed);       /* ties everywhere */
        }
}

Test(top_sort, no_rows_and_one_row)
{
    assert_prefix_of_sort(0, 10, 0, 1);
    assert_prefix_of_sort(0, 10, 5, 1);
    assert_prefix_of_sort(1, 10, 0, 1);
    assert_prefix_of_sort(1, 10, 1, 1);
    assert_prefix_of_sort(1, 10, 100, 1);
}
