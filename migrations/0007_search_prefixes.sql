-- Every word of a plain search is a prefix ("mari" finds "maritime"). FTS5 answers a prefix term
-- by merging the whole doclist of every term it expands to before it returns a row (2-7 ms per
-- statement at 100,000 records, whatever the LIMIT), unless it keeps a prefix index of that
-- length: then the term is read like any other, lazily. Prefixes of 1 to 16 characters are kept
-- (longer words are still found, by the merge). The index is rebuilt from the same views.
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, folded,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16'
);

-- Rows go in in rowid order, in one statement (FTS5 keeps each segment in rowid order).
INSERT INTO search_index (rowid, title, body, folded)
SELECT rowid, title, body, folded FROM (
    SELECT r.rowid AS rowid, d.title, d.body, d.folded
    FROM search_rows r JOIN search_documents_event d ON r.kind = 'event' AND d.id = r.id
    UNION ALL
    SELECT r.rowid, d.title, d.body, d.folded
    FROM search_rows r JOIN search_documents_official d ON r.kind = 'official' AND d.id = r.id
    UNION ALL
    SELECT r.rowid, d.title, d.body, d.folded
    FROM search_rows r JOIN search_documents_agreement d ON r.kind = 'agreement' AND d.id = r.id
    UNION ALL
    SELECT r.rowid, d.title, d.body, d.folded
    FROM search_rows r JOIN search_documents_source d ON r.kind = 'source' AND d.id = r.id
) ORDER BY rowid;
