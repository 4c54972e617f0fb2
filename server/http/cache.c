/* The response cache; see include/jvdr/http/cache.h. A chained hash table whose buckets are guarded
 * by striped mutexes, so that workers looking up different URLs rarely meet on a lock; a lookup is
 * a hash, a compare, two atomic loads (the stamp) and a reference count. Renders in progress are
 * listed per stripe, under the same lock, so that a second caller can wait for the first. */
#include "jvdr/http/cache.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/gzip.h"

struct cache_flight {
    uint64_t hash;
    char *key;
    pthread_cond_t finished;
    bool done;
    struct cache_entry *entry; /* the leader's answer, with a reference of the flight's, or NULL */
    int users;                 /* the leader and its waiters; the last one frees the flight */
    struct cache_flight *next;
};

static uint64_t bytes_hash(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static uint64_t key_hash(const char *key)
{
    return bytes_hash(1469598103934665603ULL, key);
}

uint32_t cache_tag(const char *kind, const char *field, const char *value)
{
    uint64_t h = bytes_hash(1469598103934665603ULL, kind) * 1099511628211ULL;
    h = bytes_hash(h, field) * 1099511628211ULL;
    h = bytes_hash(h, value);
    return (uint32_t)((h ^ (h >> 32)) & (CACHE_TAG_SLOTS - 1));
}

struct cache_stamp cache_stamp_begin(struct cache *c)
{
    struct cache_stamp s = {.generation = atomic_load(&c->generation)};
    return s;
}

bool cache_stamp_add(struct cache *c, struct cache_stamp *stamp, uint32_t tag)
{
    for (size_t i = 0; i < stamp->ntags; i++)
        if (stamp->tags[i] == tag)
            return true;
    if (stamp->ntags == CACHE_MAX_TAGS)
        return false;
    stamp->tags[stamp->ntags++] = tag;
    stamp->version += atomic_load(&c->versions[tag].value);
    return true;
}

static bool stamp_live(struct cache *c, const struct cache_stamp *s)
{
    if (s->generation != atomic_load(&c->generation))
        return false;
    uint64_t version = 0;
    for (size_t i = 0; i < s->ntags; i++)
        version += atomic_load(&c->versions[s->tags[i]].value);
    return version == s->version;
}

int cache_init(struct cache *c, size_t max_entries, size_t max_bytes)
{
    memset(c, 0, sizeof *c);
    c->nbuckets = 1;
    while (c->nbuckets < max_entries)
        c->nbuckets *= 2;
    c->buckets = calloc(c->nbuckets, sizeof(struct cache_entry *));
    c->versions = calloc(CACHE_TAG_SLOTS, sizeof *c->versions);
    if (!c->buckets || !c->versions) {
        free(c->buckets);
        free(c->versions);
        memset(c, 0, sizeof *c);
        return -1;
    }
    c->max_entries = max_entries;
    c->max_bytes = max_bytes;
    atomic_init(&c->generation, 1);
    atomic_init(&c->count, 0);
    atomic_init(&c->bytes, 0);
    for (size_t i = 0; i < CACHE_STRIPES; i++)
        pthread_mutex_init(&c->locks[i], NULL);
    return 0;
}

/* Marks an entry whose body gzip does not shrink (so that it is not tried again). */
static struct cache_gzip no_gain;

static pthread_mutex_t *stripe(struct cache *c, size_t bucket);

/* Counts a compressed copy in c's total while e is in the table (removal subtracts what was
 * counted, under the same lock, so the total never drifts). */
static void charge_gzip(struct cache *c, struct cache_entry *e, size_t len)
{
    pthread_mutex_t *lock = stripe(c, e->hash & (c->nbuckets - 1));
    pthread_mutex_lock(lock);
    if (e->listed) {
        e->charged += len;
        atomic_fetch_add(&c->bytes, len);
    }
    pthread_mutex_unlock(lock);
}

struct cache_gzip *cache_entry_gzip(struct cache *c, struct cache_entry *e)
{
    struct cache_gzip *made = atomic_load(&e->gz);
    if (made)
        return made == &no_gain ? NULL : made;
    char *gz = NULL;
    size_t len = 0;
    if (!gzip_compress(e->body, e->len, false, &gz, &len))
        return NULL; /* out of memory: plain this time, tried again next time */
    made = gz ? malloc(sizeof *made + len) : &no_gain;
    if (!made) {
        free(gz);
        return NULL;
    }
    if (made != &no_gain) {
        made->len = len;
        memcpy(made->data, gz, len);
        etag_gzip(e->etag, made->etag);
    }
    free(gz);
    struct cache_gzip *expected = NULL;
    if (!atomic_compare_exchange_strong(&e->gz, &expected, made)) { /* another thread was first */
        if (made != &no_gain)
            free(made);
        made = expected;
    } else if (made != &no_gain) {
        charge_gzip(c, e, sizeof *made + made->len);
    }
    return made == &no_gain ? NULL : made;
}

static void entry_free(struct cache_entry *e)
{
    for (size_t i = 0; i < e->nheaders; i++)
        free(e->headers[i].value);
    free(e->key);
    free(e->body);
    struct cache_gzip *gz = atomic_load(&e->gz);
    if (gz != &no_gain)
        free(gz);
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
                atomic_fetch_sub(&c->bytes, e->charged);
                e->listed = false;
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
    free(c->versions);
    for (size_t i = 0; i < CACHE_STRIPES; i++)
        pthread_mutex_destroy(&c->locks[i]);
    memset(c, 0, sizeof *c);
}

void cache_invalidate(struct cache *c)
{
    atomic_fetch_add(&c->generation, 1);
}

void cache_bump(struct cache *c, uint32_t tag)
{
    atomic_fetch_add(&c->versions[tag].value, 1);
}

/* The live entry for key in its bucket, with a reference for the caller; the stripe is locked. */
static struct cache_entry *find_live(struct cache *c, size_t bucket, uint64_t h, const char *key)
{
    for (struct cache_entry *e = c->buckets[bucket]; e; e = e->next) {
        if (e->hash == h && strcmp(e->key, key) == 0) {
            if (!stamp_live(c, &e->stamp))
                return NULL;
            atomic_fetch_add(&e->refs, 1);
            return e;
        }
    }
    return NULL;
}

struct cache_entry *cache_get(struct cache *c, const char *key)
{
    uint64_t h = key_hash(key);
    size_t bucket = h & (c->nbuckets - 1);
    pthread_mutex_lock(stripe(c, bucket));
    struct cache_entry *found = find_live(c, bucket, h, key);
    pthread_mutex_unlock(stripe(c, bucket));
    return found;
}

/* Drops a user of flight; the last frees it. The stripe is locked. */
static void flight_leave(struct cache_flight *f)
{
    if (--f->users > 0)
        return;
    cache_release(f->entry);
    pthread_cond_destroy(&f->finished);
    free(f->key);
    free(f);
}

struct cache_entry *cache_get_or_lead(struct cache *c, const char *key,
                                      struct cache_flight **flight, bool *shared)
{
    *flight = NULL;
    *shared = false;
    uint64_t h = key_hash(key);
    size_t bucket = h & (c->nbuckets - 1);
    pthread_mutex_t *lock = stripe(c, bucket);
    struct cache_flight **flights = &c->flights[bucket % CACHE_STRIPES];
    pthread_mutex_lock(lock);
    struct cache_entry *found = find_live(c, bucket, h, key);
    struct cache_flight *f = *flights;
    while (!found && f && !(f->hash == h && strcmp(f->key, key) == 0))
        f = f->next;
    if (!found && f) {
        /* Someone renders this key now: wait for it, and use its answer if still live (a write
         * acknowledged meanwhile makes it stale; then render afresh, without leading). */
        f->users++;
        while (!f->done)
            pthread_cond_wait(&f->finished, lock);
        if (f->entry && stamp_live(c, &f->entry->stamp)) {
            atomic_fetch_add(&f->entry->refs, 1);
            found = f->entry;
            *shared = true;
        }
        flight_leave(f);
    } else if (!found) {
        f = calloc(1, sizeof *f);
        if (f && !(f->key = strdup(key))) {
            free(f);
            f = NULL;
        }
        if (f) { /* without memory for a flight, render alone */
            f->hash = h;
            f->users = 1;
            pthread_cond_init(&f->finished, NULL);
            f->next = *flights;
            *flights = f;
            *flight = f;
        }
    }
    pthread_mutex_unlock(lock);
    return found;
}

void cache_flight_done(struct cache *c, struct cache_flight *flight, struct cache_entry *entry)
{
    if (!flight)
        return;
    size_t bucket = flight->hash & (c->nbuckets - 1);
    pthread_mutex_t *lock = stripe(c, bucket);
    pthread_mutex_lock(lock);
    for (struct cache_flight **p = &c->flights[bucket % CACHE_STRIPES]; *p; p = &(*p)->next)
        if (*p == flight) {
            *p = flight->next;
            break;
        }
    if (entry) {
        atomic_fetch_add(&entry->refs, 1);
        flight->entry = entry;
    }
    flight->done = true;
    pthread_cond_broadcast(&flight->finished);
    flight_leave(flight);
    pthread_mutex_unlock(lock);
}

struct cache_entry *cache_put(struct cache *c, const char *key, struct cache_stamp stamp,
                              char *body, size_t len, const char *content_type,
                              const char *const *header_names, const char *const *header_values,
                              size_t nheaders)
{
    struct cache_entry *e = calloc(1, sizeof *e);
    if (!e) {
        free(body);
        return NULL;
    }
    atomic_init(&e->refs, 1);
    e->stamp = stamp;
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
    if (!stamp_live(c, &stamp) || len > c->max_bytes / 4)
        return e; /* stale already, or too big to keep: answer with it, do not keep it */

    /* Full (mostly of entries that writes made stale): start afresh. */
    if (atomic_load(&c->count) >= c->max_entries || atomic_load(&c->bytes) + len > c->max_bytes)
        drop_all(c);
    size_t bucket = e->hash & (c->nbuckets - 1);
    pthread_mutex_lock(stripe(c, bucket));
    struct cache_entry **slot = &c->buckets[bucket];
    for (struct cache_entry **p = slot; *p; p = &(*p)->next) {
        if ((*p)->hash == e->hash && strcmp((*p)->key, key) == 0) {
            struct cache_entry *old = *p;
            *p = old->next;
            atomic_fetch_sub(&c->bytes, old->charged);
            old->listed = false;
            atomic_fetch_sub(&c->count, 1);
            cache_release(old);
            break;
        }
    }
    atomic_fetch_add(&e->refs, 1); /* the table's reference */
    e->next = *slot;
    *slot = e;
    e->listed = true;
    e->charged = len;
    atomic_fetch_add(&c->count, 1);
    atomic_fetch_add(&c->bytes, len);
    pthread_mutex_unlock(stripe(c, bucket));
    return e;
}
