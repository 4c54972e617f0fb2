/* An in-memory index of every event's facts that filters and facets read: dates, type, status,
 * countries, topics, participants and agreements, kept in date order. /v1/stats and date-ordered
 * /v1/events pages answer from it with one pass over compact rows instead of grouped joins and
 * sorts (tens to hundreds of milliseconds at 100,000 events).
 *
 * It is exact: loaded in one read transaction on first use; after every commit of the process
 * the store re-reads the events the commit changed (store_write_end, before the answer); after a
 * commit by another process (seen by store_poll or a write's start) it is loaded again on next use.
 * Thread-safe: passes share a read lock; loads and updates after a commit take it alone. */
#ifndef JVDR_STORE_EVENT_INDEX_H
#define JVDR_STORE_EVENT_INDEX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/error.h"
#include "jvdr/base/estimate.h"
#include "jvdr/store/index_block.h"

struct arena;
struct db;
struct store_change;
struct indexed_event;
struct indexed_agreement;
struct indexed_official;
struct index_dict;
struct index_tallies;
struct index_names;
struct search_node;

/* The filters the index answers; each NULL when absent, values as the list engine binds them
 * (dates as first or last day "YYYY-MM-DD", country codes upper-case). */
struct event_filter {
    const char *from, *to;
    const char *country, *type, *status, *topic, *official, *agreement, *source;
    const char *location; /* folded text the event's folded location holds */
    const char *search;   /* an FTS5 query (read/search_query.c made it): the records it matches */
    /* When the search is plain words (each a prefix, all wanted), those words as typed: the
     * postings of common words may answer it (event_index_terms.c); NULL otherwise. */
    const char *const *search_words;
    size_t nsearch_words;
    /* The search parsed (jvdr/base/search_syntax.h), for the postings to answer what else they
     * can (OR, NOT, title:); NULL when not given. */
    const struct search_node *search_tree;
};

/* The orders a page can come in: the date's (by_date), and the others' (orders[]). */
enum index_sort { INDEX_SORT_DATE, INDEX_SORT_TITLE, INDEX_SORT_TYPE, INDEX_SORTS };

/* The orders of /v1/officials the index keeps: each then by id, as the SQL's tiebreak. */
enum official_sort { OFFICIAL_SORT_NAME, OFFICIAL_SORT_COUNTRY, OFFICIAL_SORTS };

/* The orders of /v1/agreements the index keeps: each then by id, as the SQL's tiebreak. */
enum agreement_sort {
    AGREEMENT_SORT_DATE,
    AGREEMENT_SORT_TITLE,
    AGREEMENT_SORT_TYPE,
    AGREEMENT_SORT_STATUS,
    AGREEMENT_SORTS
};

struct event_index {
    pthread_rwlock_t lock; /* passes share it; loads and a commit's updates take it alone */
    bool loaded;
    long long loaded_at; /* the store's foreign-commit count when loaded */
    struct indexed_event *events;
    size_t count, capacity;
    /* Each slot's folded location (in words; NO_ID for none), beside the events rather than in
     * them: location= reads every slot's, 4 MB at a million events instead of 72. */
    uint32_t *locations;
    struct index_dict *ids, *officials, *topics, *words; /* event ids; names; vocabulary */
    uint32_t *by_date; /* present events' slots in the order of ?sort=date */
    size_t ndated;     /* how many of them have a date (they come first) */
    size_t nordered;
    uint32_t *orders[INDEX_SORTS]; /* the same events by title and by type (not DATE: by_date) */
    struct index_tallies *tallies; /* stats per group of events (event_index_tally.c) */
    struct index_value_sets *value_sets; /* events per filter value (event_index_sets.c) */
    struct index_names *names;           /* the official facet's pieces (event_index_names.c) */
    /* For a date filter's binary search: the longest span from a dated event's start to its end
     * (as keys; a high-water mark since the load), and whether every end is at or after its
     * start. */
    int32_t max_span;
    bool ends_follow_starts;
    /* Dated agreements, for the timeline: their dates, parties and signatories. */
    struct indexed_agreement *agreements;
    size_t agreement_count, agreement_capacity;
    struct index_dict *agreement_ids;
    uint32_t *agreements_by_date; /* dated agreements' slots in date order */
    size_t agreements_ordered;
    /* Every existing agreement's slot in the orders of /v1/agreements (AGREEMENT_SORT_*), the
     * dated first in the date's, as its SQL orders them; how many, and how many are dated. */
    uint32_t *agreement_orders[AGREEMENT_SORTS];
    size_t agreements_listed, agreements_dated;
    /* Each official's country and sources, by its integer in officials (whose names say which
     * exist), and the existing ones in the orders of /v1/officials (OFFICIAL_SORT_*). */
    struct indexed_official *official_facts;
    size_t official_facts_capacity;
    uint32_t *official_orders[OFFICIAL_SORTS];
    size_t officials_listed;
    /* Full-text rowid -> event slot, or agreement slot | INDEX_AGREEMENT_SLOT, or NO_ID. */
    uint32_t *by_rowid;
    uint8_t *kind_by_rowid; /* INDEX_KIND_* of each rowid's record; 0: none known */
    size_t nrowids;
    /* The rowid each event slot ([0]) and agreement slot ([1]) was last mapped from, or NO_ID;
     * and the rowid of every other record's row (officials, sources, agreements), by "kind:id",
     * so that a deleted record's row leaves the map and the postings. */
    uint32_t *owners[2];
    size_t nowners[2];
    struct index_dict *row_keys;
    uint32_t *row_key_rowids;
    size_t row_key_capacity;
    /* Other processes' commits (SQLite: store/index_journal.c): when journaled, the store's
     * epoch and the journal's last entry as of the last load or catch-up, so that a foreign
     * commit re-reads the records journaled since rather than every event. */
    bool journaled;
    char journal_epoch[33];
    long long journal_seq;
    /* Loads from the saved file and from the database, catch-ups and the records they re-read,
     * for /metrics. */
    atomic_llong loads_from_file, loads_from_database, catch_ups, caught_up_records;
    /* Matches of plain words answered from the postings, and those left to the engine's
     * full-text index (a word of several tokens, a prefix of too many rare words, none kept),
     * for /metrics. */
    atomic_llong searches_from_postings, searches_from_engine;
    /* The postings of the commonest words (event_index_terms.c); NULL: none kept. A word gets a
     * bitmap when at least terms_floor rows hold it (--search-common-rows). */
    struct index_terms *terms;
    size_t terms_floor;
    /* A list's phrase that the postings only narrow is confirmed row by row for at most this many
     * events; past it, its total is estimated from a sample (--search-confirm-rows). */
    size_t confirm_rows;
    /* Where the index is saved between runs (SQLite stores; NULL: never), and whether the last
     * load read it from there rather than from the database. */
    char *snapshot_path;
    bool from_snapshot;
    bool snapshot_refused; /* the saved index matched the store but could not be read (damaged,
                            * or written by another build of the same format): saved again */
    /* The saved index mapped as the last load read it (none after a load from the database), and
     * the titles and links of the events, each set in one block lent by it (a title or links
     * replaced later is malloc'd, as after a load from the database). */
    struct index_block file_block, title_block, link_block;
};

