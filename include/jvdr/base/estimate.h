/* Counts that stop early: exact up to a bound, estimated past it from samples spread over the
 * range of row ids, so that counting a million matches reads about twice the bound, not a million
 * rows. read/search.c counts full-text matches with it. */
#ifndef JVDR_BASE_ESTIMATE_H
#define JVDR_BASE_ESTIMATE_H

#include <stdbool.h>

#include "jvdr/base/error.h"

/* What a counter found: how many rows it counted (never more than the cap it was given) and the
 * id of the last of them. */
struct range_count {
    long long hits;
    long long last;
};

/* Counts the rows with ids in [lo, hi], in ascending order of id, stopping at cap. */
typedef enum jvdr_err (*range_counter)(void *ctx, long long lo, long long hi, long long cap,
                                       struct range_count *out);

/* Sets *total to the number of rows in [lo, hi]: counted exactly when there are at most exact_up_to
 * (and then *estimated is false). Past that, the rows after the first exact_up_to + 1 are split
 * into strata of equal width, each counted up to a share of exact_up_to and, when it holds more,
 * estimated from its density; *estimated says whether any stratum was. The total is never less
 * than the rows counted. Returns the counter's first error. */
enum jvdr_err estimate_count(range_counter count, void *ctx, long long lo, long long hi,
                             long long exact_up_to, long long *total, bool *estimated);

#endif
