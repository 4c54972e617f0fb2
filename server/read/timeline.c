/* GET /v1/timeline: dated events and agreements together, in date order, for a timeline widget.
 * Undated records are left out: a timeline cannot place them. */
#include "jvdr/read/timeline.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/read/collection.h"
#include "jvdr/read/items_by_id.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/db.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/store/store.h"

const char *const timeline_columns[] = {"kind",     "id",   "title",          "type",
                                        "status",   "date", "date_precision", "date_qualifier",
                                        "end_date", NULL};

/* SQL reads best laid out by hand. */
// clang-format off
#define TIMELINE_ROWS                                                                           \
    "(SELECT 'event' AS kind, id, title, type, status, date, date_precision, date_qualifier, "  \
    "end_date, date_start, date_end FROM events WHERE date IS NOT NULL UNION ALL "              \
    "SELECT 'agreement', id, title, type, status, date, date_precision, date_qualifier, NULL, " \
    "date_start, date_end FROM agreements WHERE date IS NOT NULL) t"

static const struct list_filter timeline_filters[] = {
    {"from", FILTER_DATE_FROM, "t.date_end >= ?", "year"},
    {"to", FILTER_DATE_TO, "t.date_start <= ?", "year"},
    {"kind", FILTER_WORD, "t.kind = ?", NULL},
    {"country", FILTER_COUNTRY,
     "(t.kind = 'event' AND EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = t.id "
     "AND c.country = ?)) OR (t.kind = 'agreement' AND EXISTS (SELECT 1 FROM agreement_parties p "
     "WHERE p.agreement_id = t.id AND p.party = ?))", "country"},
    {"official", FILTER_ID,
     "(t.kind = 'event' AND EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = t.id "
     "AND p.official_id = ?)) OR (t.kind = 'agreement' AND EXISTS (SELECT 1 FROM "
     "agreement_signatories g WHERE g.agreement_id = t.id AND g.official_id = ?))", "official"},
    {"topic", FILTER_WORD,
     "t.kind = 'event' AND EXISTS (SELECT 1 FROM event_topics x WHERE x.event_id = t.id "
     "AND x.topic = ?)", "topic"},
    {"q", FILTER_SEARCH,
     "EXISTS (SELECT 1 FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid "
     "WHERE %s AND r.kind = t.kind AND r.id = t.id)", "word"},
    {NULL, FILTER_ID, NULL, NULL},
};

static const struct list_sort timeline_sorts[] = {
    {"date", "t.date_start, t.date_end", "t.date_start DESC, t.date_end DESC"},
    {NULL, NULL, NULL},
};

static const char *const timeline_kinds[] = {"event", "agreement", NULL};

const struct list_spec timeline_spec = {
    .path = "/v1/timeline",
    .from = TIMELINE_ROWS,
    .item = "json_object('kind', t.kind, 'id', t.id, 'title', t.title, 'type', t.type, "
            "'status', t.status, 'date', t.date, 'date_precision', t.date_precision, "
            "'date_qualifier', t.date_qualifier, 'end_date', t.end_date)",
    .tiebreak = "t.kind, t.id",
    .tiebreak_desc = "t.kind DESC, t.id DESC",
    .filters = timeline_filters,
    .sorts = timeline_sorts,
    .kinds = timeline_kinds,
};

// clang-format on

#define TIMELINE_ITEMS(kind, table, end_date)                                                      \
    "SELECT id, json_object('kind', '" kind                                                        \
    "', 'id', id, 'title', title, 'type', type, 'status', status, "                                \
    "'date', date, 'date_precision', date_precision, 'date_qualifier', date_qualifier, "           \
    "'end_date', " end_date ") FROM " table " WHERE id IN ("

/* From the store's index of events and agreements for every filter (q through the full-text
 * index's matches); the items by primary key. Both give the same bytes
 * (test_cache_consistency.c compares them). */
enum jvdr_err timeline_list(struct request *req, struct response *res)
{
    const char *sort = params_get(req, "sort");
    bool descending = sort && strcmp(sort, "-date") == 0;
    if (req->export || !listing_use_index(req) ||
        (sort && strcmp(sort, "date") != 0 && !descending))
        return collection_respond(req, res, &timeline_spec);
    const char *values[sizeof timeline_filters / sizeof timeline_filters[0]] = {NULL};
    unsigned long limit = 0, offset = 0;
    enum jvdr_err code = listing_page_values(req, &timeline_spec, values, &limit, &offset);
    if (code != JVDR_OK)
        return code;
    struct timeline_filter f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; timeline_filters[i].param; i++) {
        const char *p = timeline_filters[i].param, *v = values[i];
        if (!v)
            continue;
        const char **slot = strcmp(p, "from") == 0       ? &f.from
                            : strcmp(p, "to") == 0       ? &f.to
                            : strcmp(p, "kind") == 0     ? &f.kind
                            : strcmp(p, "country") == 0  ? &f.country
                            : strcmp(p, "official") == 0 ? &f.official
                            : strcmp(p, "topic") == 0    ? &f.topic
                            : strcmp(p, "q") == 0        ? &f.search
                                                         : NULL;
        if (!slot)
            return collection_respond(req, res, &timeline_spec);
        *slot = v;
    }
    if (f.search)
        search_for_index(req->arena, params_get(req, "q"), &f.search_words, &f.nsearch_words,
                         &f.search_tree);
    long long total = 0;
    const char **kinds = NULL, **ids = NULL;
    size_t n = 0;
    code = store_timeline_page(req->site->store, req->db, &f, descending, offset, limit, req->arena,
                               &total, &kinds, &ids, &n);
    if (code == JVDR_E_BAD_PARAM) /* FTS5 refused q: the SQL path says why (400) */
        return collection_respond(req, res, &timeline_spec);
    if (code != JVDR_OK)
        return code;
    char **items = arena_alloc(req->arena, (n ? n : 1) * sizeof *items);
    if (!items)
        return JVDR_E_NOMEM;
    if (!items_by_id(req, TIMELINE_ITEMS("event", "events", "end_date"), kinds, "event", ids, n,
                     items) ||
        !items_by_id(req, TIMELINE_ITEMS("agreement", "agreements", "NULL"), kinds, "agreement",
                     ids, n, items))
        return collection_respond(req, res, &timeline_spec);
    return listing_answer_items(req, res, &timeline_spec, items, n, total, limit, offset);
}
