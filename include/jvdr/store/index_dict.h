/* Interned strings for the in-memory indexes: each distinct key gets a small integer (its order of
 * arrival), so rows hold integers and compare them; a key can carry a name (an official's). Not
 * thread-safe: its owner locks. */
#ifndef JVDR_STORE_INDEX_DICT_H
#define JVDR_STORE_INDEX_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/store/index_block.h"

#define INDEX_NO_ID UINT32_MAX

/* Interned strings: index -> key (and a name, for officials), key -> index by open addressing.
 * A removed key's integer is given to the next new key, so the integers stay below count. */
struct index_dict {
    char **keys; /* NULL for a removed key's integer, until it is given again */
    char **names;
    size_t count, capacity; /* integers handed out so far (the highest + 1), room for them */
    uint32_t *slots;        /* index + 1; 0 is empty */
    size_t nslots;          /* a power of two, at least twice count */
    uint32_t *free_ids;     /* removed integers, to give again */
    size_t nfree, free_capacity;
    struct index_block
        block; /* keys and names read at once (index_dict_adopt), never freed alone */
};

/* An empty dictionary, or NULL when out of memory. */
struct index_dict *index_dict_new(void);

/* Frees d, its keys and names; NULL is a no-op. */
void index_dict_free(struct index_dict *d);

/* The integer of key, or INDEX_NO_ID when it was never added. */
uint32_t index_dict_find(const struct index_dict *d, const char *key);

/* The integer of key, added (copied) when new; INDEX_NO_ID when out of memory. */
uint32_t index_dict_intern(struct index_dict *d, const char *key);

/* Gives the empty dictionary d the state another one had (event_index_snapshot.c reads it from a
 * file): keys[i] and names[i] for the integers 0..count-1 (NULL keys: removed ones; both arrays
 * made by index_array_grow, as the dictionary grows and frees them), the removed
 * integers to give again (last first), the hash table (NULL: made anew) and the block the strings
 * lie in. d takes them all, whatever happens. False when out of memory or when the table does not
 * fit the keys (d is then to be freed). */
bool index_dict_adopt(struct index_dict *d, char **keys, char **names, size_t count,
                      uint32_t *free_ids, size_t nfree, uint32_t *slots, size_t nslots,
                      struct index_block block);

/* Sets the name of integer i (a copy; NULL: none). False when out of memory. */
bool index_dict_set_name(struct index_dict *d, uint32_t i, const char *name);

/* Forgets key (a deleted record's id), so that its integer serves a new key; memory then stays
 * bounded by the keys alive, not by every key ever seen. A no-op when key is absent. */
void index_dict_remove(struct index_dict *d, const char *key);

#endif
