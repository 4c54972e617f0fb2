/* A memory pool per request: everything allocated from it is released at once by arena_free, and
 * objects it does not own (a json_t, a statement) can be registered to be disposed with it.
 * An arena is used by one thread at a time. */
#ifndef JVDR_BASE_ARENA_H
#define JVDR_BASE_ARENA_H

#include <stddef.h>

struct arena;

/* A new, empty arena, or NULL when out of memory. */
struct arena *arena_new(void);

/* Runs the registered disposers (last registered first) and frees every block. NULL is a no-op. */
void arena_free(struct arena *arena);

/* size bytes aligned for any type, or NULL when out of memory. Never freed individually. */
void *arena_alloc(struct arena *arena, size_t size);

/* Copies of a string (or of its first len bytes), NUL-terminated; NULL when out of memory. */
char *arena_strdup(struct arena *arena, const char *s);
char *arena_strndup(struct arena *arena, const char *s, size_t len);

/* A formatted string in the arena, or NULL when out of memory. */
char *arena_printf(struct arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Registers dispose(object) to run when the arena is freed. Returns 0, or -1 when out of memory,
 * in which case dispose(object) has already run. */
int arena_defer(struct arena *arena, void (*dispose)(void *), void *object);

#endif
