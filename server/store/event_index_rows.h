/* What the in-memory index of events keeps per record, and what its files share: event_index.c
 * (loading, commits, the lock and every public pass) calls the parts below it — event_index_
 * timeline.c (agreements and the timeline), _select.c (the events filters select, and pages of
 * them), _sets.c (each filter value's events), _search.c (full-text matches), _terms.c,
 * _terms_match.c, _pairs.c and _terms_read.c (postings of common words and of their pairs),
 * _tally.c, _order.c —
 * and none of them calls it back; the timeline calls select, which calls sets and order. Private
 * to server/store/. Every function here expects the index's lock held (the read lock for passes,
 * the write lock for changes). */
#ifndef JVDR_STORE_EVENT_INDEX_ROWS_H
#define JVDR_STORE_EVENT_INDEX_ROWS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/search_syntax.h"
#include "jvdr/store/db.h"
#include "jvdr/store/event_index.h"
#include "jvdr/store/index_dict.h"

#define NO_ID INDEX_NO_ID
#define INDEX_COUNTRY_CODES ((size_t)26 * 26)

/* 64 bytes, one cache line where the array is aligned (index_events_grow): a pass over a few
 * hundred thousand events (stats, pages) waits on memory line by line. */
struct indexed_event {
    char *title;     /* for ?sort=title */
    uint32_t *links; /* countries (codes), topics, officials, agreements and sources (words) */
    int32_t year;    /* of the date as given; -1 for none */
    uint32_t host;   /* host_country as a country code; NO_ID for none */
    int32_t start_key, end_key; /* date_start and date_end as YYYYMMDD, -1 for NULL */
    uint32_t type, status;      /* in words */
    uint32_t ncountries, ntopics, nofficials, nagreements, nsources;
    bool present;
};
_Static_assert(sizeof(void *) != 8 || sizeof(struct indexed_event) == 64,
               "an event is one cache line");

/* The events' array (index_array_grow: page-aligned, so an event is a cache line; grown without
 * a copy; new slots zero): old of keep events grown to n, or made when old is NULL. NULL when out
 * of memory (old kept). Freed with index_array_free(events, capacity * sizeof *events). */
static inline struct indexed_event *index_events_grow(struct indexed_event *old, size_t keep,
                                                      size_t n)
{
    return index_array_grow(old, keep * sizeof *old, n * sizeof *old);
}

struct indexed_agreement {
    bool present;               /* exists and has a date: on the timeline */
    int32_t start_key, end_key; /* as YYYYMMDD; -1 for NULL */
    uint32_t nparties, nsigners, nsources;
    uint32_t *links; /* parties (words), then signatories (officials), then sources (words) */
    /* For /v1/agreements (event_index_agreements.c): whether it exists, dated or not, and what
     * its sorts read. */
    bool exists;
    uint32_t type, status; /* in words */
    char *title;
};

struct indexed_official {
    uint32_t country; /* as a code */
    uint32_t nsources;
    uint32_t *sources; /* words */
};

/* An ISO date "YYYY-MM-DD" as the integer YYYYMMDD (which orders like the text); -1 for NULL.
 * (event_index_select.c) */
int32_t index_date_key(const char *iso);

/* The 26*26 two-letter codes as integers; NO_ID for anything else. (Inline: every file of the
 * index uses it, and it depends on nothing.) */
static inline uint32_t index_country_code(const char *c)
{
    if (!c || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2])
        return NO_ID;
    return (uint32_t)((c[0] - 'A') * 26 + (c[1] - 'A'));
}

/* The place of step k in a walk of an order of n entries: ascending, k; descending, reversed —
 * for dates (by_date true, the first dated of them dated), the dated from the latest, then the
 * undated, each group reversed, as SQLite orders "date_start IS NULL, date_start DESC, ...". */
static inline size_t index_walk_place(size_t k, size_t n, size_t dated, bool descending,
                                      bool by_date)
{
    return !descending ? k : !by_date ? n - 1 - k : k < dated ? dated - 1 - k : n - 1 - (k - dated);
}

