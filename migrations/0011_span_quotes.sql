-- Every span keeps the words it cites and some context either side (the W3C Web Annotation
-- TextQuoteSelector: exact, prefix, suffix; 32 code points of context), taken from its document's
-- text, so that a citation can be found by its words again. NULL while the document has no text.
ALTER TABLE event_sources ADD COLUMN exact TEXT;
ALTER TABLE event_sources ADD COLUMN prefix TEXT;
ALTER TABLE event_sources ADD COLUMN suffix TEXT;
ALTER TABLE official_sources ADD COLUMN exact TEXT;
ALTER TABLE official_sources ADD COLUMN prefix TEXT;
ALTER TABLE official_sources ADD COLUMN suffix TEXT;
ALTER TABLE agreement_sources ADD COLUMN exact TEXT;
ALTER TABLE agreement_sources ADD COLUMN prefix TEXT;
ALTER TABLE agreement_sources ADD COLUMN suffix TEXT;

UPDATE event_sources SET
    exact = (SELECT substr(s.text, start + 1, "end" - start) FROM sources s WHERE s.id = source_id),
    prefix = (SELECT substr(s.text, CASE WHEN start > 32 THEN start - 31 ELSE 1 END,
        CASE WHEN start > 32 THEN 32 ELSE start END) FROM sources s WHERE s.id = source_id),
    suffix = (SELECT substr(s.text, "end" + 1, 32) FROM sources s WHERE s.id = source_id);
UPDATE official_sources SET
    exact = (SELECT substr(s.text, start + 1, "end" - start) FROM sources s WHERE s.id = source_id),
    prefix = (SELECT substr(s.text, CASE WHEN start > 32 THEN start - 31 ELSE 1 END,
        CASE WHEN start > 32 THEN 32 ELSE start END) FROM sources s WHERE s.id = source_id),
    suffix = (SELECT substr(s.text, "end" + 1, 32) FROM sources s WHERE s.id = source_id);
UPDATE agreement_sources SET
    exact = (SELECT substr(s.text, start + 1, "end" - start) FROM sources s WHERE s.id = source_id),
    prefix = (SELECT substr(s.text, CASE WHEN start > 32 THEN start - 31 ELSE 1 END,
        CASE WHEN start > 32 THEN 32 ELSE start END) FROM sources s WHERE s.id = source_id),
    suffix = (SELECT substr(s.text, "end" + 1, 32) FROM sources s WHERE s.id = source_id);
