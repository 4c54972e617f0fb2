/* GET /v1/agreements and /v1/agreements/{id}: agreements, memoranda, statements, partnerships,
 * visions...; the detail adds signatories, the event where it was signed, events and sources. */
#include "jvdr/read/agreements.h"

#include "jvdr/base/arena.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/read/collection.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/store/store.h"

const char *const agreement_columns[] = {"id",        "title",   "aliases",        "type",
                                         "status",    "date",    "date_precision", "date_qualifier",
                                         "date_note", "parties", "summary",        NULL};

/* SQL reads best laid out by hand. */
// clang-format off
#define AGREEMENT_FIELDS                                                                        \
    "'id', a.id, 'title', a.title, "                                                          \
    "'aliases', " SQL_ARRAY("alias", "agreement_aliases WHERE agreement_id = a.id ORDER BY alias") \
    ", 'type', a.type, 'status', a.status, " SQL_DATE_FIELDS("a")                                \
    ", 'parties', " SQL_ARRAY("party", "agreement_parties WHERE agreement_id = a.id ORDER BY party") \
    ", 'summary', a.summary"

const char agreement_detail_sql[] =
    "SELECT json_object(" AGREEMENT_FIELDS ", 'signatories', "
    SQL_ARRAY("json_object('id', id, 'name', name, 'country', country)",
              "agreement_signatories g JOIN officials o ON o.id = g.official_id "
              "WHERE g.agreement_id = a.id ORDER BY o.name")
    ", 'signed_at', (SELECT json_object('id', e.id, 'title', e.title, 'date', e.date) "
    "FROM event_agreements ea JOIN events e ON e.id = ea.event_id "
    "WHERE ea.agreement_id = a.id AND ea.relation IN ('signed', 'adopted'))"
    ", 'events', "
    SQL_ARRAY("json_object('id', id, 'title', title, 'date', date, 'relation', relation)",
              "event_agreements ea JOIN events e ON e.id = ea.event_id "
              "WHERE ea.agreement_id = a.id ORDER BY e.date_start IS NULL, e.date_start, e.id "
              "LIMIT " SQL_EMBED_LIMIT)
    ", 'events_total', (SELECT count(*) FROM event_agreements WHERE agreement_id = a.id)"
    ", 'sources', " SQL_SOURCES("agreement_sources", "agreement_orphans", "agreement_id", "a.id")
    ") FROM agreements a WHERE a.id = ?";

static const struct list_filter agreement_filters[] = {
    {"from", FILTER_DATE_FROM, "a.date_end >= ?", "year"},
    {"to", FILTER_DATE_TO, "a.date_start <= ?", "year"},
    {"type", FILTER_WORD, "a.type = ?", "type"},
    {"status", FILTER_WORD, "a.status = ?", "status"},
    {"party", FILTER_PARTY,
     "EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.party = ?)", "country"},
    {"signatory", FILTER_ID,
     "EXISTS (SELECT 1 FROM agreement_signatories g WHERE g.agreement_id = a.id "
     "AND g.official_id = ?)", "official"},
    {"event", FILTER_ID,
     "EXISTS (SELECT 1 FROM event_agreements ea WHERE ea.agreement_id = a.id AND ea.event_id = ?)", "event"},
    {"source", FILTER_ID,
     "EXISTS (SELECT 1 FROM agreement_sources s WHERE s.agreement_id = a.id AND s.source_id = ?)", "source"},
    {"q", FILTER_SEARCH,
     "a.id IN (SELECT r.id FROM search_minor JOIN search_rows r ON r.rowid = search_minor.rowid "
     "WHERE %s AND r.kind = 'agreement')", "word"},
    {NULL, FILTER_ID, NULL, NULL},
};

static const struct list_sort agreement_sorts[] = {
    SQL_SORT_DATE("a"),
    {"type", "a.type", "a.type DESC"},
    {"status", "a.status", "a.status DESC"},
    {NULL, NULL, NULL},
};

static const char *const agreements_kinds[] = {"agreement", NULL};

const struct list_spec agreements_spec = {
    .path = "/v1/agreements",
    .search_table = "search_minor",
    .from = "agreements a",
    .item = "json_object(" AGREEMENT_FIELDS ")",
    .tiebreak = "a.id",
    .tiebreak_desc = "a.id DESC",
    .filters = agreement_filters,
    .sorts = agreement_sorts,
    .kinds = agreements_kinds,
};

// clang-format on

static const char agreement_items_sql[] =
    "SELECT a.id, json_object(" AGREEMENT_FIELDS ") FROM agreements a WHERE a.id IN (";

/* Fills f from the list engine's values (every filter of the list is one the index has). */
static void index_filter(struct request *req, const char *const *values, struct agreement_filter *f)
{
    const struct list_spec *spec = &agreements_spec;
    *f = (struct agreement_filter){
        .from = listing_value(spec, values, "from"),
        .to = listing_value(spec, values, "to"),
        .type = listing_value(spec, values, "type"),
        .status = listing_value(spec, values, "status"),
        .party = listing_value(spec, values, "party"),
        .signatory = listing_value(spec, values, "signatory"),
        .event = listing_value(spec, values, "event"),
        .source = listing_value(spec, values, "source"),
        .search = listing_value(spec, values, "q"),
    };
    if (f->search)
        search_for_index(req->arena, params_get(req, "q"), &f->search_words, &f->nsearch_words,
                         &f->search_tree);
}

/* Lists in one sort key's order come from the store's index (which picks the page's ids and
 * counts the total; q= through the full-text index's matches), the items from SQL by primary
 * key; sorts on several keys from the list engine's SQL. Both give the same bytes
 * (test_cache_consistency.c). */
enum jvdr_err agreements_list(struct request *req, struct response *res)
{
    static const char *const sorts[AGREEMENT_SORTS] = {"date", "title", "type", "status"};
    int order = 0;
    bool descending = false;
    if (req->export || !listing_use_index(req) ||
        !collection_index_sort(params_get(req, "sort"), sorts, AGREEMENT_SORTS, &order,
                               &descending))
        return collection_respond(req, res, &agreements_spec);
    const char *values[sizeof agreement_filters / sizeof agreement_filters[0]] = {NULL};
    unsigned long limit = 0, offset = 0;
    enum jvdr_err code = listing_page_values(req, &agreements_spec, values, &limit, &offset);
    if (code != JVDR_OK)
        return code;
    struct agreement_filter f;
    index_filter(req, values, &f);
    long long total = 0;
    const char **ids = NULL;
    size_t n = 0;
    code = store_agreement_page(req->site->store, req->db, &f, (enum agreement_sort)order,
                                descending, offset, limit, req->arena, &total, &ids, &n);
    return collection_respond_ids(req, res, &agreements_spec, agreement_items_sql, code, ids, n,
                                  total, false, limit, offset);
}

enum jvdr_err agreements_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, agreement_detail_sql, "agreement");
}
