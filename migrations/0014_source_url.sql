-- Where a document can be read: the article's address, given when an analyst adds it (the
-- dashboard's "Add an article"). Optional; an absolute http or https URL.
ALTER TABLE sources ADD COLUMN url TEXT
    CHECK (url IS NULL OR (length(url) BETWEEN 8 AND 2000 AND (url GLOB 'http://?*' OR url GLOB 'https://?*')));
