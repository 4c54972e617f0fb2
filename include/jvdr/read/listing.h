/* The list engine shared by every collection: filters, sort and paging declared as data per
 * resource, turned into SQL from fixed fragments with every value bound, answered as
 * {"items": [...], "total", "limit", "offset"} with RFC 8288 Link headers. */
#ifndef JVDR_READ_LISTING_H
#define JVDR_READ_LISTING_H

#include "jvdr/http/request.h"

struct stmt;

#define LISTING_DEFAULT_LIMIT 50
#define LISTING_MAX_LIMIT 500

enum filter_kind {
    FILTER_ID,        /* a record id; malformed is a 400 */
    FILTER_WORD,      /* a vocabulary word such as a type or topic: [a-z0-9-] */
    FILTER_COUNTRY,   /* ISO 3166-1 alpha-2, either case */
    FILTER_PARTY,     /* a country code or an organisation's short name, 2-16 letters */
    FILTER_DATE_FROM, /* ISO date at any precision; binds the first day it covers */
    FILTER_DATE_TO,   /* ISO date at any precision; binds the last day it covers */
    FILTER_TEXT,      /* free text; binds a LIKE pattern of its folded form */
    FILTER_SEARCH,    /* a full-text query (search_fts_query); a syntax error is a 400 */
    FILTER_NAME,      /* a full-text query on names and aliases only (search_name_query) */
};

struct list_filter {
    const char *param;
    enum filter_kind kind;
    /* SQL condition; every '?' in it is bound to the parameter's value. In a FILTER_SEARCH or
     * FILTER_NAME clause, its one %s is where the engine's full-text match of the table goes
     * (db_search: put_match), which binds the value too. */
    const char *clause;
    /* The fact of jvdr/store/facts.h this filter tests (its value is the fact's value), so that a
     * cached answer it narrows depends on that fact only; "year" for dates (from and to), "word"
     * for full text; NULL when it tests none (free text). */
    const char *fact;
};

struct list_sort {
    const char *name; /* the sort key a client names, e.g. "date" */
    const char *asc;  /* ORDER BY terms, ascending */
    const char *desc; /* and descending */
};

/* The largest offset a list takes (400 beyond). */
#define LISTING_MAX_OFFSET 1000000000UL

struct list_spec {
    const char *path;                  /* the collection's path, for Link headers */
    const char *from;                  /* "events x" */
    const char *item;                  /* SQL expression giving one item's JSON */
    const char *tiebreak;              /* the last ORDER BY terms, unique per row: "x.id" */
    const char *tiebreak_desc;         /* the same, descending, for a descending first sort key */
    const struct list_filter *filters; /* ending in {NULL} */
    const struct list_sort *sorts;     /* ending in {NULL}; the first is the default */
    const char *const *kinds;          /* the kinds of record listed, ending in NULL */
    /* Kinds whose names the answer shows beside the records (stats' official facet), ending in
     * NULL (may be NULL): a narrowed answer depends on them as a whole as well. */
    const char *const *names;
    unsigned long max_offset; /* the largest offset taken (0: LISTING_MAX_OFFSET), for links */
    /* The full-text table its FILTER_SEARCH and FILTER_NAME clauses read: search_minor for the
     * kinds other than events (migrations/0018); NULL: search_index. */
    const char *search_table;
    bool faceted; /* takes facet_limit (/v1/stats) */
};

/* How many values a facet ordered by count lists unless ?facet_limit= says (Solr's default), and
 * the most it may ask: at a million events the official facet alone had 10,012 values, 690 kB
 * that every write made each /v1/stats answer render again. */
#define LISTING_FACET_LIMIT 100
#define LISTING_MAX_FACET_LIMIT 10000

/* A count for charts. rows gives one row a value, in the facet's order, with one %s where the
 * filters' WHERE clause goes, e.g. "SELECT e.type AS key, count(DISTINCT e.id) AS n FROM events
 * e%s GROUP BY key ORDER BY n DESC, key"; object is a row's JSON, e.g. "json_object('key', key,
 * 'count', n)". limited: ordered by count, and cut at the facet limit (a facet of years, ordered
 * by year, stays whole). */
struct facet {
    const char *name;
    const char *rows;
    const char *object;
    bool limited;
};

