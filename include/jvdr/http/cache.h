/* Rendered responses, kept until the data changes: a GET answered once is answered again from
 * memory, body and ETag included. Any commit invalidates everything (the generation moves on):
 * writes through this process bump it after committing; a commit by another process (import,
 * an operator's sqlite3) is noticed through PRAGMA data_version before the next lookup.
 * Thread-safe; entries are reference-counted so a body can be sent while the cache moves on. */
#ifndef JVDR_HTTP_CACHE_H
#define JVDR_HTTP_CACHE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/base/etag.h"

#define CACHE_MAX_HEADERS 3

struct cache_entry {
    atomic_int refs;
    uint64_t generation;
    uint64_t hash;
    char *key;
    char *body;
    size_t len;
    const char *content_type; /* static */
    char etag[ETAG_SIZE];
    struct {
        const char *name; /* static */
        char *value;
    } headers[CACHE_MAX_HEADERS];
    size_t nheaders;
    struct cache_entry *next; /* bucket chain */
};

#define CACHE_STRIPES 64

struct cache {
    pthread_mutex_t locks[CACHE_STRIPES]; /* bucket b is guarded by locks[b % CACHE_STRIPES] */
    struct cache_entry **buckets;
    size_t nbuckets; /* a power of two */
    atomic_size_t count, bytes;
    size_t max_entries, max_bytes;
    atomic_uint_fast64_t generation;
};

/* Sizes the cache; max_bytes bounds the bodies kept. Returns 0, or -1 when out of memory. */
int cache_init(struct cache *c, size_t max_entries, size_t max_bytes);
void cache_cleanup(struct cache *c);

/* The generation to stamp on a response computed from now on. Read it before the query. */
uint64_t cache_generation(struct cache *c);

/* Marks everything stale; called after a commit. */
void cache_invalidate(struct cache *c);

/* The live entry for key with a reference for the caller, or NULL. */
struct cache_entry *cache_get(struct cache *c, const char *key);

/* Stores an entry for key computed at generation, taking ownership of body (malloc'd) and copying
 * the header values. Returns the entry with a reference for the caller (NULL when out of memory,
 * in which case body has been freed). An entry from an older generation is returned but not
 * kept. */
struct cache_entry *cache_put(struct cache *c, const char *key, uint64_t generation, char *body,
                              size_t len, const char *content_type, const char *const *header_names,
                              const char *const *header_values, size_t nheaders);

/* Drops a reference; the last one frees the entry. Suits libmicrohttpd's free callbacks. */
void cache_release(void *entry);

#endif
