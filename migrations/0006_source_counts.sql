-- How many records of each kind cite a source, kept by triggers in the transaction that changes a
-- citation, so that a source's detail says it without counting (a source cited by every one of a
-- million events). A record counts once however many spans it has in the source. The links are
-- also indexed by (source, record): the detail shows the first records by id straight from it.
CREATE TABLE source_counts (
    source_id TEXT PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    events INTEGER NOT NULL DEFAULT 0 CHECK (events >= 0),
    officials INTEGER NOT NULL DEFAULT 0 CHECK (officials >= 0),
    agreements INTEGER NOT NULL DEFAULT 0 CHECK (agreements >= 0)
) STRICT, WITHOUT ROWID;

INSERT INTO source_counts (source_id, events, officials, agreements)
SELECT s.id,
       (SELECT count(DISTINCT event_id) FROM event_sources WHERE source_id = s.id),
       (SELECT count(DISTINCT official_id) FROM official_sources WHERE source_id = s.id),
       (SELECT count(DISTINCT agreement_id) FROM agreement_sources WHERE source_id = s.id)
FROM sources s;

CREATE TRIGGER source_counts_new AFTER INSERT ON sources BEGIN
    INSERT INTO source_counts (source_id) VALUES (NEW.id);
END;

-- A record's first span in a source adds it; its last span taken away removes it.
CREATE TRIGGER event_cites AFTER INSERT ON event_sources
WHEN (SELECT count(*) FROM event_sources
      WHERE event_id = NEW.event_id AND source_id = NEW.source_id) = 1 BEGIN
    UPDATE source_counts SET events = events + 1 WHERE source_id = NEW.source_id;
END;
CREATE TRIGGER event_uncites AFTER DELETE ON event_sources
WHEN NOT EXISTS (SELECT 1 FROM event_sources
                 WHERE event_id = OLD.event_id AND source_id = OLD.source_id) BEGIN
    UPDATE source_counts SET events = events - 1 WHERE source_id = OLD.source_id;
END;

CREATE TRIGGER official_cites AFTER INSERT ON official_sources
WHEN (SELECT count(*) FROM official_sources
      WHERE official_id = NEW.official_id AND source_id = NEW.source_id) = 1 BEGIN
    UPDATE source_counts SET officials = officials + 1 WHERE source_id = NEW.source_id;
END;
CREATE TRIGGER official_uncites AFTER DELETE ON official_sources
WHEN NOT EXISTS (SELECT 1 FROM official_sources
                 WHERE official_id = OLD.official_id AND source_id = OLD.source_id) BEGIN
    UPDATE source_counts SET officials = officials - 1 WHERE source_id = OLD.source_id;
END;

CREATE TRIGGER agreement_cites AFTER INSERT ON agreement_sources
WHEN (SELECT count(*) FROM agreement_sources
      WHERE agreement_id = NEW.agreement_id AND source_id = NEW.source_id) = 1 BEGIN
    UPDATE source_counts SET agreements = agreements + 1 WHERE source_id = NEW.source_id;
END;
CREATE TRIGGER agreement_uncites AFTER DELETE ON agreement_sources
WHEN NOT EXISTS (SELECT 1 FROM agreement_sources
                 WHERE agreement_id = OLD.agreement_id AND source_id = OLD.source_id) BEGIN
    UPDATE source_counts SET agreements = agreements - 1 WHERE source_id = OLD.source_id;
END;

DROP INDEX event_sources_by_source;
DROP INDEX official_sources_by_source;
DROP INDEX agreement_sources_by_source;
CREATE INDEX event_sources_by_source ON event_sources (source_id, event_id);
CREATE INDEX official_sources_by_source ON official_sources (source_id, official_id);
CREATE INDEX agreement_sources_by_source ON agreement_sources (source_id, agreement_id);
