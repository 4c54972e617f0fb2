-- A record's update re-indexed its full-text rows twice: the update triggers (0003, 0008, 0009,
-- 0018) index the record named by the row before the update and then the one named after it,
-- which are the same record unless its key changed. For a document's 1 MiB text that is four
-- passes of the tokenizer over it per table instead of two (about 200 ms of a text's PUT). Each
-- trigger now indexes the record named after the update, and a second one, only when the key
-- changed, the record named before it. A source's rows are made from its title, author,
-- publisher, summary and text alone (search_documents_source): only those columns fire them.

DROP TRIGGER events_search_update;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
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

CREATE TRIGGER events_search_update_moved AFTER UPDATE OF id ON events WHEN OLD.id IS NOT NEW.id BEGIN
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

DROP TRIGGER event_topics_search_update;
CREATE TRIGGER event_topics_search_update AFTER UPDATE ON event_topics BEGIN
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

CREATE TRIGGER event_topics_search_update_moved AFTER UPDATE OF event_id ON event_topics WHEN OLD.event_id IS NOT NEW.event_id BEGIN
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

DROP TRIGGER officials_search_update;
CREATE TRIGGER officials_search_update AFTER UPDATE ON officials BEGIN
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

CREATE TRIGGER officials_search_update_moved AFTER UPDATE OF id ON officials WHEN OLD.id IS NOT NEW.id BEGIN
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

DROP TRIGGER official_aliases_search_update;
CREATE TRIGGER official_aliases_search_update AFTER UPDATE ON official_aliases BEGIN
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

CREATE TRIGGER official_aliases_search_update_moved AFTER UPDATE OF official_id ON official_aliases WHEN OLD.official_id IS NOT NEW.official_id BEGIN
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

DROP TRIGGER positions_search_update;
CREATE TRIGGER positions_search_update AFTER UPDATE ON positions BEGIN
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

CREATE TRIGGER positions_search_update_moved AFTER UPDATE OF official_id ON positions WHEN OLD.official_id IS NOT NEW.official_id BEGIN
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

DROP TRIGGER agreements_search_update;
CREATE TRIGGER agreements_search_update AFTER UPDATE ON agreements BEGIN
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

CREATE TRIGGER agreements_search_update_moved AFTER UPDATE OF id ON agreements WHEN OLD.id IS NOT NEW.id BEGIN
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

DROP TRIGGER sources_search_update;
CREATE TRIGGER sources_search_update AFTER UPDATE OF id, title, author, publisher, summary, text ON sources BEGIN
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

CREATE TRIGGER sources_search_update_moved AFTER UPDATE OF id ON sources WHEN OLD.id IS NOT NEW.id BEGIN
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

DROP TRIGGER agreement_aliases_search_update;
CREATE TRIGGER agreement_aliases_search_update AFTER UPDATE ON agreement_aliases BEGIN
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

CREATE TRIGGER agreement_aliases_search_update_moved AFTER UPDATE OF agreement_id ON agreement_aliases WHEN OLD.agreement_id IS NOT NEW.agreement_id BEGIN
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
