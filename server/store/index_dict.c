/* Interned strings for the in-memory indexes; see include/jvdr/store/index_dict.h. */
#include "jvdr/store/index_dict.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Frees a key or a name unless it lies in the block. */
static void release(struct index_dict *d, char *s)
{
    if (!index_block_holds(&d->block, s))
        free(s);
}

struct index_dict *index_dict_new(void)
{
    return calloc(1, sizeof(struct index_dict));
}

void index_dict_free(struct index_dict *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        release(d, d->keys[i]);
        release(d, d->names ? d->names[i] : NULL);
    }
    index_block_free(&d->block);
    index_array_free(d->keys, d->capacity * sizeof *d->keys);
    index_array_free(d->names, d->capacity * sizeof *d->names);
    free(d->slots);
    free(d->free_ids);
    free(d);
}

uint32_t index_dict_find(const struct index_dict *d, const char *key)
{
    if (!d->nslots)
        return INDEX_NO_ID;
    for (size_t j = text_hash(key) & (d->nslots - 1); d->slots[j]; j = (j + 1) & (d->nslots - 1))
        if (strcmp(d->keys[d->slots[j] - 1], key) == 0)
            return d->slots[j] - 1;
    return INDEX_NO_ID;
}

static int dict_rehash(struct index_dict *d, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < d->count; i++) {
        if (!d->keys[i])
            continue; /* a removed key's integer */
        size_t j = text_hash(d->keys[i]) & (nslots - 1);
        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = (uint32_t)i + 1;
    }
    free(d->slots);
    d->slots = slots;
    d->nslots = nslots;
    return 0;
}

uint32_t index_dict_intern(struct index_dict *d, const char *key)
{
    uint32_t found = index_dict_find(d, key);
    if (found != INDEX_NO_ID)
        return found;
    if (d->count == d->capacity) {
        size_t capacity = d->capacity ? d->capacity * 2 : 64;
        /* Moved by the kernel, not copied (a million keys: 16 MB); d->capacity says how large
         * both arrays' mappings are, so both grow before it changes. */
        char **keys =
            index_array_grow(d->keys, d->capacity * sizeof *keys, capacity * sizeof *keys);
        if (!keys)
            return INDEX_NO_ID;
        char **names =
            index_array_grow(d->names, d->capacity * sizeof *names, capacity * sizeof *names);
        if (!names) {
            d->keys = index_array_grow(keys, capacity * sizeof *keys, d->capacity * sizeof *keys);
            return INDEX_NO_ID;
        }
        d->keys = keys;
        d->names = names;
        d->capacity = capacity;
    }
    if ((d->count + 1) * 2 > d->nslots && dict_rehash(d, d->nslots ? d->nslots * 2 : 128) != 0)
        return INDEX_NO_ID;
    char *copy = strdup(key);
    if (!copy)
        return INDEX_NO_ID;
    uint32_t index = d->nfree ? d->free_ids[--d->nfree] : (uint32_t)d->count++;
    d->keys[index] = copy;
    d->names[index] = NULL;
    size_t j = text_hash(key) & (d->nslots - 1);
    while (d->slots[j])
        j = (j + 1) & (d->nslots - 1);
    d->slots[j] = index + 1;
    return index;
}

/* Whether slots (nslots of them) is a table lookups can walk: a power of two with an empty slot,
 * each other naming an integer of d (that its key is there, the file's CRC says). */
static bool slots_fit(const struct index_dict *d, const uint32_t *slots, size_t nslots)
{
    if (nslots == 0 || (nslots & (nslots - 1)) != 0)
        return false;
    size_t empty = 0;
    for (size_t j = 0; j < nslots; j++) {
        if (!slots[j])
            empty++;
        else if (slots[j] > d->count)
            return false;
    }
    return empty > 0;
}

bool index_dict_adopt(struct index_dict *d, char **keys, char **names, size_t count,
                      uint32_t *free_ids, size_t nfree, uint32_t *slots, size_t nslots,
                      struct index_block block)
{
    d->keys = keys;
    d->names = names;
    d->count = d->capacity = count;
    d->free_ids = free_ids;
    d->nfree = d->free_capacity = nfree;
    d->block = block;
    d->slots = slots;
    d->nslots = slots ? nslots : 0;
    if (slots)
        return slots_fit(d, slots, nslots);
    size_t n = 128;
    while (n < (count + 1) * 2)
        n *= 2;
    return dict_rehash(d, n) == 0;
}

bool index_dict_set_name(struct index_dict *d, uint32_t i, const char *name)
{
    release(d, d->names[i]);
    d->names[i] = name ? strdup(name) : NULL;
    return !name || d->names[i];
}

void index_dict_remove(struct index_dict *d, const char *key)
{
    if (!d->nslots)
        return;
    size_t mask = d->nslots - 1, j = text_hash(key) & mask;
    while (d->slots[j] && strcmp(d->keys[d->slots[j] - 1], key) != 0)
        j = (j + 1) & mask;
    if (!d->slots[j])
        return;
    if (d->nfree == d->free_capacity) {
        size_t capacity = d->free_capacity ? d->free_capacity * 2 : 64;
        uint32_t *grown = realloc(d->free_ids, capacity * sizeof *grown);
        if (!grown)
            return; /* keep the key: a little memory rather than a broken table */
        d->free_ids = grown;
        d->free_capacity = capacity;
    }
    uint32_t index = d->slots[j] - 1;
    release(d, d->keys[index]);
    release(d, d->names[index]);
    d->keys[index] = d->names[index] = NULL;
    d->free_ids[d->nfree++] = index;
    /* Backward-shift deletion: pull later keys of the probe run into the hole, so that every key
     * stays reachable from its home slot without tombstones. */
    for (size_t k = (j + 1) & mask; d->slots[k]; k = (k + 1) & mask) {
        size_t home = text_hash(d->keys[d->slots[k] - 1]) & mask;
        bool movable = j <= k ? (home <= j || home > k) : (home <= j && home > k);
        if (movable) {
            d->slots[j] = d->slots[k];
            j = k;
        }
    }
    d->slots[j] = 0;
}
