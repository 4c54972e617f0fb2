-- A commit made outside jvdr (psql, a script, a restore) must reach every instance's cache too.
-- jvdr's own writes say exactly what they changed (store_write_end sends the facts with NOTIFY)
-- and mark their transaction with jvdr.writer; any other transaction that changes a table the API
-- shows sends "*" (everything) on the same channel, once per transaction (PostgreSQL folds equal
-- notifications of one transaction into one), delivered at its commit.
CREATE FUNCTION jvdr_foreign_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('jvdr.writer', true), '') <> 'on' THEN
        PERFORM pg_notify('jvdr_changes', '*');
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['sources', 'officials', 'official_aliases', 'positions', 'events',
        'event_countries', 'event_topics', 'event_participants', 'agreements', 'agreement_parties',
        'agreement_signatories', 'agreement_aliases', 'event_agreements', 'event_sources',
        'official_sources', 'agreement_sources', 'changes'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION jvdr_foreign_change()',
                       t || '_foreign_change', t);
    END LOOP;
END $$;
