/* The in-memory index of events' facts; see include/jvdr/store/event_index.h. Strings are
 * interned in small dictionaries, so a row is a few integers; an event's slot is its id's index in
 * the ids dictionary and stays its own after a delete (marked absent), so writes patch in place. */
#include "jvdr/store/event_index.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_index_rows.h"
#include "jvdr/base/arena.h"
#include "jvdr/base/top_sort.h"
#include "jvdr/store/db.h"
#include "jvdr/store/index_journal.h"
#include "jvdr/store/store.h"

#define COUNTRY_CODES INDEX_COUNTRY_CODES

void event_index_init(struct event_index *index)
{
    memset(index, 0, sizeof *index);
    /* Writers first: a commit's update must not wait behind a stream of passes. */
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&index->lock, &attr);
    pthread_rwlockattr_destroy(&attr);
}

/* Drops every event and dictionary; the index is then not loaded. The lock is held. */
static void forget(struct event_index *index)
{
    for (size_t i = 0; i < index->count; i++) {
        index_release(index, index->events[i].links);
        index_release(index, index->events[i].title);
    }
    index_block_free(&index->title_block);
    index_block_free(&index->link_block);
    index_tally_free(index);
    index_sets_free(index);
    index_names_free(index);
    index->max_span = 0;
    index->ends_follow_starts = true;
    index_array_free(index->events, index->capacity * sizeof *index->events);
    free(index->locations);
    index->locations = NULL;
    index_orders_free(index);
    free(index->by_date);
    index->by_date = NULL;
    index->ndated = index->nordered = 0;
    for (size_t i = 0; i < index->agreement_count; i++) {
        free(index->agreements[i].links);
        free(index->agreements[i].title);
    }
    free(index->agreements);
    index_agreement_orders_free(index);
    index_officials_free(index);
    free(index->agreements_by_date);
    index_dict_free(index->agreement_ids);
    index->agreements = NULL;
    index->agreements_by_date = NULL;
    index->agreement_ids = NULL;
    index->agreement_count = index->agreement_capacity = index->agreements_ordered = 0;
    index_dict_free(index->ids);
    index_dict_free(index->officials);
    index_dict_free(index->topics);
    index_dict_free(index->words);
    index->events = NULL;
    index->count = index->capacity = 0;
    index->ids = index->officials = index->topics = index->words = NULL;
    index_search_map_free(index);
    index_terms_free(index);
    index_block_free(&index->file_block); /* last: the blocks above were lent by it */
    index->loaded = false;
}

void event_index_cleanup(struct event_index *index)
{
    forget(index);
    free(index->snapshot_path);
    index->snapshot_path = NULL;
    index->terms_floor = 8192;
    index->confirm_rows = 1000;
    pthread_rwlock_destroy(&index->lock);
}

/* The slot of event id, made (absent, empty) when new; NULL when out of memory. */
static struct indexed_event *slot(struct event_index *index, const char *id)
{
    uint32_t i = index_dict_intern(index->ids, id);
    if (i == NO_ID)
        return NULL;
    if (i >= index->capacity) {
        size_t capacity = index->capacity ? index->capacity * 2 : 1024;
        while (capacity <= i)
            capacity *= 2;
        uint32_t *places = realloc(index->locations, capacity * sizeof *places);
        if (!places)
            return NULL;
        for (size_t k = index->capacity; k < capacity; k++)
            places[k] = NO_ID;
        index->locations = places;
        /* Last: the array's mapping and index->capacity must agree (index_array_free). */
        struct indexed_event *grown = index_events_grow(index->events, index->capacity, capacity);
        if (!grown)
            return NULL;
        index->events = grown;
        index->capacity = capacity;
    }
    if (i >= index->count)
        index->count = i + 1;
    return &index->events[i];
}

/* Fills e's own columns from a row (date, date_start, date_end, type, status, host_country,
 * title, the folded location). */
static bool set_facts(struct event_index *index, struct indexed_event *e, struct stmt *row,
                      int first)
{
    const char *date = stmt_text(row, first), *start = stmt_text(row, first + 1),
               *end = stmt_text(row, first + 2), *host = stmt_text(row, first + 5);
    const char *title = stmt_text(row, first + 6);
    index_release(index, e->title);
    e->title = strdup(title ? title : "");
    if (!e->title)
        return false;
    e->present = true;
    e->year = date ? (int32_t)strtol(date, NULL, 10) % 10000 : -1;
    e->host = host ? index_country_code(host) : NO_ID;
    e->start_key = index_date_key(start);
    e->end_key = index_date_key(end);
    if (e->start_key >= 0 && e->end_key >= e->start_key) {
        if (e->end_key - e->start_key > index->max_span)
            index->max_span = e->end_key - e->start_key;
    } else if (e->start_key >= 0 || e->end_key >= 0) {
        index->ends_follow_starts = false; /* never from the schema's dates; still exact */
    }
    e->type = index_dict_intern(index->words, stmt_text(row, first + 3));
    e->status = index_dict_intern(index->words, stmt_text(row, first + 4));
    const char *location = stmt_text(row, first + 7);
    uint32_t *where = &index->locations[e - index->events];
    *where = location ? index_dict_intern(index->words, location) : NO_ID;
    return e->type != NO_ID && e->status != NO_ID && (!location || *where != NO_ID);
}

/* The relations, each as (event id, value) rows, in links order. */
static const char *const relation_sql[] = {
    "SELECT event_id, country FROM event_countries",
    "SELECT event_id, topic FROM event_topics",
    "SELECT event_id, official_id FROM event_participants",
    "SELECT event_id, agreement_id FROM event_agreements",
    /* One row per source, however many spans. */
    "SELECT DISTINCT event_id, source_id FROM event_sources",
};
#define RELATIONS 5

/* Relation r's count in e, and where its values start in e->links (the earlier counts final). */
static uint32_t *relation_count(struct indexed_event *e, int r)
{
    uint32_t *counts[RELATIONS] = {&e->ncountries, &e->ntopics, &e->nofficials, &e->nagreements,
                                   &e->nsources};
    return counts[r];
}

