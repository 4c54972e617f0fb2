/* GET /v1/sources and /v1/sources/{id}: the documents the knowledge base is drawn from; the
 * detail shows the records drawn from the document (the first SQL_EMBED_LIMIT of each kind, and how
 * many there are), with the spans that support them. */
#include "jvdr/read/sources.h"

#include "jvdr/read/collection.h"
#include "jvdr/read/listing.h"
#include "jvdr/store/record_sql.h"

const char *const source_columns[] = {
    "id",        "title",          "publisher",      "url",         "author",
    "date",      "date_precision", "date_qualifier", "date_note",   "date_inferred",
    "file_name", "summary",        "note",           "text_loaded", NULL};

/* SQL reads best laid out by hand. */
// clang-format off
#define SOURCE_FIELDS                                                                           \
    "'id', s.id, 'title', s.title, 'publisher', s.publisher, 'url', s.url, 'author', s.author, "\
    SQL_DATE_FIELDS("s") ", 'date_inferred', json(CASE s.date_inferred WHEN 1 THEN 'true' "     \
    "ELSE 'false' END), 'file_name', s.file_name, 'summary', s.summary, 'note', s.note, "       \
    "'text_loaded', json(CASE WHEN s.text IS NULL THEN 'false' ELSE 'true' END)"

/* The first SQL_EMBED_LIMIT records of one kind drawn from source s by id (read in order from the
 * link's (source, record) index), each with its spans in s. */
#define SOURCE_RECORDS(link, key, table, title)                                                \
    "json((SELECT json_group_array(json_object('id', r.id, 'title', (SELECT t." title " FROM "  \
    table " t WHERE t.id = r.id), 'spans', "                                                   \
    "json((SELECT json_group_array(json_object('start', l.start, 'end', l.end, 'passage', "    \
    "l.exact)) FROM (SELECT * FROM " link " l WHERE l." key \
    " = r.id AND l.source_id = s.id ORDER BY l.start) l)))) FROM (SELECT DISTINCT " key        \
    " AS id FROM " link " WHERE source_id = s.id ORDER BY " key " LIMIT " SQL_EMBED_LIMIT ") r))"

/* How many records of a kind cite s (kept by triggers: migrations/0006_source_counts.sql). */
#define SOURCE_TOTAL(column)                                                                    \
    "(SELECT " column " FROM source_counts WHERE source_id = s.id)"

const char source_detail_sql[] =
    "SELECT json_object(" SOURCE_FIELDS ", 'text', s.text"
    ", 'events', " SOURCE_RECORDS("event_sources", "event_id", "events", "title")
    ", 'events_total', " SOURCE_TOTAL("events")
    ", 'officials', " SOURCE_RECORDS("official_sources", "official_id", "officials", "name")
    ", 'officials_total', " SOURCE_TOTAL("officials")
    ", 'agreements', " SOURCE_RECORDS("agreement_sources", "agreement_id", "agreements", "title")
    ", 'agreements_total', " SOURCE_TOTAL("agreements")
    ") FROM sources s WHERE s.id = ?";

static const struct list_filter source_filters[] = {
    {"q", FILTER_SEARCH,
     "s.id IN (SELECT r.id FROM search_minor JOIN search_rows r ON r.rowid = search_minor.rowid "
     "WHERE %s AND r.kind = 'source')", "word"},
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
    .search_table = "search_minor",
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
    return collection_respond(req, res, &sources_spec);
}

enum jvdr_err sources_get(struct request *req, struct response *res)
{
    return listing_detail(req, res, source_detail_sql, "source");
}
