-- The in-memory index of events, saved beside the store when a server stops (store/
-- event_index_snapshot.c), is read at the next start only if this table still holds the token
-- written with it. Any change to a table the index reads deletes the token, whoever makes it (a
-- jvdr, an import, the sqlite3 shell), so a file that outlived a change is never read; a
-- migration changes the schema version the file records. SQLite only: PostgreSQL's servers load
-- the index from the database. (A trigger costs about 0.15 microseconds a row.)
CREATE TABLE index_snapshot (token TEXT NOT NULL);
CREATE TRIGGER events_insert_unsaves_index AFTER INSERT ON events
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER events_update_unsaves_index AFTER UPDATE ON events
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER events_delete_unsaves_index AFTER DELETE ON events
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_countries_insert_unsaves_index AFTER INSERT ON event_countries
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_countries_update_unsaves_index AFTER UPDATE ON event_countries
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_countries_delete_unsaves_index AFTER DELETE ON event_countries
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_topics_insert_unsaves_index AFTER INSERT ON event_topics
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_topics_update_unsaves_index AFTER UPDATE ON event_topics
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_topics_delete_unsaves_index AFTER DELETE ON event_topics
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_participants_insert_unsaves_index AFTER INSERT ON event_participants
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_participants_update_unsaves_index AFTER UPDATE ON event_participants
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_participants_delete_unsaves_index AFTER DELETE ON event_participants
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_agreements_insert_unsaves_index AFTER INSERT ON event_agreements
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_agreements_update_unsaves_index AFTER UPDATE ON event_agreements
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_agreements_delete_unsaves_index AFTER DELETE ON event_agreements
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_sources_insert_unsaves_index AFTER INSERT ON event_sources
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_sources_update_unsaves_index AFTER UPDATE ON event_sources
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER event_sources_delete_unsaves_index AFTER DELETE ON event_sources
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER officials_insert_unsaves_index AFTER INSERT ON officials
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER officials_update_unsaves_index AFTER UPDATE ON officials
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER officials_delete_unsaves_index AFTER DELETE ON officials
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreements_insert_unsaves_index AFTER INSERT ON agreements
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreements_update_unsaves_index AFTER UPDATE ON agreements
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreements_delete_unsaves_index AFTER DELETE ON agreements
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_parties_insert_unsaves_index AFTER INSERT ON agreement_parties
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_parties_update_unsaves_index AFTER UPDATE ON agreement_parties
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_parties_delete_unsaves_index AFTER DELETE ON agreement_parties
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_signatories_insert_unsaves_index AFTER INSERT ON agreement_signatories
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_signatories_update_unsaves_index AFTER UPDATE ON agreement_signatories
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_signatories_delete_unsaves_index AFTER DELETE ON agreement_signatories
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER search_rows_insert_unsaves_index AFTER INSERT ON search_rows
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER search_rows_update_unsaves_index AFTER UPDATE ON search_rows
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER search_rows_delete_unsaves_index AFTER DELETE ON search_rows
    BEGIN DELETE FROM index_snapshot; END;
