/* A large block of memory that an in-memory index fills at once (event_index_snapshot.c reads a
 * saved index into a few of them), so that a million strings or arrays cost one allocation, not a
 * million; asked for on huge pages where the kernel offers them, so that touching it costs few
 * page faults. What lies inside is never freed alone: index_block_holds tells the owner. */
#ifndef JVDR_STORE_INDEX_BLOCK_H
#define JVDR_STORE_INDEX_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct index_block {
    void *base; /* NULL: none */
    size_t len;
};

/* Sets b to a new block of len bytes (none for 0); false when out of memory. */
bool index_block_new(struct index_block *b, size_t len);

/* Frees b's block; none is a no-op. */
void index_block_free(struct index_block *b);

/* Asks for huge pages for the untouched pages of a large array just allocated (malloc's large
 * blocks are mappings of their own): a hint, for arrays of megabytes that are filled at once. */
void index_block_hint(void *p, size_t len);

/* Whether p points into b's block. */
static inline bool index_block_holds(const struct index_block *b, const void *p)
{
    uintptr_t at = (uintptr_t)p, base = (uintptr_t)b->base;
    return b->base && at >= base && at < base + b->len;
}

#endif
