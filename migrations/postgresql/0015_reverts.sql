-- Undo: reverts named, documents' texts kept (migrations/0015_reverts.sql).
ALTER TABLE changes ADD COLUMN reverts bigint;
CREATE TABLE change_texts (
    seq bigint PRIMARY KEY REFERENCES changes (seq),
    text_before text,
    text_after text
);
