-- The columns that hold a document's text, or a change's copy of it, compressed with lz4 instead
-- of PostgreSQL's default pglz: replacing a 1 MiB text wrote it, its search row and the change's
-- before and after (with their JSON) through pglz, about 100 ms of the PUT (bench/reanchor); lz4
-- compresses and reads such a text in a few milliseconds. Values already stored keep their
-- compression until they are written again. A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE sources ALTER COLUMN text SET COMPRESSION lz4;
    ALTER TABLE search_index ALTER COLUMN body SET COMPRESSION lz4,
        ALTER COLUMN doc SET COMPRESSION lz4;
    ALTER TABLE changes ALTER COLUMN before SET COMPRESSION lz4,
        ALTER COLUMN after SET COMPRESSION lz4, ALTER COLUMN spans SET COMPRESSION lz4;
    ALTER TABLE change_texts ALTER COLUMN text_before SET COMPRESSION lz4,
        ALTER COLUMN text_after SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available: the texts stay compressed with pglz';
END $$;
