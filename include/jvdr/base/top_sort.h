/* The first few of many in order, without sorting them all: a facet lists its 100 most frequent
 * values of 10,000 (qsort of all of them was a tenth of the service's work under writes). */
#ifndef JVDR_BASE_TOP_SORT_H
#define JVDR_BASE_TOP_SORT_H

#include <stddef.h>

/* Moves the first k of base's n elements of size bytes in compare's order to the front, in that
 * order (all n when k >= n), as qsort would put them; the rest follow in no order. Ties are told
 * apart by compare alone, so a compare that never calls two elements equal gives qsort's prefix
 * exactly. O(n log k). */
void top_sort(void *base, size_t n, size_t size, size_t k,
              int (*compare)(const void *, const void *));

#endif
