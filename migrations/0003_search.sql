-- Full-text search over events, officials, agreements and sources (SQLite FTS5).
-- search_rows gives each record a stable rowid in search_index; one view per kind says what is
-- indexed. Triggers keep the index in step with every write, so no code path can forget it.
-- Columns: title (weighted most), body, and folded: the title and names with diacritics and
-- case removed by fold() (which also turns đ into d, as unicode61 does not), so that "Dai Quang"
-- finds "Trần Đại Quang".

CREATE TABLE search_rows (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'official', 'agreement', 'source')),
    id TEXT NOT NULL,
    UNIQUE (kind, id)
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, folded,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIEW search_documents_event (id, title, body, folded) AS
SELECT e.id, e.title,
       coalesce(e.summary, '') || ' ' || coalesce(e.location, '') || ' ' || e.type || ' ' ||
       coalesce((SELECT group_concat(replace(topic, '-', ' '), ' ') FROM event_topics
                 WHERE event_id = e.id), ''),
       fold(e.title || ' ' || coalesce(e.location, ''))
FROM events e;

CREATE VIEW search_documents_official (id, title, body, folded) AS
SELECT o.id, o.name,
       coalesce(o.name_diacritics, '') || ' ' ||
       coalesce((SELECT group_concat(alias, ' ') FROM official_aliases
                 WHERE official_id = o.id), '') || ' ' || coalesce(o.summary, '') || ' ' ||
       coalesce((SELECT group_concat(title || ' ' || coalesce(organisation, ''), ' ')
                 FROM positions WHERE official_id = o.id), ''),
       fold(o.name || ' ' || coalesce(o.name_diacritics, '') || ' ' ||
            coalesce((SELECT group_concat(alias, ' ') FROM official_aliases
                      WHERE official_id = o.id), ''))
FROM officials o;

CREATE VIEW search_documents_agreement (id, title, body, folded) AS
SELECT a.id, a.title, coalesce(a.summary, '') || ' ' || replace(a.type, '-', ' '), fold(a.title)
FROM agreements a;

CREATE VIEW search_documents_source (id, title, body, folded) AS
SELECT s.id, s.title,
       coalesce(s.author, '') || ' ' || coalesce(s.publisher, '') || ' ' ||
       coalesce(s.summary, '') || ' ' || coalesce(s.text, ''),
       fold(s.title || ' ' || coalesce(s.author, ''))
FROM sources s;

-- Keeping the index current.

CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.id;
END;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.id;
END;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.id;
END;

CREATE TRIGGER event_topics_search_insert AFTER INSERT ON event_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.event_id;
END;
CREATE TRIGGER event_topics_search_update AFTER UPDATE ON event_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.event_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = NEW.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = NEW.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = NEW.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = NEW.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = NEW.event_id;
END;
CREATE TRIGGER event_topics_search_delete AFTER DELETE ON event_topics BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'event' AND id = OLD.event_id);
    DELETE FROM search_rows WHERE kind = 'event' AND id = OLD.event_id AND NOT EXISTS (SELECT 1 FROM events WHERE id = OLD.event_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'event', id FROM events WHERE id = OLD.event_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id
        WHERE r.kind = 'event' AND r.id = OLD.event_id;
END;

CREATE TRIGGER officials_search_insert AFTER INSERT ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
END;
CREATE TRIGGER officials_search_update AFTER UPDATE ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.id;
END;
CREATE TRIGGER officials_search_delete AFTER DELETE ON officials BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.id;
END;

CREATE TRIGGER official_aliases_search_insert AFTER INSERT ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;
CREATE TRIGGER official_aliases_search_update AFTER UPDATE ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;
CREATE TRIGGER official_aliases_search_delete AFTER DELETE ON official_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
END;

CREATE TRIGGER positions_search_insert AFTER INSERT ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;
CREATE TRIGGER positions_search_update AFTER UPDATE ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = NEW.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = NEW.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = NEW.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = NEW.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = NEW.official_id;
END;
CREATE TRIGGER positions_search_delete AFTER DELETE ON positions BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'official' AND id = OLD.official_id);
    DELETE FROM search_rows WHERE kind = 'official' AND id = OLD.official_id AND NOT EXISTS (SELECT 1 FROM officials WHERE id = OLD.official_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'official', id FROM officials WHERE id = OLD.official_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id
        WHERE r.kind = 'official' AND r.id = OLD.official_id;
END;

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
END;
CREATE TRIGGER agreements_search_update AFTER UPDATE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.id;
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.id;
END;

CREATE TRIGGER sources_search_insert AFTER INSERT ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
END;
CREATE TRIGGER sources_search_update AFTER UPDATE ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = NEW.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = NEW.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = NEW.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = NEW.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = NEW.id;
END;
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'source' AND id = OLD.id);
    DELETE FROM search_rows WHERE kind = 'source' AND id = OLD.id AND NOT EXISTS (SELECT 1 FROM sources WHERE id = OLD.id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'source', id FROM sources WHERE id = OLD.id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id
        WHERE r.kind = 'source' AND r.id = OLD.id;
END;

-- Index what the earlier migrations stored.
INSERT INTO search_rows (kind, id) SELECT 'event', id FROM events;
INSERT INTO search_rows (kind, id) SELECT 'official', id FROM officials;
INSERT INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements;
INSERT INTO search_rows (kind, id) SELECT 'source', id FROM sources;
INSERT INTO search_index (rowid, title, body, folded)
    SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_event d ON d.id = r.id WHERE r.kind = 'event';
INSERT INTO search_index (rowid, title, body, folded)
    SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_official d ON d.id = r.id WHERE r.kind = 'official';
INSERT INTO search_index (rowid, title, body, folded)
    SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id WHERE r.kind = 'agreement';
INSERT INTO search_index (rowid, title, body, folded)
    SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_source d ON d.id = r.id WHERE r.kind = 'source';
