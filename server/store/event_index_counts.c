/* How many events each value of a list filter selects (country, type, status, topic, official,
 * agreement, source), kept beside the index like the stats' tallies: built at load, an event taken
 * out before a commit's re-read and put back after. A list with one such filter then knows its
 * total without a pass and stops walking its order once the page is full. Exact, or switched off
 * (the pass counts) when memory runs out. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"

enum counted { BY_COUNTRY, BY_TYPE, BY_STATUS, BY_TOPIC, BY_OFFICIAL, BY_AGREEMENT, BY_SOURCE, BY };

struct index_value_counts {
    long long *by[BY]; /* by country code or interned id, grown as the dictionaries grow */
    size_t n[BY];
    bool broken;
};

static bool add(struct index_value_counts *c, enum counted field, uint32_t id, int sign)
{
    if (id == NO_ID)
        return true;
    if (id >= c->n[field]) {
        size_t want = c->n[field] ? c->n[field] : 64;
        while (want <= id)
            want *= 2;
        long long *grown = realloc(c->by[field], want * sizeof *grown);
        if (!grown)
            return false;
        memset(grown + c->n[field], 0, (want - c->n[field]) * sizeof *grown);
        c->by[field] = grown;
        c->n[field] = want;
    }
    c->by[field][id] += sign;
    return true;
}

void index_counts_event(struct event_index *index, uint32_t slot, int sign)
{
    struct index_value_counts *c = index->value_counts;
    const struct indexed_event *e = &index->events[slot];
    if (!c || c->broken || !e->present)
        return;
    const uint32_t *links = e->links;
    uint32_t topics = e->ncountries, officials = topics + e->ntopics,
             agreements = officials + e->nofficials, sources = agreements + e->nagreements;
    /* The host country counts once, also when listed among the countries (as the filter sees). */
    bool ok = index_has_link(links, 0, e->ncountries, e->host) || add(c, BY_COUNTRY, e->host, sign);
    ok = ok && add(c, BY_TYPE, e->type, sign) && add(c, BY_STATUS, e->status, sign);
    for (uint32_t k = 0; ok && k < e->ncountries; k++)
        ok = add(c, BY_COUNTRY, links[k], sign);
    for (uint32_t k = 0; ok && k < e->ntopics; k++)
        ok = add(c, BY_TOPIC, links[topics + k], sign);
    for (uint32_t k = 0; ok && k < e->nofficials; k++)
        ok = add(c, BY_OFFICIAL, links[officials + k], sign);
    for (uint32_t k = 0; ok && k < e->nagreements; k++)
        ok = add(c, BY_AGREEMENT, links[agreements + k], sign);
    for (uint32_t k = 0; ok && k < e->nsources; k++)
        ok = add(c, BY_SOURCE, links[sources + k], sign);
    if (!ok)
        c->broken = true;
}

void index_counts_build(struct event_index *index)
{
    index_counts_free(index);
    index->value_counts = calloc(1, sizeof *index->value_counts);
    for (size_t i = 0; index->value_counts && i < index->count; i++)
        index_counts_event(index, (uint32_t)i, +1);
}

void index_counts_free(struct event_index *index)
{
    struct index_value_counts *c = index->value_counts;
    if (!c)
        return;
    for (int k = 0; k < BY; k++)
        free(c->by[k]);
    free(c);
    index->value_counts = NULL;
}

bool index_counts_total(struct event_index *index, const struct event_filter *f, long long *total)
{
    struct index_value_counts *c = index->value_counts;
    const char *values[BY] = {f->country,  f->type,      f->status, f->topic,
                              f->official, f->agreement, f->source};
    int given = 0, field = -1;
    for (int k = 0; k < BY; k++)
        if (values[k]) {
            given++;
            field = k;
        }
    if (!c || c->broken || given != 1 || f->from || f->to || f->search)
        return false;
    const char *v = values[field];
    uint32_t id = field == BY_COUNTRY    ? index_country_code(v)
                  : field == BY_TOPIC    ? index_dict_find(index->topics, v)
                  : field == BY_OFFICIAL ? index_dict_find(index->officials, v)
                                         : index_dict_find(index->words, v);
    *total = id != NO_ID && id < c->n[field] ? c->by[field][id] : 0;
    return true;
}