/* Grows *a (*n entries) so that it holds entry at: doubling from first, new entries set to fill.
 * False when out of memory (*a as it was). */
static inline bool index_grow_u32(uint32_t **a, size_t *n, size_t at, size_t first, uint32_t fill)
{
    if (at < *n)
        return true;
    size_t more = *n ? *n : first;
    while (more <= at)
        more *= 2;
    uint32_t *grown = realloc(*a, more * sizeof *grown);
    if (!grown)
        return false;
    for (size_t i = *n; i < more; i++)
        grown[i] = fill;
    *a = grown;
    *n = more;
    return true;
}

/* Frees an event's title or links unless it lies in a block read from a saved index. */
static inline void index_release(const struct event_index *index, void *p)
{
    if (!index_block_holds(&index->title_block, p) && !index_block_holds(&index->link_block, p))
        free(p);
}

/* True when links[first .. first + n) holds value (links may be NULL when n is 0). */
static inline bool index_has_link(const uint32_t *links, uint32_t first, uint32_t n, uint32_t value)
{
    for (uint32_t i = first; i < first + n; i++)
        if (links[i] == value)
            return true;
    return false;
}

/* The public passes' work, each under the read lock event_index.c takes for it (the files of the
 * parts never lock: the lock's owner, event_index.c, calls them, never the other way round). */

/* event_index_search_count's (event_index_search.c). */
enum jvdr_err index_search_count(struct event_index *index, struct db *db, const char *table,
                                 const char *query, unsigned kinds, long long lo, long long hi,
                                 long long cap, struct range_count *out);

/* event_index_timeline's (event_index_timeline.c); *kinds and *ids allocated already. */
enum jvdr_err index_timeline_page(struct event_index *index, struct db *db,
                                  const struct timeline_filter *f, bool descending,
                                  unsigned long offset, unsigned long limit, struct arena *arena,
                                  long long *total, const char **kinds, const char **ids,
                                  size_t *count);

/* A search as the filters give it: the engine's query, its plain words when only those, and its
 * parsed tree (NULL: not given). */
struct index_query {
    const char *fts;
    const char *const *words; /* NULL: not plain words */
    size_t nwords;
    const struct search_node *tree;
};

/* Runs the search on db (from the postings of common words when they answer it, else the engine's
 * index) and sets *events and *agreements (either may be NULL when not wanted) to bitmaps of the
 * matching records' slots (calloc'd; the caller frees). JVDR_E_BAD_PARAM when the engine refuses
 * the query. (event_index_search.c, with the map below.) With loose (else NULL), *events may be
 * narrowed only, as index_terms_match_tree says. */
struct index_loose;
enum jvdr_err index_search(struct event_index *index, struct db *db, const struct index_query *q,
                           uint8_t **events, uint8_t **agreements, struct index_loose *loose);

/* The map from the full-text index's rowids to event and agreement slots, so that a search
 * reads rowids alone: loaded with the rest (after the events and agreements), updated after a
 * commit for each record whose id fact it reports (a rowid freed by a delete may be reused by
 * any kind), freed by forget. False when out of memory or a query fails. */
bool index_search_map_load(struct event_index *index, struct db *db);
bool index_search_map_update(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                             const char *kind, const char *id, long long before);
/* The rowid of record kind/id's row as the map knows it (before a commit's re-read: the caller
 * passes it to map_update as before), or -1. */
long long index_search_rowid(const struct event_index *index, const char *kind, const char *id);
void index_search_map_free(struct event_index *index);
/* Makes owners (struct event_index) from the map, after a saved index is read. */
bool index_search_owners(struct event_index *index);

/* The postings of the commonest words (event_index_terms.c): every word of the full-text rows
 * (one vocabulary), and per scope — every column (search_index's), or the title tier's (title
 * and folded: search_titles') — how many rows hold each word (an upper bound after commits) and
 * a bitmap over rowids for each of the commonest. Private to the index's files (the saved index
 * writes and reads it). */
enum terms_scope { TERMS_ALL, TERMS_TITLES, TERMS_SCOPES };

