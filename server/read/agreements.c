/* GET /v1/agreements and /v1/agreements/{id}: agreements, memoranda, statements, partnerships,
 * visions...; the detail adds signatories, the event where it was signed, events and sources. */
#include "jvdr/read/agreements.h"

#include "jvdr/read/collection.h"
#include "jvdr/read/listing.h"
#include "jvdr/store/record_sql.h"

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

enum jvdr_err agreements_list(struct request *req, struct response *res)
{
    return collection_respond(req, res, &agreements_spec);
}

enum jvdr_err agreements_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, agreement_detail_sql, "agreement");
}
