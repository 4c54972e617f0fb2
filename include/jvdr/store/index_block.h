/* Large memory for the in-memory indexes. A block is a saved index's file mapped privately
 * (index_block_map: its pages are the file's own until written), or a part of such a mapping lent
 * to a structure (index_block_lend: a million strings or bitmaps used where they lie, at no copy),
 * which the mapping's owner frees. What lies inside is never freed alone: index_block_holds,
 * index_block_grow and index_block_release tell. index_array_grow makes arrays that grow without
 * copies. */
#ifndef JVDR_STORE_INDEX_BLOCK_H
#define JVDR_STORE_INDEX_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct index_block {
    void *base; /* NULL: none */
    size_t len;
    bool lent; /* a part of another block: freeing it is a no-op */
};

/* Maps the file open as fd, len bytes, privately: read in place, copied a page at a time where
 * written, never written back. False when it cannot be mapped. */
bool index_block_map(struct index_block *b, int fd, size_t len);

/* Sets b to the len bytes at p, which lie in a block of its owner's. */
void index_block_lend(struct index_block *b, void *p, size_t len);

/* Drops map's pages that lie outside every block of lent (n of them, lent by map; empty ones
 * skipped): what was copied out of them no longer needs them mapped, and the process's resident
 * size is then what it holds. They are read again from the file if touched. */
void index_block_keep_lent(const struct index_block *map, const struct index_block *lent, size_t n);

/* p (old_len bytes) moved to new_len bytes as realloc does, or, where p lies in lent, copied
 * into memory of its own (lent's stays); the bytes past old_len are zero. NULL when out of memory
 * (p kept). */
void *index_block_grow(const struct index_block *lent, void *p, size_t old_len, size_t new_len);

/* Frees p unless it lies in lent. */
void index_block_release(const struct index_block *lent, void *p);

/* A large array in a mapping of its own (page-aligned, huge pages asked for): made from nothing
 * when old is NULL, else grown by the kernel moving its pages (mremap), never copied; its new room
 * is zero. NULL when out of memory (old kept). At a million events the copy and zeroing of a
 * doubled array took the first write after a start 0.5-1.2 s. */
void *index_array_grow(void *old, size_t old_len, size_t new_len);

/* Frees an array of len bytes that index_array_grow made (NULL: a no-op). */
void index_array_free(void *p, size_t len);

/* Frees b's block; none, or a lent one, is a no-op. */
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