/* Adjacent pairs of a scope's common words, for phrases (event_index_pairs.c): for the words whose
 * pairs are known (every common word's, once counted in every row holding it), how many rows hold
 * b right after a in one column (an upper bound after commits, as a word's count), and a bitmap
 * over rowids for the commonest pairs. A pair of known words counted 0 is in no row. */
struct index_pairs {
    size_t side;      /* the most common words (0: no pairs kept) */
    uint8_t *known;   /* per bitmap number of a common word: whether its pairs are counted */
    uint32_t *counts; /* side * side: at a's bitmap number * side + b's */
    uint32_t *stamps; /* while tokenizing: the stamp of the row that last counted each pair */
    uint32_t *bitmap; /* each pair's bitmap number, or NO_ID */
    uint64_t **bits;
    size_t nbits;
    struct index_block lent; /* the bitmaps read from a saved file, used where they lie there */
    /* At a load, before the bitmaps are chosen: each row's pairs (a row's rowid with the top bit
     * set, then its pairs' slots), so that the chosen pairs' bits are set without reading every
     * row a third time; dropped (log_full) past a bound, and the rows are read again. */
    uint32_t *log;
    size_t nlog, log_capacity;
    long long log_row; /* the last row logged, plus one (0: none) */
    bool log_full;
};

struct index_postings {
    uint32_t *counts;
    uint32_t *stamps; /* while tokenizing: the stamp of the row that last counted each word */
    uint32_t *common; /* each word's bitmap number, or NO_ID */
    uint64_t **bits;  /* per bitmap: one bit per rowid, nwords words */
    size_t ncommon;
    struct index_block lent; /* the bitmaps read from a saved file, used where they lie there */
    uint32_t floor;          /* the rows that make a word common (a commit's count promotes it) */
    struct index_pairs pairs;
};

struct index_terms {
    struct index_dict *vocab;
    uint32_t seq;     /* the last row's stamp */
    size_t capacity;  /* of every scope's counts, stamps and common */
    uint32_t *sorted; /* words in byte order of their text, for prefixes */
    size_t nsorted;   /* words sorted; words added since (integers >= it) are not */
    size_t nwords;    /* of every bitmap */
    struct index_postings scope[TERMS_SCOPES];
};

/* A word too long for a key (TERMS_KEY_MAX bytes) is kept cut, marked by this last byte (never a
 * token's): a prefix of it is read from the engine's index. */
#define TERMS_KEY_MAX 255
#define TERMS_CUT_MARK '\x01'

/* The full-text table a scope's rows are read from (event_index_terms_read.c). */
const char *index_terms_table(enum terms_scope scope);
/* A new bitmap (the postings' width) of the rows of the index's records whose scope matches
 * match (the engine's match text, taken), read from the engine; NULL on failure. */
uint64_t *index_terms_read_rows(struct event_index *index, struct db *db, enum terms_scope scope,
                                struct buf *match);

/* build makes them from the database (after the map; true and none kept on an engine without a
 * tokenizer, or a store too small for them); row tokenizes rowid's row again after a commit (rowid
 * -1: nothing); match sets *rows (malloc'd, *nwords words) to the rows whose scope holds a word
 * beginning with each of words, or is JVDR_E_NOT_FOUND when the postings do not answer (the engine
 * then does). */
bool index_terms_build(struct event_index *index, struct db *db);
/* Whether the store has rows enough for a word to be common (index->terms_floor): below, build
 * keeps no postings, and the engine answers. */
bool index_terms_wanted(const struct event_index *index);
bool index_terms_row(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                     long long rowid);
enum jvdr_err index_terms_match(struct event_index *index, struct db *db, enum terms_scope scope,
                                const char *const *words, size_t n, uint64_t **rows,
                                size_t *nwords);
/* A phrase of a search that the postings only narrow: three or more common words (or two whose
 * pair has no bitmap), found in the rows holding each of its words and pairs. Each such row must
 * then be read to confirm it (index_terms_confirm): the pairs do not say they come in one run. */
#define PHRASE_MAX_TOKENS 8
#define LOOSE_MAX_PHRASES 4
struct index_loose {
    size_t n;
    struct {
        enum terms_scope scope;
        size_t n[2];                       /* its words folded, and as typed */
        uint32_t id[2][PHRASE_MAX_TOKENS]; /* each the vocabulary's word */
    } phrase[LOOSE_MAX_PHRASES];
};

