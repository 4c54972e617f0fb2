-- A full-text table of the records that are not events: officials, agreements and sources. A
-- search among those kinds alone (/v1/search?kind=agreement, /v1/officials?q=) asked search_index
-- for every match and dropped the events', which at a million events are nearly all of them:
-- "maritime" among agreements read a million matches to find a few hundred, 136-500 ms. This
-- table holds their rows alone (the same rowids, columns, tokenizer and prefixes as search_index,
-- 0007), so such a search reads only their doclists. The triggers of the three kinds (0003, 0008,
-- 0009) are made again to keep it too; the events' triggers do not touch it.
CREATE VIRTUAL TABLE search_minor USING fts5 (
    title, body, folded,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16'
);

-- In rowid order, in one statement (FTS5 keeps each segment in rowid order).
INSERT INTO search_minor (rowid, title, body, folded)
SELECT i.rowid, i.title, i.body, i.folded FROM search_index i
WHERE i.rowid IN (SELECT rowid FROM search_rows WHERE kind <> 'event') ORDER BY i.rowid;

DROP TRIGGER officials_search_insert;
CREATE TRIGGER officials_search_insert AFTER INSERT ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
END;

DROP TRIGGER officials_search_update;
CREATE TRIGGER officials_search_update AFTER UPDATE ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
END;

DROP TRIGGER officials_search_delete;
CREATE TRIGGER officials_search_delete AFTER DELETE ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
END;

DROP TRIGGER official_aliases_search_insert;
CREATE TRIGGER official_aliases_search_insert AFTER INSERT ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER official_aliases_search_update;
CREATE TRIGGER official_aliases_search_update AFTER UPDATE ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER official_aliases_search_delete;
CREATE TRIGGER official_aliases_search_delete AFTER DELETE ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
END;

DROP TRIGGER positions_search_insert;
CREATE TRIGGER positions_search_insert AFTER INSERT ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER positions_search_update;
CREATE TRIGGER positions_search_update AFTER UPDATE ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER positions_search_delete;
CREATE TRIGGER positions_search_delete AFTER DELETE ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
END;

DROP TRIGGER agreements_search_insert;
CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
END;

DROP TRIGGER agreements_search_update;
CREATE TRIGGER agreements_search_update AFTER UPDATE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
END;

DROP TRIGGER agreements_search_delete;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
END;

DROP TRIGGER sources_search_insert;
CREATE TRIGGER sources_search_insert AFTER INSERT ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
END;

DROP TRIGGER sources_search_update;
CREATE TRIGGER sources_search_update AFTER UPDATE ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
END;

DROP TRIGGER sources_search_delete;
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
END;

DROP TRIGGER agreement_aliases_search_insert;
CREATE TRIGGER agreement_aliases_search_insert AFTER INSERT ON agreement_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
END;

DROP TRIGGER agreement_aliases_search_update;
CREATE TRIGGER agreement_aliases_search_update AFTER UPDATE ON agreement_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
END;

DROP TRIGGER agreement_aliases_search_delete;
CREATE TRIGGER agreement_aliases_search_delete AFTER DELETE ON agreement_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_minor WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    INSERT INTO search_minor (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
END;
