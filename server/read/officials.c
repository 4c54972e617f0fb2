/* GET /v1/officials and /v1/officials/{id}: people in office, with every spelling of their
 * names; the detail adds positions, events, agreements signed and sources. */
#include "jvdr/read/officials.h"

#include "jvdr/read/collection.h"
#include "jvdr/read/listing.h"
#include "jvdr/store/record_sql.h"

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

enum jvdr_err officials_list(struct request *req, struct response *res)
{
    return collection_respond(req, res, &officials_spec);
}

enum jvdr_err officials_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, official_detail_sql, "official");
}
