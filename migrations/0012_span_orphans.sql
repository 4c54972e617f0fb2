-- A citation whose words a corrected text no longer holds (PUT /v1/sources/{id}/text with
-- Prefer: handling=lenient) leaves its record's spans for these tables: its old words and their
-- context, shown beside the spans as the source reference's read-only orphans, so that a reader is
-- told the words are gone instead of being shown other words. Gone with the record or the source.
CREATE TABLE event_orphans (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    exact TEXT NOT NULL,
    prefix TEXT,
    suffix TEXT,
    PRIMARY KEY (event_id, source_id, exact)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_orphans_by_source ON event_orphans (source_id);

CREATE TABLE official_orphans (
    official_id TEXT NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    exact TEXT NOT NULL,
    prefix TEXT,
    suffix TEXT,
    PRIMARY KEY (official_id, source_id, exact)
) STRICT, WITHOUT ROWID;
CREATE INDEX official_orphans_by_source ON official_orphans (source_id);

CREATE TABLE agreement_orphans (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    exact TEXT NOT NULL,
    prefix TEXT,
    suffix TEXT,
    PRIMARY KEY (agreement_id, source_id, exact)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_orphans_by_source ON agreement_orphans (source_id);

-- What a text's replacement did to the spans citing it (moved, corrected, orphaned, merged), in
-- the text's entry of GET /v1/changes.
ALTER TABLE changes ADD COLUMN spans TEXT CHECK (spans IS NULL OR json_valid(spans));
