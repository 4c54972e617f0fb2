/* GET /v1/officials and /v1/officials/{id}: people in office, with every spelling of their
 * names; the detail adds positions, events, agreements signed and sources. */
#include "jvdr/read/officials.h"

#include "jvdr/base/arena.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/read/collection.h"
#include "jvdr/read/listing.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/store/store.h"

const char *const official_columns[] = {"id",      "name", "name_diacritics", "country", "aliases",
                                        "summary", NULL};

/* SQL reads best laid out by hand. */
// clang-format off
#define OFFICIAL_FIELDS                                                                         \
    "'id', o.id, 'name', o.name, 'name_diacritics', o.name_diacritics, 'country', o.country, "  \
    "'aliases', " SQL_ARRAY("alias", "official_aliases WHERE official_id = o.id ORDER BY alias") \
    ", 'summary', o.summary"

const char official_detail_sql[] =
    "SELECT json_object(" OFFICIAL_FIELDS ", 'positions', "
    SQL_ARRAY("json_object('title', title, 'organisation', organisation, 'country', country, "
              "'date_from', date_from, 'date_to', date_to, 'as_of', as_of, 'note', note)",
              "positions WHERE official_id = o.id ORDER BY seq")
    ", 'events', "
    SQL_ARRAY("json_object('id', id, 'title', title, 'type', type, 'date', date, 'role', role)",
              "event_participants p JOIN events e ON e.id = p.event_id "
              "WHERE p.official_id = o.id ORDER BY e.date_start IS NULL, e.date_start, e.id "
              "LIMIT " SQL_EMBED_LIMIT)
    ", 'events_total', (SELECT count(*) FROM event_participants WHERE official_id = o.id)"
    ", 'agreements', "
    SQL_ARRAY("json_object('id', id, 'title', title, 'type', type, 'date', date)",
              "agreement_signatories g JOIN agreements a ON a.id = g.agreement_id "
              "WHERE g.official_id = o.id ORDER BY a.date_start, a.id LIMIT " SQL_EMBED_LIMIT)
    ", 'agreements_total', "
    "(SELECT count(*) FROM agreement_signatories WHERE official_id = o.id)"
    ", 'sources', " SQL_SOURCES("official_sources", "official_orphans", "official_id", "o.id")
    ") FROM officials o WHERE o.id = ?";

static const struct list_filter official_filters[] = {
    {"country", FILTER_COUNTRY, "o.country = ?", "country"},
    {"event", FILTER_ID,
     "EXISTS (SELECT 1 FROM event_participants p WHERE p.official_id = o.id AND p.event_id = ?)", "event"},
    {"source", FILTER_ID,
     "EXISTS (SELECT 1 FROM official_sources s WHERE s.official_id = o.id AND s.source_id = ?)", "source"},
    {"q", FILTER_NAME,
     "o.id IN (SELECT r.id FROM search_minor JOIN search_rows r ON r.rowid = search_minor.rowid "
     "WHERE %s AND r.kind = 'official')", "word"},
    {NULL, FILTER_ID, NULL, NULL},
};

static const struct list_sort official_sorts[] = {
    {"name", "o.name COLLATE NOCASE", "o.name COLLATE NOCASE DESC"},
    {"country", "o.country", "o.country DESC"},
    {NULL, NULL, NULL},
};

static const char *const officials_kinds[] = {"official", NULL};

const struct list_spec officials_spec = {
    .path = "/v1/officials",
    .search_table = "search_minor",
    .from = "officials o",
    .item = "json_object(" OFFICIAL_FIELDS ")",
    .tiebreak = "o.id",
    .tiebreak_desc = "o.id DESC",
    .filters = official_filters,
    .sorts = official_sorts,
    .kinds = officials_kinds,
};

// clang-format on

static const char official_items_sql[] =
    "SELECT o.id, json_object(" OFFICIAL_FIELDS ") FROM officials o WHERE o.id IN (";

/* Lists in one sort key's order come from the store's index (which picks the page's ids and
 * counts the total; q= through the postings of common words, when they answer it), the items
 * from SQL by primary key; sorts on several keys, and searches the postings cannot answer, from
 * the list engine's SQL. Both give the same bytes (test_cache_consistency.c). */
enum jvdr_err officials_list(struct request *req, struct response *res)
{
    static const char *const sorts[OFFICIAL_SORTS] = {"name", "country"};
    int order = 0;
    bool descending = false;
    if (req->export || !listing_use_index(req) ||
        !collection_index_sort(params_get(req, "sort"), sorts, OFFICIAL_SORTS, &order, &descending))
        return collection_respond(req, res, &officials_spec);
    const char *values[sizeof official_filters / sizeof official_filters[0]] = {NULL};
    unsigned long limit = 0, offset = 0;
    enum jvdr_err code = listing_page_values(req, &officials_spec, values, &limit, &offset);
    if (code != JVDR_OK)
        return code;
    struct official_filter f = {.country = listing_value(&officials_spec, values, "country"),
                                .event = listing_value(&officials_spec, values, "event"),
                                .source = listing_value(&officials_spec, values, "source")};
    const char *q = params_get(req, "q"), *why = NULL;
    struct search_node *root = NULL;
    if (q && search_parse(req->arena, q, &root, &why) != JVDR_OK)
        return collection_respond(req, res, &officials_spec); /* which says why */
    f.search = root;
    long long total = 0;
    const char **ids = NULL;
    size_t n = 0;
    code = store_official_page(req->site->store, req->db, &f, (enum official_sort)order, descending,
                               offset, limit, req->arena, &total, &ids, &n);
    return collection_respond_ids(req, res, &officials_spec, official_items_sql, code, ids, n,
                                  total, false, limit, offset);
}

enum jvdr_err officials_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, official_detail_sql, "official");
}
