-- The records each write changed, so that another process's in-memory index of events can read
-- again just those after the write's commit (store/index_journal.c) instead of loading a million
-- events afresh (12-20 s, its answers waiting meanwhile). A writer journals what its own index
-- re-reads after the commit. Writes that do not journal (an operator's SQL, a write that may have
-- changed anything) are told apart by the epoch mark a journaling write leaves in index_snapshot
-- as 'epoch:<hex>': the 0017 triggers delete it on any change, a journaling write that finds it
-- gone draws a new epoch, and a reader whose epoch is not the store's loads afresh. SQLite only:
-- PostgreSQL's instances hear each other's writes by NOTIFY. Old rows are pruned by the writers.
CREATE TABLE index_journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL
) STRICT;

-- The saved index now holds the postings of every full-text row's words (0017's triggers cover
-- the tables the index read before): a change to the other tables the rows are made from deletes
-- the token and the epoch mark too.
CREATE TRIGGER sources_insert_unsaves_index AFTER INSERT ON sources
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER sources_update_unsaves_index AFTER UPDATE ON sources
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER sources_delete_unsaves_index AFTER DELETE ON sources
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER official_aliases_insert_unsaves_index AFTER INSERT ON official_aliases
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER official_aliases_update_unsaves_index AFTER UPDATE ON official_aliases
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER official_aliases_delete_unsaves_index AFTER DELETE ON official_aliases
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER positions_insert_unsaves_index AFTER INSERT ON positions
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER positions_update_unsaves_index AFTER UPDATE ON positions
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER positions_delete_unsaves_index AFTER DELETE ON positions
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_aliases_insert_unsaves_index AFTER INSERT ON agreement_aliases
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_aliases_update_unsaves_index AFTER UPDATE ON agreement_aliases
    BEGIN DELETE FROM index_snapshot; END;
CREATE TRIGGER agreement_aliases_delete_unsaves_index AFTER DELETE ON agreement_aliases
    BEGIN DELETE FROM index_snapshot; END;