static uint32_t relation_start(const struct indexed_event *e, int r)
{
    uint32_t before[RELATIONS] = {0, e->ncountries, e->ncountries + e->ntopics,
                                  e->ncountries + e->ntopics + e->nofficials,
                                  e->ncountries + e->ntopics + e->nofficials + e->nagreements};
    return before[r];
}

/* The value of relation r as stored in links; NO_ID when out of memory or not a country code. */
static uint32_t link_value(struct event_index *index, int r, const char *text)
{
    switch (r) {
    case 0:
        return index_country_code(text);
    case 1:
        return index_dict_intern(index->topics, text);
    case 2:
        return index_dict_intern(index->officials, text);
    default:
        return index_dict_intern(index->words, text);
    }
}

struct link_row {
    uint32_t event, value;
};

/* Builds every event's links from rows[r] (sorted into place by a count and a fill). */
static bool build_links(struct event_index *index, struct link_row *const *rows, const size_t *n)
{
    for (size_t i = 0; i < index->count; i++)
        for (int r = 0; r < RELATIONS; r++)
            *relation_count(&index->events[i], r) = 0;
    for (int r = 0; r < RELATIONS; r++)
        for (size_t k = 0; k < n[r]; k++)
            (*relation_count(&index->events[rows[r][k].event], r))++;
    for (size_t i = 0; i < index->count; i++) {
        struct indexed_event *e = &index->events[i];
        size_t total = relation_start(e, RELATIONS - 1) + e->nsources;
        index_release(index, e->links);
        e->links = total ? malloc(total * sizeof *e->links) : NULL;
        if (total && !e->links)
            return false;
        for (int r = 0; r < RELATIONS; r++)
            *relation_count(e, r) = 0;
    }
    for (int r = 0; r < RELATIONS; r++)
        for (size_t k = 0; k < n[r]; k++) {
            struct indexed_event *e = &index->events[rows[r][k].event];
            /* Kinds are filled one after another, so an earlier kind's count is final here. */
            uint32_t *counter = relation_count(e, r);
            e->links[relation_start(e, r) + (*counter)++] = rows[r][k].value;
        }
    return true;
}

/* Moves slot to its place in by_date after its event changed (or drops it when absent); was_present
 * says whether it was there to take out. The lock is held; false when out of memory. */
static bool reorder(struct event_index *index, uint32_t slot, bool was_present)
{
    for (size_t i = 0; was_present && i < index->nordered; i++)
        if (index->by_date[i] == slot) {
            if (i < index->ndated) /* it was among the dated */
                index->ndated--;
            memmove(index->by_date + i, index->by_date + i + 1,
                    (index->nordered - i - 1) * sizeof *index->by_date);
            index->nordered--;
            break;
        }
    if (!index->events[slot].present)
        return true;
    uint32_t *grown = realloc(index->by_date, (index->nordered + 1) * sizeof *grown);
    if (!grown)
        return false;
    index->by_date = grown;
    size_t low = 0, high = index->nordered;
    while (low < high) {
        size_t mid = (low + high) / 2;
        if (index_order_compare(index, INDEX_SORT_DATE, index->by_date[mid], slot) < 0)
            low = mid + 1;
        else
            high = mid;
    }
    memmove(index->by_date + low + 1, index->by_date + low,
            (index->nordered - low) * sizeof *index->by_date);
    index->by_date[low] = slot;
    index->nordered++;
    index->ndated += index->events[slot].start_key >= 0;
    return true;
}

/* Reads official names into the officials dictionary. */
static bool load_names(struct event_index *index, struct db *db)
{
    struct stmt *stmt = db_stmt(db, "SELECT id, name FROM officials");
    if (!stmt)
        return false;
    bool ok = true;
    while (ok && stmt_step(stmt) == DB_ROW) {
        uint32_t i = index_dict_intern(index->officials, stmt_text(stmt, 0));
        ok = i != NO_ID;
        ok = ok && index_dict_set_name(index->officials, i, stmt_text(stmt, 1));
    }
    db_stmt_done(stmt);
    return ok;
}

/* Reads every event, official name, agreement and full-text row from the database into the
 * empty index, in the caller's read transaction. False when out of memory or a query fails. */
static bool load_rows(struct event_index *index, struct db *db)
{
    index->ids = index_dict_new();
    index->officials = index_dict_new();
    index->topics = index_dict_new();
    index->words = index_dict_new();
    struct link_row *rows[RELATIONS] = {NULL};
    size_t n[RELATIONS] = {0}, capacity[RELATIONS] = {0};
    bool ok = index->ids && index->officials && index->topics && index->words;
    struct stmt *stmt = ok ? db_stmt(db, "SELECT id, date, date_start, date_end, type, status, "
                                         "host_country, title, fold(location) FROM events")
                           : NULL;
    ok = ok && stmt;
    while (ok && stmt_step(stmt) == DB_ROW) {
        struct indexed_event *e = slot(index, stmt_text(stmt, 0));
        ok = e && set_facts(index, e, stmt, 1);
    }
    db_stmt_done(stmt);
    for (int r = 0; ok && r < RELATIONS; r++) {
        stmt = db_stmt(db, relation_sql[r]);
        ok = stmt != NULL;
        /* An event's rows mostly come together: its id is looked up once for them. */
        uint32_t event = NO_ID;
        const char *last_id = "";
        while (ok && stmt_step(stmt) == DB_ROW) {
            const char *id = stmt_text(stmt, 0);
            if (!id || strcmp(id, last_id) != 0) {
                event = index_dict_find(index->ids, id ? id : "");
                last_id = event == NO_ID ? "" : index->ids->keys[event];
            }
            uint32_t value = link_value(index, r, stmt_text(stmt, 1));
            if (event == NO_ID || value == NO_ID)
                continue; /* a relation of no event, or a malformed country: nothing to count */
            if (n[r] == capacity[r]) {
                capacity[r] = capacity[r] ? capacity[r] * 2 : 4096;
                struct link_row *grown = realloc(rows[r], capacity[r] * sizeof *grown);
                ok = grown != NULL;
                if (ok)
                    rows[r] = grown;
            }
            if (ok)
                rows[r][n[r]++] = (struct link_row){event, value};
        }
        db_stmt_done(stmt);
    }
    ok = ok && load_names(index, db) && index_officials_load(index, db);
    ok = ok && build_links(index, rows, n);
    ok = ok && index_orders_build(index);
    ok = ok && index_load_agreements(index, db);
    ok = ok && index_search_map_load(index, db) && index_terms_build(index, db);
    for (int r = 0; r < RELATIONS; r++)
        free(rows[r]);
    return ok;
}

