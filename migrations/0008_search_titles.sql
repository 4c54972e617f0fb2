-- The title tier of a search: records whose title or names (the title and folded columns) hold
-- every word come first. Asking search_index for them ({title folded} : ...) reads every record
-- matching the words anywhere and checks where each match lies: 4-5 ms at 100,000 records when the
-- words are everywhere but in titles. A full-text table of those two columns alone answers from
-- title doclists. The same tokenizer and prefixes as search_index (0007), so that it matches
-- exactly the records that query would; the triggers of 0003 are made again to keep both.
CREATE VIRTUAL TABLE search_titles USING fts5 (
    title, folded,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16'
);

INSERT INTO search_titles (rowid, title, folded)
SELECT rowid, title, folded FROM search_index ORDER BY rowid;

DROP TRIGGER events_search_insert;
CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.id;
END;

DROP TRIGGER events_search_update;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.id;
END;

DROP TRIGGER events_search_delete;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.id;
END;

DROP TRIGGER event_topics_search_insert;
CREATE TRIGGER event_topics_search_insert AFTER INSERT ON event_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.event_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.event_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.event_id;
END;

DROP TRIGGER event_topics_search_update;
CREATE TRIGGER event_topics_search_update AFTER UPDATE ON event_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.event_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.event_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.event_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.event_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.event_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.event_id;
END;

DROP TRIGGER event_topics_search_delete;
CREATE TRIGGER event_topics_search_delete AFTER DELETE ON event_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.event_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.event_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.event_id;
END;

DROP TRIGGER officials_search_insert;
CREATE TRIGGER officials_search_insert AFTER INSERT ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
END;

DROP TRIGGER officials_search_update;
CREATE TRIGGER officials_search_update AFTER UPDATE ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
END;

DROP TRIGGER officials_search_delete;
CREATE TRIGGER officials_search_delete AFTER DELETE ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
END;

DROP TRIGGER official_aliases_search_insert;
CREATE TRIGGER official_aliases_search_insert AFTER INSERT ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER official_aliases_search_update;
CREATE TRIGGER official_aliases_search_update AFTER UPDATE ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER official_aliases_search_delete;
CREATE TRIGGER official_aliases_search_delete AFTER DELETE ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
END;

DROP TRIGGER positions_search_insert;
CREATE TRIGGER positions_search_insert AFTER INSERT ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER positions_search_update;
CREATE TRIGGER positions_search_update AFTER UPDATE ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;

DROP TRIGGER positions_search_delete;
CREATE TRIGGER positions_search_delete AFTER DELETE ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
END;

DROP TRIGGER agreements_search_insert;
CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
END;

DROP TRIGGER agreements_search_update;
CREATE TRIGGER agreements_search_update AFTER UPDATE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
END;

DROP TRIGGER agreements_search_delete;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
END;

DROP TRIGGER sources_search_insert;
CREATE TRIGGER sources_search_insert AFTER INSERT ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
END;

DROP TRIGGER sources_search_update;
CREATE TRIGGER sources_search_update AFTER UPDATE ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
END;

DROP TRIGGER sources_search_delete;
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
END;
