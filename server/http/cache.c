/* The response cache; see include/jvdr/http/cache.h. A chained hash table whose buckets are guarded
 * by striped mutexes, so that workers looking up different URLs rarely meet on a lock; a lookup is
 * a hash, a compare and a reference count. */
#include "jvdr/http/cache.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static uint64_t key_hash(const char *key)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 1099511628211ULL;
    return h;
}

int cache_init(struct cache *c, size_t max_entries, size_t max_bytes)
{
    memset(c, 0, sizeof *c);
    c->nbuckets = 1;
    while (c->nbuckets < max_entries)
        c->nbuckets *= 2;
    c->buckets = calloc(c->nbuckets, sizeof(struct cache_entry *));
    if (!c->buckets)
        return -1;
    c->max_entries = max_entries;
    c->max_bytes = max_bytes;
    atomic_init(&c->generation, 1);
    atomic_init(&c->count, 0);
    atomic_init(&c->bytes, 0);
    for (size_t i = 0; i < CACHE_STRIPES; i++)
        pthread_mutex_init(&c->locks[i], NULL);
    return 0;
}

static void entry_free(struct cache_entry *e)
{
    for (size_t i = 0; i < e->nheaders; i++)
        free(e->headers[i].value);
    free(e->key);
    free(e->body);
    free(e);
}

void cache_release(void *entry)
{
    struct cache_entry *e = entry;
    if (e && atomic_fetch_sub(&e->refs, 1) == 1)
        entry_free(e);
}

static pthread_mutex_t *stripe(struct cache *c, size_t bucket)
{
    return &c->locks[bucket % CACHE_STRIPES];
}

/* Unlinks and releases every entry of the table, taking each stripe's lock in turn; the caller
 * holds none. */
static void drop_all(struct cache *c)
{
    for (size_t s = 0; s < CACHE_STRIPES; s++) {
        pthread_mutex_lock(&c->locks[s]);
        for (size_t b = s; b < c->nbuckets; b += CACHE_STRIPES) {
            struct cache_entry *e = c->buckets[b];
            while (e) {
                struct cache_entry *next = e->next;
                atomic_fetch_sub(&c->count, 1);
                atomic_fetch_sub(&c->bytes, e->len);
                cache_release(e);
                e = next;
            }
            c->buckets[b] = NULL;
        }
        pthread_mutex_unlock(&c->locks[s]);
    }
}

void cache_cleanup(struct cache *c)
{
    if (!c->buckets)
        return;
    drop_all(c);
    free(c->buckets);
    for (size_t i = 0; i < CACHE_STRIPES; i++)
        pthread_mutex_destroy(&c->locks[i]);
    memset(c, 0, sizeof *c);
}

uint64_t cache_generation(struct cache *c)
{
    return atomic_load(&c->generation);
}

void cache_invalidate(struct cache *c)
{
    atomic_fetch_add(&c->generation, 1);
}

struct cache_entry *cache_get(struct cache *c, const char *key)
{
    uint64_t h = key_hash(key);
    uint64_t now = atomic_load(&c->generation);
    struct cache_entry *found = NULL;
    size_t bucket = h & (c->nbuckets - 1);
    pthread_mutex_lock(stripe(c, bucket));
    for (struct cache_entry *e = c->buckets[bucket]; e; e = e->next) {
        if (e->hash == h && e->generation == now && strcmp(e->key, key) == 0) {
            atomic_fetch_add(&e->refs, 1);
            found = e;
            break;
        }
    }
    pthread_mutex_unlock(stripe(c, bucket));
    return found;
}

struct cache_entry *cache_put(struct cache *c, const char *key, uint64_t generation, char *body,
                              size_t len, const char *content_type, const char *const *header_names,
                              const char *const *header_values, size_t nheaders)
{
    struct cache_entry *e = calloc(1, sizeof *e);
    if (!e) {
        free(body);
        return NULL;
    }
    atomic_init(&e->refs, 1);
    e->generation = generation;
    e->hash = key_hash(key);
    e->key = strdup(key);
    e->body = body;
    e->len = len;
    e->content_type = content_type;
    etag_compute(body, len, e->etag);
    bool ok = e->key != NULL;
    for (size_t i = 0; ok && i < nheaders && i < CACHE_MAX_HEADERS; i++) {
        e->headers[i].name = header_names[i];
        e->headers[i].value = strdup(header_values[i]);
        ok = e->headers[i].value != NULL;
        e->nheaders = i + 1;
    }
    if (!ok) {
        entry_free(e);
        return NULL;
    }
    if (generation != atomic_load(&c->generation) || len > c->max_bytes / 4)
        return e; /* stale already, or too big to keep: answer with it, do not keep it */

    /* Full (mostly of entries older generations left behind): start afresh. */
    if (atomic_load(&c->count) >= c->max_entries || atomic_load(&c->bytes) + len > c->max_bytes)
        drop_all(c);
    size_t bucket = e->hash & (c->nbuckets - 1);
    pthread_mutex_lock(stripe(c, bucket));
    struct cache_entry **slot = &c->buckets[bucket];
    for (struct cache_entry **p = slot; *p; p = &(*p)->next) {
        if ((*p)->hash == e->hash && strcmp((*p)->key, key) == 0) {
            struct cache_entry *old = *p;
            *p = old->next;
            atomic_fetch_sub(&c->bytes, old->len);
            atomic_fetch_sub(&c->count, 1);
            cache_release(old);
            break;
        }
    }
    atomic_fetch_add(&e->refs, 1); /* the table's reference */
    e->next = *slot;
    *slot = e;
    atomic_fetch_add(&c->count, 1);
    atomic_fetch_add(&c->bytes, len);
    pthread_mutex_unlock(stripe(c, bucket));
    return e;
}
