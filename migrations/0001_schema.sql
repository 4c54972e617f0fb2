-- The knowledge base: sources (the documents), officials, events and agreements, their
-- relations, and the spans tying every record to the passages that support it.
-- Dates are ISO 8601 at the precision a document gives (YYYY, YYYY-MM or YYYY-MM-DD); the
-- generated date_start/date_end columns hold the interval such a date covers, for sorting and
-- filtering. A qualifier ('early', 'mid', 'late') narrows a month or year in words only.

CREATE TABLE sources (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    publisher TEXT,
    author TEXT,
    date TEXT,
    date_qualifier TEXT CHECK (date_qualifier IN ('early', 'mid', 'late')),
    date_inferred INTEGER NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
    date_note TEXT,
    file_name TEXT UNIQUE,
    summary TEXT,
    note TEXT, -- how the attribution and date were established
    text TEXT, -- the document itself, loaded by `jvdr import-sources`
    date_precision TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END) VIRTUAL,
    date_start TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)
        VIRTUAL,
    date_end TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-12-31'
         WHEN 7 THEN date(date || '-01', '+1 month', '-1 day') ELSE date END) VIRTUAL
) STRICT;

CREATE TABLE officials (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_diacritics TEXT, -- the name in its own script's spelling, e.g. Vietnamese with tone marks
    country TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
    summary TEXT
) STRICT;

CREATE TABLE official_aliases (
    official_id TEXT NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 200),
    PRIMARY KEY (official_id, alias)
) STRICT, WITHOUT ROWID;

CREATE TABLE positions (
    official_id TEXT NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    organisation TEXT,
    country TEXT CHECK (country GLOB '[A-Z][A-Z]'),
    date_from TEXT,
    date_to TEXT,
    as_of TEXT, -- a date the documents show the official in this post
    note TEXT,
    PRIMARY KEY (official_id, seq)
) STRICT;

CREATE TABLE events (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    type TEXT NOT NULL CHECK (type IN ('meeting', 'visit', 'dialogue', 'consultation', 'workshop',
        'signing', 'transfer', 'conference', 'exhibition', 'commemoration', 'exercise',
        'port-call', 'dispatch', 'incident')),
    status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'planned', 'proposed')),
    date TEXT,
    date_qualifier TEXT CHECK (date_qualifier IN ('early', 'mid', 'late')),
    end_date TEXT, -- last day of an event spanning several days
    date_note TEXT,
    location TEXT,
    host_country TEXT CHECK (host_country GLOB '[A-Z][A-Z]'),
    summary TEXT,
    date_precision TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END) VIRTUAL,
    date_start TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)
        VIRTUAL,
    date_end TEXT GENERATED ALWAYS AS
        (coalesce(end_date, CASE length(date) WHEN 4 THEN date || '-12-31'
         WHEN 7 THEN date(date || '-01', '+1 month', '-1 day') ELSE date END)) VIRTUAL
) STRICT;
CREATE INDEX events_by_date ON events (date_start, date_end, id);
CREATE INDEX events_by_type ON events (type, date_start);

CREATE TABLE event_countries (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    country TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
    PRIMARY KEY (event_id, country)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_countries_by_country ON event_countries (country, event_id);

CREATE TABLE event_topics (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (event_id, topic)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_topics_by_topic ON event_topics (topic, event_id);

CREATE TABLE event_participants (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    official_id TEXT NOT NULL REFERENCES officials (id) ON DELETE RESTRICT,
    role TEXT,
    PRIMARY KEY (event_id, official_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_participants_by_official ON event_participants (official_id, event_id);

CREATE TABLE agreements (
    id TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    type TEXT NOT NULL CHECK (type IN ('agreement', 'memorandum', 'joint-statement',
        'partnership', 'declaration', 'convention', 'vision', 'initiative', 'strategy',
        'code-of-conduct', 'framework', 'outlook', 'grouping')),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'under-negotiation', 'agreed', 'signed',
        'in-force', 'adopted', 'active')),
    date TEXT,
    date_qualifier TEXT CHECK (date_qualifier IN ('early', 'mid', 'late')),
    date_note TEXT,
    summary TEXT,
    date_precision TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END) VIRTUAL,
    date_start TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END)
        VIRTUAL,
    date_end TEXT GENERATED ALWAYS AS
        (CASE length(date) WHEN 4 THEN date || '-12-31'
         WHEN 7 THEN date(date || '-01', '+1 month', '-1 day') ELSE date END) VIRTUAL
) STRICT;
CREATE INDEX agreements_by_date ON agreements (date_start, date_end, id);

-- A party is an ISO 3166-1 alpha-2 country code or an organisation's short name (ASEAN).
CREATE TABLE agreement_parties (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    PRIMARY KEY (agreement_id, party)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_parties_by_party ON agreement_parties (party, agreement_id);

CREATE TABLE agreement_signatories (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    official_id TEXT NOT NULL REFERENCES officials (id) ON DELETE RESTRICT,
    PRIMARY KEY (agreement_id, official_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_signatories_by_official ON agreement_signatories (official_id);

-- How an event concerns an agreement: signed or adopted there, discussed, implemented, or
-- referred to.
CREATE TABLE event_agreements (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE RESTRICT,
    relation TEXT NOT NULL CHECK (relation IN ('signed', 'adopted', 'discussed', 'implemented',
        'referenced')),
    PRIMARY KEY (event_id, agreement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_agreements_by_agreement ON event_agreements (agreement_id, relation);
CREATE UNIQUE INDEX agreement_signed_once ON event_agreements (agreement_id)
    WHERE relation = 'signed';

-- Provenance: character spans [start, end) into a source's text, counted in Unicode code
-- points from 0, supporting a record.
CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    start INTEGER NOT NULL CHECK (start >= 0),
    end INTEGER NOT NULL CHECK (end > start),
    PRIMARY KEY (event_id, source_id, start)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_sources_by_source ON event_sources (source_id);

CREATE TABLE official_sources (
    official_id TEXT NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    start INTEGER NOT NULL CHECK (start >= 0),
    end INTEGER NOT NULL CHECK (end > start),
    PRIMARY KEY (official_id, source_id, start)
) STRICT, WITHOUT ROWID;
CREATE INDEX official_sources_by_source ON official_sources (source_id);

CREATE TABLE agreement_sources (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    source_id TEXT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    start INTEGER NOT NULL CHECK (start >= 0),
    end INTEGER NOT NULL CHECK (end > start),
    PRIMARY KEY (agreement_id, source_id, start)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_sources_by_source ON agreement_sources (source_id);
