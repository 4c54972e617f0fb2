/* The saved index of events as a file (event_index_snapshot.c says when one is written and
 * read): after the caller's header, the five dictionaries, the events, the agreements and the map
 * of full-text rows, each as a few large arrays — the events' fixed columns, then all their titles
 * in one blob and all their links in one array — so that reading a million events is a few reads
 * into a few blocks (index_block.h), not millions of allocations; a CRC-32 of all of it last. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "event_index_rows.h"

/* The fixed columns of an event as stored (the title and links follow it). */
struct stored_event {
    int32_t year, start_key, end_key;
    uint32_t host, type, status, location;
    uint32_t counts[5]; /* countries, topics, officials, agreements, sources */
    uint32_t present;
};

struct stored_agreement {
    int32_t start_key, end_key;
    uint32_t nparties, nsigners, present;
    uint32_t nsources, exists, type, status;
};

/* Writing: every byte but the trailing CRC goes through put, which sums it. */
struct snap_out {
    FILE *f;
    uLong crc;
    uint64_t at; /* bytes written */
    bool ok;
};

static void put(struct snap_out *o, const void *p, size_t n)
{
    if (!o->ok || n == 0)
        return;
    o->ok = fwrite(p, 1, n, o->f) == n;
    o->crc = crc32_z(o->crc, p, n);
    o->at += n;
}

/* Zeros up to the next multiple of FILE_ALIGN bytes: an array read in place from the mapped file
 * (index_block_map) starts aligned for its items, as the mapping starts on a page. */
#define FILE_ALIGN 8
static void put_align(struct snap_out *o)
{
    static const unsigned char zeros[FILE_ALIGN];
    put(o, zeros, (FILE_ALIGN - o->at % FILE_ALIGN) % FILE_ALIGN);
}

static void put_u64(struct snap_out *o, uint64_t v)
{
    put(o, &v, sizeof v);
}

/* The bytes of the strings of n (NULL ones left out), each with its NUL. */
static uint64_t blob_bytes(char *const *strings, size_t n)
{
    uint64_t bytes = 0;
    for (size_t i = 0; strings && i < n; i++)
        bytes += strings[i] ? strlen(strings[i]) + 1 : 0;
    return bytes;
}

static void put_blob(struct snap_out *o, char *const *strings, size_t n)
{
    for (size_t i = 0; strings && i < n; i++)
        if (strings[i])
            put(o, strings[i], strlen(strings[i]) + 1);
}

/* A dictionary: which integers have a key and a name, the sizes of the keys and of the names,
 * each as one blob, the removed integers and the hash table. */
static void put_dict(struct snap_out *o, const struct index_dict *d)
{
    put_u64(o, d->count);
    for (size_t i = 0; i < d->count; i++) {
        uint8_t has = (uint8_t)((d->keys[i] ? 1 : 0) | (d->names && d->names[i] ? 2 : 0));
        put(o, &has, 1);
    }
    put_u64(o, blob_bytes(d->keys, d->count));
    put_u64(o, blob_bytes(d->names, d->count));
    put_blob(o, d->keys, d->count);
    put_blob(o, d->names, d->count);
    put_u64(o, d->nfree);
    put(o, d->free_ids, d->nfree * sizeof *d->free_ids);
    put_u64(o, d->nslots);
    put(o, d->slots, d->nslots * sizeof *d->slots);
}

static uint32_t link_count(const struct indexed_event *e)
{
    return e->ncountries + e->ntopics + e->nofficials + e->nagreements + e->nsources;
}

