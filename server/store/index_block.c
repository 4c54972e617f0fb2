/* Large blocks for the in-memory indexes; see include/jvdr/store/index_block.h. */
#define _GNU_SOURCE /* MAP_ANONYMOUS, madvise, mremap */
#include "jvdr/store/index_block.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* LeakSanitizer looks for pointers to the heap in the heap, stacks and globals, not in mappings
 * of our own: an array of index_array_grow's holds the only pointers to its keys and titles, so
 * under AddressSanitizer it is named a root region, or what it points to would be called leaked
 * while the index is alive. */
#if defined(__SANITIZE_ADDRESS__)
#define WATCH_FOR_LEAKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WATCH_FOR_LEAKS 1
#endif
#endif
#ifdef WATCH_FOR_LEAKS
#include <sanitizer/lsan_interface.h>
#define ROOT(p, len) __lsan_register_root_region(p, len)
#define UNROOT(p, len) __lsan_unregister_root_region(p, len)
#else
#define ROOT(p, len) ((void)(p), (void)(len))
#define UNROOT(p, len) ((void)(p), (void)(len))
#endif

bool index_block_map(struct index_block *b, int fd, size_t len)
{
    *b = (struct index_block){0};
    if (len == 0)
        return false;
    /* Writable, privately: the few pages a later change writes in place are copied then. */
    void *base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED)
        return false;
    madvise(base, len, MADV_WILLNEED); /* read ahead: all of it is read at once */
    b->base = base;
    b->len = len;
    return true;
}

void index_block_lend(struct index_block *b, void *p, size_t len)
{
    *b = (struct index_block){.base = len ? p : NULL, .len = len, .lent = true};
}

void index_block_free(struct index_block *b)
{
    if (b->base && !b->lent)
        munmap(b->base, b->len);
    *b = (struct index_block){0};
}

void index_block_hint(void *p, size_t len)
{
    const uintptr_t huge = (uintptr_t)2 << 20; /* only whole huge pages inside can be given */
    uintptr_t first = ((uintptr_t)p + huge - 1) & ~(huge - 1),
              end = ((uintptr_t)p + len) & ~(huge - 1);
    if (p && end > first)
        madvise((void *)first, end - first, MADV_HUGEPAGE);
}

/* madvise(MADV_DONTNEED) over the whole pages inside [from, to). */
static void drop_pages(uintptr_t from, uintptr_t to)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    from = (from + page - 1) & ~(page - 1);
    to &= ~(page - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_DONTNEED);
}

void index_block_keep_lent(const struct index_block *map, const struct index_block *lent, size_t n)
{
    if (!map->base)
        return;
    uintptr_t at = (uintptr_t)map->base, end = at + map->len;
    /* Each gap before the lowest block past at, in address order (n is a handful). */
    for (;;) {
        const struct index_block *next = NULL;
        for (size_t i = 0; i < n; i++)
            if (lent[i].base && lent[i].len && (uintptr_t)lent[i].base >= at &&
                (!next || lent[i].base < next->base))
                next = &lent[i];
        if (!next)
            break;
        drop_pages(at, (uintptr_t)next->base);
        at = (uintptr_t)next->base + next->len;
    }
    drop_pages(at, end);
}

void *index_block_grow(const struct index_block *lent, void *p, size_t old_len, size_t new_len)
{
    bool in_lent = index_block_holds(lent, p);
    unsigned char *grown =
        in_lent ? malloc(new_len ? new_len : 1) : realloc(p, new_len ? new_len : 1);
    if (!grown)
        return NULL;
    if (in_lent)
        memcpy(grown, p, old_len < new_len ? old_len : new_len);
    if (new_len > old_len)
        memset(grown + old_len, 0, new_len - old_len);
    return grown;
}

void index_block_release(const struct index_block *lent, void *p)
{
    if (!index_block_holds(lent, p))
        free(p);
}

static size_t whole_pages(size_t len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return ((len ? len : 1) + page - 1) / page * page;
}

void *index_array_grow(void *old, size_t old_len, size_t new_len)
{
    size_t from = whole_pages(old_len), to = whole_pages(new_len);
    void *p = old ? mremap(old, from, to, MREMAP_MAYMOVE)
                  : mmap(NULL, to, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (old)
        UNROOT(old, from);
    ROOT(p, to);
    madvise(p, to, MADV_HUGEPAGE); /* a hint: ignored where huge pages are off */
    return p;
}

void index_array_free(void *p, size_t len)
{
    if (p) {
        UNROOT(p, whole_pages(len));
        munmap(p, whole_pages(len));
    }
}
