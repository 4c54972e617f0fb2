/* Which events each value of a list filter selects (country, type, status, topic, official,
 * agreement, source; and the timeline's country, which is not the host's), kept beside the index
 * like the stats' tallies: built at load, an event taken out before a commit's re-read and put back
 * after. A value held by few events keeps their slots in a sorted array; one held by many, a bitmap
 * over every slot (smaller then, and a page walks an order testing bits that stay in the cache). A
 * list's filters are then a few bitmap ANDs and its total a population count, not a pass over every
 * event. Exact, or switched off (a pass answers) when memory runs out. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"

/* A value's events: sorted slots while few, else (slots NULL) one bit per slot. */
struct value_set {
    uint32_t *slots;
    uint64_t *bits;
    size_t n, room; /* events in it; room in slots, or words in bits */
};

struct index_value_sets {
    struct value_set *by[INDEX_FIELDS]; /* by country code or interned id, grown with them */
    size_t n[INDEX_FIELDS];
    struct value_set present; /* every present event, always a bitmap */
    bool broken;
};

/* A sorted array grows into a bitmap past this many slots (its bytes then pass the bitmap's at
 * a million events: 4 bytes a slot against a bit for every event). */
static size_t dense_threshold(const struct event_index *index)
{
    size_t n = index->count / 32;
    return n > 256 ? n : 256;
}

static bool bits_room(struct value_set *s, size_t slot)
{
    size_t need = slot / 64 + 1;
    if (need <= s->room)
        return true;
    size_t room = s->room ? s->room : 16;
    while (room < need)
        room *= 2;
    uint64_t *grown = realloc(s->bits, room * sizeof *grown);
    if (!grown)
        return false;
    memset(grown + s->room, 0, (room - s->room) * sizeof *grown);
    s->bits = grown;
    s->room = room;
    return true;
}

