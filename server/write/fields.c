/* Pieces every write spec shares: span and source-reference fields and their checks. */
#include "jvdr/write/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/date.h"
#include "jvdr/store/db.h"
#include "jvdr/store/source_text.h"
#include "jvdr/write/engine.h"

const char *const date_qualifiers[] = {"early", "mid", "late", NULL};

/* start and end, or (citing by the words) exact with an optional prefix and suffix: which of the
 * two is checked by check_sources_and_dates; quotes beside offsets are derived, so ignored. */
const struct field span_fields[] = {
    {"start", FIELD_OFFSET, 0, 0, NULL, NULL, 0, NULL},
    {"end", FIELD_OFFSET, 0, 0, NULL, NULL, 0, NULL},
    {"passage", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"exact", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"prefix", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"suffix", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

const struct field source_ref_fields[] = {
    {"id", FIELD_ID, FIELD_REQUIRED, 0, NULL, NULL, 0, "sources"},
    {"spans", FIELD_OBJECTS, FIELD_REQUIRED, 50, NULL, span_fields, 0, NULL},
    {"title", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"orphans", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL}, /* kept while the source is named */
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

/* The longest quotes a span cited by its words may give, in code points. */
#define QUOTE_EXACT_MAX 10000
#define QUOTE_CONTEXT_MAX 1000

/* Whether a quote member is absent, null, or a string of 1..max code points; else an error. */
static void check_quote_member(struct validation *v, json_t *span, const char *name, size_t max,
                               size_t i, size_t j, bool required)
{
    json_t *value = json_object_get(span, name);
    if (!required && (!value || json_is_null(value)))
        return;
    const char *s = json_string_value(value);
    size_t points = 0;
    for (const char *c = s; c && *c; c++)
        points += ((unsigned char)*c & 0xC0) != 0x80;
    if (s && points > 0 && points <= max)
        return;
    char pointer[80];
    snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/%s", i, j, name);
    validate_error(v, pointer,
                   arena_printf(v->arena, "must be a string of 1 to %zu characters", max));
}

/* A span gives start and end, or (cited by its words) exact without them; false when it has
 * neither whole, the error added, or when it is a quote, whose offsets come later
 * (spans_resolve_quotes). */
static bool check_span_form(struct validation *v, json_t *span, size_t i, size_t j)
{
    bool start = json_object_get(span, "start") != NULL;
    bool end = json_object_get(span, "end") != NULL;
    if (start && end)
        return true;
    json_t *exact = json_object_get(span, "exact");
    if (!start && !end && exact && !json_is_null(exact)) {
        check_quote_member(v, span, "exact", QUOTE_EXACT_MAX, i, j, true);
        check_quote_member(v, span, "prefix", QUOTE_CONTEXT_MAX, i, j, false);
        check_quote_member(v, span, "suffix", QUOTE_CONTEXT_MAX, i, j, false);
        return false;
    }
    char pointer[80];
    snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/%s", i, j, start ? "end" : "start");
    validate_error(v, pointer,
                   "is required (or cite by the words: exact, with an optional prefix and "
                   "suffix, and neither start nor end)");
    return false;
}

void check_sources_and_dates(struct validation *v, json_t *record)
{
    json_t *sources = json_object_get(record, "sources");
    size_t i, j;
    json_t *ref, *span;
    json_array_foreach(sources, i, ref)
    {
        const char *id = json_string_value(json_object_get(ref, "id"));
        for (size_t k = 0; id && k < i; k++)
            if (json_equal(json_object_get(json_array_get(sources, k), "id"),
                           json_object_get(ref, "id"))) {
                char pointer[64];
                snprintf(pointer, sizeof pointer, "/sources/%zu/id", i);
                validate_error(v, pointer,
                               "names a source already listed: put all its spans in "
                               "one entry");
            }
        json_t *spans = json_object_get(ref, "spans");
        json_array_foreach(spans, j, span)
        {
            if (!check_span_form(v, span, i, j))
                continue;
            json_int_t start = json_integer_value(json_object_get(span, "start"));
            json_int_t end = json_integer_value(json_object_get(span, "end"));
            /* A record cites a passage of a document once by where it starts (the key of
             * event_sources, official_sources and agreement_sources). */
            for (size_t k = 0; k < j; k++) {
                if (!json_equal(json_object_get(json_array_get(spans, k), "start"),
                                json_object_get(span, "start")))
                    continue;
                char pointer[80];
                snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/start", i, j);
                validate_error(v, pointer,
                               "starts where an earlier span of this document does: two spans "
                               "of one document cannot start at the same code point");
                break;
            }
            if (json_is_integer(json_object_get(span, "end")) && end <= start) {
                char pointer[80];
                snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/end", i, j);
                validate_error(v, pointer, "must be greater than start");
            }
            if (start == VALIDATE_OFFSET_MAX) { /* the last offset leaves no room for an end */
                char pointer[80];
                snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/start", i, j);
                validate_error(v, pointer, "must be less than 10000000");
            }
        }
    }
    const char *date = json_string_value(json_object_get(record, "date"));
    json_t *qualifier = json_object_get(record, "date_qualifier");
    if (json_is_string(qualifier) && (!date || date_parse(date) == DATE_DAY))
        validate_error(v, "/date_qualifier",
                       "qualifies a month or a year: it needs a date of that precision");
}

void check_taken(struct db *db, struct validation *v, const char *sql, const char *value,
                 const char *id, const char *pointer, const char *holds, const char *why)
{
    if (!value)
        return;
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return; /* the database refuses the write itself, as a 409 */
    stmt_bind_text(stmt, 1, value);
    stmt_bind_text(stmt, 2, id ? id : "");
    if (stmt_step(stmt) == DB_ROW)
        validate_error(v, pointer,
                       arena_printf(v->arena, "%s '%s'%s", holds, stmt_text(stmt, 0), why));
    db_stmt_done(stmt);
}

/* A record's orphans (words a corrected text lost) stay while it still names their source. */
static enum jvdr_err keep_orphans_of_cited(struct db *db, json_t *record, json_t *id,
                                           const char *table, const char *key)
{
    json_t *named = json_array();
    size_t i;
    json_t *ref;
    bool failed = !named;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        failed |= json_array_append_new(named, json_pack("[O]", json_object_get(ref, "id"))) != 0;
    }
    char *list = failed ? NULL : json_dumps(named, JSON_COMPACT);
    json_decref(named);
    if (!list)
        return JVDR_E_NOMEM;
    json_t *values[] = {id, json_string(list)};
    free(list);
    if (!values[1])
        return JVDR_E_NOMEM;
    /* table is "<kind>_sources", a write spec's constant: its orphans are "<kind>_orphans". */
    char sql[192];
    snprintf(sql, sizeof sql,
             "DELETE FROM %.*s_orphans WHERE %s = ?1 AND source_id NOT IN (SELECT value ->> 0 "
             "FROM json_each(?2))",
             (int)(strlen(table) - strlen("_sources")), table, key);
    enum jvdr_err code = write_exec(db, sql, values, 2);
    json_decref(values[1]);
    return code;
}

enum jvdr_err store_sources(struct db *db, json_t *record, json_t *id, const char *table,
                            const char *key, bool exists)
{
    /* table and key are the write specs' constants, never client text. */
    char delete_sql[96], insert_sql[160];
    snprintf(delete_sql, sizeof delete_sql, "DELETE FROM %s WHERE %s = ?", table, key);
    snprintf(insert_sql, sizeof insert_sql,
             "INSERT INTO %s (%s, source_id, start, end) VALUES (?, ?, ?, ?)", table, key);
    enum jvdr_err code = exists ? write_exec(db, delete_sql, &id, 1) : JVDR_OK;
    size_t i, j, spans = 0;
    json_t *ref, *span;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        json_array_foreach(json_object_get(ref, "spans"), j, span)
        {
            json_t *values[] = {id, json_object_get(ref, "id"), json_object_get(span, "start"),
                                json_object_get(span, "end")};
            if (code == JVDR_OK)
                code = write_exec(db, insert_sql, values, 4);
            spans++;
        }
    }
    if (code == JVDR_OK && spans)
        code = source_text_quote_spans(db, table, key, key, json_string_value(id), false);
    if (code == JVDR_OK && exists) /* a new record has no orphans */
        code = keep_orphans_of_cited(db, record, id, table, key);
    return code;
}
