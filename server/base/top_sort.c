/* The first k elements in order by a heap of k; see include/jvdr/base/top_sort.h. */
#include "jvdr/base/top_sort.h"

#include <stdlib.h>

static void swap(unsigned char *a, unsigned char *b, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        unsigned char t = a[i];
        a[i] = b[i];
        b[i] = t;
    }
}

/* Restores the heap property below node i of the heap of k elements at base: each node comes
 * after its children in compare's order, so the root is the last of the k kept so far. */
static void sift_down(unsigned char *base, size_t size, size_t k, size_t i,
                      int (*compare)(const void *, const void *))
{
    for (;;) {
        size_t last = i, left = 2 * i + 1, right = left + 1;
        if (left < k && compare(base + left * size, base + last * size) > 0)
            last = left;
        if (right < k && compare(base + right * size, base + last * size) > 0)
            last = right;
        if (last == i)
            return;
        swap(base + i * size, base + last * size, size);
        i = last;
    }
}

void top_sort(void *base, size_t n, size_t size, size_t k,
              int (*compare)(const void *, const void *))
{
    unsigned char *b = base;
    if (k > n / 2) { /* most of them: a whole sort costs no more */
        qsort(base, n, size, compare);
        return;
    }
    if (k == 0)
        return;
    for (size_t i = k / 2; i-- > 0;)
        sift_down(b, size, k, i, compare);
    for (size_t i = k; i < n; i++)
        if (compare(b + i * size, b) < 0) { /* comes before the last kept: it replaces it */
            swap(b + i * size, b, size);
            sift_down(b, size, k, 0, compare);
        }
    qsort(base, k, size, compare);
}
