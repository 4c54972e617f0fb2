/* A bump allocator over a chain of blocks, with a list of disposers for foreign objects. Blocks
 * double up to a cap; an allocation bigger than a block gets a block of its own. */
#include "jvdr/base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_FIRST_BLOCK 4096
#define ARENA_MAX_BLOCK ((size_t)256 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    max_align_t data[]; /* aligned storage */
};

struct arena_disposer {
    struct arena_disposer *next;
    void (*dispose)(void *);
    void *object;
};

struct arena {
    struct arena_block *blocks;
    struct arena_disposer *disposers;
    size_t next_size;
};

struct arena *arena_new(void)
{
    struct arena *arena = calloc(1, sizeof *arena);
    if (arena)
        arena->next_size = ARENA_FIRST_BLOCK;
    return arena;
}

void arena_free(struct arena *arena)
{
    if (!arena)
        return;
    for (struct arena_disposer *d = arena->disposers; d; d = d->next)
        d->dispose(d->object);
    struct arena_block *b = arena->blocks;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(arena);
}

void *arena_alloc(struct arena *arena, size_t size)
{
    size_t rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (rounded < size)
        return NULL;
    struct arena_block *b = arena->blocks;
    if (!b || b->size - b->used < rounded) {
        size_t block_size = arena->next_size;
        if (block_size < rounded)
            block_size = rounded;
        b = malloc(sizeof *b + block_size);
        if (!b)
            return NULL;
        b->size = block_size;
        b->used = 0;
        b->next = arena->blocks;
        arena->blocks = b;
        if (arena->next_size < ARENA_MAX_BLOCK)
            arena->next_size *= 2;
    }
    void *p = (char *)b->data + b->used;
    b->used += rounded;
    return p;
}

char *arena_strndup(struct arena *arena, const char *s, size_t len)
{
    char *copy = arena_alloc(arena, len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

char *arena_strdup(struct arena *arena, const char *s)
{
    return arena_strndup(arena, s, strlen(s));
}

char *arena_printf(struct arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *out = arena_alloc(arena, (size_t)n + 1);
    if (!out)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

int arena_defer(struct arena *arena, void (*dispose)(void *), void *object)
{
    struct arena_disposer *d = arena_alloc(arena, sizeof *d);
    if (!d) {
        dispose(object);
        return -1;
    }
    d->dispose = dispose;
    d->object = object;
    d->next = arena->disposers;
    arena->disposers = d;
    return 0;
}
