/* GET /v1/sources and /v1/sources/{id}: the documents the knowledge base is drawn from; the
 * detail lists every record drawn from the document, with the spans that support it. */
#include "jvdr/read/sources.h"

#include "jvdr/read/listing.h"
#include "jvdr/store/record_sql.h"

/* SQL reads best laid out by hand. */
// clang-format off
#define SOURCE_FIELDS                                                                           \
    "'id', s.id, 'title', s.title, 'publisher', s.publisher, 'author', s.author, "              \
    SQL_DATE_FIELDS("s") ", 'date_inferred', json(CASE s.date_inferred WHEN 1 THEN 'true' "     \
    "ELSE 'false' END), 'file_name', s.file_name, 'summary', s.summary, 'note', s.note, "       \
    "'text_loaded', json(CASE WHEN s.text IS NULL THEN 'false' ELSE 'true' END)"

/* The records of one kind drawn from source s, each with its spans in s. */
#define SOURCE_RECORDS(link, key, table)                                                       \
    "json((SELECT json_group_array(json_object('id', r.id, 'title', r.title, 'spans', "        \
    "json((SELECT json_group_array(json_object('start', l.start, 'end', l.end, 'passage', "    \
    "substr(s.text, l.start + 1, l.end - l.start))) FROM (SELECT * FROM " link " l WHERE l." key \
    " = r.id AND l.source_id = s.id ORDER BY l.start) l)))) FROM (SELECT * FROM " table " r "   \
    "WHERE r.id IN (SELECT " key " FROM " link " WHERE source_id = s.id) ORDER BY r.id) r))"

const char source_detail_sql[] =
    "SELECT json_object(" SOURCE_FIELDS ", 'text', s.text"
    ", 'events', " SOURCE_RECORDS("event_sources", "event_id", "events")
    ", 'officials', "
    "json((SELECT json_group_array(json_object('id', r.id, 'title', r.name, 'spans', "
    "json((SELECT json_group_array(json_object('start', l.start, 'end', l.end, 'passage', "
    "substr(s.text, l.start + 1, l.end - l.start))) FROM (SELECT * FROM official_sources l "
    "WHERE l.official_id = r.id AND l.source_id = s.id ORDER BY l.start) l)))) "
    "FROM (SELECT * FROM officials r WHERE r.id IN (SELECT official_id FROM official_sources "
    "WHERE source_id = s.id) ORDER BY r.id) r))"
    ", 'agreements', " SOURCE_RECORDS("agreement_sources", "agreement_id", "agreements")
    ") FROM sources s WHERE s.id = ?";

static const struct list_filter source_filters[] = {
    {"q", FILTER_SEARCH,
     "s.id IN (SELECT r.id FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid "
     "WHERE search_index MATCH ? AND r.kind = 'source')", "word"},
    {"from", FILTER_DATE_FROM, "s.date_end >= ?", "year"},
    {"to", FILTER_DATE_TO, "s.date_start <= ?", "year"},
    {NULL, FILTER_ID, NULL, NULL},
};

static const struct list_sort source_sorts[] = {
    SQL_SORT_DATE("s"),
    {NULL, NULL, NULL},
};

static const char *const sources_kinds[] = {"source", NULL};

const struct list_spec sources_spec = {
    .path = "/v1/sources",
    .from = "sources s",
    .item = "json_object(" SOURCE_FIELDS ")",
    .tiebreak = "s.id",
    .tiebreak_desc = "s.id DESC",
    .filters = source_filters,
    .sorts = source_sorts,
    .kinds = sources_kinds,
};

// clang-format on

enum jvdr_err sources_list(struct request *req, struct response *res)
{
    return listing_respond(req, res, &sources_spec);
}

enum jvdr_err sources_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, source_detail_sql, "source");
}
