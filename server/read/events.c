/* GET /v1/events and /v1/events/{id}: meetings, visits, dialogues, signings, transfers... with
 * their countries and topics; the detail adds participants, agreements and sources. */
#include "jvdr/read/events.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/fold.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/read/collection.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/db.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/store/store.h"

const char *const event_columns[] = {"id",
                                     "title",
                                     "type",
                                     "status",
                                     "date",
                                     "date_precision",
                                     "date_qualifier",
                                     "date_note",
                                     "end_date",
                                     "location",
                                     "host_country",
                                     "countries",
                                     "topics",
                                     "summary",
                                     NULL};

/* SQL reads best laid out by hand. */
// clang-format off
#define EVENT_FIELDS                                                                            \
    "'id', e.id, 'title', e.title, 'type', e.type, 'status', e.status, " SQL_DATE_FIELDS("e")   \
    ", 'end_date', e.end_date, 'location', e.location, 'host_country', e.host_country, "        \
    "'countries', " SQL_ARRAY("country", "event_countries WHERE event_id = e.id ORDER BY country") \
    ", 'topics', " SQL_ARRAY("topic", "event_topics WHERE event_id = e.id ORDER BY topic")      \
    ", 'summary', e.summary"

const char event_detail_sql[] =
    "SELECT json_object(" EVENT_FIELDS ", 'participants', "
    SQL_ARRAY("json_object('id', id, 'name', name, 'country', country, 'role', role)",
              "event_participants p JOIN officials o ON o.id = p.official_id "
              "WHERE p.event_id = e.id ORDER BY o.name")
    ", 'agreements', "
    SQL_ARRAY("json_object('id', id, 'title', title, 'type', type, 'relation', relation)",
              "event_agreements ea JOIN agreements a ON a.id = ea.agreement_id "
              "WHERE ea.event_id = e.id ORDER BY a.date_start, a.id")
    ", 'sources', " SQL_SOURCES("event_sources", "event_orphans", "event_id", "e.id")
    ") FROM events e WHERE e.id = ?";

static const struct list_filter event_filters[] = {
    {"from", FILTER_DATE_FROM, "e.date_end >= ?", "year"},
    {"to", FILTER_DATE_TO, "e.date_start <= ?", "year"},
    {"country", FILTER_COUNTRY,
     "e.host_country = ? OR EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id "
     "AND c.country = ?)", "country"},
    {"type", FILTER_WORD, "e.type = ?", "type"},
    {"status", FILTER_WORD, "e.status = ?", "status"},
    {"topic", FILTER_WORD,
     "EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = e.id AND t.topic = ?)", "topic"},
    {"official", FILTER_ID,
     "EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.official_id = ?)", "official"},
    {"agreement", FILTER_ID,
     "EXISTS (SELECT 1 FROM event_agreements a WHERE a.event_id = e.id AND a.agreement_id = ?)", "agreement"},
    {"source", FILTER_ID,
     "EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id AND s.source_id = ?)", "source"},
    {"location", FILTER_TEXT, "fold(e.location) LIKE ? ESCAPE '\\'", NULL},
    {"q", FILTER_SEARCH,
     "e.id IN (SELECT r.id FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid "
     "WHERE %s AND r.kind = 'event')", "word"},
    {NULL, FILTER_ID, NULL, NULL},
};

static const struct list_sort event_sorts[] = {
    SQL_SORT_DATE("e"),
    {"type", "e.type", "e.type DESC"},
    {NULL, NULL, NULL},
};

static const char *const events_kinds[] = {"event", NULL};

/* What /v1/events and /v1/stats share: the table, the filters and the facts they depend on. */
#define EVENTS_LIST_SPEC                                                                        \
    .from = "events e", .item = "json_object(" EVENT_FIELDS ")", .tiebreak = "e.id",            \
    .tiebreak_desc = "e.id DESC", .filters = event_filters, .sorts = event_sorts,               \
    .kinds = events_kinds

const struct list_spec events_spec = {.path = "/v1/events", EVENTS_LIST_SPEC};

/* /v1/stats filters as the list does; its official facet shows names too. */
static const char *const stats_names[] = {"official", NULL};
static const struct list_spec stats_spec = {.path = "/v1/stats", EVENTS_LIST_SPEC,
                                            .names = stats_names, .faceted = true};

// clang-format on

static const char event_items_sql[] =
    "SELECT e.id, json_object(" EVENT_FIELDS ") FROM events e WHERE e.id IN (";

