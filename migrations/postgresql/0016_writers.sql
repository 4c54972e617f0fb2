-- Who wrote each change, as they were authenticated (migrations/0016_writers.sql).
ALTER TABLE changes ADD COLUMN writer json;
UPDATE changes SET writer = CASE actor
    WHEN 'import-sources' THEN json_build_object('method', 'command', 'label', actor)
    ELSE json_build_object('method', 'token', 'label', actor) END;
