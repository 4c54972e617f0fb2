/* Large blocks for the in-memory indexes; see include/jvdr/store/index_block.h. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "jvdr/store/index_block.h"

#include <sys/mman.h>

bool index_block_new(struct index_block *b, size_t len)
{
    b->base = NULL;
    b->len = 0;
    if (len == 0)
        return true;
    void *base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return false;
    madvise(base, len, MADV_HUGEPAGE); /* a hint: ignored where huge pages are off */
    b->base = base;
    b->len = len;
    return true;
}

void index_block_free(struct index_block *b)
{
    if (b->base)
        munmap(b->base, b->len);
    b->base = NULL;
    b->len = 0;
}

void index_block_hint(void *p, size_t len)
{
    const uintptr_t huge = (uintptr_t)2 << 20; /* only whole huge pages inside can be given */
    uintptr_t first = ((uintptr_t)p + huge - 1) & ~(huge - 1),
              end = ((uintptr_t)p + len) & ~(huge - 1);
    if (p && end > first)
        madvise((void *)first, end - first, MADV_HUGEPAGE);
}