void event_index_init(struct event_index *index);
void event_index_cleanup(struct event_index *index);

/* Appends {"total":N,"facets":{"year":[...],"type":[...],"topic":[...],"country":[...],
 * "official":[...]},"facet_values":{"year":N,...}} for the events f selects to out, each facet
 * but the year's cut at facet_limit values — byte for byte what the facet SQL of read/events.c
 * gives. Loads the index first through db (the caller's connection) when it is not
 * loaded or foreign_commits has moved since. Returns JVDR_OK; JVDR_E_BAD_PARAM when FTS5 refuses
 * f->search (the caller then asks SQL, which says why); or the error of a failed load. */
enum jvdr_err event_index_stats(struct event_index *index, struct db *db, long long foreign_commits,
                                const struct event_filter *f, unsigned long facet_limit,
                                struct buf *out);

/* One page of /v1/events in the order sort (descending: ?sort=-date, -title, -type) for the events
 * f selects: sets *total and the ids of the page (copied into arena) in *ids and *count — the
 * rows, total and order the list SQL gives. The total is estimated (*estimated) only for a search
 * whose phrase the postings narrow to more than confirm_rows events (the page is exact). Loads
 * the index first like event_index_stats. */
enum jvdr_err event_index_page(struct event_index *index, struct db *db, long long foreign_commits,
                               const struct event_filter *f, enum index_sort sort, bool descending,
                               unsigned long offset, unsigned long limit, struct arena *arena,
                               long long *total, bool *estimated, const char ***ids, size_t *count);

/* The filters of /v1/agreements the index answers; NULL when absent (values as the list engine
 * binds them, dates as first or last day). */
struct agreement_filter {
    const char *from, *to, *type, *status, *party, *signatory, *event, *source;
    const char *search; /* the engine's query (read/search_query.c made it) */
    const char *const *search_words;
    size_t nsearch_words;
    const struct search_node *search_tree;
};

/* One page of /v1/agreements: the ids (in arena) of the agreements f selects in sort's order
 * (descending as the SQL's "-key" orders: for dates the dated from the latest, then the undated),
 * from offset, at most limit, and how many f selects in all. JVDR_E_BAD_PARAM when the engine
 * refuses f's search. */
enum jvdr_err event_index_agreement_page(struct event_index *index, struct db *db,
                                         long long foreign_commits,
                                         const struct agreement_filter *f, enum agreement_sort sort,
                                         bool descending, unsigned long offset, unsigned long limit,
                                         struct arena *arena, long long *total, const char ***ids,
                                         size_t *count);

/* The filters of /v1/officials the index answers; NULL when absent. search is q= parsed (names
 * and aliases only). */
struct official_filter {
    const char *country, *event, *source;
    const struct search_node *search;
};

/* One page of /v1/officials, as event_index_agreement_page; JVDR_E_NOT_FOUND when the postings
 * cannot answer f's search (a phrase, or none kept: the caller asks SQL). */
