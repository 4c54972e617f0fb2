-- A bulk load's indexing, as on SQLite (server/store/sqlite_search.c): refreshing a record's
-- document row by row costs a load of events twice per event (its row, then its topics). While
-- jvdr.search_deferred is 'on' (set for the load's transaction alone), the triggers only note
-- the record in the session's own table; jvdr_search_catch_up indexes each noted record once, in
-- the order SQLite's catch-up numbers new rows (kind, then id), so that both engines list search
-- hits alike. A rollback takes the notes and the setting with it. jvdr_search_refresh, which the
-- triggers call otherwise, makes its vectors with the same function as the catch-up.

CREATE FUNCTION jvdr_search_defer() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.jvdr_unindexed') IS NULL THEN
        CREATE TEMP TABLE jvdr_unindexed (
            kind text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            PRIMARY KEY (kind, id)
        ) ON COMMIT DELETE ROWS;
    END IF;
    PERFORM set_config('jvdr.search_deferred', 'on', true);
END $$;

-- A document's two tsvectors, as jvdr_search_refresh has always made them: title and names at
-- weight A, the rest at B, a gap between the columns (migrations/postgresql/0005_search.sql).
CREATE FUNCTION jvdr_search_vectors(title text, body text, folded text,
                                    OUT doc tsvector, OUT title_doc tsvector)
LANGUAGE sql IMMUTABLE AS $$
    SELECT ts_delete(setweight(jvdr_lexemes(title || ' jvdrcolumn ' || folded || ' jvdrcolumn'), 'A') ||
                     setweight(jvdr_lexemes(body), 'B'), 'jvdrcolumn'),
           ts_delete(setweight(jvdr_lexemes(title || ' jvdrcolumn ' || folded), 'A'), 'jvdrcolumn')
$$;

CREATE OR REPLACE FUNCTION jvdr_search_refresh(record_kind text, record_id text) RETURNS void
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
    SELECT row_id, d.title, d.body, d.folded, v.doc, v.title_doc
    FROM jvdr_search_vectors(d.title, d.body, d.folded) v
    ON CONFLICT (rowid) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
        folded = EXCLUDED.folded, doc = EXCLUDED.doc, title_doc = EXCLUDED.title_doc;
END $$;

-- The noted records indexed in a few statements over all of them (one call of
-- jvdr_search_refresh each took seconds per thousand in a large transaction): gone ones leave
-- the index, new ones are numbered one past the largest rowid in (kind, id) order, and every
-- one's document is written.
CREATE FUNCTION jvdr_search_catch_up() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    last bigint;
BEGIN
    PERFORM set_config('jvdr.search_deferred', 'off', true);
    IF to_regclass('pg_temp.jvdr_unindexed') IS NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE jvdr_noted_documents ON COMMIT DROP AS
        SELECT u.kind, u.id, d.title, d.body, d.folded FROM pg_temp.jvdr_unindexed u
        JOIN search_documents_event d ON d.id = u.id WHERE u.kind = 'event'
        UNION ALL
        SELECT u.kind, u.id, d.title, d.body, d.folded FROM pg_temp.jvdr_unindexed u
        JOIN search_documents_official d ON d.id = u.id WHERE u.kind = 'official'
        UNION ALL
        SELECT u.kind, u.id, d.title, d.body, d.folded FROM pg_temp.jvdr_unindexed u
        JOIN search_documents_agreement d ON d.id = u.id WHERE u.kind = 'agreement'
        UNION ALL
        SELECT u.kind, u.id, d.title, d.body, d.folded FROM pg_temp.jvdr_unindexed u
        JOIN search_documents_source d ON d.id = u.id WHERE u.kind = 'source';
    DELETE FROM search_rows r USING pg_temp.jvdr_unindexed u
    WHERE r.kind = u.kind AND r.id = u.id AND NOT EXISTS
        (SELECT 1 FROM pg_temp.jvdr_noted_documents d WHERE d.kind = u.kind AND d.id = u.id);
    SELECT coalesce(max(rowid), 0) INTO last FROM search_rows;
    INSERT INTO search_rows (rowid, kind, id)
    SELECT last + row_number() OVER (ORDER BY d.kind, d.id), d.kind, d.id
    FROM pg_temp.jvdr_noted_documents d
    WHERE NOT EXISTS (SELECT 1 FROM search_rows r WHERE r.kind = d.kind AND r.id = d.id);
    INSERT INTO search_index (rowid, title, body, folded, doc, title_doc)
    SELECT r.rowid, d.title, d.body, d.folded, v.doc, v.title_doc
    FROM pg_temp.jvdr_noted_documents d
    JOIN search_rows r ON r.kind = d.kind AND r.id = d.id,
    LATERAL jvdr_search_vectors(d.title, d.body, d.folded) v
    ON CONFLICT (rowid) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
        folded = EXCLUDED.folded, doc = EXCLUDED.doc, title_doc = EXCLUDED.title_doc;
    DROP TABLE pg_temp.jvdr_noted_documents;
    DELETE FROM pg_temp.jvdr_unindexed;
END $$;

-- migrations/postgresql/0005_search.sql's trigger function, noting instead of refreshing while
-- a load defers.
CREATE OR REPLACE FUNCTION jvdr_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    deferred boolean := coalesce(current_setting('jvdr.search_deferred', true), '') = 'on';
    old_id text;
    new_id text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_id := to_jsonb(OLD) ->> TG_ARGV[1];
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_id := to_jsonb(NEW) ->> TG_ARGV[1];
    END IF;
    IF deferred THEN
        INSERT INTO pg_temp.jvdr_unindexed (kind, id)
        SELECT TG_ARGV[0], changed FROM (VALUES (old_id), (new_id)) v (changed)
        WHERE changed IS NOT NULL
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END IF;
    IF old_id IS NOT NULL THEN
        PERFORM jvdr_search_refresh(TG_ARGV[0], old_id);
    END IF;
    IF new_id IS NOT NULL AND old_id IS DISTINCT FROM new_id THEN
        PERFORM jvdr_search_refresh(TG_ARGV[0], new_id);
    END IF;
    RETURN NULL;
END $$;

-- The planner told how the service's own tables grew, during a long write transaction (a bulk
-- load, server/store/pg.c): the tables of this schema, not whatever else shares the database.
CREATE FUNCTION jvdr_analyze() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT c.oid::regclass FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
             ORDER BY c.relname LOOP
        EXECUTE format('ANALYZE %s', t);
    END LOOP;
END $$;