/* The events: their fixed columns, then every title in one blob and every link in one array. */
static void put_events(struct snap_out *o, const struct event_index *index)
{
    put_u64(o, index->count);
    uint64_t title_bytes = 0, links = 0;
    for (size_t i = 0; i < index->count; i++) {
        const struct indexed_event *e = &index->events[i];
        struct stored_event s = {
            e->year,
            e->start_key,
            e->end_key,
            e->host,
            e->type,
            e->status,
            index->locations[i],
            {e->ncountries, e->ntopics, e->nofficials, e->nagreements, e->nsources},
            e->present};
        put(o, &s, sizeof s);
        title_bytes += e->present ? strlen(e->title) + 1 : 0;
        links += link_count(e);
    }
    put_u64(o, title_bytes);
    for (size_t i = 0; i < index->count; i++)
        if (index->events[i].present)
            put(o, index->events[i].title, strlen(index->events[i].title) + 1);
    put_u64(o, links);
    put_align(o);
    for (size_t i = 0; i < index->count; i++)
        put(o, index->events[i].links, link_count(&index->events[i]) * sizeof(uint32_t));
    int32_t span = index->max_span;
    uint32_t follow = index->ends_follow_starts;
    put(o, &span, sizeof span);
    put(o, &follow, sizeof follow);
    put_u64(o, index->nordered);
    put_u64(o, index->ndated);
    put(o, index->by_date, index->nordered * sizeof *index->by_date);
    for (int s = INDEX_SORT_TITLE; s < INDEX_SORTS; s++)
        put(o, index->orders[s], index->nordered * sizeof *index->orders[s]);
}

static void put_agreements(struct snap_out *o, const struct event_index *index)
{
    put_u64(o, index->agreement_count);
    for (size_t i = 0; i < index->agreement_count; i++) {
        const struct indexed_agreement *a = &index->agreements[i];
        struct stored_agreement s = {a->start_key, a->end_key, a->nparties, a->nsigners, a->present,
                                     a->nsources,  a->exists,  a->type,     a->status};
        put(o, &s, sizeof s);
        put(o, a->links, ((size_t)a->nparties + a->nsigners + a->nsources) * sizeof *a->links);
        /* the title with its NUL (none for a free slot) */
        put_u64(o, a->title ? strlen(a->title) + 1 : 0);
        put(o, a->title, a->title ? strlen(a->title) + 1 : 0);
    }
    put_u64(o, index->agreements_ordered);
    put(o, index->agreements_by_date,
        index->agreements_ordered * sizeof *index->agreements_by_date);
}

/* Each official's country and sources (as many as the officials dictionary's integers). */
static void put_officials(struct snap_out *o, const struct event_index *index)
{
    size_t n = index->official_facts_capacity < index->officials->count
                   ? index->official_facts_capacity
                   : index->officials->count;
    put_u64(o, n);
    for (size_t i = 0; i < n; i++) {
        const struct indexed_official *f = &index->official_facts[i];
        uint32_t fixed[2] = {f->country, f->nsources};
        put(o, fixed, sizeof fixed);
        put(o, f->sources, f->nsources * sizeof *f->sources);
    }
}

/* A scope's pairs of common words: the side of their square, whose pairs are known, the pairs
 * counted (slot and count), which pair each bitmap is for and the bitmaps. */
static void put_pairs(struct snap_out *o, const struct index_pairs *q, size_t nwords)
{
    size_t n = q->side * q->side, counted = 0;
    put_u64(o, q->side);
    put(o, q->known, q->side);
    for (size_t i = 0; i < n; i++)
        counted += q->counts[i] != 0;
    put_u64(o, counted);
    for (size_t i = 0; i < n; i++)
        if (q->counts[i]) {
            uint32_t pair[2] = {(uint32_t)i, q->counts[i]};
            put(o, pair, sizeof pair);
        }
    put_u64(o, q->nbits);
    for (size_t i = 0; i < n; i++)
        if (q->bitmap[i] != NO_ID) {
            uint32_t pair[2] = {(uint32_t)i, q->bitmap[i]};
            put(o, pair, sizeof pair);
        }
    put_align(o);
    for (size_t i = 0; i < q->nbits; i++)
        put(o, q->bits[i], nwords * sizeof *q->bits[i]);
}

/* The postings of common words: whether kept, the vocabulary and its order, the bitmaps' width,
 * then per scope the words' counts, the floor, which word each bitmap is for, the bitmaps and the
 * pairs. */
static void put_terms(struct snap_out *o, const struct index_terms *t)
{
    put_u64(o, t ? 1 : 0);
    if (!t)
        return;
    put_dict(o, t->vocab);
    put_u64(o, t->nsorted);
    put(o, t->sorted, t->nsorted * sizeof *t->sorted);
    put_u64(o, t->nwords);
    for (int k = 0; k < TERMS_SCOPES; k++) {
        const struct index_postings *p = &t->scope[k];
        put(o, p->counts, t->vocab->count * sizeof *p->counts);
        put_u64(o, p->floor);
        put_u64(o, p->ncommon);
        for (size_t i = 0; i < t->vocab->count; i++)
            if (p->common[i] != NO_ID) {
                uint32_t pair[2] = {(uint32_t)i, p->common[i]};
                put(o, pair, sizeof pair);
            }
        put_align(o);
        for (size_t i = 0; i < p->ncommon; i++)
            put(o, p->bits[i], t->nwords * sizeof *p->bits[i]);
        put_pairs(o, &p->pairs, t->nwords);
    }
}