/* The same for a parsed search of words and phrases joined by OR, AND and NOT and title: (body:,
 * and phrases the pairs of common words do not answer, are the engine's: JVDR_E_NOT_FOUND), within
 * field (SEARCH_TITLES: the title tier's). With loose (else NULL), a phrase joined to the rest by
 * AND only may be narrowed rather than answered: *rows then holds every match and some rows
 * index_terms_confirm refuses. */
enum jvdr_err index_terms_match_tree(struct event_index *index, struct db *db,
                                     const struct search_node *root, enum search_field field,
                                     struct index_loose *loose, uint64_t **rows, size_t *nwords);
/* "SELECT <rowid>, <the tokenizer's columns> FROM <its rows>" of the rows with the some rowids
 * ?1..?some, or (some 0) those from ?1 to ?2. False when out of memory. */
bool index_terms_row_sql(struct buf *sql, const struct db_tokenizer *tok, size_t some);
/* Sets yes[i] to whether full-text row rowids[i] holds each of loose's phrases, for i < n (at most
 * CONFIRM_BATCH; a rowid without a row: false), read from db in one statement with tok (the
 * store's tokenizer) and its words sought in order (event_index_terms_confirm.c). False when the
 * rows could not be read so (the engine's then). */
#define CONFIRM_BATCH 64
bool index_terms_confirm(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                         const struct index_loose *loose, const long long *rowids, size_t n,
                         bool *yes);
/* The same as a name search reads it (names and aliases: the title tier's postings, fields
 * ignored, as both engines' name searches ignore them). */
enum jvdr_err index_terms_match_names(struct event_index *index, struct db *db,
                                      const struct search_node *root, uint64_t **rows,
                                      size_t *nwords);
void index_terms_free(struct event_index *index);

/* The pairs of common words (event_index_pairs.c). start makes room for the pairs of side common
 * words, the first known of them known (at a load, once they are chosen); choose gives the
 * commonest bitmaps (false: out of memory), and says in *any whether one has; width grows every
 * bitmap to nwords words; clear takes rowid out of them; free frees them. */
bool index_pairs_start(struct index_pairs *q, size_t side, size_t known);
bool index_pairs_choose(struct index_pairs *q, uint32_t floor, size_t nwords, bool *any);
/* Logs the pair at slot as one of rowid's (at a load, before choose: see index_pairs.log). */
void index_pairs_log(struct index_pairs *q, long long rowid, size_t slot);
/* Sets the chosen bitmaps' bits from the log, and frees it; false when it was dropped (the rows
 * must be read again to set them). */
bool index_pairs_replay(struct index_pairs *q);
bool index_pairs_width(struct index_pairs *q, size_t from, size_t nwords);
void index_pairs_clear(struct index_pairs *q, long long rowid);
void index_pairs_free(struct index_pairs *q);
/* The pair's slot (a's and b's bitmap numbers), or SIZE_MAX when they are not both known. */
size_t index_pair_slot(const struct index_pairs *q, uint32_t a, uint32_t b);
/* Gives the pair at slot a bitmap now that commits made it common: its rows read from the engine
 * by the phrase of its words (a and b, vocabulary words), once. */
bool index_pairs_promote(struct event_index *index, struct db *db, struct db_tokenizer *tok,
                         enum terms_scope scope, size_t slot, const char *a, const char *b);

/* Whether rowid is a row of a record the map knows (every kind: /v1/search reads the postings
 * too). */
static inline bool index_row_wanted(const struct event_index *index, long long rowid)
{
    return rowid >= 0 && (size_t)rowid < index->nrowids && index->kind_by_rowid[rowid] != 0;
}

/* True when bit slot is set (a NULL bitmap allows everything). */
bool index_allowed(const uint8_t *bits, size_t slot);

/* The orders (event_index_order.c): by_date (with nordered and ndated) and the title and type
 * orders over the same events, built at load; after a commit the latter moved for one slot (present
 * or not now; before is how many events were ordered before the change, was_present whether the
 * slot was among them). False when out of memory. */
