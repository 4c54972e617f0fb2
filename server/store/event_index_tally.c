/* Stats without a pass: the facet counts of every event, kept per group of events sharing the year
 * of their date and the years their date interval starts and ends in. /v1/stats with no filter, or
 * with only whole-year from/to bounds, is then a sum over a few dozen groups instead of a pass over
 * every event; each commit moves only the events it changed (taken out before they are re-read,
 * put back after). Exact, or switched off (then stats take the pass) when memory runs out. */
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"

struct tally_group {
    int32_t year, first, last; /* of the date; the years its interval starts and ends (-1) */
    long long total;
    long long countries[INDEX_COUNTRY_CODES];
    long long *types, *topics, *officials; /* by interned id; grown as the dictionaries grow */
    size_t ntypes, ntopics, nofficials;
};

struct index_tallies {
    struct tally_group *groups;
    size_t count, capacity;
    bool broken; /* out of memory once: stats take the pass until the next load */
};

static bool grow(long long **counts, size_t *n, uint32_t id)
{
    if (id < *n)
        return true;
    size_t want = *n ? *n : 16;
    while (want <= id)
        want *= 2;
    long long *grown = realloc(*counts, want * sizeof *grown);
    if (!grown)
        return false;
    memset(grown + *n, 0, (want - *n) * sizeof *grown);
    *counts = grown;
    *n = want;
    return true;
}

static struct tally_group *group_of(struct index_tallies *t, const struct indexed_event *e)
{
    int32_t first = e->start_key < 0 ? -1 : e->start_key / 10000;
    int32_t last = e->end_key < 0 ? -1 : e->end_key / 10000;
    for (size_t i = 0; i < t->count; i++) {
        struct tally_group *g = &t->groups[i];
        if (g->year == e->year && g->first == first && g->last == last)
            return g;
    }
    if (t->count == t->capacity) {
        size_t capacity = t->capacity ? t->capacity * 2 : 32;
        struct tally_group *grown = realloc(t->groups, capacity * sizeof *grown);
        if (!grown)
            return NULL;
        t->groups = grown;
        t->capacity = capacity;
    }
    struct tally_group *g = &t->groups[t->count++];
    memset(g, 0, sizeof *g);
    g->year = e->year;
    g->first = first;
    g->last = last;
    return g;
}

void index_tally_event(struct event_index *index, uint32_t slot, int sign)
{
    struct index_tallies *t = index->tallies;
    const struct indexed_event *e = &index->events[slot];
    if (!t || t->broken || !e->present)
        return;
    struct tally_group *g = group_of(t, e);
    const uint32_t *links = e->links;
    uint32_t topics = e->ncountries, officials = topics + e->ntopics;
    bool ok = g && grow(&g->types, &g->ntypes, e->type);
    for (uint32_t k = 0; ok && k < e->ntopics; k++)
        ok = grow(&g->topics, &g->ntopics, links[topics + k]);
    for (uint32_t k = 0; ok && k < e->nofficials; k++)
        ok = grow(&g->officials, &g->nofficials, links[officials + k]);
    if (!ok) {
        t->broken = true;
        return;
    }
    g->total += sign;
    g->types[e->type] += sign;
    for (uint32_t k = 0; k < e->ncountries; k++)
        g->countries[links[k]] += sign;
    for (uint32_t k = 0; k < e->ntopics; k++)
        g->topics[links[topics + k]] += sign;
    for (uint32_t k = 0; k < e->nofficials; k++)
        g->officials[links[officials + k]] += sign;
}

void index_tally_build(struct event_index *index)
{
    index_tally_free(index);
    index->tallies = calloc(1, sizeof *index->tallies);
    for (size_t i = 0; index->tallies && i < index->count; i++)
        index_tally_event(index, (uint32_t)i, +1);
}

void index_tally_free(struct event_index *index)
{
    struct index_tallies *t = index->tallies;
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++) {
        free(t->groups[i].types);
        free(t->groups[i].topics);
        free(t->groups[i].officials);
    }
    free(t->groups);
    free(t);
    index->tallies = NULL;
}

/* The whole years a "YYYY-MM-DD" bound covers: first-day bounds from January 1, last-day ones to
 * December 31; -2 for any other day (a pass is needed). */
static int32_t whole_year(const char *bound, const char *month_day)
{
    if (!bound)
        return -1;
    if (strlen(bound) != 10 || strcmp(bound + 4, month_day) != 0)
        return -2;
    return (int32_t)strtol(bound, NULL, 10);
}

bool index_tally_sum(struct event_index *index, const struct event_filter *f,
                     struct index_counts *out)
{
    struct index_tallies *t = index->tallies;
    if (!t || t->broken || f->country || f->type || f->status || f->topic || f->official ||
        f->agreement || f->source || f->search || f->location)
        return false;
    int32_t from = whole_year(f->from, "-01-01"), to = whole_year(f->to, "-12-31");
    if (from == -2 || to == -2)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        const struct tally_group *g = &t->groups[i];
        bool dated = g->first >= 0;
        if ((f->from && (!dated || g->last < from)) || (f->to && (!dated || g->first > to)))
            continue;
        out->total += g->total;
        out->years[g->year >= 0 ? (size_t)g->year : 10000] += g->total;
        for (size_t k = 0; k < g->ntypes && k < out->ntypes; k++)
            out->types[k] += g->types[k];
        for (size_t k = 0; k < g->ntopics && k < out->ntopics; k++)
            out->topics[k] += g->topics[k];
        for (size_t k = 0; k < INDEX_COUNTRY_CODES; k++)
            out->countries[k] += g->countries[k];
        for (size_t k = 0; k < g->nofficials && k < out->nofficials; k++)
            out->officials[k] += g->officials[k];
    }
    return true;
}
