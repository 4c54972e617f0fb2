/* GET /v1/timeline: dated events and agreements together, in date order, for a timeline widget.
 * Undated records are left out: a timeline cannot place them. */
#include "jvdr/read/timeline.h"

#include "jvdr/read/listing.h"
#include "jvdr/store/record_sql.h"

/* SQL reads best laid out by hand. */
// clang-format off
#define TIMELINE_ROWS                                                                           \
    "(SELECT 'event' AS kind, id, title, type, status, date, date_precision, date_qualifier, "  \
    "end_date, date_start, date_end FROM events WHERE date IS NOT NULL UNION ALL "              \
    "SELECT 'agreement', id, title, type, status, date, date_precision, date_qualifier, NULL, " \
    "date_start, date_end FROM agreements WHERE date IS NOT NULL) t"

static const struct list_filter timeline_filters[] = {
    {"from", FILTER_DATE_FROM, "t.date_end >= ?"},
    {"to", FILTER_DATE_TO, "t.date_start <= ?"},
    {"kind", FILTER_WORD, "t.kind = ?"},
    {"country", FILTER_COUNTRY,
     "(t.kind = 'event' AND EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = t.id "
     "AND c.country = ?)) OR (t.kind = 'agreement' AND EXISTS (SELECT 1 FROM agreement_parties p "
     "WHERE p.agreement_id = t.id AND p.party = ?))"},
    {"official", FILTER_ID,
     "(t.kind = 'event' AND EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = t.id "
     "AND p.official_id = ?)) OR (t.kind = 'agreement' AND EXISTS (SELECT 1 FROM "
     "agreement_signatories g WHERE g.agreement_id = t.id AND g.official_id = ?))"},
    {"topic", FILTER_WORD,
     "t.kind = 'event' AND EXISTS (SELECT 1 FROM event_topics x WHERE x.event_id = t.id "
     "AND x.topic = ?)"},
    {"q", FILTER_SEARCH,
     "EXISTS (SELECT 1 FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid "
     "WHERE search_index MATCH ? AND r.kind = t.kind AND r.id = t.id)"},
    {NULL, FILTER_ID, NULL},
};

static const struct list_sort timeline_sorts[] = {
    {"date", "t.date_start, t.date_end", "t.date_start DESC, t.date_end DESC"},
    {NULL, NULL, NULL},
};

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
};

// clang-format on

enum jvdr_err timeline_list(struct request *req, struct response *res)
{
    return listing_respond(req, res, &timeline_spec);
}