bool index_orders_build(struct event_index *index);
/* How events a and b compare in sort's order, ascending: -1, 0 (the same slot) or 1. For dates:
 * dated before undated, then date_start, date_end (NULL first, as SQLite sorts it) and id — what
 * events_spec's ORDER BY gives; for titles, SQLite's NOCASE, then id; for types, then id. */
int index_order_compare(const struct event_index *index, enum index_sort sort, uint32_t a,
                        uint32_t b);
bool index_orders_move(struct event_index *index, uint32_t slot, size_t before, bool was_present);
/* An order's comparison of two slots (sort: the order's own enum). take removes slot from order
 * (*n entries; one less when it was there) and returns where it was (SIZE_MAX: not there); put
 * inserts it at its place in *order (n entries, ascending by compare), false when out of
 * memory. */
typedef int (*index_compare_fn)(const struct event_index *index, int sort, uint32_t a, uint32_t b);
size_t index_order_take(uint32_t *order, size_t *n, uint32_t slot);
bool index_order_put(const struct event_index *index, uint32_t **order, size_t n, uint32_t slot,
                     int sort, index_compare_fn compare);
void index_orders_free(struct event_index *index);

/* Facet counts, as /v1/stats gives them: years[10001] ([10000]: undated), and by interned id
 * types (words), topics, countries (codes) and officials; each array as long as its dictionary. */
struct index_counts {
    long long total;
    long long *years, *types, *topics, *countries, *officials;
    size_t ntypes, ntopics, nofficials;
};

/* Stats kept per group of events (event_index_tally.c): built at load, an event taken out
 * (sign -1) before a commit's re-read and put back (+1) after; index_tally_sum adds the groups a
 * filter of whole-year from/to bounds (or none) selects into out, and is false for any other
 * filter (a pass is needed). */
/* The official facet's pieces (event_index_names.c). refresh makes them for every official when
 * the dictionary has new ones (a load, a commit; false when out of memory); set remakes one
 * official's after its name changed; put appends "official":[...] for counts (by official, n of
 * them: the dictionary's count), the first limit of the officials counted, and sets *values to
 * how many were; or returns false when the pieces do not cover them (the caller writes the facet
 * itself). */
bool index_names_refresh(struct event_index *index);
bool index_names_set(struct event_index *index, uint32_t official);
bool index_names_put(const struct event_index *index, struct buf *out, const long long *counts,
                     size_t n, size_t limit, size_t *values);
void index_names_free(struct event_index *index);

/* Appends s as a JSON string, escaped as SQLite's JSON functions escape it (event_index_names.c,
 * whose pieces are written with it). */
void index_put_json_string(struct buf *out, const char *s);

void index_tally_build(struct event_index *index);
void index_tally_event(struct event_index *index, uint32_t slot, int sign);
bool index_tally_sum(struct event_index *index, const struct event_filter *f,
                     struct index_counts *out);
void index_tally_free(struct event_index *index);

/* The fields whose values select events (a list's country is the host's or a listed one's; the
 * timeline's, a listed one's). */
enum index_field {
    INDEX_FIELD_COUNTRY,
    INDEX_FIELD_TYPE,
    INDEX_FIELD_STATUS,
    INDEX_FIELD_TOPIC,
    INDEX_FIELD_OFFICIAL,
    INDEX_FIELD_AGREEMENT,
    INDEX_FIELD_SOURCE,
    INDEX_FIELD_LISTED_COUNTRY,
    INDEX_FIELDS
};

/* The events of each value of each field (event_index_sets.c), kept like the tallies: built at
 * load, an event out (-1) before a commit's re-read and back (+1) after. wanted[field] is a value
 * (a country code, or an id of the dictionary the field's links use; NO_ID: none) where
 * given[field]. index_sets_total sets *total when exactly one field is given and is false
 * otherwise; index_sets_select returns a bitmap (calloc'd, *nwords words, covering every slot)
 * of the present events every given value selects, or NULL when out of memory then or before
 * (the caller then passes over the events). */
