-- Full-text search on PostgreSQL: what migrations/0003, 0008 and 0009 build on SQLite with FTS5.
-- Each record's document (the same four views: title, body, and folded names) is kept with its
-- tsvector: the lexemes are runs of letters and digits of the folded text (fold(), the service's
-- own folding, so "Dai Quang" finds "Trần Đại Quang"), title and names at weight A, the rest at
-- weight B. read/search_query.c writes each search as tsquery text of the same lexemes, every word
-- a prefix, and the title tier as weight A. Rowids are given as SQLite gives them (one past the
-- largest), so that /v1/search lists the same records in the same order on both engines.

CREATE TABLE search_rows (
    rowid bigint PRIMARY KEY,
    kind text COLLATE "C" NOT NULL CHECK (kind IN ('event', 'official', 'agreement', 'source')),
    id text COLLATE "C" NOT NULL,
    UNIQUE (kind, id)
);

CREATE TABLE search_index (
    rowid bigint PRIMARY KEY REFERENCES search_rows (rowid) ON DELETE CASCADE,
    title text NOT NULL,
    body text NOT NULL,
    folded text NOT NULL,
    doc tsvector NOT NULL,
    title_doc tsvector NOT NULL
);
CREATE INDEX search_index_by_lexeme ON search_index USING gin (doc);
CREATE INDEX search_index_by_title_lexeme ON search_index USING gin (title_doc);

-- The title tier's own index, under the name SQLite's FTS5 table has.
CREATE VIEW search_titles AS SELECT rowid, title, folded, title_doc AS doc FROM search_index;

