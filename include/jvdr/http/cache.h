/* Rendered responses, kept until the data they show changes: a GET answered once is answered again
 * from memory, body and ETag included.
 *
 * An answer depends on a few tags, each a fact about one kind of record: (kind, field, value).
 * ("event", "id", "admm-2020") is one record; ("event", "country", "JP") every event with that
 * country; ("event", "word", "mari") every event whose searchable text has a word starting so;
 * (kind, "", "") every answer listing the kind as a whole. A tag has a version; an answer is
 * stamped with the sum of its tags' versions, read before its query runs (versions only grow, so
 * the sum holds exactly while none of them moves), and is live while that and the cache's
 * generation hold. A write moves the tags of every fact it changed, before and after, before it is
 * acknowledged; a commit by another process moves the generation. Tags share a fixed table of
 * versions by hash, so two tags may share a slot: that only costs an extra render, never a stale
 * answer.
 *
 * Concurrent misses for one key render once: the first caller leads, later ones wait for its
 * answer and take it when it is still live. Thread-safe; entries are reference-counted so a body
 * can be sent while the cache moves on. */
#ifndef JVDR_HTTP_CACHE_H
#define JVDR_HTTP_CACHE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/base/etag.h"

#define CACHE_MAX_HEADERS 3
#define CACHE_STRIPES 64
/* Slots for tags' versions, a power of two. A write moves a few hundred tags (every word prefix
 * of its records), and an answer whose slot one of them shares is rendered again for nothing: with
 * 65,536 slots, a 250 ms answer was thrown away every few seconds under ten writes a second. */
#define CACHE_TAG_SLOTS (1u << 20)
#define CACHE_MAX_TAGS 16 /* tags one answer can depend on */

/* What an answer was rendered under: the cache's generation and the sum of its tags' versions. */
struct cache_stamp {
    uint64_t generation;
    uint64_t version;
    uint32_t tags[CACHE_MAX_TAGS];
    uint8_t ntags;
};

/* An entry's body gzip'd, with its own strong ETag. */
struct cache_gzip {
    size_t len;
    char etag[ETAG_GZIP_SIZE];
    char data[];
};

struct cache_entry {
    atomic_int refs;
    struct cache_stamp stamp;
    uint64_t hash;
    char *key;
    char *body;
    size_t len;
    const char *content_type; /* static */
    char etag[ETAG_SIZE];
    _Atomic(struct cache_gzip *) gz; /* see cache_entry_gzip; NULL until a client asks */
    bool listed;                     /* in the table (under its stripe's lock) */
    size_t charged; /* bytes counted in the cache's total for it: body and gzip'd copy */
    struct {
        const char *name; /* static */
        char *value;
    } headers[CACHE_MAX_HEADERS];
    size_t nheaders;
    struct cache_entry *next; /* bucket chain */
};

struct cache_flight; /* a render in progress that others wait for */

struct cache_version {
    atomic_uint value; /* 4 bytes a slot; wrapping would need 2^32 moves of one slot */
};

struct cache {
    pthread_mutex_t locks[CACHE_STRIPES]; /* bucket b and its flights: locks[b % CACHE_STRIPES] */
    struct cache_entry **buckets;
    struct cache_flight *flights[CACHE_STRIPES];
    size_t nbuckets; /* a power of two */
    atomic_size_t count, bytes;
    size_t max_entries, max_bytes;
    atomic_uint_fast64_t generation;
    struct cache_version *versions; /* one per tag slot: CACHE_TAG_SLOTS */
};

/* Sizes the cache; max_bytes bounds the bodies kept. Returns 0, or -1 when out of memory. */
int cache_init(struct cache *c, size_t max_entries, size_t max_bytes);
void cache_cleanup(struct cache *c);

/* The slot of tag (kind, field, value); field and value "" for the kind as a whole. */
uint32_t cache_tag(const char *kind, const char *field, const char *value);

/* Adds tag to *stamp (up to CACHE_MAX_TAGS; a tag already there is not counted twice), reading
 * its version now: call before the query the answer comes from. Returns false when full. */
bool cache_stamp_add(struct cache *c, struct cache_stamp *stamp, uint32_t tag);

/* A stamp with no tags yet, at the cache's current generation. */
struct cache_stamp cache_stamp_begin(struct cache *c);

/* Marks stale every answer depending on tag. Called after the commit that changed the fact,
 * before the write is acknowledged. */
void cache_bump(struct cache *c, uint32_t tag);

/* Marks everything stale (a commit whose extent is unknown). */
void cache_invalidate(struct cache *c);

/* The entry's body gzip'd (base/gzip.h), compressed on the first call for it and kept with the
 * entry for every later one (counted against max_bytes while the entry is in c). NULL when gzip
 * would not make it smaller, or memory is short. */
struct cache_gzip *cache_entry_gzip(struct cache *c, struct cache_entry *e);

/* The live entry for key with a reference for the caller, or NULL. */
struct cache_entry *cache_get(struct cache *c, const char *key);

/* Like cache_get, but on a miss joins a render of key already in progress, waits for it and
 * returns its entry when still live (setting *shared). Otherwise returns NULL: when *flight is set
 * the caller leads — renders, then calls cache_flight_done so that callers waiting are released;
 * when *flight is NULL (the joined render's answer was stale or failed, or no memory) the caller
 * just renders. */
struct cache_entry *cache_get_or_lead(struct cache *c, const char *key,
                                      struct cache_flight **flight, bool *shared);

/* Ends a render led after cache_get_or_lead: hands entry (may be NULL: nothing to share) to the
 * callers waiting for it and releases them. Does not consume the caller's reference to entry. */
void cache_flight_done(struct cache *c, struct cache_flight *flight, struct cache_entry *entry);

/* Stores an entry for key rendered under stamp, taking ownership of body (malloc'd) and copying
 * the header values. Returns the entry with a reference for the caller (NULL when out of memory,
 * in which case body has been freed). An entry whose stamp is no longer live is returned but not
 * kept. */
struct cache_entry *cache_put(struct cache *c, const char *key, struct cache_stamp stamp,
                              char *body, size_t len, const char *content_type,
                              const char *const *header_names, const char *const *header_values,
                              size_t nheaders);

/* Drops a reference; the last one frees the entry. Suits libmicrohttpd's free callbacks. */
void cache_release(void *entry);

#endif
