-- Where a document can be read (migrations/0014_source_url.sql).
ALTER TABLE sources ADD COLUMN url text
    CHECK (url IS NULL OR (length(url) BETWEEN 8 AND 2000 AND url ~ '^https?://.'));
