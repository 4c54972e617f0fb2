/* SQL fragments shared by the resource files: each record's JSON is built by SQLite's JSON
 * functions, so a response body is the query's text with no re-encoding. */
#ifndef JVDR_STORE_RECORD_SQL_H
#define JVDR_STORE_RECORD_SQL_H

/* SQL reads best laid out by hand. */
// clang-format off
/* A JSON array of one column from a subquery, in the subquery's order ([] when empty). */
#define SQL_ARRAY(expr, from_where_order) \
    "json((SELECT json_group_array(" expr ") FROM (SELECT * FROM " from_where_order ")))"

/* A detail shows at most this many of the records linked to it per kind (an official at thousands
 * of events, a source cited by a million), beside their total; the lists' filters (?official=,
 * ?source=...) page through all of them. */
#define SQL_EMBED_LIMIT "100"

/* The sources supporting a record, each with its spans; a span's passage is the text it covers
 * once `jvdr import-sources` has loaded the document, else null, and its quotes (exact, prefix,
 * suffix) the words it cited and their context when it was written or its text loaded. A source
 * whose corrected text lost words the record cited also shows them, as orphans (only then). link
 * is the span table, lost its orphans table, key their column naming the record and owner the SQL
 * expression of the record's id. */
#define SQL_SOURCES(link, lost, key, owner)                                                    \
    "json((SELECT json_group_array(CASE WHEN s.lost THEN json_object('id', s.id, 'title', "     \
    "s.title, 'spans', " SQL_SPANS(link, key, owner) ", 'orphans', json((SELECT "               \
    "json_group_array(json_object('exact', lo.exact, 'prefix', lo.prefix, 'suffix', lo.suffix)) "  \
    "FROM (SELECT * FROM " lost " lo WHERE lo." key " = " owner " AND lo.source_id = s.id "        \
    "ORDER BY lo.exact) lo))) ELSE json_object('id', s.id, 'title', s.title, 'spans', "           \
    SQL_SPANS(link, key, owner) ") END) FROM (SELECT s.*, EXISTS (SELECT 1 FROM " lost        \
    " lo WHERE lo." key " = " owner " AND lo.source_id = s.id) AS lost FROM (SELECT source_id AS " \
    "id FROM " link " WHERE " key " = " owner " UNION SELECT source_id FROM " lost " WHERE "   \
    key " = " owner ") k JOIN sources s ON s.id = k.id ORDER BY s.date_start, s.id) s))"

/* A record's spans into source s, by start (SQL_SOURCES). A span's passage is its exact words:
 * they are the text's [start, end) whenever a text is loaded (taken from it as the span is written
 * or the text arrives, carried with every new text: store/span_carry.h), and NULL before; reading
 * them instead of cutting the text keeps a detail from reading a long text once per span. */
#define SQL_SPANS(link, key, owner)                                                            \
    "json((SELECT json_group_array(json_object('start', l.start, 'end', l.end, 'passage', "    \
    "l.exact, 'exact', l.exact, 'prefix', l.prefix, "      \
    "'suffix', l.suffix)) FROM (SELECT * FROM " link " l WHERE l." key " = " owner             \
    " AND l.source_id = s.id ORDER BY l.start) l))"

/* The records of one kind citing source ?1, by spans or orphans (index lookups: never a scan of
 * every span in the store). */
#define SQL_CITING(link, lost, key)                                                             \
    key " IN (SELECT " key " FROM " link " WHERE source_id = ?1 UNION SELECT " key " FROM " lost \
    " WHERE source_id = ?1)"

/* The spans (kind, record, start, stop, exact, prefix, suffix) of one kind's records into source
 * ?1 (by its index: never the records' other spans and their words). */
#define SQL_MINE(kind, link, key)                                                               \
    " SELECT '" kind "', " key ", start, end, exact, prefix, suffix FROM " link                  \
    " WHERE source_id = ?1"

