-- fold() of text that is all ASCII is its lower case. translate() looks each character up in the
-- ~450 letters of fold's table, which made the search triggers the most of every write's time
-- (and of `jvdr copy`); other text still goes through the table. The table's function is copied
-- under a new name from its own definition (so the letters live in 0004 alone), and fold() keeps
-- its identity, so that the views and functions bound to it get the short way too.
DO $$
BEGIN
    EXECUTE regexp_replace(pg_get_functiondef('fold(text)'::regprocedure), '\mfold\(',
                           'jvdr_fold_letters(');
END $$;

CREATE OR REPLACE FUNCTION fold(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN octet_length(value) = length(value) THEN lower(value COLLATE "C")
                ELSE jvdr_fold_letters(value) END
$$;
