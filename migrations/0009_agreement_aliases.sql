-- Agreements' other names: the short titles and acronyms documents use ("AOIP", "Joint Vision
-- Statement"). Searched like officials' aliases, shown on the agreement, and found in a document's
-- text by /v1/sources/{id}/mentions.
CREATE TABLE agreement_aliases (
    agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    alias TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 300),
    PRIMARY KEY (agreement_id, alias)
) STRICT, WITHOUT ROWID;

DROP VIEW search_documents_agreement;
CREATE VIEW search_documents_agreement (id, title, body, folded) AS
SELECT a.id, a.title,
       coalesce(a.summary, '') || ' ' || replace(a.type, '-', ' ') ||
       coalesce(' ' || (SELECT group_concat(alias, ' ') FROM agreement_aliases
                        WHERE agreement_id = a.id), ''),
       fold(a.title || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM agreement_aliases
                                        WHERE agreement_id = a.id), ''))
FROM agreements a;

CREATE TRIGGER agreement_aliases_search_insert AFTER INSERT ON agreement_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
END;
CREATE TRIGGER agreement_aliases_search_update AFTER UPDATE ON agreement_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = NEW.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = NEW.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = NEW.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = NEW.agreement_id;
END;
CREATE TRIGGER agreement_aliases_search_delete AFTER DELETE ON agreement_aliases BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_titles WHERE rowid IN (SELECT rowid FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND id = OLD.agreement_id AND NOT EXISTS (SELECT 1 FROM agreements WHERE id = OLD.agreement_id);
    INSERT OR IGNORE INTO search_rows (kind, id) SELECT 'agreement', id FROM agreements WHERE id = OLD.agreement_id;
    INSERT INTO search_index (rowid, title, body, folded)
        SELECT r.rowid, d.title, d.body, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
    INSERT INTO search_titles (rowid, title, folded)
        SELECT r.rowid, d.title, d.folded FROM search_rows r JOIN search_documents_agreement d ON d.id = r.id
        WHERE r.kind = 'agreement' AND r.id = OLD.agreement_id;
END;
