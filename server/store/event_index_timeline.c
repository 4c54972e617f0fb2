/* The timeline's half of the in-memory index: every agreement's dates, parties and signatories
 * in date order, and /v1/timeline pages merged from them and the dated events; see
 * include/jvdr/store/event_index.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"
#include "jvdr/store/db.h"

int32_t index_date_key(const char *iso)
{
    return iso ? (int32_t)strtol(iso, NULL, 10) * 10000 + (int32_t)strtol(iso + 5, NULL, 10) * 100 +
                     (int32_t)strtol(iso + 8, NULL, 10)
               : -1;
}

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

/* Re-reads one agreement's dates, parties and signatories. The lock is held. */
static bool reread_agreement(struct event_index *index, struct db *db, const char *id)
{
    struct indexed_agreement *a = agreement_slot(index, id);
    if (!a)
        return false;
    struct stmt *stmt = db_stmt(db, "SELECT date_start, date_end FROM agreements WHERE id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    if (stmt_step(stmt) == DB_ROW)
        set_agreement_dates(a, stmt_text(stmt, 0), stmt_text(stmt, 1));
    else
        set_agreement_dates(a, NULL, NULL);
    db_stmt_done(stmt);
    static const char *const sql[] = {
        "SELECT party FROM agreement_parties WHERE agreement_id = ?",
        "SELECT official_id FROM agreement_signatories WHERE agreement_id = ?"};
    uint32_t *found[2] = {NULL, NULL};
    size_t n[2] = {0, 0};
    bool ok = true;
    for (int r = 0; ok && r < 2; r++) {
        stmt = db_stmt(db, sql[r]);
        ok = stmt != NULL;
        if (ok)
            stmt_bind_text(stmt, 1, id);
        while (ok && stmt_step(stmt) == DB_ROW) {
            uint32_t v = r == 0 ? index_dict_intern(index->words, stmt_text(stmt, 0))
                                : index_dict_intern(index->officials, stmt_text(stmt, 0));
            uint32_t *grown = realloc(found[r], (n[r] + 1) * sizeof *grown);
            ok = v != NO_ID && grown;
            if (grown)
                found[r] = grown;
            if (ok)
                found[r][n[r]++] = v;
        }
        db_stmt_done(stmt);
    }
    uint32_t *links = ok && n[0] + n[1] ? malloc((n[0] + n[1]) * sizeof *links) : NULL;
    ok = ok && (links || !(n[0] + n[1]));
    if (ok) {
        if (n[0])
            memcpy(links, found[0], n[0] * sizeof *links);
        if (n[1])
            memcpy(links + n[0], found[1], n[1] * sizeof *links);
        free(a->links);
        a->links = links;
        a->nparties = (uint32_t)n[0];
        a->nsigners = (uint32_t)n[1];
    }
    free(found[0]);
    free(found[1]);
    return ok;
}

/* Loads every agreement (in the read transaction load() holds). The lock is held. */
/* Every agreement, without its order (see index_load_agreements). */
static bool read_agreements(struct event_index *index, struct db *db)
{
    index->agreement_ids = index_dict_new();
    if (!index->agreement_ids)
        return false;
    struct stmt *stmt = db_stmt(db, "SELECT id, date_start, date_end FROM agreements");
    bool ok = stmt != NULL;
    while (ok && stmt_step(stmt) == DB_ROW) {
        struct indexed_agreement *a = agreement_slot(index, stmt_text(stmt, 0));
        ok = a != NULL;
        if (ok)
            set_agreement_dates(a, stmt_text(stmt, 1), stmt_text(stmt, 2));
    }
    db_stmt_done(stmt);
    /* Relations one agreement at a time would be as many queries as agreements; read them whole,
     * twice (count, then fill), since agreements are few beside events. */
    static const char *const sql[] = {
        "SELECT agreement_id, party FROM agreement_parties",
        "SELECT agreement_id, official_id FROM agreement_signatories"};
    for (int pass = 0; ok && pass < 2; pass++) {
        for (size_t i = 0; pass == 1 && ok && i < index->agreement_count; i++) {
            struct indexed_agreement *a = &index->agreements[i];
            size_t total = (size_t)a->nparties + a->nsigners;
            a->links = total ? malloc(total * sizeof *a->links) : NULL;
            ok = !total || a->links;
            a->nparties = a->nsigners = 0;
        }
        for (int r = 0; ok && r < 2; r++) {
            stmt = db_stmt(db, sql[r]);
            ok = stmt != NULL;
            while (ok && stmt_step(stmt) == DB_ROW) {
                uint32_t slot = index_dict_find(index->agreement_ids, stmt_text(stmt, 0));
                if (slot == NO_ID)
                    continue;
                struct indexed_agreement *a = &index->agreements[slot];
                if (pass == 0) {
                    if (r == 0)
                        a->nparties++;
                    else
                        a->nsigners++;
                    continue;
                }
                uint32_t v = r == 0 ? index_dict_intern(index->words, stmt_text(stmt, 1))
                                    : index_dict_intern(index->officials, stmt_text(stmt, 1));
                ok = v != NO_ID;
                if (ok && r == 0)
                    a->links[a->nparties++] = v;
                else if (ok)
                    a->links[a->nparties + a->nsigners++] = v; /* parties are all in */
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

static bool event_on_timeline(const struct indexed_event *e, const struct timeline_filter *f,
                              const struct timeline_wanted *w)
{
    if (!e->present || e->start_key < 0)
        return false;
    if (f->kind && strcmp(f->kind, "event") != 0)
        return false;
    if (f->from && e->end_key < w->from)
        return false;
    if (f->to && e->start_key > w->to)
        return false;
    uint32_t topics = e->ncountries, officials = topics + e->ntopics;
    if (f->country && !index_has_link(e->links, 0, e->ncountries, w->country_code))
        return false;
    if (f->official && !index_has_link(e->links, officials, e->nofficials, w->official))
        return false;
    if (f->topic && !index_has_link(e->links, topics, e->ntopics, w->topic))
        return false;
    return true;
}

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

enum jvdr_err index_timeline_page(struct event_index *index, struct db *db,
                                  const struct timeline_filter *f, bool descending,
                                  unsigned long offset, unsigned long limit, struct arena *arena,
                                  long long *total, const char **kinds, const char **ids,
                                  size_t *count)
{
    enum jvdr_err code = JVDR_OK;
    struct timeline_wanted w = {
        index_country_code(f->country),
        f->country ? index_dict_find(index->words, f->country) : NO_ID,
        f->official ? index_dict_find(index->officials, f->official) : NO_ID,
        f->topic ? index_dict_find(index->topics, f->topic) : NO_ID,
        index_date_key(f->from),
        index_date_key(f->to),
    };
    /* Merge the dated events (the first ndated of by_date) with the dated agreements, both in
     * date order; descending walks both from their ends. */
    size_t ne = index->ndated, na = index->agreements_ordered, ie = 0, ia = 0;
    uint8_t *events = NULL, *agreements = NULL;
    if (f->search)
        code = index_search(index, db, f->search, &events, &agreements);
    /* Without a filter every dated record is on it: the total is known, and the walk stops
     * at the page's end. */
    bool everything =
        !f->from && !f->to && !f->kind && !f->country && !f->official && !f->topic && !f->search;
    unsigned long long matched = 0;
    while (code == JVDR_OK && (ie < ne || ia < na) && !(everything && *count == limit)) {
        uint32_t es = ie < ne ? index->by_date[descending ? ne - 1 - ie : ie] : 0;
        uint32_t as = ia < na ? index->agreements_by_date[descending ? na - 1 - ia : ia] : 0;
        bool take_event;
        if (ie == ne)
            take_event = false;
        else if (ia == na)
            take_event = true;
        else
            take_event = descending ? !event_before_agreement(index, es, as)
                                    : event_before_agreement(index, es, as);
        bool on = take_event
                      ? event_on_timeline(&index->events[es], f, &w) && index_allowed(events, es)
                      : agreement_on_timeline(&index->agreements[as], f, &w) &&
                            index_allowed(agreements, as);
        if (on && matched >= offset && *count < limit) {
            kinds[*count] = take_event ? "event" : "agreement";
            ids[*count] = arena_strdup(arena, take_event ? index->ids->keys[es]
                                                         : index->agreement_ids->keys[as]);
            if (!ids[(*count)++])
                code = JVDR_E_NOMEM;
        }
        matched += on;
        if (take_event)
            ie++;
        else
            ia++;
    }
    free(events);
    free(agreements);
    *total = everything ? (long long)(ne + na) : (long long)matched;
    return code;
}

bool index_load_agreements(struct event_index *index, struct db *db)
{
    return read_agreements(index, db) && build_agreement_order(index);
}

bool index_reload_agreement(struct event_index *index, struct db *db, const char *id)
{
    if (!reread_agreement(index, db, id))
        return false;
    uint32_t slot = index_dict_find(index->agreement_ids, id);
    if (!agreement_reorder(index, slot))
        return false;
    struct indexed_agreement *a = &index->agreements[slot];
    if (!a->present) { /* deleted or undated: off the timeline, its slot and id given back */
        free(a->links);
        memset(a, 0, sizeof *a);
        index_dict_remove(index->agreement_ids, id);
    }
    return true;
}
