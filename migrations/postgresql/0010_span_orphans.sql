-- Citations whose words a corrected text no longer holds (migrations/0012_span_orphans.sql).
CREATE TABLE event_orphans (
    event_id text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    source_id text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE DEFERRABLE,
    exact text NOT NULL,
    prefix text,
    suffix text,
    PRIMARY KEY (event_id, source_id, exact)
);
CREATE INDEX event_orphans_by_source ON event_orphans (source_id);

CREATE TABLE official_orphans (
    official_id text COLLATE "C" NOT NULL REFERENCES officials (id) ON DELETE CASCADE DEFERRABLE,
    source_id text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE DEFERRABLE,
    exact text NOT NULL,
    prefix text,
    suffix text,
    PRIMARY KEY (official_id, source_id, exact)
);
CREATE INDEX official_orphans_by_source ON official_orphans (source_id);

CREATE TABLE agreement_orphans (
    agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE,
    source_id text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE DEFERRABLE,
    exact text NOT NULL,
    prefix text,
    suffix text,
    PRIMARY KEY (agreement_id, source_id, exact)
);
CREATE INDEX agreement_orphans_by_source ON agreement_orphans (source_id);

ALTER TABLE changes ADD COLUMN spans json;

-- json_each(x): SQLite's, for a JSON array sent as text: one row per element, its value.
CREATE FUNCTION json_each(elements text) RETURNS TABLE (value json) LANGUAGE sql IMMUTABLE STRICT
AS $$
    SELECT json_array_elements(elements::json)
$$;