void index_sets_build(struct event_index *index);
void index_sets_event(struct event_index *index, uint32_t slot, int sign);
void index_sets_free(struct event_index *index);
bool index_sets_total(struct event_index *index, const uint32_t wanted[INDEX_FIELDS],
                      const bool given[INDEX_FIELDS], long long *total);
uint64_t *index_sets_select(struct event_index *index, const uint32_t wanted[INDEX_FIELDS],
                            const bool given[INDEX_FIELDS], size_t *nwords);

/* The events some filters select (event_index_select.c). */
struct index_selection {
    uint64_t *bits; /* one bit per slot (nwords words); NULL: every present event */
    size_t nwords;
    long long total; /* how many */
    bool dated;      /* only dated events, all at positions lo..hi of by_date */
    size_t lo, hi;
};

/* Selects the present events that every given value selects (see index_sets_select), that
 * search (a bitmap of index_search's, or NULL) allows, and, with from or to or dated_only, the
 * dated ones within from..to (as event_filter gives them; NULL: unbounded). False when out of
 * memory (the caller then passes over the events); index_selection_free frees sel either way. */
bool index_select(struct event_index *index, const uint32_t wanted[INDEX_FIELDS],
                  const bool given[INDEX_FIELDS], const uint8_t *search, const char *from,
                  const char *to, bool dated_only, struct index_selection *sel);
void index_selection_free(struct index_selection *sel);

/* Sets ids[0..*count) (copied into arena) to the page offset..offset + limit of sel's events in
 * sort's order (descending as event_index_page says). */
enum jvdr_err index_selection_page(struct event_index *index, const struct index_selection *sel,
                                   enum index_sort sort, bool descending, unsigned long offset,
                                   unsigned long limit, struct arena *arena, const char **ids,
                                   size_t *count);

/* A page deeper than this many times confirm_rows rows read to confirm a loose phrase is the
 * engine's (its cost no longer bounded by the page). */
#define LOOSE_WALK_FACTOR 4
/* Rows read for the sample of an estimate (on /v1/events fewer when confirm_rows is smaller). */
#define LOOSE_SAMPLE 128

/* Keeps in rows (nwords words) only the rows of kinds that hold loose's phrases, each row read to
 * confirm it (index_terms_confirm), when there are at most confirm_rows of those kinds; false past
 * that, or when a row cannot be read so (the engine's then). event_index_loose_rows.c. */
bool index_loose_keep(struct event_index *index, struct db *db, const struct index_loose *loose,
                      uint64_t *rows, size_t nwords, unsigned kinds);

/* /v1/search's rows (a narrowing of all's phrases, of the kinds searched) and titles (of titled's,
 * within rows) made exact where its page needs them: every candidate confirmed when there are at
 * most confirm_rows; else each tier read from the newest row down until page->need are confirmed,
 * the rows not read cleared, and page->total estimated from a sample (page->estimated) unless
 * every candidate was read. JVDR_E_NOT_FOUND when the page lies deeper than LOOSE_WALK_FACTOR
 * times confirm_rows rows, or a row cannot be read so (the engine's then).
 * event_index_loose_rows.c. */
enum jvdr_err index_loose_search(struct event_index *index, struct db *db,
                                 const struct index_loose *all, const struct index_loose *titled,
                                 uint64_t *rows, uint64_t *titles, size_t nwords,
                                 struct match_page *page);

/* The page of sel's events that loose's phrases confirm (event_index_loose_page.c), as
 * index_selection_page gives it, and their total: exact (sel's events confirmed then kept in sel)
 * or estimated (*estimated). JVDR_E_NOT_FOUND when rows cannot be confirmed, or the page is too
 * deep to read to: the engine's then. */
enum jvdr_err index_loose_page(struct event_index *index, struct db *db,
                               const struct index_loose *loose, struct index_selection *sel,
                               enum index_sort sort, bool descending, unsigned long offset,
                               unsigned long limit, struct arena *arena, long long *total,
                               bool *estimated, const char **ids, size_t *count);