enum jvdr_err event_index_official_page(struct event_index *index, struct db *db,
                                        long long foreign_commits, const struct official_filter *f,
                                        enum official_sort sort, bool descending,
                                        unsigned long offset, unsigned long limit,
                                        struct arena *arena, long long *total, const char ***ids,
                                        size_t *count);

/* The filters of /v1/timeline the index answers; NULL when absent. */
struct timeline_filter {
    const char *from, *to, *kind, *country, *official, *topic;
    const char *search; /* an FTS5 query, as in struct event_filter */
    const char *const *search_words;
    size_t nsearch_words;
    /* The search parsed (jvdr/base/search_syntax.h), for the postings to answer what else they
     * can (OR, NOT, title:); NULL when not given. */
    const struct search_node *search_tree;
};

/* One page of /v1/timeline: the dated events and agreements f selects, in date order (then kind
 * and id, as the timeline SQL orders them), or reversed. Sets *total and, for the page, each
 * record's kind and id (copied into arena). Loads the index first like event_index_stats. */
enum jvdr_err event_index_timeline(struct event_index *index, struct db *db,
                                   long long foreign_commits, const struct timeline_filter *f,
                                   bool descending, unsigned long offset, unsigned long limit,
                                   struct arena *arena, long long *total, const char ***kinds,
                                   const char ***ids, size_t *count);

/* The kinds of record a full-text row can be, as bits for event_index_search_count. */
#define INDEX_KIND_EVENT 1u
#define INDEX_KIND_OFFICIAL 2u
#define INDEX_KIND_AGREEMENT 4u
#define INDEX_KIND_SOURCE 8u

/* The INDEX_KIND_* bit of a kind's name ("event"...); 0 for anything else. */
unsigned index_kind_bit(const char *kind);

/* Counts the rows of full-text table (search_index, search_minor or search_titles) with rowids in
 * [lo, hi] that match query among the records of kinds (INDEX_KIND_* bits), in rowid order,
 * stopping at cap: a range_counter's work (base/estimate.h), their kinds known from the index's
 * rowid map rather than a join. JVDR_E_BAD_PARAM when FTS5 refuses the query; JVDR_E_NOT_FOUND when
 * a matching row is not in the map (the caller counts in SQL). Loads the index first like
 * event_index_stats. */
enum jvdr_err event_index_search_count(struct event_index *index, struct db *db,
                                       long long foreign_commits, const char *table,
                                       const char *query, unsigned kinds, long long lo,
                                       long long hi, long long cap, struct range_count *out);

/* What a search asks of the postings beside its bitmaps (event_index_match_rows), and their
 * count. */
struct match_page {
    /* 0: a phrase the postings only narrow (three or more common words) is the engine's; else the
     * matches the page needs, offset + limit + 1 (one past it, so that a next page is offered
     * exactly when there is one), and such a phrase is confirmed by reading rows */
    long long need;
    long long total; /* how many match */
    bool estimated;  /* total estimated from a sample of the candidates */
};

/* Sets *rows (malloc'd; the caller frees) to a bitmap over full-text rowids, *nwords words, of
 * the records of kinds (INDEX_KIND_* bits) a parsed search matches (jvdr/base/search_syntax.h:
 * words as prefixes, joined by AND, OR and NOT, title: and phrases), and *titles to those it
 * matches in their titles and folded names (the title tier), both from the postings of common
 * words in one state of the index, and page->total to how many match. With page->need, a phrase
 * the postings only narrow is read to confirm it, from the newest row down where there are more
 * than confirm_rows candidates: each bitmap then holds exactly its newest page->need matches (or
 * all) and the total may be estimated. JVDR_E_NOT_FOUND when the postings do not answer (none
 * kept, such a phrase without need or too deep a page of one, body:, or a word they cannot);
 * loads the index first like event_index_stats. */
enum jvdr_err event_index_match_rows(struct event_index *index, struct db *db,
                                     long long foreign_commits, const struct search_node *root,
                                     unsigned kinds, uint64_t **rows, uint64_t **titles,
                                     size_t *nwords, struct match_page *page);

/* Loads the index through db now unless it is loaded and current, so that the first /v1/stats
 * does not pay for it. Returns JVDR_OK or the error of a failed load. */
enum jvdr_err event_index_warm(struct event_index *index, struct db *db, long long foreign_commits);

/* Saves the index to index->snapshot_path, for the next start to read instead of the database;
 * called in a write transaction of writer (no commit can come between), with the store's count
 * of other processes' commits looked at in it. JVDR_OK when saved (*written) or when the file
 * there already is the store's state (nothing changed since it was written); JVDR_E_CONFLICT
 * when there is nothing current to save (not loaded, or loaded before another process's
 * commit); JVDR_E_INTERNAL when it cannot, with err said. */
enum jvdr_err event_index_save(struct event_index *index, struct db *writer,
                               long long foreign_commits, bool *written, char *err, size_t errlen);

/* After a commit of the process on db: re-reads every event among changes (and the names of
 * changed officials). A no-op when not loaded. */
void event_index_apply(struct event_index *index, struct db *db, const struct store_change *changes,
                       size_t count);

#endif