bool index_file_write(FILE *f, const void *header, size_t header_len,
                      const struct event_index *index)
{
    struct snap_out o = {f, crc32(0L, Z_NULL, 0), 0, true};
    put(&o, header, header_len);
    const struct index_dict *dicts[] = {index->ids, index->officials, index->topics, index->words,
                                        index->agreement_ids};
    for (size_t d = 0; d < sizeof dicts / sizeof dicts[0]; d++)
        put_dict(&o, dicts[d]);
    put_events(&o, index);
    put_agreements(&o, index);
    put_officials(&o, index);
    put_u64(&o, index->nrowids);
    put(&o, index->by_rowid, index->nrowids * sizeof *index->by_rowid);
    put(&o, index->kind_by_rowid, index->nrowids);
    put_u64(&o, index->row_keys ? 1 : 0);
    if (index->row_keys) {
        put_dict(&o, index->row_keys);
        put(&o, index->row_key_rowids, index->row_keys->count * sizeof *index->row_key_rowids);
    }
    put_terms(&o, index->terms);
    uint32_t crc = (uint32_t)o.crc;
    return o.ok && fwrite(&crc, sizeof crc, 1, f) == 1;
}

/* Reading: from the file mapped privately (index_block_map). Arrays of fixed items are copied
 * into memory of their own (a write changes them in place, grows and frees them); the large blobs
 * of strings and links, and the bitmaps, are used in place, where a page costs no copy and no
 * zeroing (a write to one copies that page; index_block_grow and index_block_release know them).
 * Every count is checked against the bytes left, so that a damaged file never asks for more memory
 * than it could hold; the CRC, summed beside (sum_file), decides. */
/* Room for every range the reader lends: the dictionaries' strings, the titles, the links and
 * two bitmaps' blocks a scope. One past it would only have its pages read again when touched. */
#define MAX_LENT 16

struct snap_in {
    unsigned char *base, *at; /* the mapping, and the next byte to read */
    long long left;           /* bytes of the file not yet consumed */
    bool ok;
    struct index_block lent[MAX_LENT]; /* the ranges lent so far, whose pages stay mapped */
    size_t nlent;
};

static void get(struct snap_in *in, void *p, size_t n)
{
    if (!in->ok || (long long)n > in->left) {
        in->ok = false;
        return;
    }
    memcpy(p, in->at, n);
    in->at += n;
    in->left -= (long long)n;
}

/* The next n bytes where they lie in the mapping (NULL for none or on failure). */
static void *get_in_place(struct snap_in *in, size_t n)
{
    if (!in->ok || (long long)n > in->left) {
        in->ok = false;
        return NULL;
    }
    void *p = in->at;
    in->at += n;
    in->left -= (long long)n;
    return n ? p : NULL;
}

/* Lends b the next n bytes where they lie (none for 0 or on failure), and notes the range so
 * that its pages are kept when the rest are dropped (keep_lent). */
static void lend(struct snap_in *in, struct index_block *b, size_t n)
{
    index_block_lend(b, get_in_place(in, n), n);
    if (b->base && in->nlent < MAX_LENT)
        in->lent[in->nlent++] = *b;
}

/* put_align's zeros. */
static void skip_align(struct snap_in *in)
{
    size_t pad = (FILE_ALIGN - (size_t)(in->at - in->base) % FILE_ALIGN) % FILE_ALIGN;
    const unsigned char *zeros = get_in_place(in, pad);
    for (size_t i = 0; in->ok && i < pad; i++)
        in->ok = zeros[i] == 0;
}

/* The CRC-32 of a mapped file's first len bytes, summed on a thread of its own while the main one
 * reads the index; its reads bring in the pages the main thread reads next. */
struct file_sum {
    const unsigned char *base;
    size_t len;
    uLong crc;
    pthread_t thread;
};

