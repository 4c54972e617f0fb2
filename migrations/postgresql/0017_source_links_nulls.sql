-- A source's detail lists the first records citing it in order of their ids (sources.c), and
-- store/pg_sql.c orders every ascending key NULLS FIRST, as SQLite puts NULLs; 0001's indexes of
-- each source's links kept the record ids NULLS LAST, so PostgreSQL read and sorted every link of
-- the source instead of walking the index: 230-390 ms for a source cited by a million events.
-- Made again as 0008 made the sort indexes (the ids are never NULL: only the order changes).
DROP INDEX event_sources_by_source, official_sources_by_source, agreement_sources_by_source;
CREATE INDEX event_sources_by_source ON event_sources (source_id, event_id NULLS FIRST);
CREATE INDEX official_sources_by_source ON official_sources (source_id, official_id NULLS FIRST);
CREATE INDEX agreement_sources_by_source ON agreement_sources (source_id, agreement_id NULLS FIRST);