static void *build_sets(void *index)
{
    index_sets_build(index);
    return NULL;
}

/* Loads everything in one read transaction: from the saved index when it is the store's state,
 * else from the database. The lock is held; on failure the index is empty. */
static enum jvdr_err load(struct event_index *index, struct db *db)
{
    forget(index);
    bool ok = db_exec(db, "BEGIN") == JVDR_OK;
    index->from_snapshot =
        ok && index->snapshot_path && index_snapshot_read(index, db) && index_search_owners(index);
    if (ok && !index->from_snapshot) {
        forget(index); /* what a refused file left */
        index->snapshot_refused =
            index->snapshot_path && index_snapshot_current(index, db); /* but unreadable */
        ok = load_rows(index, db);
    }
    /* Saved with no postings by a process whose store was too small for them when it loaded it
     * from the database (it grew by its own writes since), or under a higher floor: made now,
     * once (the next save keeps them). */
    if (ok && index->from_snapshot && !index->terms && index_terms_wanted(index))
        ok = index_terms_build(index, db);
    /* The sets and the tallies read the events alone, each writing its own: side by side. */
    pthread_t sets;
    bool beside = ok && pthread_create(&sets, NULL, build_sets, index) == 0;
    ok = ok && index_names_refresh(index) && index_agreement_orders_build(index) &&
         index_official_orders_build(index);
    if (ok)
        index_tally_build(index);
    if (beside)
        pthread_join(sets, NULL);
    else if (ok)
        index_sets_build(index);
    /* Where the journal stands in the state just read: catch-ups start there. */
    ok = ok && (!index->journaled ||
                index_journal_state(db, index->journal_epoch, &index->journal_seq) == JVDR_OK);
    if (db_in_transaction(db))
        db_exec(db, "COMMIT");
    if (ok)
        atomic_fetch_add(
            index->from_snapshot ? &index->loads_from_file : &index->loads_from_database, 1);
    if (!ok) {
        forget(index);
        /* A connection that broke (PostgreSQL gone or failing over) is the store's absence, for
         * a 503 and another try, not a fault of the service's. */
        return db_connection_lost(db) ? JVDR_E_BUSY : JVDR_E_INTERNAL;
    }
    index->loaded = true;
    return JVDR_OK;
}

