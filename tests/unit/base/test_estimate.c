/* Counts that stop early (base/estimate.c): exact wherever they can be, never less than the rows
 * counted, and close to the truth for rows spread evenly or gathered in one stretch of ids. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "jvdr/base/estimate.h"

/* Rows as a sorted array of ids; counts how many rows the counter read in all. */
struct rows {
    const long long *ids;
    size_t n;
    long long read;
    int calls;
    int fail_at; /* the call that fails (1-based), 0 for none */
};

static enum jvdr_err count_rows(void *ctx, long long lo, long long hi, long long cap,
                                struct range_count *out)
{
    struct rows *r = ctx;
    if (++r->calls == r->fail_at)
        return JVDR_E_BAD_PARAM;
    out->hits = 0;
    out->last = 0;
    for (size_t i = 0; i < r->n && out->hits < cap; i++)
        if (r->ids[i] >= lo && r->ids[i] <= hi) {
            out->hits++;
            out->last = r->ids[i];
            r->read++;
        }
    return JVDR_OK;
}

/* Every step-th id from first to last. */
static long long *spaced(long long first, long long last, long long step, size_t *n)
{
    *n = (size_t)((last - first) / step + 1);
    long long *ids = malloc(*n * sizeof *ids);
    cr_assert_not_null(ids);
    for (size_t i = 0; i < *n; i++)
        ids[i] = first + (long long)i * step;
    return ids;
}

Test(estimate, up_to_the_bound_the_count_is_exact)
{
    size_t n;
    long long *ids = spaced(5, 9005, 3, &n); /* 3001 rows */
    struct rows r = {ids, n, 0, 0, 0};
    long long total = -1;
    bool estimated = true;
    cr_assert_eq(estimate_count(count_rows, &r, 1, 20000, 5000, &total, &estimated), JVDR_OK);
    cr_assert_eq(total, 3001);
    cr_assert_not(estimated);
    cr_assert_eq(r.calls, 1, "one pass when the first finds them all");
    free(ids);
}

Test(estimate, rows_spread_evenly_are_estimated_closely_from_a_few_thousand_read)
{
    size_t n;
    long long *ids = spaced(1, 1000000, 2, &n); /* 500,000 rows */
    struct rows r = {ids, n, 0, 0, 0};
    long long total = 0;
    bool estimated = false;
    cr_assert_eq(estimate_count(count_rows, &r, 1, 1000000, 1000, &total, &estimated), JVDR_OK);
    cr_assert(estimated);
    cr_assert(total > 495000 && total < 505000, "%lld", total);
    cr_assert(r.read <= 2 * 1000 + 1, "read %lld rows", r.read);
    cr_assert(r.calls <= 1 + 2 * 16, "%d counts", r.calls);
    free(ids);
}

Test(estimate, rows_gathered_in_one_stretch_are_found_where_they_are)
{
    /* 200 rows early, then 40,000 in the last tenth of the ids: a word of one recent year. */
    size_t n1, n2;
    long long *early = spaced(10, 2000, 10, &n1), *late = spaced(900001, 980000, 2, &n2);
    long long *ids = malloc((n1 + n2) * sizeof *ids);
    cr_assert_not_null(ids);
    for (size_t i = 0; i < n1; i++)
        ids[i] = early[i];
    for (size_t i = 0; i < n2; i++)
        ids[n1 + i] = late[i];
    struct rows r = {ids, n1 + n2, 0, 0, 0};
    long long total = 0;
    bool estimated = false;
    cr_assert_eq(estimate_count(count_rows, &r, 1, 1000000, 1000, &total, &estimated), JVDR_OK);
    long long truth = (long long)(n1 + n2);
    cr_assert(estimated);
    cr_assert(total > truth * 9 / 10 && total < truth * 11 / 10, "%lld of %lld", total, truth);
    free(early);
    free(late);
    free(ids);
}

Test(estimate, strata_counted_whole_leave_the_total_exact)
{
    /* 1,500 rows: past the bound of 1,000, but each stratum after it holds fewer than its share. */
    size_t n;
    long long *ids = spaced(1, 300000, 200, &n);
    struct rows r = {ids, n, 0, 0, 0};
    long long total = 0;
    bool estimated = true;
    cr_assert_eq(estimate_count(count_rows, &r, 1, 300000, 1000, &total, &estimated), JVDR_OK);
    cr_assert_eq(total, (long long)n);
    cr_assert_not(estimated);
    free(ids);
}

Test(estimate, never_less_than_the_rows_counted)
{
    /* Dense at the start only, ending just after the exact prefix: however a stratum is judged,
     * the total holds the first pass's rows. */
    size_t n;
    long long *ids = spaced(1, 3000, 1, &n);
    struct rows r = {ids, n, 0, 0, 0};
    long long total = 0;
    bool estimated = false;
    cr_assert_eq(estimate_count(count_rows, &r, 1, 1000000, 1000, &total, &estimated), JVDR_OK);
    cr_assert(total >= 1001, "%lld", total);
    free(ids);
}

Test(estimate, a_counter_error_is_returned_not_a_total)
{
    size_t n;
    long long *ids = spaced(1, 1000000, 2, &n);
    for (int at = 1; at <= 3; at++) {
        struct rows r = {ids, n, 0, 0, at};
        long long total = 7;
        bool estimated = false;
        cr_assert_eq(estimate_count(count_rows, &r, 1, 1000000, 1000, &total, &estimated),
                     JVDR_E_BAD_PARAM);
    }
    free(ids);
}

Test(estimate, an_empty_range_counts_nothing)
{
    struct rows r = {NULL, 0, 0, 0, 0};
    long long total = 5;
    bool estimated = true;
    cr_assert_eq(estimate_count(count_rows, &r, 10, 9, 1000, &total, &estimated), JVDR_OK);
    cr_assert_eq(total, 0);
    cr_assert_not(estimated);
    cr_assert_eq(r.calls, 0);
}