/* The sources (kind, record, source) one kind's records citing source ?1 cite, by spans or
 * orphans: SQL_SOURCES counts the sources only orphans cite. A source once per span (dense_rank
 * below does not mind). */
#define SQL_CITES(kind, link, lost, key)                                                        \
    " SELECT '" kind "', " key ", source_id FROM " link " WHERE " SQL_CITING(link, lost, key)     \
    " UNION ALL SELECT '" kind "', " key ", source_id FROM " lost                                \
    " WHERE " SQL_CITING(link, lost, key)

/* Every span citing source ?1, placed as the records' representations order them (SQL_SOURCES:
 * sources by date_start then id, counting those only orphans cite; spans by start), those matching
 * the condition more (on start, stop): kind, record, source index, span index, start, stop, exact,
 * prefix, suffix. The sources are ranked without the spans' words, which only the spans of ?1
 * carry through (ranking every span with its words took 100 ms at 10,000 spans). */
#define SQL_PLACED_SPANS(more)                                                                  \
    "WITH mine (kind, record, start, stop, exact, prefix, suffix) AS ("                         \
    SQL_MINE("event", "event_sources", "event_id") " UNION ALL"                                  \
    SQL_MINE("official", "official_sources", "official_id") " UNION ALL"                         \
    SQL_MINE("agreement", "agreement_sources", "agreement_id") "),"                              \
    " cites (kind, record, source_id) AS MATERIALIZED ("                                         \
    SQL_CITES("event", "event_sources", "event_orphans", "event_id") " UNION ALL"              \
    SQL_CITES("official", "official_sources", "official_orphans", "official_id") " UNION ALL"  \
    SQL_CITES("agreement", "agreement_sources", "agreement_orphans", "agreement_id") "),"      \
    " ranked AS (SELECT cites.kind, cites.record, cites.source_id,"                            \
    " dense_rank() OVER (PARTITION BY cites.kind, cites.record ORDER BY s.date_start, s.id)"   \
    " - 1 AS si FROM cites JOIN sources s ON s.id = cites.source_id),"                         \
    " here AS MATERIALIZED (SELECT DISTINCT kind, record, si FROM ranked WHERE source_id = ?1)," \
    " placed AS (SELECT m.kind, m.record, here.si,"                                             \
    " row_number() OVER (PARTITION BY m.kind, m.record ORDER BY m.start) - 1 AS pi,"            \
    " m.start, m.stop, m.exact, m.prefix, m.suffix FROM mine m"                                 \
    " JOIN here ON here.kind = m.kind AND here.record = m.record)"                              \
    " SELECT kind, record, si, pi, start, stop, exact, prefix, suffix FROM placed"             \
    " WHERE 1 = 1" more " ORDER BY kind, record, si, pi"

/* The date fields every dated record carries, for table alias x. */
#define SQL_DATE_FIELDS(x)                                                                      \
    "'date', " x ".date, 'date_precision', " x ".date_precision, 'date_qualifier', " x          \
    ".date_qualifier, 'date_note', " x ".date_note"

/* Sorting by date treats a reduced-precision date as the interval it covers; undated last. */
#define SQL_SORT_DATE(x)                                                                        \
    {"date", x ".date_start IS NULL, " x ".date_start, " x ".date_end",                         \
     x ".date_start IS NULL, " x ".date_start DESC, " x ".date_end DESC"},                      \
    {"title", x ".title COLLATE NOCASE", x ".title COLLATE NOCASE DESC"}

// clang-format on

/* Each record's GET representation, one '?' for its id (also read by the write paths, for the
 * ETag, the answer and the audit trail). */
extern const char event_detail_sql[];
/* The collections' list specs (also read by the query-plan test). */
struct list_spec;
extern const struct list_spec events_spec, officials_spec, agreements_spec, sources_spec,
    timeline_spec;
extern const char official_detail_sql[];
extern const char agreement_detail_sql[];
extern const char source_detail_sql[];

#endif
