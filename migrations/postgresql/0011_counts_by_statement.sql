-- The sources' counts of the records citing them (0001_schema.sql's source_counts) kept once per
-- statement instead of once per row: a corrected text orphaning 10,000 spans, or a load of many
-- records, ran a dynamic count query for every row (about 60 µs each). Statement triggers see the
-- rows a statement added or took away as transition tables and change each count once. SQLite
-- keeps its row triggers (migrations/0006_source_counts.sql): there a row trigger costs little.
DROP TRIGGER event_cites ON event_sources;
DROP TRIGGER official_cites ON official_sources;
DROP TRIGGER agreement_cites ON agreement_sources;
DROP FUNCTION jvdr_cites();

-- TG_ARGV[0]: the span table's record column; TG_ARGV[1]: the count column. A (record, source)
-- pair all of whose rows the statement added was not cited before it.
CREATE FUNCTION jvdr_cites_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'UPDATE source_counts c SET %2$I = c.%2$I + d.n FROM ('
        ' SELECT a.source_id, count(*) AS n FROM ('
        '  SELECT %1$I AS record, source_id, count(*) AS rows FROM added GROUP BY 1, 2) a'
        ' WHERE (SELECT count(*) FROM %3$I t WHERE t.%1$I = a.record'
        '        AND t.source_id = a.source_id) = a.rows'
        ' GROUP BY a.source_id) d WHERE c.source_id = d.source_id',
        TG_ARGV[0], TG_ARGV[1], TG_TABLE_NAME);
    RETURN NULL;
END $$;

-- A (record, source) pair the statement took rows from and that has none left is cited no more.
CREATE FUNCTION jvdr_cites_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'UPDATE source_counts c SET %2$I = c.%2$I - d.n FROM ('
        ' SELECT g.source_id, count(*) AS n FROM (SELECT DISTINCT %1$I AS record, source_id'
        '  FROM removed) g'
        ' WHERE NOT EXISTS (SELECT 1 FROM %3$I t WHERE t.%1$I = g.record'
        '                   AND t.source_id = g.source_id)'
        ' GROUP BY g.source_id) d WHERE c.source_id = d.source_id',
        TG_ARGV[0], TG_ARGV[1], TG_TABLE_NAME);
    RETURN NULL;
END $$;

DO $$
DECLARE
    k text;
BEGIN
    FOREACH k IN ARRAY ARRAY['event', 'official', 'agreement'] LOOP
        EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS added '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jvdr_cites_added(%3$L, %4$L)',
                       k || '_cites_added', k || '_sources', k || '_id', k || 's');
        EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS removed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jvdr_cites_removed(%3$L, %4$L)',
                       k || '_cites_removed', k || '_sources', k || '_id', k || 's');
    END LOOP;
END $$;