/* Re-reads one event (absent when deleted). The lock is held; false when out of memory. */
static bool reload_event(struct event_index *index, struct db *db, const char *id)
{
    struct indexed_event *e = slot(index, id);
    if (!e)
        return false;
    uint32_t at = (uint32_t)(e - index->events);
    index_tally_event(index, at, -1); /* out of the stats as it was; back in as it is below */
    index_sets_event(index, at, -1);
    e->present = false;
    struct stmt *stmt = db_stmt(db, "SELECT date, date_start, date_end, type, status, "
                                    "host_country, title, fold(location) FROM events WHERE id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    bool ok = true;
    if (stmt_step(stmt) == DB_ROW)
        ok = set_facts(index, e, stmt, 0);
    db_stmt_done(stmt);
    struct link_row *rows[RELATIONS] = {NULL};
    size_t n[RELATIONS] = {0};
    for (int r = 0; ok && e->present && r < RELATIONS; r++) {
        char sql[128];
        snprintf(sql, sizeof sql, "%s WHERE event_id = ?", relation_sql[r]); /* fixed text */
        stmt = db_stmt(db, sql);
        ok = stmt != NULL;
        if (ok)
            stmt_bind_text(stmt, 1, id);
        while (ok && stmt_step(stmt) == DB_ROW) {
            uint32_t value = link_value(index, r, stmt_text(stmt, 1));
            if (value == NO_ID)
                continue;
            struct link_row *grown = realloc(rows[r], (n[r] + 1) * sizeof *grown);
            ok = grown != NULL;
            if (ok) {
                rows[r] = grown;
                rows[r][n[r]++] = (struct link_row){0, value};
            }
        }
        db_stmt_done(stmt);
    }
    if (ok) {
        size_t total = 0, k = 0;
        for (int r = 0; r < RELATIONS; r++)
            total += n[r];
        uint32_t *links = total ? malloc(total * sizeof *links) : NULL;
        ok = !total || links;
        for (int r = 0; ok && r < RELATIONS; r++)
            for (size_t i = 0; i < n[r]; i++)
                links[k++] = rows[r][i].value;
        if (ok) {
            index_release(index, e->links);
            e->links = links;
            for (int r = 0; r < RELATIONS; r++)
                *relation_count(e, r) = (uint32_t)n[r];
        }
    }
    for (int r = 0; r < RELATIONS; r++)
        free(rows[r]);
    if (ok)
        index_tally_event(index, at, +1);
    index_sets_event(index, at, +1);
    return ok;
}

/* Re-reads one official's name (NULL when deleted). The lock is held. */
static bool reload_name(struct event_index *index, struct db *db, const char *id)
{
    uint32_t i = index_dict_intern(index->officials, id);
    if (i == NO_ID)
        return false;
    bool was_listed = index_official_listed(index, i);
    struct stmt *stmt = db_stmt(db, "SELECT name FROM officials WHERE id = ?");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    bool ok = index_dict_set_name(index->officials, i,
                                  stmt_step(stmt) == DB_ROW ? stmt_text(stmt, 0) : NULL);
    db_stmt_done(stmt);
    return ok && index_names_set(index, i) && index_official_reread(index, db, i, id) &&
           index_official_orders_move(index, i, was_listed);
}

/* Puts a re-read event in its place in the date order; a deleted one gives up its slot and id,
 * so that deleting keeps memory as it was. The lock is held. */
static bool settle_event(struct event_index *index, const char *id, bool was_present)
{
    uint32_t slot = index_dict_find(index->ids, id);
    size_t before = index->nordered;
    if (!reorder(index, slot, was_present) || !index_orders_move(index, slot, before, was_present))
        return false;
    struct indexed_event *e = &index->events[slot];
    if (!e->present) {
        index_release(index, e->links);
        index_release(index, e->title);
        memset(e, 0, sizeof *e);
        index_dict_remove(index->ids, id);
    }
    return true;
}

/* Whether the id fact changes[i] came earlier in the list too (a write reports its record before
 * and after the change). */
static bool seen_before(const struct store_change *changes, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (changes[j].field[0] == 'i' && strcmp(changes[j].field, "id") == 0 &&
            strcmp(changes[j].kind, changes[i].kind) == 0 &&
            strcmp(changes[j].value, changes[i].value) == 0)
            return true;
    return false;
}

/* Re-reads the records changes' id facts name (the lock held, the index loaded); false when out
 * of memory or a read failed (the caller forgets the index). */
static bool apply_records(struct event_index *index, struct db *db,
                          const struct store_change *changes, size_t count)
{
    /* The postings' words are the engine's own (NULL: none kept, or the engine has none). */
    struct db_tokenizer *tok = index->terms ? db_search_tokenizer(db) : NULL;
    bool ok = !index->terms || tok;
    for (size_t i = 0; ok && i < count; i++) {
        const char *id = changes[i].value;
        if (strcmp(changes[i].field, "id") != 0 || seen_before(changes, i))
            continue; /* the records' other facts: the index re-reads the records */
        long long before = index_search_rowid(index, changes[i].kind, id);
        if (strcmp(changes[i].kind, "event") == 0) {
            uint32_t slot = index_dict_find(index->ids, id);
            bool was_present = slot != NO_ID && index->events[slot].present;
            ok = reload_event(index, db, id) && settle_event(index, id, was_present);
        } else if (strcmp(changes[i].kind, "official") == 0)
            ok = reload_name(index, db, id);
        else if (strcmp(changes[i].kind, "agreement") == 0)
            ok = index_reload_agreement(index, db, id);
        ok = ok && index_search_map_update(index, db, tok, changes[i].kind, id, before);
    }
    if (tok)
        tok->close(tok);
    return ok && index_names_refresh(index); /* officials new to the index */
}

void event_index_apply(struct event_index *index, struct db *db, const struct store_change *changes,
                       size_t count)
{
    pthread_rwlock_wrlock(&index->lock);
    if (index->loaded && !apply_records(index, db, changes, count))
        forget(index); /* loaded afresh on next use rather than wrong */
    pthread_rwlock_unlock(&index->lock);
}

struct tally {
    const char *key; /* NULL: the null key (year only) */
    const char *name;
    long long n;
};

/* By count, descending, then key. */
static int by_count(const void *a, const void *b)
{
    const struct tally *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* By key, the null key last. */
static int by_key(const void *a, const void *b)
{
    const struct tally *x = a, *y = b;
    if (!x->key || !y->key)
        return !x->key - !y->key;
    return strcmp(x->key, y->key);
}

/* Appends facet name's first limit values of the n in t, in order. */
static void put_facet(struct buf *out, const char *name, struct tally *t, size_t n, bool named,
                      int (*order)(const void *, const void *), size_t limit)
{
    top_sort(t, n, sizeof *t, limit, order);
    buf_printf(out, "\"%s\":[", name);
    for (size_t i = 0; i < n && i < limit; i++) {
        buf_puts(out, i ? ",{\"key\":" : "{\"key\":");
        if (t[i].key)
            index_put_json_string(out, t[i].key);
        else
            buf_puts(out, "null");
        if (named) {
            buf_puts(out, ",\"name\":");
            index_put_json_string(out, t[i].name ? t[i].name : "");
        }
        char count[40]; /* one formatting, not buf_printf's two: facets run to thousands */
        int len = snprintf(count, sizeof count, ",\"count\":%lld}", t[i].n);
        buf_append(out, count, (size_t)len);
    }
    buf_puts(out, "]");
}

/* A filter made ready for a pass: its values as interned ids (NO_ID: matches nothing) and, for
 * f->search, the full-text matches. */
struct event_match {
    const struct event_filter *f;
    uint32_t wanted[INDEX_FIELDS]; /* by enum index_field */
    bool given[INDEX_FIELDS];
    int32_t from, to; /* f's dates as keys */
    uint8_t *allowed; /* NULL: no search */
};

/* Narrows *allowed (a bitmap over slots; NULL: every slot, then allocated) to the events whose
 * folded location holds folded, as SQL's fold(location) LIKE '%folded%' finds them. Each distinct
 * location is looked at once. */
static enum jvdr_err located(struct event_index *index, const char *folded, uint8_t **allowed)
{
    size_t nbytes = index->count / 8 + 1;
    uint8_t *seen = calloc(index->words->count + 1, 1); /* 0 unknown, 1 holds it, 2 does not */
    uint8_t *bits = *allowed ? *allowed : malloc(nbytes);
    if (!seen || !bits) {
        free(seen);
        if (bits != *allowed)
            free(bits);
        return JVDR_E_NOMEM;
    }
    if (!*allowed)
        memset(bits, 0xff, nbytes);
    *allowed = bits;
    for (size_t slot = 0; slot < index->count; slot++) {
        uint32_t where = index->locations[slot];
        if (where >= index->words->count)
            where = NO_ID;
        if (where != NO_ID && !seen[where])
            seen[where] = strstr(index->words->keys[where], folded) ? 1 : 2;
        if (where == NO_ID || seen[where] != 1)
            bits[slot / 8] &= (uint8_t) ~(1u << (slot % 8));
    }
    free(seen);
    return JVDR_OK;
}

/* Prepares m for f (running the search on db; with loose, m->allowed may only narrow it, as
 * index_search says). JVDR_E_BAD_PARAM when FTS5 refuses it. The lock is held; match_cleanup
 * frees m either way. */
static enum jvdr_err match_init(struct event_match *m, struct event_index *index, struct db *db,
                                const struct event_filter *f, struct index_loose *loose)
{
    m->f = f;
    m->wanted[0] = index_country_code(f->country);
    m->wanted[1] = f->type ? index_dict_find(index->words, f->type) : NO_ID;
    m->wanted[2] = f->status ? index_dict_find(index->words, f->status) : NO_ID;
    m->wanted[3] = f->topic ? index_dict_find(index->topics, f->topic) : NO_ID;
    m->wanted[4] = f->official ? index_dict_find(index->officials, f->official) : NO_ID;
    m->wanted[5] = f->agreement ? index_dict_find(index->words, f->agreement) : NO_ID;
    m->wanted[6] = f->source ? index_dict_find(index->words, f->source) : NO_ID;
    const char *given[INDEX_FIELDS] = {f->country,  f->type,      f->status, f->topic,
                                       f->official, f->agreement, f->source, NULL};
    for (int k = 0; k < INDEX_FIELDS; k++)
        m->given[k] = given[k] != NULL;
    m->from = index_date_key(f->from);
    m->to = index_date_key(f->to);
    m->allowed = NULL;
    struct index_query q = {f->search, f->search_words, f->nsearch_words, f->search_tree};
    if (loose)
        loose->n = 0;
    enum jvdr_err code =
        f->search ? index_search(index, db, &q, &m->allowed, NULL, loose) : JVDR_OK;
    return code == JVDR_OK && f->location ? located(index, f->location, &m->allowed) : code;
}

static void match_cleanup(struct event_match *m)
{
    free(m->allowed);
}

/* True when the event in slot passes m's filter. */
static bool matches(const struct event_index *index, size_t slot, const struct event_match *m)
{
    const struct indexed_event *e = &index->events[slot];
    const struct event_filter *f = m->f;
    const uint32_t *wanted = m->wanted;
    if (!e->present || !index_allowed(m->allowed, slot))
        return false;
    if (f->from && (e->end_key < 0 || e->end_key < m->from))
        return false;
    if (f->to && (e->start_key < 0 || e->start_key > m->to))
        return false;
    uint32_t topics = e->ncountries, officials = topics + e->ntopics,
             agreements = officials + e->nofficials;
    if (f->country && (wanted[0] == NO_ID || e->host != wanted[0]) &&
        !index_has_link(e->links, 0, e->ncountries, wanted[0]))
        return false;
    if (f->type && e->type != wanted[1])
        return false;
    if (f->status && e->status != wanted[2])
        return false;
    if (f->topic && !index_has_link(e->links, topics, e->ntopics, wanted[3]))
        return false;
    if (f->official && !index_has_link(e->links, officials, e->nofficials, wanted[4]))
        return false;
    if (f->agreement && !index_has_link(e->links, agreements, e->nagreements, wanted[5]))
        return false;
    if (f->source && !index_has_link(e->links, agreements + e->nagreements, e->nsources, wanted[6]))
        return false;
    return true;
}

/* Adds (sign 1) or takes out (-1) an event's facets. */
static void count_event(struct index_counts *c, const struct indexed_event *e, long long sign)
{
    c->total += sign;
    c->years[e->year >= 0 ? (size_t)e->year : 10000] += sign;
    c->types[e->type] += sign;
    const uint32_t *links = e->links;
    for (uint32_t k = 0; k < e->ncountries; k++)
        c->countries[links[k]] += sign;
    for (uint32_t k = 0; k < e->ntopics; k++)
        c->topics[links[e->ncountries + k]] += sign;
    for (uint32_t k = 0; k < e->nofficials; k++)
        c->officials[links[e->ncountries + e->ntopics + k]] += sign;
}

/* Counts the facets of the events m selects through their bitmap: event by event, or, when they
 * are most of the events the dates alone select and the groups count those (a filter such as
 * country=JP, which nearly every event matches), those counts less the events left out. False
 * when out of memory (a pass counts instead). */
static bool count_selection(struct event_index *index, const struct event_match *m,
                            struct index_counts *c)
{
    struct index_selection sel = {0}, base = {0};
    const bool none[INDEX_FIELDS] = {false};
    const struct event_filter *f = m->f;
    if (!index_select(index, m->wanted, m->given, m->allowed, f->from, f->to, false, &sel))
        return false;
    struct event_filter dates = {.from = f->from, .to = f->to};
    bool ok = true, complement = false;
    if (sel.bits && sel.total > (long long)index->nordered / 2) {
        if (f->from || f->to) {
            ok = index_select(index, m->wanted, none, NULL, f->from, f->to, false, &base);
        } else { /* every present event, as a bitmap */
            base.bits = index_sets_select(index, m->wanted, none, &base.nwords);
            base.total = (long long)index->nordered;
            ok = base.bits != NULL;
        }
        complement = ok && sel.total > base.total / 2 && index_tally_sum(index, &dates, c);
    }
    /* Event by event, each event's line (struct indexed_event: one cache line) asked for AHEAD
     * turns before its own: a pass over a few hundred thousand scattered events waits on memory,
     * not on the counting. The slots are gathered a batch at a time to look ahead in. */
    enum { BATCH = 256, AHEAD = 16 };
    uint32_t slots[BATCH + 64];
    size_t n = 0;
    long long sign = complement ? -1 : 1;
    for (size_t w = 0; ok && sel.bits && w <= sel.nwords; w++) {
        uint64_t word = w == sel.nwords ? 0
                        : complement    ? base.bits[w] & ~sel.bits[w]
                                        : sel.bits[w];
        for (; word; word &= word - 1)
            slots[n++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(word));
        if (n < BATCH && w < sel.nwords)
            continue;
        for (size_t i = 0; i < n; i++) {
            if (i + AHEAD < n)
                __builtin_prefetch(&index->events[slots[i + AHEAD]]);
            count_event(c, &index->events[slots[i]], sign);
        }
        n = 0;
    }
    bool counted = ok && sel.bits;
    index_selection_free(&sel);
    index_selection_free(&base);
    return counted;
}

/* Counts and writes the facets, and how many values each has (the order of read/events.c's
 * facets). The lock is held and the index loaded. */
static enum jvdr_err facets(struct event_index *index, struct db *db, const struct event_filter *f,
                            size_t limit, struct buf *out)
{
    enum { YEAR, TYPE, TOPIC, COUNTRY, OFFICIAL, FACETS };
    static const char *const names[FACETS] = {"year", "type", "topic", "country", "official"};
    size_t values[FACETS] = {0};
    struct event_match m;
    enum jvdr_err refused = match_init(&m, index, db, f, NULL);
    if (refused != JVDR_OK) {
        match_cleanup(&m);
        return refused;
    }
    size_t nwords = index->words->count, ntopics = index->topics->count,
           nofficials = index->officials->count;
    long long *years = calloc(10001, sizeof *years); /* [10000]: no date */
    long long *types = calloc(nwords + 1, sizeof *types);
    long long *topics = calloc(ntopics + 1, sizeof *topics);
    long long *countries = calloc(COUNTRY_CODES, sizeof *countries);
    long long *officials = calloc(nofficials + 1, sizeof *officials);
    size_t most = 10001 + nwords + ntopics + COUNTRY_CODES + nofficials;
    struct tally *t = malloc(most * sizeof *t);
    char(*codes)[3] = malloc(COUNTRY_CODES * sizeof *codes);
    char(*year_keys)[5] = malloc(10000 * sizeof *year_keys);
    enum jvdr_err code = JVDR_OK;
    if (!years || !types || !topics || !countries || !officials || !t || !codes || !year_keys) {
        code = JVDR_E_NOMEM;
        goto out;
    }
    struct index_counts counts = {0,         years,      types,       topics,        countries,
                                  officials, nwords + 1, ntopics + 1, nofficials + 1};
    if (!index_tally_sum(index, f, &counts) && !count_selection(index, &m, &counts))
        for (size_t i = 0; i < index->count; i++) /* out of memory for bitmaps: one pass */
            if (matches(index, i, &m))
                count_event(&counts, &index->events[i], 1);
    long long total = counts.total;
    buf_printf(out, "{\"total\":%lld,\"facets\":{", total);

    size_t n = 0;
    for (size_t y = 0; y <= 10000; y++)
        if (years[y]) {
            if (y < 10000)
                snprintf(year_keys[y], sizeof year_keys[y], "%04zu", y);
            t[n++] = (struct tally){y < 10000 ? year_keys[y] : NULL, NULL, years[y]};
        }
    put_facet(out, "year", t, n, false, by_key, SIZE_MAX);
    values[YEAR] = n;
    n = 0;
    for (size_t w = 0; w < nwords; w++)
        if (types[w])
            t[n++] = (struct tally){index->words->keys[w], NULL, types[w]};
    buf_puts(out, ",");
    put_facet(out, "type", t, n, false, by_count, limit);
    values[TYPE] = n;
    n = 0;
    for (size_t k = 0; k < ntopics; k++)
        if (topics[k])
            t[n++] = (struct tally){index->topics->keys[k], NULL, topics[k]};
    buf_puts(out, ",");
    put_facet(out, "topic", t, n, false, by_count, limit);
    values[TOPIC] = n;
    n = 0;
    for (size_t c = 0; c < COUNTRY_CODES; c++)
        if (countries[c]) {
            codes[c][0] = (char)('A' + c / 26);
            codes[c][1] = (char)('A' + c % 26);
            codes[c][2] = '\0';
            t[n++] = (struct tally){codes[c], NULL, countries[c]};
        }
    buf_puts(out, ",");
    put_facet(out, "country", t, n, false, by_count, limit);
    values[COUNTRY] = n;
    n = 0;
    buf_puts(out, ",");
    if (!index_names_put(index, out, officials, nofficials, limit, &values[OFFICIAL])) {
        /* not refreshed: written here */
        for (size_t o = 0; o < nofficials; o++)
            if (officials[o] && index->officials->names[o])
                t[n++] = (struct tally){index->officials->keys[o], index->officials->names[o],
                                        officials[o]};
        put_facet(out, "official", t, n, true, by_count, limit);
        values[OFFICIAL] = n;
    }
    buf_puts(out, "},\"facet_values\":{");
    for (size_t i = 0; i < FACETS; i++)
        buf_printf(out, "%s\"%s\":%zu", i ? "," : "", names[i], values[i]);
    buf_puts(out, "}}");
    if (out->failed)
        code = JVDR_E_NOMEM;
out:
    free(years);
    free(types);
    free(topics);
    free(countries);
    free(officials);
    free(t);
    free(codes);
    free(year_keys);
    match_cleanup(&m);
    return code;
}

/* Records journaled since the index's last look that a catch-up re-reads; past it, a load from
 * the saved file or the database is as cheap. */
#define CATCH_UP_MAX 50000

/* Re-reads, in one read transaction, the records other processes' writes journaled since the
 * index last looked; false (nothing changed, or the index forgotten) when it cannot: an
 * unjournaled change came (another epoch), the journal was pruned past it, or too many. */
static bool catch_up(struct event_index *index, struct db *db)
{
    if (!index->loaded || !index->journaled || !index->journal_epoch[0] ||
        db_exec(db, "BEGIN") != JVDR_OK)
        return false;
    index_journal_epoch epoch;
    long long last = 0;
    struct arena *arena = arena_new();
    struct store_change *changes = NULL;
    size_t n = 0;
    bool ok = arena && index_journal_state(db, epoch, &last) == JVDR_OK &&
              strcmp(epoch, index->journal_epoch) == 0 &&
              index_journal_since(db, index->journal_seq, last, CATCH_UP_MAX, arena, &changes,
                                  &n) == JVDR_OK;
    bool applied = ok && apply_records(index, db, changes, n);
    if (applied) {
        index->journal_seq = last;
        atomic_fetch_add(&index->catch_ups, 1);
        atomic_fetch_add(&index->caught_up_records, (long long)n);
    } else if (ok) {
        forget(index); /* half re-read: loaded afresh below */
    }
    db_exec(db, "COMMIT");
    arena_free(arena);
    return applied;
}

/* Makes the index current unless it is (the write lock held): another process's commits caught
 * up from the journal when they can be, else a load. */
static enum jvdr_err index_make_current(struct event_index *index, struct db *db,
                                        long long foreign_commits)
{
    if (index->loaded && index->loaded_at == foreign_commits)
        return JVDR_OK;
    index->loaded_at = foreign_commits;
    long long budget = db_budget_pause(db); /* every later request needs it loaded */
    enum jvdr_err code = catch_up(index, db) ? JVDR_OK : load(index, db);
    db_budget_resume(db, budget);
    return code;
}

/* Takes the read lock on an index made current first (under the write lock, when it is not):
 * passes run side by side; commits update it alone. JVDR_OK with the read lock held, or the error
 * of a failed load with no lock held. */
static enum jvdr_err index_read_lock(struct event_index *index, struct db *db,
                                     long long foreign_commits)
{
    for (int attempt = 0; attempt < 3; attempt++) {
        pthread_rwlock_rdlock(&index->lock);
        if (index->loaded && index->loaded_at == foreign_commits)
            return JVDR_OK;
        pthread_rwlock_unlock(&index->lock);
        pthread_rwlock_wrlock(&index->lock);
        enum jvdr_err code = index_make_current(index, db, foreign_commits);
        pthread_rwlock_unlock(&index->lock);
        if (code != JVDR_OK)
            return code;
    }
    return JVDR_E_BUSY; /* forgotten again and again by failing updates: answer later */
}

static void index_read_unlock(struct event_index *index)
{
    pthread_rwlock_unlock(&index->lock);
}

/* Clears the bits of rows past the map's end or of no kind in kinds (and not in within, when
 * given). */
static void keep_kinds(const struct event_index *index, uint64_t *rows, size_t nwords,
                       unsigned kinds, const uint64_t *within)
{
    for (size_t w = 0; w < nwords; w++) {
        if (within)
            rows[w] &= within[w];
        for (uint64_t bits = rows[w]; bits; bits &= bits - 1) {
            size_t rowid = w * 64 + (size_t)__builtin_ctzll(bits);
            if (rowid >= index->nrowids || !(index->kind_by_rowid[rowid] & kinds))
                rows[w] &= ~(1ull << (rowid % 64));
        }
    }
}

enum jvdr_err event_index_match_rows(struct event_index *index, struct db *db,
                                     long long foreign_commits, const struct search_node *root,
                                     unsigned kinds, uint64_t **rows, uint64_t **titles,
                                     size_t *nwords, struct match_page *page)
{
    *rows = *titles = NULL;
    *nwords = 0;
    page->total = 0;
    page->estimated = false;
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    if (code != JVDR_OK)
        return code;
    size_t ntitles = 0;
    struct index_loose all = {0}, titled = {0};
    bool narrow = page->need > 0;
    code = index_terms_match_tree(index, db, root, SEARCH_ANYWHERE, narrow ? &all : NULL, rows,
                                  nwords);
    if (code == JVDR_OK)
        code = index_terms_match_tree(index, db, root, SEARCH_TITLES, narrow ? &titled : NULL,
                                      titles, &ntitles);
    if (code == JVDR_OK) {
        keep_kinds(index, *rows, *nwords, kinds, NULL);
        /* the same width: one state of the index */
        keep_kinds(index, *titles, ntitles, kinds, *rows);
        page->total = (long long)index_bits_count(*rows, *nwords);
        if (all.n > 0 || titled.n > 0) {
            code = index_loose_search(index, db, &all, &titled, *rows, *titles, *nwords, page);
            if (code != JVDR_OK) { /* counted as the postings' answer: the engine's after all */
                atomic_fetch_sub(&index->searches_from_postings, 1);
                atomic_fetch_add(&index->searches_from_engine, 1);
            }
        }
    }
    if (code != JVDR_OK) {
        free(*rows);
        free(*titles);
        *rows = *titles = NULL;
        *nwords = 0;
    }
    index_read_unlock(index);
    return code;
}

enum jvdr_err event_index_search_count(struct event_index *index, struct db *db,
                                       long long foreign_commits, const char *table,
                                       const char *query, unsigned kinds, long long lo,
                                       long long hi, long long cap, struct range_count *out)
{
    out->hits = out->last = 0;
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    if (code != JVDR_OK)
        return code;
    code = index_search_count(index, db, table, query, kinds, lo, hi, cap, out);
    index_read_unlock(index);
    return code;
}

enum jvdr_err event_index_timeline(struct event_index *index, struct db *db,
                                   long long foreign_commits, const struct timeline_filter *f,
                                   bool descending, unsigned long offset, unsigned long limit,
                                   struct arena *arena, long long *total, const char ***kinds,
                                   const char ***ids, size_t *count)
{
    *total = 0;
    *count = 0;
    *ids = arena_alloc(arena, (limit ? limit : 1) * sizeof **ids);
    *kinds = arena_alloc(arena, (limit ? limit : 1) * sizeof **kinds);
    if (!*ids || !*kinds)
        return JVDR_E_NOMEM;
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    if (code != JVDR_OK)
        return code;
    code = index_timeline_page(index, db, f, descending, offset, limit, arena, total, *kinds, *ids,
                               count);
    index_read_unlock(index);
    return code;
}

enum jvdr_err event_index_warm(struct event_index *index, struct db *db, long long foreign_commits)
{
    pthread_rwlock_wrlock(&index->lock);
    enum jvdr_err code = index_make_current(index, db, foreign_commits);
    pthread_rwlock_unlock(&index->lock);
    return code;
}

enum jvdr_err event_index_save(struct event_index *index, struct db *writer,
                               long long foreign_commits, bool *written, char *err, size_t errlen)
{
    *written = false;
    pthread_rwlock_rdlock(&index->lock);
    enum jvdr_err code = JVDR_OK;
    if (!index->snapshot_path ||
        (!index->snapshot_refused && index_snapshot_current(index, writer)))
        code = JVDR_OK; /* nothing changed since the file was written */
    else if (!index->loaded || index->loaded_at != foreign_commits)
        code = JVDR_E_CONFLICT;
    else if (!index_snapshot_write(index, writer, err, errlen))
        code = JVDR_E_INTERNAL;
    else
        *written = true;
    if (*written)
        index->snapshot_refused = false;
    pthread_rwlock_unlock(&index->lock);
    return code;
}

enum jvdr_err event_index_stats(struct event_index *index, struct db *db, long long foreign_commits,
                                const struct event_filter *f, unsigned long facet_limit,
                                struct buf *out)
{
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    if (code == JVDR_OK) {
        code = facets(index, db, f, facet_limit, out);
        index_read_unlock(index);
    }
    return code;
}

/* A page by a pass over every event: only when the value sets are out of memory. */
static enum jvdr_err pass_page(struct event_index *index, const struct event_match *m,
                               enum index_sort sort, bool descending, unsigned long offset,
                               unsigned long limit, struct arena *arena, long long *total,
                               const char **ids, size_t *count)
{
    unsigned long long matched = 0;
    for (size_t k = 0; k < index->nordered; k++) {
        size_t i = index_walk_place(k, index->nordered, index->ndated, descending,
                                    sort == INDEX_SORT_DATE);
        uint32_t slot = sort == INDEX_SORT_DATE ? index->by_date[i] : index->orders[sort][i];
        if (!matches(index, slot, m))
            continue;
        if (matched >= offset && *count < limit) {
            ids[*count] = arena_strdup(arena, index->ids->keys[slot]);
            if (!ids[(*count)++])
                return JVDR_E_NOMEM;
        }
        matched++;
    }
    *total = (long long)matched;
    return JVDR_OK;
}

enum jvdr_err event_index_agreement_page(struct event_index *index, struct db *db,
                                         long long foreign_commits,
                                         const struct agreement_filter *f, enum agreement_sort sort,
                                         bool descending, unsigned long offset, unsigned long limit,
                                         struct arena *arena, long long *total, const char ***ids,
                                         size_t *count)
{
    *total = 0;
    *count = 0;
    *ids = arena_alloc(arena, (limit ? limit : 1) * sizeof **ids);
    if (!*ids)
        return JVDR_E_NOMEM;
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    if (code != JVDR_OK)
        return code;
    code = index_agreement_page(index, db, f, sort, descending, offset, limit, arena, total, *ids,
                                count);
    index_read_unlock(index);
    return code;
}

enum jvdr_err event_index_official_page(struct event_index *index, struct db *db,
                                        long long foreign_commits, const struct official_filter *f,
                                        enum official_sort sort, bool descending,
                                        unsigned long offset, unsigned long limit,
                                        struct arena *arena, long long *total, const char ***ids,
                                        size_t *count)
{
    *total = 0;
    *count = 0;
    *ids = arena_alloc(arena, (limit ? limit : 1) * sizeof **ids);
    if (!*ids)
        return JVDR_E_NOMEM;
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    if (code != JVDR_OK)
        return code;
    code = index_official_page(index, db, f, sort, descending, offset, limit, arena, total, *ids,
                               count);
    index_read_unlock(index);
    return code;
}

/* The page of f's events (the lock held): with a phrase the postings only narrowed (loose), its
 * rows confirmed one by one (event_index_loose_page.c); JVDR_E_NOT_FOUND when they cannot be (the
 * caller then asks the engine: loose NULL). */
static enum jvdr_err page_of(struct event_index *index, struct db *db, const struct event_filter *f,
                             struct index_loose *loose, enum index_sort sort, bool descending,
                             unsigned long offset, unsigned long limit, struct arena *arena,
                             long long *total, bool *estimated, const char **ids, size_t *count)
{
    struct event_match m;
    enum jvdr_err code = match_init(&m, index, db, f, loose);
    struct index_selection sel = {0};
    if (code == JVDR_OK && loose && loose->n > 0) {
        code = index_select(index, m.wanted, m.given, m.allowed, f->from, f->to, false, &sel)
                   ? index_loose_page(index, db, loose, &sel, sort, descending, offset, limit,
                                      arena, total, estimated, ids, count)
                   : JVDR_E_NOT_FOUND;
    } else if (code == JVDR_OK &&
               index_select(index, m.wanted, m.given, m.allowed, f->from, f->to, false, &sel)) {
        *total = sel.total;
        code =
            index_selection_page(index, &sel, sort, descending, offset, limit, arena, ids, count);
    } else if (code == JVDR_OK) {
        code = pass_page(index, &m, sort, descending, offset, limit, arena, total, ids, count);
    }
    index_selection_free(&sel);
    match_cleanup(&m);
    return code;
}

enum jvdr_err event_index_page(struct event_index *index, struct db *db, long long foreign_commits,
                               const struct event_filter *f, enum index_sort sort, bool descending,
                               unsigned long offset, unsigned long limit, struct arena *arena,
                               long long *total, bool *estimated, const char ***ids, size_t *count)
{
    *total = 0;
    *count = 0;
    *estimated = false;
    *ids = arena_alloc(arena, (limit ? limit : 1) * sizeof **ids);
    if (!*ids)
        return JVDR_E_NOMEM;
    enum jvdr_err code = index_read_lock(index, db, foreign_commits);
    bool locked = code == JVDR_OK;
    if (locked) {
        struct index_loose loose;
        code = page_of(index, db, f, &loose, sort, descending, offset, limit, arena, total,
                       estimated, *ids, count);
        if (code == JVDR_E_NOT_FOUND) { /* a narrowed phrase not confirmed: the engine's */
            *total = 0;
            *count = 0;
            *estimated = false;
            code = page_of(index, db, f, NULL, sort, descending, offset, limit, arena, total,
                           estimated, *ids, count);
        }
    }
    if (locked)
        index_read_unlock(index);
    return code;
}
