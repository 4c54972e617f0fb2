-- Undo (POST /v1/changes/{cursor}/revert): a revert is recorded as the write it performs, naming
-- the change it reverts; and a document's text, which a change's before and after (the source's
-- representation) do not hold, is kept for every change that replaced or removed one, so that it
-- can be put back.
ALTER TABLE changes ADD COLUMN reverts INTEGER;
CREATE TABLE change_texts (
    seq INTEGER PRIMARY KEY REFERENCES changes (seq),
    text_before TEXT, -- NULL: the document had no text before this change
    text_after TEXT   -- NULL: it has none after (the source was deleted)
) STRICT;