/* Fills f from the list engine's values; false when a filter needs SQL. */
static bool index_filter(struct request *req, const char *const *values, struct event_filter *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; event_filters[i].param; i++) {
        const char *p = event_filters[i].param, *v = values[i];
        if (!v)
            continue;
        const char **slot = strcmp(p, "from") == 0        ? &f->from
                            : strcmp(p, "to") == 0        ? &f->to
                            : strcmp(p, "country") == 0   ? &f->country
                            : strcmp(p, "type") == 0      ? &f->type
                            : strcmp(p, "status") == 0    ? &f->status
                            : strcmp(p, "topic") == 0     ? &f->topic
                            : strcmp(p, "official") == 0  ? &f->official
                            : strcmp(p, "agreement") == 0 ? &f->agreement
                            : strcmp(p, "source") == 0    ? &f->source
                            : strcmp(p, "location") == 0  ? &f->location
                            : strcmp(p, "q") == 0         ? &f->search
                                                          : NULL;
        if (!slot)
            return false;
        *slot = v;
    }
    if (f->location) { /* the text itself, folded, rather than SQL's LIKE pattern of it */
        const char *text = params_get(req, "location");
        size_t len = strlen(text);
        char *folded = arena_alloc(req->arena, len + 1);
        if (!folded)
            return false;
        fold_utf8(text, len, folded);
        f->location = folded;
    }
    if (f->search)
        search_for_index(req->arena, params_get(req, "q"), &f->search_words, &f->nsearch_words,
                         &f->search_tree);
    return true;
}

/* Lists in date, title or type order come from the store's index of events (which picks the
 * page's ids and counts the total; q= through the full-text index's matches), the items from SQL
 * by primary key; sorts on several keys from the list engine's SQL. Both give the
 * same bytes (test_cache_consistency.c). */
enum jvdr_err events_list(struct request *req, struct response *res)
{
    static const char *const sorts[INDEX_SORTS] = {"date", "title", "type"};
    int order = 0;
    bool descending = false;
    if (req->export || !listing_use_index(req) ||
        !collection_index_sort(params_get(req, "sort"), sorts, INDEX_SORTS, &order, &descending))
        return collection_respond(req, res, &events_spec);
    const char *values[sizeof event_filters / sizeof event_filters[0]] = {NULL};
    unsigned long limit = 0, offset = 0;
    struct event_filter f;
    enum jvdr_err code = listing_page_values(req, &events_spec, values, &limit, &offset);
    if (code != JVDR_OK)
        return code;
    if (!index_filter(req, values, &f))
        return collection_respond(req, res, &events_spec);
    long long total = 0;
    bool estimated = false;
    const char **ids = NULL;
    size_t n = 0;
    code = store_event_page(req->site->store, req->db, &f, (enum index_sort)order, descending,
                            offset, limit, req->arena, &total, &estimated, &ids, &n);
    return collection_respond_ids(req, res, &events_spec, event_items_sql, code, ids, n, total,
                                  estimated, limit, offset);
}

/* Facets for charts over the same filters as the list. */
#define FACET_ROWS(key_expr, joins, group)                                                         \
    "SELECT " key_expr " AS key, count(DISTINCT e.id) AS n FROM events e " joins                   \
    "%s GROUP BY key ORDER BY " group
#define KEY_COUNT "json_object('key', key, 'count', n)"

static const struct facet event_facets[] = {
    {"year", FACET_ROWS("substr(e.date, 1, 4)", "", "key NULLS LAST"), KEY_COUNT, false},
    {"type", FACET_ROWS("e.type", "", "n DESC, key"), KEY_COUNT, true},
    {"topic", FACET_ROWS("t.topic", "JOIN event_topics t ON t.event_id = e.id", "n DESC, key"),
     KEY_COUNT, true},
    {"country",
     FACET_ROWS("c.country", "JOIN event_countries c ON c.event_id = e.id", "n DESC, key"),
     KEY_COUNT, true},
    {"official",
     "SELECT o.id AS key, o.name AS name, count(DISTINCT e.id) AS n FROM events e JOIN "
     "event_participants ep ON ep.event_id = e.id JOIN officials o ON o.id = ep.official_id%s "
     "GROUP BY o.id ORDER BY n DESC, key",
     "json_object('key', key, 'name', name, 'count', n)", true},
    {NULL, NULL, NULL, false},
};

/* Stats from the store's in-memory index of events, for every filter it knows (q through the
 * full-text index's matches); a service run with JVDR_EVENT_INDEX=false goes to SQL.
 * Both give the same bytes (tests/integration/test_cache_consistency.c compares them). */
enum jvdr_err events_stats(struct request *req, struct response *res)
{
    if (!listing_use_index(req))
        return listing_facets(req, res, &stats_spec, event_facets);
    const char *values[sizeof event_filters / sizeof event_filters[0]] = {NULL};
    unsigned long facet_limit = 0;
    enum jvdr_err code = listing_filter_values(req, &stats_spec, values);
    if (code == JVDR_OK)
        code = listing_facet_limit(req, &facet_limit);
    if (code != JVDR_OK)
        return code;
    struct event_filter f;
    if (!index_filter(req, values, &f))
        return listing_facets(req, res, &stats_spec, event_facets);
    struct buf body;
    buf_init(&body);
    code = store_event_stats(req->site->store, req->db, &f, facet_limit, &body);
    if (code == JVDR_E_BAD_PARAM) { /* FTS5 refused q: the SQL path says why (400) */
        buf_cleanup(&body);
        return listing_facets(req, res, &stats_spec, event_facets);
    }
    size_t len = 0;
    char *text = code == JVDR_OK ? buf_take(&body, &len) : NULL;
    buf_cleanup(&body);
    if (code != JVDR_OK)
        return code;
    if (!text)
        return JVDR_E_NOMEM;
    response_body(res, 200, "application/json", text, len);
    return JVDR_OK;
}

enum jvdr_err events_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, event_detail_sql, "event");
}
