-- What the service's SQL calls that PostgreSQL lacks, with SQLite's meaning, so that one text of
-- each statement runs on both engines (store/pg_sql.c translates the rest).

-- json_group_array(x): the JSON array of x over the rows, in their order; [] for none.
CREATE FUNCTION jvdr_array_json(a anycompatiblearray) RETURNS json LANGUAGE sql IMMUTABLE AS $$
    SELECT array_to_json(a)
$$;
CREATE AGGREGATE json_group_array(anycompatible) (
    SFUNC = array_append, STYPE = anycompatiblearray, FINALFUNC = jvdr_array_json, INITCOND = '{}'
);

-- strftime(format, 'now') for the one format the service writes timestamps in: UTC to the
-- millisecond, the statement's time (SQLite's 'now' is fixed for a statement too).
CREATE FUNCTION strftime(format text, at text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF format <> '%Y-%m-%dT%H:%M:%fZ' OR at <> 'now' THEN
        RAISE EXCEPTION 'strftime(%, %) is not supported', format, at;
    END IF;
    RETURN to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
END
$$;

-- fold(x): base/fold.c's folding for search and the location filter: ASCII capitals and the
-- Latin-1, Latin Extended-A and Vietnamese letters to their ASCII base letter, combining marks
-- (U+0300-U+036F) dropped, everything else kept. The lists are fold.c's tables, in its order; a
-- test compares the two over every code point they cover.
CREATE FUNCTION fold(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT translate(value,
        'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹABCDEFGHIJKLMNOPQRSTUVWXYZ̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡',
        'aaaaaaaceeeeiiiidnoooooouuuuysaaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsoouuaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyabcdefghijklmnopqrstuvwxyz')
$$;

-- substr(text, start, length) with the spans' bigint offsets (PostgreSQL's takes integers).
CREATE FUNCTION substr(value text, start bigint, length bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT substr(value, start::integer, length::integer)
$$;

-- group_concat(value, separator): SQLite's, NULLs skipped, for SQL written once for both engines.
CREATE FUNCTION jvdr_concat_step(state text, value text, separator text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN state WHEN state IS NULL THEN value
                ELSE state || separator || value END
$$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = jvdr_concat_step, STYPE = text);
