-- The records that are not events, under the name of SQLite's table of them (migrations/0018):
-- searches among officials, agreements and sources read it. A search of those kinds asked the
-- lexeme index of every record for its matches, then dropped the events' (nearly all of them at a
-- million events); these partial indexes hold the other kinds' rows alone. A row's kind lives in
-- search_rows, so each index row carries it as a flag, set as the row is written (search_rows
-- always gets its row first: jvdr_search_refresh, jvdr_search_catch_up).
ALTER TABLE search_index ADD COLUMN minor boolean NOT NULL DEFAULT false;

CREATE FUNCTION jvdr_search_minor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.minor := EXISTS (SELECT 1 FROM search_rows WHERE rowid = NEW.rowid AND kind <> 'event');
    RETURN NEW;
END $$;
CREATE TRIGGER search_index_minor BEFORE INSERT OR UPDATE ON search_index
    FOR EACH ROW EXECUTE FUNCTION jvdr_search_minor();

UPDATE search_index i SET minor = true FROM search_rows r
WHERE r.rowid = i.rowid AND r.kind <> 'event';

CREATE INDEX search_minor_by_lexeme ON search_index USING gin (doc) WHERE minor;
CREATE INDEX search_minor_by_title_lexeme ON search_index USING gin (title_doc) WHERE minor;

CREATE VIEW search_minor AS
SELECT rowid, title, body, folded, doc, title_doc FROM search_index WHERE minor;