static void *sum_file(void *arg)
{
    struct file_sum *sum = arg;
    sum->crc = crc32_z(crc32(0L, Z_NULL, 0), sum->base, sum->len);
    return NULL;
}

/* A count of items of size bytes each, no more than the file has left. */
static size_t get_count(struct snap_in *in, size_t size)
{
    uint64_t n = 0;
    get(in, &n, sizeof n);
    if (in->ok && n > (uint64_t)in->left / (size ? size : 1))
        in->ok = false;
    return in->ok ? (size_t)n : 0;
}

/* An array of n items of size bytes (malloc'd; NULL when n is 0 or on failure). */
static void *get_array(struct snap_in *in, size_t n, size_t size)
{
    if (!in->ok || n == 0 || n > (unsigned long long)in->left / size) {
        in->ok = in->ok && n == 0;
        return NULL;
    }
    void *p = malloc(n * size);
    if (!p)
        in->ok = false;
    index_block_hint(p, n * size);
    get(in, p, n * size);
    return p;
}

/* Sets out[i] to the next string of blob (bytes long) for each i of n whose has[i] carries bit,
 * in order; false unless the blob holds exactly those strings. */
static bool split_blob(char *blob, size_t bytes, const uint8_t *has, uint8_t bit, char **out,
                       size_t n)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(has[i] & bit))
            continue;
        const char *end = at < bytes ? memchr(blob + at, '\0', bytes - at) : NULL;
        if (!end)
            return false;
        out[i] = blob + at;
        at = (size_t)(end - blob) + 1;
    }
    return at == bytes;
}

static struct index_dict *get_dict(struct snap_in *in)
{
    struct index_dict *d = index_dict_new();
    size_t count = get_count(in, 1);
    const uint8_t *has = get_in_place(in, count);
    /* Zero until set below (index_dict.h: grown by the kernel, not copied, at the next key). */
    char **keys = count ? index_array_grow(NULL, 0, count * sizeof *keys) : NULL;
    char **names = count ? index_array_grow(NULL, 0, count * sizeof *names) : NULL;
    bool arrays = !count || (keys && names);
    if (!d || !arrays)
        in->ok = false;
    struct index_block block = {0};
    size_t key_bytes = get_count(in, 1), name_bytes = get_count(in, 1);
    in->ok = in->ok && key_bytes + name_bytes <= (uint64_t)in->left;
    /* the names follow the keys */
    lend(in, &block, key_bytes + name_bytes);
    in->ok = in->ok && split_blob(block.base, key_bytes, has, 1, keys, count) &&
             split_blob((char *)block.base + key_bytes, name_bytes, has, 2, names, count);
    size_t nfree = get_count(in, sizeof(uint32_t));
    uint32_t *free_ids = get_array(in, nfree, sizeof *free_ids);
    for (size_t i = 0; in->ok && i < nfree; i++)
        in->ok = free_ids[i] < count && !keys[free_ids[i]];
    size_t nslots = get_count(in, sizeof(uint32_t));
    uint32_t *slots = get_array(in, nslots, sizeof *slots);
    if (!d || !arrays) {
        index_block_free(&block);
        index_array_free(keys, count * sizeof *keys);
        index_array_free(names, count * sizeof *names);
        free(free_ids);
        free(slots);
        index_dict_free(d); /* still empty */
        return NULL;
    }
    if (!index_dict_adopt(d, keys, names, count, free_ids, nfree, slots, nslots, block))
        in->ok = false;
    return d;
}

