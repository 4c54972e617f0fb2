-- The knowledge base on PostgreSQL: the same tables, columns, constraints and indexes as the
-- SQLite migrations build (migrations/0001-0009, search aside), so that the seed
-- (migrations/0002_seed.sql, shared by both engines) and every query find what they expect.
-- SQLite's GLOB checks are regular expressions here, its virtual generated columns stored ones,
-- its triggers PL/pgSQL; "end" is quoted, a reserved word in PostgreSQL. Text compares
-- byte-wise (COLLATE "C"), as SQLite's BINARY does. Foreign keys are DEFERRABLE (checked at once
-- unless a transaction defers them, as the seed does: SQLite's defer_foreign_keys), and RESTRICT
-- is NO ACTION, which alone can be deferred and which fails the same statement otherwise.

-- The last day of a YYYY-MM month, as text: immutable, for the generated date_end columns.
CREATE FUNCTION jvdr_month_end(month text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT month || '-' || CASE substr(month, 6, 2)
        WHEN '02' THEN CASE WHEN (substr(month, 1, 4)::int % 4 = 0
                                  AND substr(month, 1, 4)::int % 100 <> 0)
                                 OR substr(month, 1, 4)::int % 400 = 0 THEN '29' ELSE '28' END
        WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30'
        ELSE '31' END
$$;

-- SQLite's NOCASE: ASCII letters folded, nothing else (lower() would fold every script).
CREATE FUNCTION jvdr_nocase(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"
$$;

CREATE TABLE sources (
    id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    publisher text,
    author text,
    date text,
    date_qualifier text CHECK (date_qualifier IN ('early', 'mid', 'late')),
    date_inferred integer NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
    date_note text,
    file_name text UNIQUE,
    summary text,
    note text,
    text text,
    date_precision text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END) STORED,
    date_start text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)
        STORED,
    date_end text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-12-31' WHEN 7 THEN jvdr_month_end(date)
         ELSE date END) STORED
);

CREATE TABLE officials (
    id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_diacritics text,
    country text NOT NULL CHECK (country ~ '^[A-Z][A-Z]$'),
    summary text
);

CREATE TABLE official_aliases (
    official_id text COLLATE "C" NOT NULL REFERENCES officials (id) ON DELETE CASCADE DEFERRABLE,
    alias text COLLATE "C" NOT NULL CHECK (length(alias) BETWEEN 1 AND 200),
    PRIMARY KEY (official_id, alias)
);

CREATE TABLE positions (
    official_id text COLLATE "C" NOT NULL REFERENCES officials (id) ON DELETE CASCADE DEFERRABLE,
    seq bigint NOT NULL,
    title text NOT NULL,
    organisation text,
    country text CHECK (country ~ '^[A-Z][A-Z]$'),
    date_from text,
    date_to text,
    as_of text,
    note text,
    PRIMARY KEY (official_id, seq)
);

CREATE TABLE events (
    id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    type text NOT NULL CHECK (type IN ('meeting', 'visit', 'dialogue', 'consultation', 'workshop',
        'signing', 'transfer', 'conference', 'exhibition', 'commemoration', 'exercise',
        'port-call', 'dispatch', 'incident')),
    status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'planned', 'proposed')),
    date text,
    date_qualifier text CHECK (date_qualifier IN ('early', 'mid', 'late')),
    end_date text,
    date_note text,
    location text,
    host_country text CHECK (host_country ~ '^[A-Z][A-Z]$'),
    summary text,
    date_precision text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END) STORED,
    date_start text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)
        STORED,
    date_end text GENERATED ALWAYS AS
        (coalesce(end_date, CASE length(date) WHEN 4 THEN date || '-12-31'
         WHEN 7 THEN jvdr_month_end(date) ELSE date END)) STORED
);
CREATE INDEX events_by_date ON events (date_start, date_end, id);
CREATE INDEX events_by_type ON events (type, date_start);

CREATE TABLE event_countries (
    event_id text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    country text NOT NULL CHECK (country ~ '^[A-Z][A-Z]$'),
    PRIMARY KEY (event_id, country)
);
CREATE INDEX event_countries_by_country ON event_countries (country, event_id);

CREATE TABLE event_topics (
    event_id text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    topic text COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, topic)
);
CREATE INDEX event_topics_by_topic ON event_topics (topic, event_id);