/* Whether sel holds few enough events (a thousandth of them) to sort rather than walk an order
 * to; then their slots in sort's order (malloc'd, *n of them), or NULL when out of memory. */
bool index_selection_few(const struct event_index *index, const struct index_selection *sel);
uint32_t *index_selection_sorted(const struct event_index *index, const struct index_selection *sel,
                                 enum index_sort sort, size_t *n);

/* Bitmaps over slots: how many bits are set; whether slot's is. */
size_t index_bits_count(const uint64_t *bits, size_t nwords);
static inline bool index_bit(const uint64_t *bits, size_t slot)
{
    return (bits[slot / 64] >> (slot % 64)) & 1u;
}

/* Agreements (event_index_timeline.c): load all in load()'s read transaction and sort them; after a
 * commit, re-read one and move it to its place. False when out of memory or a query fails. */
bool index_load_agreements(struct event_index *index, struct db *db);
bool index_reload_agreement(struct event_index *index, struct db *db, const char *id);

/* The orders of /v1/agreements (event_index_agreements.c): built after a load (from the database
 * or the file), and slot moved to its places after a commit re-read it (was_listed: whether it
 * was in them before). False when out of memory. */
bool index_agreement_orders_build(struct event_index *index);
bool index_agreement_orders_move(struct event_index *index, uint32_t slot, bool was_listed);
void index_agreement_orders_free(struct event_index *index);
/* One page of /v1/agreements (see event_index_agreement_page), the lock held and the index
 * loaded; ids has room for limit. */
enum jvdr_err index_agreement_page(struct event_index *index, struct db *db,
                                   const struct agreement_filter *f, enum agreement_sort sort,
                                   bool descending, unsigned long offset, unsigned long limit,
                                   struct arena *arena, long long *total, const char **ids,
                                   size_t *count);
/* Officials for /v1/officials (event_index_officials.c): load reads every official's country
 * and sources (after the names); reread one official's, integer i, after a commit; the orders
 * built after a load and one moved after a reread (was_listed: whether it was in them); a page
 * as index_agreement_page, JVDR_E_NOT_FOUND when the postings cannot answer f's search. */
bool index_officials_load(struct event_index *index, struct db *db);
bool index_official_reread(struct event_index *index, struct db *db, uint32_t i, const char *id);
bool index_official_orders_build(struct event_index *index);
bool index_official_orders_move(struct event_index *index, uint32_t i, bool was_listed);
bool index_official_listed(const struct event_index *index, uint32_t i);
void index_officials_free(struct event_index *index);
enum jvdr_err index_official_page(struct event_index *index, struct db *db,
                                  const struct official_filter *f, enum official_sort sort,
                                  bool descending, unsigned long offset, unsigned long limit,
                                  struct arena *arena, long long *total, const char **ids,
                                  size_t *count);
/* SQLite's NOCASE comparison: ASCII capitals as lower case, every other byte as it is. */
int index_nocase_compare(const char *x, const char *y);

/* The index saved to and read from index->snapshot_path (event_index_snapshot.c). read, in the
 * caller's read transaction, fills the empty index from the file when the file was written from
 * the state the store is in (its token still in the store, the same schema), and is false
 * otherwise (the caller forgets what it read and loads from the database). current says whether
 * the file there is the store's state (nothing written since it was saved). write, in the
 * caller's write transaction, saves the index (which must be the store's state) and stores the
 * file's token; false with err said when it cannot. */
bool index_snapshot_read(struct event_index *index, struct db *db);
bool index_snapshot_current(struct event_index *index, struct db *db);
bool index_snapshot_write(struct event_index *index, struct db *writer, char *err, size_t errlen);

/* The file's format (event_index_file.c), after a header of header_len bytes that the caller
 * writes and checks: write is false when a write fails; read fills the empty index from the file
 * mapped as file (index->file_block, which keeps the blobs it lends to the index) and is false
 * when the file is short, damaged (its CRC) or memory is short (the caller then forgets what was
 * read). */
bool index_file_write(FILE *f, const void *header, size_t header_len,
                      const struct event_index *index);
bool index_file_read(const struct index_block *file, size_t header_len, struct event_index *index);

#endif