/* ?facet_limit=, or LISTING_FACET_LIMIT when absent (400 past LISTING_MAX_FACET_LIMIT). */
enum jvdr_err listing_facet_limit(struct request *req, unsigned long *limit);

/* Checks req's parameters against spec's filters (400 naming the one at fault) and sets values[i]
 * to what filter i binds (normalised: dates as first or last day, countries upper-case, search
 * text as an FTS query) or NULL when it is absent. values has room for every filter. */
enum jvdr_err listing_filter_values(struct request *req, const struct list_spec *spec,
                                    const char **values);

/* Like listing_filter_values for a list: limit, offset and sort are known too, and *limit and
 * *offset are set (defaults and bounds as listing_respond's). The sort is not checked here. */
enum jvdr_err listing_page_values(struct request *req, const struct list_spec *spec,
                                  const char **values, unsigned long *limit, unsigned long *offset);

/* The value values (as listing_filter_values set them) holds for spec's filter param, or NULL. */
const char *listing_value(const struct list_spec *spec, const char *const *values,
                          const char *param);

/* Answers a page whose n items (JSON texts, in order) were selected elsewhere: the body,
 * X-Total-Count and Link headers listing_respond gives for the same page. */
enum jvdr_err listing_answer_items(struct request *req, struct response *res,
                                   const struct list_spec *spec, char *const *items, size_t n,
                                   long long total, unsigned long limit, unsigned long offset);

/* listing_answer_items for a total that may be an estimate (/v1/search): the body gains
 * "total_estimated" and, when it is true, X-Total-Estimated: true says so beside X-Total-Count. */
enum jvdr_err listing_answer_estimate(struct request *req, struct response *res,
                                      const struct list_spec *spec, char *const *items, size_t n,
                                      long long total, bool estimated, unsigned long limit,
                                      unsigned long offset);

/* Answers {"total": N, "facets": {name: [...], ...}, "facet_values": {name: N, ...}} for the
 * records spec's filters select: each facet's values (a limited one's first facet_limit), and how
 * many values each has in all. */
enum jvdr_err listing_facets(struct request *req, struct response *res,
                             const struct list_spec *spec, const struct facet *facets);

/* Steps stmt (bound, one JSON text column per row) and answers
 * {"items": [...], "total", "limit", "offset"} with X-Total-Count; resets stmt. */
enum jvdr_err listing_answer_page(struct request *req, struct response *res, struct stmt *stmt,
                                  long long total, unsigned long limit, unsigned long offset);

/* The page query listing_respond would run for req (filters, sort, LIMIT ? OFFSET ?) into *sql
 * (malloc'd), for EXPLAIN QUERY PLAN in tests. */
enum jvdr_err listing_page_sql(struct request *req, const struct list_spec *spec, char **sql);

/* The whole of a list's query for req, for a read that outlives the request (an export): every
 * record the filters select in the requested order, and their count. Strings malloc'd. */
#define LISTING_MAX_BINDS 64
struct listing_query {
    char *sql;       /* "SELECT item FROM ... WHERE ... ORDER BY ..." */
    char *count_sql; /* "SELECT count(*) FROM ... WHERE ..." */
    char *binds[LISTING_MAX_BINDS];
    int nbinds;
};

/* Checks req's filters and sort (400 naming the one at fault) and fills q, which the caller frees
 * with listing_query_free whatever the outcome. */
enum jvdr_err listing_query_build(struct request *req, const struct list_spec *spec,
                                  struct listing_query *q);

/* Binds q's values to stmt, prepared from q->sql or q->count_sql. */
void listing_query_bind(struct stmt *stmt, const struct listing_query *q);

void listing_query_free(struct listing_query *q);

/* Whether req may be answered from the store's index of events: it is on (JVDR_EVENT_INDEX) and
 * known to be current (on PostgreSQL, only while the other instances' commits are heard). */
bool listing_use_index(const struct request *req);

/* Answers the list request with a page: 400 naming the parameter for anything malformed, else
 * 200 (collection_respond decides between a page and an export). */
enum jvdr_err listing_respond(struct request *req, struct response *res,
                              const struct list_spec *spec);

/* Answers a single record: runs sql (one '?' bound to the id capture) and answers its one-column
 * JSON row, or 404 when the id is malformed or unknown. kind names the record in the 404. */
enum jvdr_err listing_detail(struct request *req, struct response *res, const char *sql,
                             const char *kind);

#endif
