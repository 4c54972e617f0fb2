/* Exact counts up to a bound, stratified estimates past it (see estimate.h). */
#include "jvdr/base/estimate.h"

/* Strata of the range left after the exact prefix: enough that a word common in some stretch of
 * ids only (the records added in one year, say) is seen where it is, few enough that each seek
 * stays cheap beside the rows it reads. */
#define ESTIMATE_STRATA 16

/* Counts stratum [a, b] up to share rows, adding its rows (or their estimate) to *sum; sets
 * *estimated when they are estimated. The count starts at a point inside the stratum that its
 * number i spreads evenly (golden-ratio steps), runs to b and wraps round to a, so that a stratum
 * denser at its start than its end is not judged by its start alone; a stratum with fewer rows
 * than share is counted whole, exactly. */
static enum jvdr_err count_stratum(range_counter count, void *ctx, long long a, long long b, int i,
                                   long long share, double *sum, bool *estimated)
{
    double step = (i + 0.5) * 0.6180339887498949;
    double part = step - (double)(long long)step;
    long long width = b - a + 1, s = a + (long long)(part * (double)width);
    struct range_count tail = {0, 0}, head = {0, 0};
    enum jvdr_err code = count(ctx, s, b, share, &tail);
    if (code != JVDR_OK)
        return code;
    if (tail.hits == share && tail.last < b) { /* more rows than the share in [s, b] alone */
        *sum += (double)tail.hits * (double)width / (double)(tail.last - s + 1);
        *estimated = true;
        return JVDR_OK;
    }
    long long left = share - tail.hits;
    if (s > a && left > 0 && (code = count(ctx, a, s - 1, left, &head)) != JVDR_OK)
        return code;
    if (s == a || (left > 0 && (head.hits < left || head.last >= s - 1))) {
        *sum += (double)(tail.hits + head.hits); /* the whole stratum counted */
        return JVDR_OK;
    }
    long long seen = (b - s + 1) + (left > 0 ? head.last - a + 1 : 0);
    *sum += (double)(tail.hits + head.hits) * (double)width / (double)seen;
    *estimated = true;
    return JVDR_OK;
}

enum jvdr_err estimate_count(range_counter count, void *ctx, long long lo, long long hi,
                             long long exact_up_to, long long *total, bool *estimated)
{
    *total = 0;
    *estimated = false;
    if (hi < lo)
        return JVDR_OK;
    struct range_count first = {0, 0};
    enum jvdr_err code = count(ctx, lo, hi, exact_up_to + 1, &first);
    if (code != JVDR_OK)
        return code;
    *total = first.hits;
    if (first.hits <= exact_up_to || first.last >= hi)
        return JVDR_OK;
    /* The rows up to first.last are counted; the rest is sampled stratum by stratum. */
    long long rest = first.last + 1, width = hi - rest + 1;
    long long share = exact_up_to / ESTIMATE_STRATA > 0 ? exact_up_to / ESTIMATE_STRATA : 1;
    double sum = (double)first.hits;
    for (int i = 0; i < ESTIMATE_STRATA && code == JVDR_OK; i++) {
        long long a = rest + width * i / ESTIMATE_STRATA;
        long long b = rest + width * (i + 1) / ESTIMATE_STRATA - 1;
        if (b >= a)
            code = count_stratum(count, ctx, a, b, i, share, &sum, estimated);
    }
    if (code == JVDR_OK)
        *total = (long long)(sum + 0.5);
    return code;
}
