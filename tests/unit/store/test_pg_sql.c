/* The service's SQL carried over to PostgreSQL: parameters numbered, JSON builders renamed, the
 * span column "end" quoted, NOCASE ordering and SQLite's place for NULLs kept, literals left
 * alone; what cannot be carried over faithfully is refused rather than guessed. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "jvdr/store/pg_sql.h"

static int nparams;

static char *translate(const char *sql)
{
    struct buf out;
    buf_init(&out);
    if (!pg_sql_translate(sql, &out, &nparams)) {
        buf_cleanup(&out);
        return NULL;
    }
    return buf_take(&out, NULL);
}

static void expect(const char *sql, const char *pg)
{
    char *got = translate(sql);
    cr_assert_not_null(got, "refused: %s", sql);
    cr_expect_str_eq(got, pg, "for %s", sql);
    free(got);
}

Test(pg_sql, parameters_are_numbered_in_order)
{
    expect("SELECT a FROM t WHERE x = ? AND y IN (?, ?)",
           "SELECT a FROM t WHERE x = $1 AND y IN ($2, $3)");
    cr_expect_eq(nparams, 3);
}

Test(pg_sql, numbered_parameters_keep_their_numbers)
{
    expect("SELECT a FROM t WHERE k = ?2 AND (?1 IS NULL OR j = ?1) LIMIT ?",
           "SELECT a FROM t WHERE k = $2 AND ($1 IS NULL OR j = $1) LIMIT $3");
    cr_expect_eq(nparams, 3);
    cr_expect_null(translate("SELECT a FROM t WHERE k = ?0"));
}

Test(pg_sql, literals_and_quoted_names_are_left_alone)
{
    expect("SELECT 'it''s ? end', \"end\" FROM t WHERE a = ?",
           "SELECT 'it''s ? end', \"end\" FROM t WHERE a = $1");
    expect("SELECT json_object('json_object(', 1)", "SELECT json_build_object('json_object(', 1)");
}

Test(pg_sql, json_builders_are_renamed_and_only_as_calls)
{
    expect("SELECT json_object('id', e.id, 'tags', json_array(1, 2)), json_object_x FROM e",
           "SELECT json_build_object('id', e.id, 'tags', json_build_array(1, 2)), json_object_x "
           "FROM e");
}

Test(pg_sql, the_span_column_end_is_quoted_and_the_keyword_is_not)
{
    expect("SELECT l.start, l.end, CASE WHEN end > 1 THEN 1 END FROM spans l",
           "SELECT l.start, l.\"end\", CASE WHEN \"end\" > 1 THEN 1 END FROM spans l");
    expect("INSERT INTO s (start, end) VALUES (?, ?)",
           "INSERT INTO s (start, \"end\") VALUES ($1, $2)");
}

Test(pg_sql, nocase_becomes_the_ascii_folding_function)
{
    expect("SELECT id FROM e ORDER BY e.title COLLATE NOCASE DESC, e.id",
           "SELECT id FROM e ORDER BY jvdr_nocase(e.title) DESC NULLS LAST, e.id NULLS FIRST");
    expect("SELECT id FROM e ORDER BY title COLLATE NOCASE",
           "SELECT id FROM e ORDER BY jvdr_nocase(title) NULLS FIRST");
}

Test(pg_sql, nulls_go_where_sqlite_puts_them)
{
    expect("SELECT x FROM (SELECT * FROM s ORDER BY s.date_start, s.id DESC) s ORDER BY x "
           "LIMIT ? OFFSET ?",
           "SELECT x FROM (SELECT * FROM s ORDER BY s.date_start NULLS FIRST, s.id DESC NULLS "
           "LAST) s ORDER BY x NULLS FIRST LIMIT $1 OFFSET $2");
    expect("SELECT x FROM t ORDER BY x.date IS NULL, x.date DESC NULLS FIRST",
           "SELECT x FROM t ORDER BY x.date IS NULL NULLS FIRST, x.date DESC NULLS FIRST");
}

Test(pg_sql, what_cannot_be_carried_over_is_refused)
{
    cr_expect_null(translate("SELECT 'unclosed"));
    cr_expect_null(translate("SELECT (1"));
    cr_expect_null(translate("SELECT 1)"));
    cr_expect_null(translate("SELECT x FROM t ORDER BY lower(x) COLLATE NOCASE"));
    cr_expect_null(translate("SELECT x FROM t ORDER BY x COLLATE BINARY"));
}

Test(pg_sql, subqueries_in_from_are_named)
{
    expect(
        "SELECT json_group_array(x) FROM (SELECT x FROM t ORDER BY x)",
        "SELECT json_group_array(x) FROM (SELECT x FROM t ORDER BY x NULLS FIRST) AS jvdr_from1");
    expect("SELECT a FROM (SELECT a FROM t) k JOIN (SELECT b FROM u) AS v ON TRUE",
           "SELECT a FROM (SELECT a FROM t) k JOIN (SELECT b FROM u) AS v ON TRUE");
    expect("SELECT a FROM t WHERE a IN (SELECT b FROM u)",
           "SELECT a FROM t WHERE a IN (SELECT b FROM u)");
}

Test(pg_sql, a_full_text_match_is_left_to_the_engine)
{
    /* FTS5's MATCH has no spelling in PostgreSQL: the engine writes its own (put_match). */
    cr_expect_null(translate("SELECT rowid FROM search_index WHERE search_index MATCH ?"));
    cr_expect_null(translate("SELECT 1 FROM t WHERE t MATCH 'x'"));
}