CREATE TABLE event_participants (
    event_id text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    official_id text COLLATE "C" NOT NULL REFERENCES officials (id) ON DELETE NO ACTION DEFERRABLE,
    role text,
    PRIMARY KEY (event_id, official_id)
);
CREATE INDEX event_participants_by_official ON event_participants (official_id, event_id);

CREATE TABLE agreements (
    id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    type text NOT NULL CHECK (type IN ('agreement', 'memorandum', 'joint-statement',
        'partnership', 'declaration', 'convention', 'vision', 'initiative', 'strategy',
        'code-of-conduct', 'framework', 'outlook', 'grouping')),
    status text NOT NULL CHECK (status IN ('proposed', 'under-negotiation', 'agreed', 'signed',
        'in-force', 'adopted', 'active')),
    date text,
    date_qualifier text CHECK (date_qualifier IN ('early', 'mid', 'late')),
    date_note text,
    summary text,
    date_precision text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END) STORED,
    date_start text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)
        STORED,
    date_end text GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-12-31' WHEN 7 THEN jvdr_month_end(date)
         ELSE date END) STORED
);
CREATE INDEX agreements_by_date ON agreements (date_start, date_end, id);

CREATE TABLE agreement_parties (
    agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE,
    party text COLLATE "C" NOT NULL,
    PRIMARY KEY (agreement_id, party)
);
CREATE INDEX agreement_parties_by_party ON agreement_parties (party, agreement_id);

CREATE TABLE agreement_signatories (
    agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE,
    official_id text COLLATE "C" NOT NULL REFERENCES officials (id) ON DELETE NO ACTION DEFERRABLE,
    PRIMARY KEY (agreement_id, official_id)
);
CREATE INDEX agreement_signatories_by_official ON agreement_signatories (official_id);

CREATE TABLE agreement_aliases (
    agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE,
    alias text COLLATE "C" NOT NULL CHECK (length(alias) BETWEEN 1 AND 300),
    PRIMARY KEY (agreement_id, alias)
);

CREATE TABLE event_agreements (
    event_id text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id) ON DELETE NO ACTION DEFERRABLE,
    relation text NOT NULL CHECK (relation IN ('signed', 'adopted', 'discussed', 'implemented',
        'referenced')),
    PRIMARY KEY (event_id, agreement_id)
);
CREATE INDEX event_agreements_by_agreement ON event_agreements (agreement_id, relation);
CREATE UNIQUE INDEX agreement_signed_once ON event_agreements (agreement_id)
    WHERE relation = 'signed';

-- Provenance: spans [start, "end") into a source's text, in Unicode code points from 0.
CREATE TABLE event_sources (
    event_id text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE,
    source_id text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE NO ACTION DEFERRABLE,
    start bigint NOT NULL CHECK (start >= 0),
    "end" bigint NOT NULL CHECK ("end" > start),
    PRIMARY KEY (event_id, source_id, start)
);
CREATE INDEX event_sources_by_source ON event_sources (source_id, event_id);

CREATE TABLE official_sources (
    official_id text COLLATE "C" NOT NULL REFERENCES officials (id) ON DELETE CASCADE DEFERRABLE,
    source_id text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE NO ACTION DEFERRABLE,
    start bigint NOT NULL CHECK (start >= 0),
    "end" bigint NOT NULL CHECK ("end" > start),
    PRIMARY KEY (official_id, source_id, start)
);
CREATE INDEX official_sources_by_source ON official_sources (source_id, official_id);

CREATE TABLE agreement_sources (
    agreement_id text COLLATE "C" NOT NULL REFERENCES agreements (id) ON DELETE CASCADE DEFERRABLE,
    source_id text COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE NO ACTION DEFERRABLE,
    start bigint NOT NULL CHECK (start >= 0),
    "end" bigint NOT NULL CHECK ("end" > start),
    PRIMARY KEY (agreement_id, source_id, start)
);
CREATE INDEX agreement_sources_by_source ON agreement_sources (source_id, agreement_id);

