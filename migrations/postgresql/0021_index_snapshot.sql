-- The index of events saved at a clean stop (--index-file, store/event_index_snapshot.c), as on
-- SQLite (migrations/0017): the file is read at the next start only while this table still holds
-- the token written with it, and any change to a table the index reads deletes the token, whoever
-- makes it (this jvdr, another instance, psql, a restore), in the statement trigger every such
-- table already has (0006). A save holds this table in EXCLUSIVE mode, so that no write commits
-- between the index being found current and its token being stored (the writes wait for it).
CREATE TABLE index_snapshot (token text NOT NULL);

CREATE OR REPLACE FUNCTION jvdr_foreign_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM index_snapshot;
    IF coalesce(current_setting('jvdr.writer', true), '') <> 'on' THEN
        PERFORM pg_notify('jvdr_changes', '*');
    END IF;
    RETURN NULL;
END $$;

-- The rows of the full-text index are read by the index of events as well (a change by hand).
CREATE TRIGGER search_rows_foreign_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jvdr_foreign_change();
CREATE TRIGGER search_index_foreign_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_index
    FOR EACH STATEMENT EXECUTE FUNCTION jvdr_foreign_change();