static void get_events(struct snap_in *in, struct event_index *index)
{
    size_t count = get_count(in, sizeof(struct stored_event));
    /* Every slot is set below: the mapping's pages are zero until then, never cleared twice. */
    index->events = count ? index_events_grow(NULL, 0, count) : NULL;
    index->capacity = index->events ? count : 0; /* the mapping's size, for its free */
    index->locations = count ? malloc(count * sizeof *index->locations) : NULL;
    if (count && (!index->events || !index->locations))
        in->ok = false;
    index->count = in->ok ? count : 0;
    uint64_t links = 0;
    for (size_t i = 0; in->ok && i < index->count; i++) {
        struct indexed_event *e = &index->events[i];
        struct stored_event s = {0};
        get(in, &s, sizeof s);
        index->locations[i] = s.location;
        *e = (struct indexed_event){.present = s.present != 0,
                                    .year = s.year,
                                    .host = s.host,
                                    .start_key = s.start_key,
                                    .end_key = s.end_key,
                                    .type = s.type,
                                    .status = s.status,
                                    .ncountries = s.counts[0],
                                    .ntopics = s.counts[1],
                                    .nofficials = s.counts[2],
                                    .nagreements = s.counts[3],
                                    .nsources = s.counts[4]};
        links += link_count(e);
    }
    size_t title_bytes = get_count(in, 1);
    lend(in, &index->title_block, title_bytes);
    char *titles = index->title_block.base;
    size_t at = 0;
    for (size_t i = 0; in->ok && i < index->count; i++) {
        struct indexed_event *e = &index->events[i];
        const char *end =
            e->present && at < title_bytes ? memchr(titles + at, '\0', title_bytes - at) : NULL;
        if (e->present) {
            in->ok = end != NULL;
            e->title = titles + at;
            at = in->ok ? (size_t)(end - titles) + 1 : at;
        }
    }
    in->ok = in->ok && at == title_bytes;
    in->ok = in->ok && get_count(in, sizeof(uint32_t)) == links;
    skip_align(in);
    lend(in, &index->link_block, links * sizeof(uint32_t));
    uint32_t *link = index->link_block.base;
    for (size_t i = 0; in->ok && i < index->count; i++) {
        uint32_t n = link_count(&index->events[i]);
        index->events[i].links = n ? link : NULL;
        link += n;
    }
    int32_t span = 0;
    uint32_t follow = 1;
    get(in, &span, sizeof span);
    get(in, &follow, sizeof follow);
    index->max_span = span;
    index->ends_follow_starts = follow != 0;
    size_t nordered = get_count(in, 3 * sizeof(uint32_t));
    size_t ndated = get_count(in, 0);
    index->by_date = get_array(in, nordered, sizeof *index->by_date);
    for (int s = INDEX_SORT_TITLE; s < INDEX_SORTS; s++)
        index->orders[s] = get_array(in, nordered, sizeof *index->orders[s]);
    in->ok = in->ok && ndated <= nordered;
    index->nordered = in->ok ? nordered : 0;
    index->ndated = in->ok ? ndated : 0;
    /* The orders are walked without checks: every slot in them must be an event's. */
    for (size_t i = 0; in->ok && i < nordered; i++)
        in->ok = index->by_date[i] < count && index->orders[INDEX_SORT_TITLE][i] < count &&
                 index->orders[INDEX_SORT_TYPE][i] < count;
}

static void get_agreements(struct snap_in *in, struct event_index *index)
{
    size_t count = get_count(in, sizeof(struct stored_agreement));
    index->agreements = count ? calloc(count, sizeof *index->agreements) : NULL;
    if (count && !index->agreements)
        in->ok = false;
    index->agreement_count = index->agreement_capacity = in->ok ? count : 0;
    for (size_t i = 0; in->ok && i < count; i++) {
        struct indexed_agreement *a = &index->agreements[i];
        struct stored_agreement s = {0};
        get(in, &s, sizeof s);
        *a = (struct indexed_agreement){.present = s.present != 0,
                                        .start_key = s.start_key,
                                        .end_key = s.end_key,
                                        .nparties = s.nparties,
                                        .nsigners = s.nsigners,
                                        .nsources = s.nsources,
                                        .exists = s.exists != 0,
                                        .type = s.type,
                                        .status = s.status};
        a->links = get_array(in, (size_t)a->nparties + a->nsigners + a->nsources, sizeof *a->links);
        size_t title = get_count(in, 1);
        a->title = get_array(in, title, 1);
        in->ok = in->ok && (title == 0 || a->title[title - 1] == '\0') && (!a->exists || title);
    }
    size_t ordered = get_count(in, sizeof(uint32_t));
    index->agreements_by_date = get_array(in, ordered, sizeof *index->agreements_by_date);
    index->agreements_ordered = in->ok ? ordered : 0;
    for (size_t i = 0; in->ok && i < ordered; i++)
        in->ok = index->agreements_by_date[i] < count;
}

