-- The records that are not events, under the name of SQLite's table of them (migrations/0018):
-- searches among officials, agreements and sources read it. Here it is a view of search_index,
-- so every match is still read through the lexeme index and the events' dropped by the join.
CREATE VIEW search_minor AS
SELECT i.rowid, i.title, i.body, i.folded, i.doc, i.title_doc
FROM search_index i JOIN search_rows r ON r.rowid = i.rowid
WHERE r.kind <> 'event';
