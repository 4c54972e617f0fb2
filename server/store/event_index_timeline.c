/* The timeline's half of the in-memory index: every agreement's facts and relations (the dated
 * in date order), and /v1/timeline pages merged from them and the dated events; see
 * include/jvdr/store/event_index.h. /v1/agreements' own orders are event_index_agreements.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"
#include "jvdr/store/db.h"

/* The slot of agreement id, made (absent) when new; NULL when out of memory. */
static struct indexed_agreement *agreement_slot(struct event_index *index, const char *id)
{
    uint32_t i = index_dict_intern(index->agreement_ids, id);
    if (i == NO_ID)
        return NULL;
    if (i >= index->agreement_capacity) {
        size_t capacity = index->agreement_capacity ? index->agreement_capacity * 2 : 256;
        while (capacity <= i)
            capacity *= 2;
        struct indexed_agreement *grown = realloc(index->agreements, capacity * sizeof *grown);
        if (!grown)
            return NULL;
        memset(grown + index->agreement_capacity, 0,
               (capacity - index->agreement_capacity) * sizeof *grown);
        index->agreements = grown;
        index->agreement_capacity = capacity;
    }
    if (i >= index->agreement_count)
        index->agreement_count = i + 1;
    return &index->agreements[i];
}

static void set_agreement_dates(struct indexed_agreement *a, const char *start, const char *end)
{
    a->present = start != NULL;
    a->start_key = index_date_key(start);
    a->end_key = index_date_key(end);
}

/* Timeline order between two agreements: dates, then id (their kind is the same). */
static int agreement_order(const struct event_index *index, uint32_t a, uint32_t b)
{
    const struct indexed_agreement *x = &index->agreements[a], *y = &index->agreements[b];
    if (x->start_key != y->start_key)
        return x->start_key < y->start_key ? -1 : 1;
    if (x->end_key != y->end_key)
        return x->end_key < y->end_key ? -1 : 1;
    return strcmp(index->agreement_ids->keys[a], index->agreement_ids->keys[b]);
}

/* Moves agreement slot to its place in agreements_by_date (or drops it when undated/absent). */
static bool agreement_reorder(struct event_index *index, uint32_t slot)
{
    for (size_t i = 0; i < index->agreements_ordered; i++)
        if (index->agreements_by_date[i] == slot) {
            memmove(index->agreements_by_date + i, index->agreements_by_date + i + 1,
                    (index->agreements_ordered - i - 1) * sizeof *index->agreements_by_date);
            index->agreements_ordered--;
            break;
        }
    if (!index->agreements[slot].present)
        return true;
    uint32_t *grown =
        realloc(index->agreements_by_date, (index->agreements_ordered + 1) * sizeof *grown);
    if (!grown)
        return false;
    index->agreements_by_date = grown;
    size_t low = 0, high = index->agreements_ordered;
    while (low < high) {
        size_t mid = (low + high) / 2;
        if (agreement_order(index, index->agreements_by_date[mid], slot) < 0)
            low = mid + 1;
        else
            high = mid;
    }
    memmove(index->agreements_by_date + low + 1, index->agreements_by_date + low,
            (index->agreements_ordered - low) * sizeof *index->agreements_by_date);
    index->agreements_by_date[low] = slot;
    index->agreements_ordered++;
    return true;
}

/* An agreement's own columns from row (date_start, date_end, type, status, title from first on),
 * or none (absent) when row is NULL. */
static bool set_agreement_facts(struct event_index *index, struct indexed_agreement *a,
                                struct stmt *row, int first)
{
    free(a->title);
    a->title = NULL;
    a->exists = row != NULL;
    set_agreement_dates(a, row ? stmt_text(row, first) : NULL,
                        row ? stmt_text(row, first + 1) : NULL);
    if (!row)
        return true;
    const char *title = stmt_text(row, first + 4);
    a->type = index_dict_intern(index->words, stmt_text(row, first + 2));
    a->status = index_dict_intern(index->words, stmt_text(row, first + 3));
    a->title = strdup(title ? title : "");
    return a->type != NO_ID && a->status != NO_ID && a->title;
}

/* An agreement's relations, in links order: parties, signatories, sources (one row a source,
 * however many spans). */