static void get_officials(struct snap_in *in, struct event_index *index)
{
    size_t n = get_count(in, 2 * sizeof(uint32_t));
    in->ok = in->ok && index->officials && n <= index->officials->count;
    index->official_facts = in->ok && n ? calloc(n, sizeof *index->official_facts) : NULL;
    in->ok = in->ok && (!n || index->official_facts);
    index->official_facts_capacity = in->ok ? n : 0;
    for (size_t i = 0; in->ok && i < n; i++) {
        struct indexed_official *f = &index->official_facts[i];
        uint32_t fixed[2] = {0, 0};
        get(in, fixed, sizeof fixed);
        f->country = fixed[0];
        f->nsources = in->ok ? fixed[1] : 0;
        f->sources = get_array(in, f->nsources, sizeof *f->sources);
    }
}

/* The rowids of the rows of records that are not events, by "kind:id". */
static void get_row_keys(struct snap_in *in, struct event_index *index)
{
    uint64_t kept = 0;
    get(in, &kept, sizeof kept);
    if (!in->ok || !kept)
        return;
    index->row_keys = get_dict(in);
    size_t count = in->ok && index->row_keys ? index->row_keys->count : 0;
    index->row_key_rowids = get_array(in, count, sizeof *index->row_key_rowids);
    index->row_key_capacity = index->row_key_rowids ? count : 0;
    in->ok = in->ok && index->row_keys && (count == 0 || index->row_key_rowids);
}

/* n bitmaps of nwords words each, where they lie in the file one after the other: bits[i] set
 * for each, and lent the block they make (NULL bitmaps when nwords is 0). */
static void get_bitmaps(struct snap_in *in, uint64_t **bits, size_t n, size_t nwords,
                        struct index_block *lent)
{
    skip_align(in);
    size_t bytes = n * nwords * sizeof **bits; /* bounded by the caller against the bytes left */
    lend(in, lent, bytes);
    uint64_t *first = lent->base;
    for (size_t i = 0; in->ok && bits && i < n; i++)
        bits[i] = nwords ? first + i * nwords : NULL;
}

/* put_pairs' pairs into q. */
static void get_pairs(struct snap_in *in, struct index_pairs *q, size_t nwords)
{
    uint64_t side = 0;
    get(in, &side, sizeof side);
    /* a square the size of the commonest words' (event_index_terms.c's bound) or none */
    in->ok = in->ok && side <= 4096 && (side == 0 || index_pairs_start(q, (size_t)side, 0));
    if (!in->ok || side == 0)
        return;
    size_t n = (size_t)side * (size_t)side;
    get(in, q->known, (size_t)side);
    size_t counted = get_count(in, 2 * sizeof(uint32_t));
    for (size_t i = 0; in->ok && i < counted; i++) {
        uint32_t pair[2] = {0, 0};
        get(in, pair, sizeof pair);
        in->ok = in->ok && pair[0] < n;
        if (in->ok)
            q->counts[pair[0]] = pair[1];
    }
    size_t nbits = get_count(in, 2 * sizeof(uint32_t));
    in->ok = in->ok && (nbits == 0 || nwords <= (uint64_t)in->left / 8 / nbits);
    q->bits = in->ok ? calloc(nbits + 1, sizeof *q->bits) : NULL;
    in->ok = in->ok && q->bits;
    for (size_t i = 0; in->ok && i < nbits; i++) {
        uint32_t pair[2] = {0, 0};
        get(in, pair, sizeof pair);
        in->ok = in->ok && pair[0] < n && pair[1] < nbits && q->bitmap[pair[0]] == NO_ID;
        if (in->ok)
            q->bitmap[pair[0]] = pair[1];
    }
    get_bitmaps(in, q->bits, nbits, nwords, &q->lent);
    q->nbits = in->ok ? nbits : 0;
}