-- The audit trail (migrations/0004_changes.sql).
CREATE TABLE changes (
    seq bigserial PRIMARY KEY,
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL CHECK (action IN ('create', 'replace', 'update', 'delete')),
    kind text NOT NULL CHECK (kind IN ('event', 'official', 'agreement', 'source')),
    record_id text COLLATE "C" NOT NULL,
    before json, -- json, not jsonb: the representation kept byte for byte
    after json,
    request_id text
);
CREATE INDEX changes_by_record ON changes (kind, record_id, seq);

-- The lists' sort orders (migrations/0005_list_indexes.sql).
CREATE INDEX events_by_date_asc ON events ((date_start IS NULL), date_start, date_end, id);
CREATE INDEX events_by_date_desc ON events ((date_start IS NULL), date_start DESC, date_end DESC, id DESC);
CREATE INDEX events_by_title ON events (jvdr_nocase(title), id);
CREATE INDEX events_by_type_id ON events (type, id);
CREATE INDEX events_by_status ON events (status, id);
CREATE INDEX officials_by_name ON officials (jvdr_nocase(name), id);
CREATE INDEX officials_by_country ON officials (country, id);
CREATE INDEX agreements_by_date_asc ON agreements ((date_start IS NULL), date_start, date_end, id);
CREATE INDEX agreements_by_date_desc ON agreements ((date_start IS NULL), date_start DESC, date_end DESC, id DESC);
CREATE INDEX agreements_by_title ON agreements (jvdr_nocase(title), id);
CREATE INDEX agreements_by_type ON agreements (type, id);
CREATE INDEX agreements_by_status ON agreements (status, id);
CREATE INDEX sources_by_date_asc ON sources ((date_start IS NULL), date_start, date_end, id);
CREATE INDEX sources_by_date_desc ON sources ((date_start IS NULL), date_start DESC, date_end DESC, id DESC);
CREATE INDEX sources_by_title ON sources (jvdr_nocase(title), id);
CREATE INDEX events_by_host_country ON events (host_country, id);

-- How many records of each kind cite a source (migrations/0006_source_counts.sql): a record's
-- first span in a source adds it, its last span taken away removes it.
CREATE TABLE source_counts (
    source_id text COLLATE "C" PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE DEFERRABLE,
    events bigint NOT NULL DEFAULT 0 CHECK (events >= 0),
    officials bigint NOT NULL DEFAULT 0 CHECK (officials >= 0),
    agreements bigint NOT NULL DEFAULT 0 CHECK (agreements >= 0)
);

CREATE FUNCTION jvdr_source_counts_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO source_counts (source_id) VALUES (NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER source_counts_new AFTER INSERT ON sources
    FOR EACH ROW EXECUTE FUNCTION jvdr_source_counts_new();

-- TG_ARGV[0]: the link table's record column; TG_ARGV[1]: the count column. BEFORE each row:
-- an AFTER row trigger runs once the whole statement is done and would count every row of a
-- multi-row delete as the last.
CREATE FUNCTION jvdr_cites() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
    link record;
BEGIN
    link := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    EXECUTE format('SELECT count(*) FROM %I WHERE %I = $1 AND source_id = $2', TG_TABLE_NAME,
                   TG_ARGV[0])
        INTO n USING (to_jsonb(link) ->> TG_ARGV[0]), link.source_id;
    IF TG_OP = 'INSERT' AND n = 0 THEN
        EXECUTE format('UPDATE source_counts SET %I = %I + 1 WHERE source_id = $1', TG_ARGV[1],
                       TG_ARGV[1]) USING link.source_id;
    ELSIF TG_OP = 'DELETE' AND n = 1 THEN
        EXECUTE format('UPDATE source_counts SET %I = %I - 1 WHERE source_id = $1', TG_ARGV[1],
                       TG_ARGV[1]) USING link.source_id;
    END IF;
    RETURN link;
END $$;
CREATE TRIGGER event_cites BEFORE INSERT OR DELETE ON event_sources
    FOR EACH ROW EXECUTE FUNCTION jvdr_cites('event_id', 'events');
CREATE TRIGGER official_cites BEFORE INSERT OR DELETE ON official_sources
    FOR EACH ROW EXECUTE FUNCTION jvdr_cites('official_id', 'officials');
CREATE TRIGGER agreement_cites BEFORE INSERT OR DELETE ON agreement_sources
    FOR EACH ROW EXECUTE FUNCTION jvdr_cites('agreement_id', 'agreements');