#define AGREEMENT_RELATIONS 3
static uint32_t *agreement_relation_count(struct indexed_agreement *a, int r)
{
    return r == 0 ? &a->nparties : r == 1 ? &a->nsigners : &a->nsources;
}

static uint32_t agreement_relation_value(struct event_index *index, int r, const char *text)
{
    return index_dict_intern(r == 1 ? index->officials : index->words, text);
}

/* Re-reads one agreement's facts and relations. The lock is held. */
static bool reread_agreement(struct event_index *index, struct db *db, const char *id)
{
    struct indexed_agreement *a = agreement_slot(index, id);
    if (!a)
        return false;
    struct stmt *stmt = db_stmt(
        db, "SELECT date_start, date_end, type, status, title FROM agreements WHERE id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    bool ok = set_agreement_facts(index, a, stmt_step(stmt) == DB_ROW ? stmt : NULL, 0);
    db_stmt_done(stmt);
    static const char *const sql[AGREEMENT_RELATIONS] = {
        "SELECT party FROM agreement_parties WHERE agreement_id = ?",
        "SELECT official_id FROM agreement_signatories WHERE agreement_id = ?",
        "SELECT DISTINCT source_id FROM agreement_sources WHERE agreement_id = ?"};
    uint32_t *found[AGREEMENT_RELATIONS] = {NULL};
    size_t n[AGREEMENT_RELATIONS] = {0}, total = 0;
    for (int r = 0; ok && r < AGREEMENT_RELATIONS; r++) {
        stmt = db_stmt(db, sql[r]);
        ok = stmt != NULL;
        if (ok)
            stmt_bind_text(stmt, 1, id);
        while (ok && stmt_step(stmt) == DB_ROW) {
            uint32_t v = agreement_relation_value(index, r, stmt_text(stmt, 0));
            uint32_t *grown = realloc(found[r], (n[r] + 1) * sizeof *grown);
            ok = v != NO_ID && grown;
            if (grown)
                found[r] = grown;
            if (ok)
                found[r][n[r]++] = v;
        }
        db_stmt_done(stmt);
        total += n[r];
    }
    uint32_t *links = ok && total ? malloc(total * sizeof *links) : NULL;
    ok = ok && (links || !total);
    if (ok) {
        size_t at = 0;
        for (int r = 0; r < AGREEMENT_RELATIONS; r++) {
            if (n[r])
                memcpy(links + at, found[r], n[r] * sizeof *links);
            at += n[r];
            *agreement_relation_count(a, r) = (uint32_t)n[r];
        }
        free(a->links);
        a->links = links;
    }
    for (int r = 0; r < AGREEMENT_RELATIONS; r++)
        free(found[r]);
    return ok;
}

/* Every agreement, without its order (see index_load_agreements), in the read transaction load()
 * holds. */
static bool read_agreements(struct event_index *index, struct db *db)
{
    index->agreement_ids = index_dict_new();
    if (!index->agreement_ids)
        return false;
    struct stmt *stmt =
        db_stmt(db, "SELECT id, date_start, date_end, type, status, title FROM agreements");
    bool ok = stmt != NULL;
    while (ok && stmt_step(stmt) == DB_ROW) {
        struct indexed_agreement *a = agreement_slot(index, stmt_text(stmt, 0));
        ok = a != NULL && set_agreement_facts(index, a, stmt, 1);
    }
    db_stmt_done(stmt);
    /* Relations one agreement at a time would be as many queries as agreements; read them whole,
     * twice (count, then fill), since agreements are few beside events. */
    static const char *const sql[AGREEMENT_RELATIONS] = {
        "SELECT agreement_id, party FROM agreement_parties",
        "SELECT agreement_id, official_id FROM agreement_signatories",
        "SELECT DISTINCT agreement_id, source_id FROM agreement_sources"};
    for (int pass = 0; ok && pass < 2; pass++) {
        for (size_t i = 0; pass == 1 && ok && i < index->agreement_count; i++) {
            struct indexed_agreement *a = &index->agreements[i];
            size_t total = (size_t)a->nparties + a->nsigners + a->nsources;
            a->links = total ? malloc(total * sizeof *a->links) : NULL;
            ok = !total || a->links;
            a->nparties = a->nsigners = a->nsources = 0;
        }
        for (int r = 0; ok && r < AGREEMENT_RELATIONS; r++) {
            stmt = db_stmt(db, sql[r]);
            ok = stmt != NULL;
            while (ok && stmt_step(stmt) == DB_ROW) {
                uint32_t slot = index_dict_find(index->agreement_ids, stmt_text(stmt, 0));
                if (slot == NO_ID)
                    continue;
                struct indexed_agreement *a = &index->agreements[slot];
                uint32_t *count = agreement_relation_count(a, r);
                if (pass == 0) {
                    ++*count;
                    continue;
                }
                uint32_t v = agreement_relation_value(index, r, stmt_text(stmt, 1));
                ok = v != NO_ID;
                /* the relations are read in links order: the earlier ones are all in */
                uint32_t before = r == 0 ? 0 : r == 1 ? a->nparties : a->nparties + a->nsigners;
                if (ok)
                    a->links[before + (*count)++] = v;
            }
            db_stmt_done(stmt);
        }
    }
    return ok;
}

struct agreement_row {
    int32_t start, end;
    const char *id;
    uint32_t slot;
};

static int by_agreement_row(const void *a, const void *b)
{
    const struct agreement_row *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return strcmp(x->id, y->id);
}

static bool build_agreement_order(struct event_index *index)
{
    struct agreement_row *rows = malloc((index->agreement_count + 1) * sizeof *rows);
    uint32_t *order = malloc((index->agreement_count + 1) * sizeof *order);
    if (!rows || !order) {
        free(rows);
        free(order);
        return false;
    }
    size_t n = 0;
    for (size_t i = 0; i < index->agreement_count; i++) {
        const struct indexed_agreement *a = &index->agreements[i];
        if (a->present)
            rows[n++] = (struct agreement_row){a->start_key, a->end_key,
                                               index->agreement_ids->keys[i], (uint32_t)i};
    }
    qsort(rows, n, sizeof *rows, by_agreement_row);
    for (size_t i = 0; i < n; i++)
        order[i] = rows[i].slot;
    free(rows);
    free(index->agreements_by_date);
    index->agreements_by_date = order;
    index->agreements_ordered = n;
    return true;
}

/* ---- The timeline -----------------------------------------------------------------------------
 */

/* f's values as interned ids, NO_ID when unknown (matching nothing), and its dates as keys. */
struct timeline_wanted {
    uint32_t country_code, party, official, topic;
    int32_t from, to;
};

static bool agreement_on_timeline(const struct indexed_agreement *a,
                                  const struct timeline_filter *f, const struct timeline_wanted *w)
{
    if (!a->present || f->topic || (f->kind && strcmp(f->kind, "agreement") != 0))
        return false;
    if (f->from && a->end_key < w->from)
        return false;
    if (f->to && a->start_key > w->to)
        return false;
    if (f->country && !index_has_link(a->links, 0, a->nparties, w->party))
        return false;
    if (f->official && !index_has_link(a->links, a->nparties, a->nsigners, w->official))
        return false;
    return true;
}

/* Timeline order of event slot e against agreement slot a: dates, then kind ("agreement" before
 * "event"), so an event never ties with an agreement. */
static int event_before_agreement(const struct event_index *index, uint32_t e, uint32_t a)
{
    const struct indexed_event *x = &index->events[e];
    const struct indexed_agreement *y = &index->agreements[a];
    if (x->start_key != y->start_key)
        return x->start_key < y->start_key;
    if (x->end_key != y->end_key)
        return x->end_key < y->end_key;
    return 0;
}

/* The agreements f selects, in date order: slots into *out, *n of them; malloc'd, or, when f
 * narrows nothing of theirs (*borrowed), the index's own date order, which holds exactly the
 * agreements on the timeline (an unfiltered timeline after each write: no copy of them all). */
static bool select_agreements(const struct event_index *index, const struct timeline_filter *f,
                              const struct timeline_wanted *w, const uint8_t *search,
                              uint32_t **out, size_t *n, bool *borrowed)
{
    *n = 0;
    *borrowed = !f->from && !f->to && !f->country && !f->official && !f->topic && !search &&
                (!f->kind || strcmp(f->kind, "agreement") == 0);
    if (*borrowed) {
        *out = index->agreements_by_date;
        *n = index->agreements_ordered;
        return true;
    }
    *out = malloc((index->agreements_ordered + 1) * sizeof **out);
    if (!*out)
        return false;
    for (size_t i = 0; i < index->agreements_ordered; i++) {
        uint32_t slot = index->agreements_by_date[i];
        if (agreement_on_timeline(&index->agreements[slot], f, w) && index_allowed(search, slot))
            (*out)[(*n)++] = slot;
    }
    return true;
}

/* How many of agreements[0..n) come before the event at position pos of by_date. */
static size_t agreements_before(const struct event_index *index, const uint32_t *agreements,
                                size_t n, size_t pos)
{
    size_t low = 0, high = n;
    while (low < high) {
        size_t mid = (low + high) / 2;
        if (!event_before_agreement(index, index->by_date[pos], agreements[mid]))
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* Where a walk of every selected event (none filtered out: positions lo..hi all in) and the
 * agreements may start to reach item skip of their merge at once: the last event position whose
 * merged place is at most skip, and how many agreements come before it. */
static void skip_ahead(const struct event_index *index, const struct index_selection *sel,
                       const uint32_t *agreements, size_t na, unsigned long long skip, size_t *ie,
                       size_t *ia)
{
    size_t low = sel->lo, high = sel->hi; /* the first position placed after skip */
    while (low < high) {
        size_t mid = (low + high) / 2;
        if ((mid - sel->lo) + agreements_before(index, agreements, na, mid) <= skip)
            low = mid + 1;
        else
            high = mid;
    }
    size_t pos = low > sel->lo ? low - 1 : sel->lo;
    *ie = pos - sel->lo;
    *ia = pos < sel->hi ? agreements_before(index, agreements, na, pos) : na;
    if (*ie + *ia > skip) { /* even the first event comes after skip: start at the beginning */
        *ie = 0;
        *ia = 0;
    }
}

/* Items first .. first + limit of the ascending merge of sel's events and the agreements, or of
 * the descending one. The events: sorted[0..nsorted) when sorted (a few), else those of positions
 * lo..hi of by_date that sel's bits hold. */
static enum jvdr_err merge_page(const struct event_index *index, const struct index_selection *sel,
                                const uint32_t *sorted, size_t nsorted, const uint32_t *agreements,
                                size_t na, bool descending, unsigned long long first,
                                unsigned long limit, struct arena *arena, const char **kinds,
                                const char **ids, size_t *count)
{
    size_t ne = sorted ? nsorted : sel->hi - sel->lo, ie = 0, ia = 0;
    const uint32_t *events = sorted ? sorted : index->by_date + sel->lo;
    const uint64_t *bits = sorted ? NULL : sel->bits;
    unsigned long long matched = 0;
    if (!sel->bits && descending) { /* every event in: the ascending page, reversed */
        unsigned long long all = ne + na;
        if (first >= all)
            return JVDR_OK;
        unsigned long long end = all - first, start = end > limit ? end - limit : 0;
        enum jvdr_err code = merge_page(index, sel, sorted, nsorted, agreements, na, false, start,
                                        (unsigned long)(end - start), arena, kinds, ids, count);
        for (size_t i = 0; i < *count / 2; i++) {
            const char *k = kinds[i], *id = ids[i];
            kinds[i] = kinds[*count - 1 - i];
            ids[i] = ids[*count - 1 - i];
            kinds[*count - 1 - i] = k;
            ids[*count - 1 - i] = id;
        }
        return code;
    }
    if (!sel->bits) {
        skip_ahead(index, sel, agreements, na, first, &ie, &ia);
        matched = ie + ia;
    }
    while ((ie < ne || ia < na) && *count < limit) {
        uint32_t es = ie < ne ? events[descending ? ne - 1 - ie : ie] : 0;
        uint32_t as = ia < na ? agreements[descending ? na - 1 - ia : ia] : 0;
        bool take_event = ia == na     ? true
                          : ie == ne   ? false
                          : descending ? !event_before_agreement(index, es, as)
                                       : event_before_agreement(index, es, as);
        if (take_event)
            ie++;
        else
            ia++;
        if (take_event && bits && !index_bit(bits, es))
            continue;
        if (matched++ < first)
            continue;
        kinds[*count] = take_event ? "event" : "agreement";
        ids[*count] =
            arena_strdup(arena, take_event ? index->ids->keys[es] : index->agreement_ids->keys[as]);
        if (!ids[(*count)++])
            return JVDR_E_NOMEM;
    }
    return JVDR_OK;
}

enum jvdr_err index_timeline_page(struct event_index *index, struct db *db,
                                  const struct timeline_filter *f, bool descending,
                                  unsigned long offset, unsigned long limit, struct arena *arena,
                                  long long *total, const char **kinds, const char **ids,
                                  size_t *count)
{
    struct timeline_wanted w = {
        index_country_code(f->country),
        f->country ? index_dict_find(index->words, f->country) : NO_ID,
        f->official ? index_dict_find(index->officials, f->official) : NO_ID,
        f->topic ? index_dict_find(index->topics, f->topic) : NO_ID,
        index_date_key(f->from),
        index_date_key(f->to),
    };
    uint8_t *event_matches = NULL, *agreement_matches = NULL;
    struct index_query q = {f->search, f->search_words, f->nsearch_words, f->search_tree};
    enum jvdr_err code =
        f->search ? index_search(index, db, &q, &event_matches, &agreement_matches, NULL) : JVDR_OK;
    uint32_t wanted[INDEX_FIELDS] = {0};
    bool given[INDEX_FIELDS] = {false};
    wanted[INDEX_FIELD_LISTED_COUNTRY] = w.country_code;
    wanted[INDEX_FIELD_OFFICIAL] = w.official;
    wanted[INDEX_FIELD_TOPIC] = w.topic;
    given[INDEX_FIELD_LISTED_COUNTRY] = f->country != NULL;
    given[INDEX_FIELD_OFFICIAL] = f->official != NULL;
    given[INDEX_FIELD_TOPIC] = f->topic != NULL;
    struct index_selection sel = {0};
    uint32_t *agreements = NULL;
    size_t na = 0;
    bool borrowed = false;
    if (code == JVDR_OK &&
        !index_select(index, wanted, given, event_matches, f->from, f->to, true, &sel))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK && f->kind && strcmp(f->kind, "event") != 0) { /* agreements only */
        sel.hi = sel.lo;
        sel.total = 0;
    }
    if (code == JVDR_OK &&
        !select_agreements(index, f, &w, agreement_matches, &agreements, &na, &borrowed))
        code = JVDR_E_NOMEM;
    size_t nsorted = 0;
    uint32_t *sorted = code == JVDR_OK && index_selection_few(index, &sel)
                           ? index_selection_sorted(index, &sel, INDEX_SORT_DATE, &nsorted)
                           : NULL;
    if (code == JVDR_OK) {
        *total = sel.total + (long long)na;
        code = merge_page(index, &sel, sorted, nsorted, agreements, na, descending, offset, limit,
                          arena, kinds, ids, count);
    }
    free(sorted);
    index_selection_free(&sel);
    if (!borrowed)
        free(agreements);
    free(event_matches);
    free(agreement_matches);
    return code;
}

bool index_load_agreements(struct event_index *index, struct db *db)
{
    return read_agreements(index, db) && build_agreement_order(index);
}

bool index_reload_agreement(struct event_index *index, struct db *db, const char *id)
{
    uint32_t before = index_dict_find(index->agreement_ids, id);
    bool was_listed = before != NO_ID && index->agreements[before].exists;
    if (!reread_agreement(index, db, id))
        return false;
    uint32_t slot = index_dict_find(index->agreement_ids, id);
    if (!agreement_reorder(index, slot) || !index_agreement_orders_move(index, slot, was_listed))
        return false;
    struct indexed_agreement *a = &index->agreements[slot];
    if (!a->exists) { /* deleted: its slot and id given back */
        free(a->links);
        free(a->title);
        memset(a, 0, sizeof *a);
        index_dict_remove(index->agreement_ids, id);
    }
    return true;
}