-- Snippets: ts_headline reads the record's own text with this configuration, which drops
-- diacritics (unaccent, a trusted extension of postgresql-15's contrib) as fold() does for the
-- index, so that "Đại" is marked for a search of "dai".
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION jvdr_headline (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION jvdr_headline ALTER MAPPING FOR asciiword, word, numword,
    asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;

-- ASCII punctuation separates words, as FTS5's unicode61 tokenizer has it (the 'simple' parser
-- would otherwise keep "asean-japan" or "u.s." whole).
CREATE FUNCTION jvdr_lexemes(value text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_tsvector('simple', regexp_replace(fold(value), '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+', ' ', 'g'))
$$;

CREATE VIEW search_documents_event (id, title, body, folded) AS
SELECT e.id, e.title,
       coalesce(e.summary, '') || ' ' || coalesce(e.location, '') || ' ' || e.type || ' ' ||
       coalesce((SELECT string_agg(replace(topic, '-', ' '), ' ') FROM event_topics
                 WHERE event_id = e.id), ''),
       fold(e.title || ' ' || coalesce(e.location, ''))
FROM events e;

CREATE VIEW search_documents_official (id, title, body, folded) AS
SELECT o.id, o.name,
       coalesce(o.name_diacritics, '') || ' ' ||
       coalesce((SELECT string_agg(alias, ' ') FROM official_aliases
                 WHERE official_id = o.id), '') || ' ' || coalesce(o.summary, '') || ' ' ||
       coalesce((SELECT string_agg(title || ' ' || coalesce(organisation, ''), ' ')
                 FROM positions WHERE official_id = o.id), ''),
       fold(o.name || ' ' || coalesce(o.name_diacritics, '') || ' ' ||
            coalesce((SELECT string_agg(alias, ' ') FROM official_aliases
                      WHERE official_id = o.id), ''))
FROM officials o;

CREATE VIEW search_documents_agreement (id, title, body, folded) AS
SELECT a.id, a.title,
       coalesce(a.summary, '') || ' ' || replace(a.type, '-', ' ') ||
       coalesce(' ' || (SELECT string_agg(alias, ' ') FROM agreement_aliases
                        WHERE agreement_id = a.id), ''),
       fold(a.title || coalesce(' ' || (SELECT string_agg(alias, ' ') FROM agreement_aliases
                                        WHERE agreement_id = a.id), ''))
FROM agreements a;

CREATE VIEW search_documents_source (id, title, body, folded) AS
SELECT s.id, s.title,
       coalesce(s.author, '') || ' ' || coalesce(s.publisher, '') || ' ' ||
       coalesce(s.summary, '') || ' ' || coalesce(s.text, ''),
       fold(s.title || ' ' || coalesce(s.author, ''))
FROM sources s;

-- Makes the index say what the record (kind, record) says now: a new row, a changed one, or none.
CREATE FUNCTION jvdr_search_refresh(record_kind text, record_id text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    row_id bigint;
    d record;
BEGIN
    CASE record_kind
    WHEN 'event' THEN SELECT * INTO d FROM search_documents_event WHERE id = record_id;
    WHEN 'official' THEN SELECT * INTO d FROM search_documents_official WHERE id = record_id;
    WHEN 'agreement' THEN SELECT * INTO d FROM search_documents_agreement WHERE id = record_id;
    ELSE SELECT * INTO d FROM search_documents_source WHERE id = record_id;
    END CASE;
    IF NOT FOUND THEN
        DELETE FROM search_rows WHERE kind = record_kind AND id = record_id;
        RETURN;
    END IF;
    SELECT rowid INTO row_id FROM search_rows WHERE kind = record_kind AND id = record_id;
    IF NOT FOUND THEN
        SELECT coalesce(max(rowid), 0) + 1 INTO row_id FROM search_rows;
        INSERT INTO search_rows (rowid, kind, id) VALUES (row_id, record_kind, record_id);
    END IF;
    INSERT INTO search_index (rowid, title, body, folded, doc, title_doc)
    VALUES (row_id, d.title, d.body, d.folded,
            ts_delete(setweight(jvdr_lexemes(d.title || ' jvdrcolumn ' || d.folded ||
                                             ' jvdrcolumn'), 'A') ||
                      setweight(jvdr_lexemes(d.body), 'B'), 'jvdrcolumn'),
            ts_delete(setweight(jvdr_lexemes(d.title || ' jvdrcolumn ' || d.folded), 'A'),
                      'jvdrcolumn'))
    ON CONFLICT (rowid) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
        folded = EXCLUDED.folded, doc = EXCLUDED.doc, title_doc = EXCLUDED.title_doc;
END $$;

-- (A lexeme put between the columns and deleted again leaves a gap in the positions: a phrase
-- never runs from one column into the next, as in FTS5.)

-- One trigger function for every table a document draws on: TG_ARGV[0] is the kind, TG_ARGV[1]
-- the column naming the record.
CREATE FUNCTION jvdr_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_id text;
    new_id text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_id := to_jsonb(OLD) ->> TG_ARGV[1];
        PERFORM jvdr_search_refresh(TG_ARGV[0], old_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_id := to_jsonb(NEW) ->> TG_ARGV[1];
        IF old_id IS DISTINCT FROM new_id THEN
            PERFORM jvdr_search_refresh(TG_ARGV[0], new_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('event', 'id');
CREATE TRIGGER event_topics_search AFTER INSERT OR UPDATE OR DELETE ON event_topics
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('event', 'event_id');
CREATE TRIGGER officials_search AFTER INSERT OR UPDATE OR DELETE ON officials
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('official', 'id');
CREATE TRIGGER official_aliases_search AFTER INSERT OR UPDATE OR DELETE ON official_aliases
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('official', 'official_id');
CREATE TRIGGER positions_search AFTER INSERT OR UPDATE OR DELETE ON positions
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('official', 'official_id');
CREATE TRIGGER agreements_search AFTER INSERT OR UPDATE OR DELETE ON agreements
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('agreement', 'id');
CREATE TRIGGER agreement_aliases_search AFTER INSERT OR UPDATE OR DELETE ON agreement_aliases
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('agreement', 'agreement_id');
CREATE TRIGGER sources_search AFTER INSERT OR UPDATE OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_changed('source', 'id');

-- The records already there, kind by kind in id order, as migrations/0003_search.sql numbers them.
SELECT jvdr_search_refresh(k.kind, k.id) FROM (
    SELECT 1 AS n, 'event' AS kind, id FROM events
    UNION ALL SELECT 2, 'official', id FROM officials
    UNION ALL SELECT 3, 'agreement', id FROM agreements
    UNION ALL SELECT 4, 'source', id FROM sources
    ORDER BY 1, 3) k;
