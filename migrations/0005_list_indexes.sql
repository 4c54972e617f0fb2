-- Indexes that serve the lists' sort orders exactly (see SQL_SORT_DATE in server/resource_sql.h:
-- undated records last in both directions), so that a page is read in order from an index and
-- stops at its LIMIT instead of sorting the whole table. tests/integration/test_query_plans.c
-- checks that no list query scans a table without an index.
CREATE INDEX events_by_date_asc ON events (date_start IS NULL, date_start, date_end, id);
CREATE INDEX events_by_date_desc ON events (date_start IS NULL, date_start DESC, date_end DESC, id DESC);
CREATE INDEX events_by_title ON events (title COLLATE NOCASE, id);
CREATE INDEX events_by_type_id ON events (type, id);
CREATE INDEX events_by_status ON events (status, id);
CREATE INDEX officials_by_name ON officials (name COLLATE NOCASE, id);
CREATE INDEX officials_by_country ON officials (country, id);
CREATE INDEX agreements_by_date_asc ON agreements (date_start IS NULL, date_start, date_end, id);
CREATE INDEX agreements_by_date_desc ON agreements (date_start IS NULL, date_start DESC, date_end DESC, id DESC);
CREATE INDEX agreements_by_title ON agreements (title COLLATE NOCASE, id);
CREATE INDEX agreements_by_type ON agreements (type, id);
CREATE INDEX agreements_by_status ON agreements (status, id);
CREATE INDEX sources_by_date_asc ON sources (date_start IS NULL, date_start, date_end, id);
CREATE INDEX sources_by_date_desc ON sources (date_start IS NULL, date_start DESC, date_end DESC, id DESC);
CREATE INDEX sources_by_title ON sources (title COLLATE NOCASE, id);
CREATE INDEX events_by_host_country ON events (host_country, id);