/* One scope's postings (count words, bitmaps nwords wide). */
static void get_postings(struct snap_in *in, struct index_postings *p, size_t count, size_t nwords)
{
    p->counts = get_array(in, count, sizeof *p->counts);
    p->stamps = calloc(count + 1, sizeof *p->stamps);
    p->common = malloc((count + 1) * sizeof *p->common);
    in->ok = in->ok && p->stamps && p->common && (count == 0 || p->counts);
    for (size_t i = 0; in->ok && i < count; i++)
        p->common[i] = NO_ID;
    uint64_t floor = 0;
    get(in, &floor, sizeof floor);
    p->floor = floor < UINT32_MAX ? (uint32_t)floor : UINT32_MAX;
    size_t ncommon = get_count(in, 2 * sizeof(uint32_t));
    for (size_t i = 0; in->ok && p->common && i < ncommon; i++) {
        uint32_t pair[2] = {0, 0};
        get(in, pair, sizeof pair);
        in->ok = in->ok && pair[0] < count && pair[1] < ncommon && p->common[pair[0]] == NO_ID;
        if (in->ok)
            p->common[pair[0]] = pair[1];
    }
    in->ok = in->ok && (ncommon == 0 || nwords <= (uint64_t)in->left / 8 / ncommon);
    p->bits = in->ok ? calloc(ncommon + 1, sizeof *p->bits) : NULL;
    in->ok = in->ok && p->bits;
    get_bitmaps(in, p->bits, in->ok ? ncommon : 0, nwords, &p->lent);
    p->ncommon = in->ok ? ncommon : 0;
    get_pairs(in, &p->pairs, nwords);
}

/* put_terms' postings into index->terms (left NULL when none were kept). */
static void get_terms(struct snap_in *in, struct event_index *index)
{
    uint64_t kept = 0;
    get(in, &kept, sizeof kept);
    if (!in->ok || !kept)
        return;
    struct index_terms *t = index->terms = calloc(1, sizeof *t);
    if (!t) {
        in->ok = false;
        return;
    }
    t->vocab = get_dict(in);
    size_t count = in->ok && t->vocab ? t->vocab->count : 0;
    t->capacity = count;
    size_t nsorted = get_count(in, sizeof(uint32_t));
    t->sorted = get_array(in, nsorted, sizeof *t->sorted);
    in->ok = in->ok && nsorted <= count;
    t->nsorted = in->ok ? nsorted : 0;
    for (size_t i = 0; in->ok && i < nsorted; i++)
        in->ok = t->sorted[i] < count;
    uint64_t nwords = 0; /* the bitmaps' width: with no bitmap, no bytes follow */
    get(in, &nwords, sizeof nwords);
    in->ok = in->ok && nwords <= (uint64_t)in->left;
    for (int k = 0; in->ok && k < TERMS_SCOPES; k++)
        get_postings(in, &t->scope[k], count, (size_t)nwords);
    t->nwords = in->ok ? (size_t)nwords : 0;
}

/* Drops the file's pages but those of the blobs the index uses in place (the dictionaries' strings,
 * the events' titles and links, the bitmaps of common words and pairs). */
bool index_file_read(const struct index_block *file, size_t header_len, struct event_index *index)
{
    if (file->len < header_len + sizeof(uint32_t))
        return false;
    struct snap_in in_file = {.base = file->base,
                              .at = file->base,
                              .left = (long long)file->len,
                              .ok = true},
                   *in = &in_file;
    struct file_sum sum = {file->base, file->len - sizeof(uint32_t), 0, 0};
    bool summing = pthread_create(&sum.thread, NULL, sum_file, &sum) == 0;
    get_in_place(in, header_len); /* the caller's, checked already */
    struct index_dict **dicts[] = {&index->ids, &index->officials, &index->topics, &index->words,
                                   &index->agreement_ids};
    for (size_t d = 0; d < sizeof dicts / sizeof dicts[0]; d++)
        *dicts[d] = get_dict(in);
    get_events(in, index);
    get_agreements(in, index);
    get_officials(in, index);
    size_t nrowids = get_count(in, sizeof(uint32_t) + 1);
    index->by_rowid = get_array(in, nrowids, sizeof *index->by_rowid);
    index->kind_by_rowid = get_array(in, nrowids, 1);
    index->nrowids = in->ok ? nrowids : 0;
    get_row_keys(in, index);
    get_terms(in, index);
    uint32_t crc = 0;
    get(in, &crc, sizeof crc);
    bool ok = in->ok && in->left == 0;
    if (summing)
        pthread_join(sum.thread, NULL);
    else
        sum_file(&sum);
    ok = ok && crc == (uint32_t)sum.crc;
    if (ok)
        index_block_keep_lent(file, in->lent, in->nlent);
    return ok;
}
