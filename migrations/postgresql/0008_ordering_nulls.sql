-- The lists' ORDER BY puts NULLs where SQLite does, first ascending and last descending
-- (store/pg_sql.c writes NULLS FIRST or NULLS LAST on every key), and PostgreSQL walks an index for
-- an order only when the index keeps its NULLs the same way; 0001's sort indexes kept them last
-- ascending, so every SQL-ordered page was a scan and a sort. Made again with NULLS FIRST (read
-- backwards: descending, NULLs last); a date order descending, dated first, keeps an index of its
-- own.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['events', 'agreements', 'sources'] LOOP
        EXECUTE format('DROP INDEX %1$s_by_date_asc, %1$s_by_date_desc', t);
        EXECUTE format('CREATE INDEX %1$s_by_date_asc ON %1$s ((date_start IS NULL) NULLS FIRST, '
                       'date_start NULLS FIRST, date_end NULLS FIRST, id NULLS FIRST)', t);
        EXECUTE format('CREATE INDEX %1$s_by_date_desc ON %1$s ((date_start IS NULL) NULLS FIRST, '
                       'date_start DESC NULLS LAST, date_end DESC NULLS LAST, id DESC NULLS LAST)',
                       t);
    END LOOP;
END $$;

DROP INDEX events_by_title, events_by_type_id, events_by_status, events_by_host_country,
    officials_by_name, officials_by_country, agreements_by_title, agreements_by_type,
    agreements_by_status, sources_by_title;
CREATE INDEX events_by_title ON events (jvdr_nocase(title) NULLS FIRST, id NULLS FIRST);
CREATE INDEX events_by_type_id ON events (type NULLS FIRST, id NULLS FIRST);
CREATE INDEX events_by_status ON events (status NULLS FIRST, id NULLS FIRST);
CREATE INDEX events_by_host_country ON events (host_country NULLS FIRST, id NULLS FIRST);
CREATE INDEX officials_by_name ON officials (jvdr_nocase(name) NULLS FIRST, id NULLS FIRST);
CREATE INDEX officials_by_country ON officials (country NULLS FIRST, id NULLS FIRST);
CREATE INDEX agreements_by_title ON agreements (jvdr_nocase(title) NULLS FIRST, id NULLS FIRST);
CREATE INDEX agreements_by_type ON agreements (type NULLS FIRST, id NULLS FIRST);
CREATE INDEX agreements_by_status ON agreements (status NULLS FIRST, id NULLS FIRST);
CREATE INDEX sources_by_title ON sources (jvdr_nocase(title) NULLS FIRST, id NULLS FIRST);