/* Where slot is in s's sorted slots, or where it would go. */
static size_t slot_place(const struct value_set *s, uint32_t slot)
{
    size_t low = 0, high = s->n;
    while (low < high) {
        size_t mid = (low + high) / 2;
        if (s->slots[mid] < slot)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* Turns s's sorted slots into a bitmap. */
static bool make_dense(struct value_set *s)
{
    struct value_set dense = {0};
    for (size_t i = 0; i < s->n; i++) {
        if (!bits_room(&dense, s->slots[i])) {
            free(dense.bits);
            return false;
        }
        dense.bits[s->slots[i] / 64] |= 1ULL << (s->slots[i] % 64);
    }
    dense.n = s->n;
    free(s->slots);
    *s = dense;
    return true;
}

static bool set_add(const struct event_index *index, struct value_set *s, uint32_t slot)
{
    if (s->bits) {
        if (!bits_room(s, slot))
            return false;
        uint64_t bit = 1ULL << (slot % 64);
        s->n += !(s->bits[slot / 64] & bit);
        s->bits[slot / 64] |= bit;
        return true;
    }
    if (!s->slots) /* a sparse set without an array is empty */
        s->n = s->room = 0;
    size_t at = slot_place(s, slot);
    if (at < s->n && s->slots[at] == slot)
        return true;
    if (s->n == s->room) {
        if (s->n >= dense_threshold(index))
            return make_dense(s) && set_add(index, s, slot);
        size_t room = s->room ? s->room * 2 : 4;
        uint32_t *grown = realloc(s->slots, room * sizeof *grown);
        if (!grown)
            return false;
        s->slots = grown;
        s->room = room;
    }
    memmove(s->slots + at + 1, s->slots + at, (s->n - at) * sizeof *s->slots);
    s->slots[at] = slot;
    s->n++;
    return true;
}

static void set_remove(struct value_set *s, uint32_t slot)
{
    if (s->bits) {
        uint64_t bit = 1ULL << (slot % 64);
        if (slot / 64 < s->room && (s->bits[slot / 64] & bit)) {
            s->bits[slot / 64] &= ~bit;
            s->n--;
        }
        return;
    }
    size_t at = slot_place(s, slot);
    if (at < s->n && s->slots[at] == slot) {
        memmove(s->slots + at, s->slots + at + 1, (s->n - at - 1) * sizeof *s->slots);
        s->n--;
    }
}

static struct value_set *value_set(struct index_value_sets *sets, enum index_field field,
                                   uint32_t id)
{
    if (id >= sets->n[field]) {
        size_t want = sets->n[field] ? sets->n[field] : 64;
        while (want <= id)
            want *= 2;
        struct value_set *grown = realloc(sets->by[field], want * sizeof *grown);
        if (!grown)
            return NULL;
        memset(grown + sets->n[field], 0, (want - sets->n[field]) * sizeof *grown);
        sets->by[field] = grown;
        sets->n[field] = want;
    }
    return &sets->by[field][id];
}

static bool change(const struct event_index *index, struct index_value_sets *sets,
                   enum index_field field, uint32_t id, uint32_t slot, int sign)
{
    if (id == NO_ID)
        return true;
    struct value_set *s = value_set(sets, field, id);
    if (!s)
        return false;
    if (sign > 0)
        return set_add(index, s, slot);
    set_remove(s, slot);
    return true;
}

void index_sets_event(struct event_index *index, uint32_t slot, int sign)
{
    struct index_value_sets *c = index->value_sets;
    const struct indexed_event *e = &index->events[slot];
    if (!c || c->broken || !e->present)
        return;
    const uint32_t *links = e->links;
    uint32_t topics = e->ncountries, officials = topics + e->ntopics,
             agreements = officials + e->nofficials, sources = agreements + e->nagreements;
    bool ok = true;
    if (sign > 0)
        ok = set_add(index, &c->present, slot);
    else
        set_remove(&c->present, slot);
    /* The country filter matches the host country as well as the countries listed. */
    ok = ok && change(index, c, INDEX_FIELD_COUNTRY, e->host, slot, sign) &&
         change(index, c, INDEX_FIELD_TYPE, e->type, slot, sign) &&
         change(index, c, INDEX_FIELD_STATUS, e->status, slot, sign);
    for (uint32_t k = 0; ok && k < e->ncountries; k++)
        ok = change(index, c, INDEX_FIELD_COUNTRY, links[k], slot, sign) &&
             change(index, c, INDEX_FIELD_LISTED_COUNTRY, links[k], slot, sign);
    for (uint32_t k = 0; ok && k < e->ntopics; k++)
        ok = change(index, c, INDEX_FIELD_TOPIC, links[topics + k], slot, sign);
    for (uint32_t k = 0; ok && k < e->nofficials; k++)
        ok = change(index, c, INDEX_FIELD_OFFICIAL, links[officials + k], slot, sign);
    for (uint32_t k = 0; ok && k < e->nagreements; k++)
        ok = change(index, c, INDEX_FIELD_AGREEMENT, links[agreements + k], slot, sign);
    for (uint32_t k = 0; ok && k < e->nsources; k++)
        ok = change(index, c, INDEX_FIELD_SOURCE, links[sources + k], slot, sign);
    if (!ok)
        c->broken = true;
}

void index_sets_build(struct event_index *index)
{
    index_sets_free(index);
    struct index_value_sets *c = calloc(1, sizeof *c);
    index->value_sets = c;
    /* The present set is a bitmap from the start (an empty set with room is one). */
    if (c && !bits_room(&c->present, index->count ? index->count - 1 : 0))
        c->broken = true;
    for (size_t i = 0; c && !c->broken && i < index->count; i++)
        index_sets_event(index, (uint32_t)i, +1);
}

static void set_free(struct value_set *s)
{
    free(s->slots);
    free(s->bits);
}

void index_sets_free(struct event_index *index)
{
    struct index_value_sets *c = index->value_sets;
    if (!c)
        return;
    for (int k = 0; k < INDEX_FIELDS; k++) {
        for (size_t i = 0; i < c->n[k]; i++)
            set_free(&c->by[k][i]);
        free(c->by[k]);
    }
    set_free(&c->present);
    free(c);
    index->value_sets = NULL;
}

static const struct value_set *find_set(const struct index_value_sets *c, enum index_field field,
                                        uint32_t id)
{
    return id != NO_ID && id < c->n[field] ? &c->by[field][id] : NULL;
}

bool index_sets_total(struct event_index *index, const uint32_t wanted[INDEX_FIELDS],
                      const bool given[INDEX_FIELDS], long long *total)
{
    const struct index_value_sets *c = index->value_sets;
    int count = 0, field = 0;
    for (int k = 0; k < INDEX_FIELDS; k++)
        if (given[k]) {
            count++;
            field = k;
        }
    if (!c || c->broken || count != 1)
        return false;
    const struct value_set *s = find_set(c, (enum index_field)field, wanted[field]);
    *total = s ? (long long)s->n : 0;
    return true;
}

/* ANDs s into bits (nwords words). */
static void and_set(uint64_t *bits, size_t nwords, const struct value_set *s)
{
    if (!s) {
        memset(bits, 0, nwords * sizeof *bits);
        return;
    }
    if (s->bits) {
        size_t common = s->room < nwords ? s->room : nwords;
        for (size_t w = 0; w < common; w++)
            bits[w] &= s->bits[w];
        memset(bits + common, 0, (nwords - common) * sizeof *bits);
        return;
    }
    /* Few slots, in order: each word keeps the bits of the slots in it. */
    size_t i = 0;
    for (size_t w = 0; w < nwords; w++) {
        uint64_t mask = 0;
        for (; i < s->n && s->slots[i] / 64 == w; i++)
            mask |= 1ULL << (s->slots[i] % 64);
        bits[w] &= mask;
    }
}

uint64_t *index_sets_select(struct event_index *index, const uint32_t wanted[INDEX_FIELDS],
                            const bool given[INDEX_FIELDS], size_t *nwords)
{
    const struct index_value_sets *c = index->value_sets;
    if (!c || c->broken)
        return NULL;
    *nwords = index->count / 64 + 1;
    uint64_t *bits = calloc(*nwords, sizeof *bits);
    if (!bits)
        return NULL;
    memcpy(bits, c->present.bits,
           (c->present.room < *nwords ? c->present.room : *nwords) * sizeof *bits);
    for (int k = 0; k < INDEX_FIELDS; k++)
        if (given[k])
            and_set(bits, *nwords, find_set(c, (enum index_field)k, wanted[k]));
    return bits;
}

size_t index_bits_count(const uint64_t *bits, size_t nwords)
{
    size_t n = 0;
    for (size_t w = 0; w < nwords; w++)
        n += (size_t)__builtin_popcountll(bits[w]);
    return n;
}
