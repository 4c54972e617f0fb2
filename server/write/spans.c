/* Spans against their documents' text; see include/jvdr/write/spans.h. */
#include "jvdr/write/spans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/anchor.h"
#include "jvdr/base/arena.h"
#include "jvdr/base/quote.h"
#include "jvdr/store/db.h"
#include "jvdr/store/source_text.h"

/* Whether a span gives its words and no offsets (checked by check_sources_and_dates). */
static bool by_quote(json_t *span)
{
    return !json_object_get(span, "start") && !json_object_get(span, "end") &&
           json_is_string(json_object_get(span, "exact"));
}

/* The text of source id, loaded into t; false when it has none (or on a failure). */
static bool load_text(struct db *db, const char *id, struct quote_text *t)
{
    struct stmt *stmt = db_stmt(db, "SELECT text FROM sources WHERE id = ? AND text IS NOT NULL");
    if (!stmt)
        return false;
    stmt_bind_text(stmt, 1, id);
    bool loaded = stmt_step(stmt) == DB_ROW &&
                  quote_text_init(t, stmt_text(stmt, 0), stmt_bytes(stmt, 0)) == 0;
    db_stmt_done(stmt);
    return loaded;
}

/* Places span (cited by its words) in t, or adds an error at its pointer. */
static void place(struct validation *v, const struct quote_text *t, json_t *span,
                  const char *pointer)
{
    long long start = 0, end = 0;
    size_t count = 0;
    const char *prefix = json_string_value(json_object_get(span, "prefix"));
    const char *suffix = json_string_value(json_object_get(span, "suffix"));
    enum quote_outcome outcome = quote_find(t, json_string_value(json_object_get(span, "exact")),
                                            prefix, suffix, &start, &end, &count);
    const char *why = NULL;
    switch (outcome) {
    case QUOTE_FOUND:
        if (json_object_set_new(span, "start", json_integer(start)) != 0 ||
            json_object_set_new(span, "end", json_integer(end)) != 0)
            why = "could not be placed (out of memory)";
        break;
    case QUOTE_ABSENT:
        why = prefix || suffix ? "is not in the document's text with that prefix and suffix"
                               : "is not in the document's text";
        break;
    case QUOTE_AMBIGUOUS:
        why = arena_printf(v->arena,
                           "stands in %zu places in the document's text: add a prefix or a "
                           "suffix (the words just before or after it) to say which",
                           count);
        break;
    case QUOTE_EMPTY:
        why = "holds no words";
        break;
    case QUOTE_NOMEM:
        why = "could not be looked for (out of memory)";
        break;
    }
    if (why)
        validate_error(v, arena_printf(v->arena, "%s/exact", pointer), why);
}

void spans_resolve_quotes(struct db *db, struct validation *v, json_t *record)
{
    size_t i, j;
    json_t *ref, *span;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        json_t *spans = json_object_get(ref, "spans");
        bool any = false;
        json_array_foreach(spans, j, span) any |= by_quote(span);
        if (!any)
            continue;
        struct quote_text text;
        const char *id = json_string_value(json_object_get(ref, "id"));
        bool loaded = id && load_text(db, id, &text);
        json_array_foreach(spans, j, span)
        {
            if (!by_quote(span))
                continue;
            char pointer[64];
            snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu", i, j);
            if (!loaded) {
                validate_error(v, pointer,
                               "cites the document by its words, but the document has no text "
                               "loaded: give start and end");
                continue;
            }
            place(v, &text, span, pointer);
            /* Two spans of one document cannot start at the same code point. */
            for (size_t k = 0; k < json_array_size(spans); k++) {
                json_t *other = json_array_get(spans, k);
                if (k != j && json_object_get(span, "start") &&
                    json_equal(json_object_get(other, "start"), json_object_get(span, "start"))) {
                    validate_error(v, arena_printf(v->arena, "%s/exact", pointer),
                                   "stands where another span of this document starts");
                    break;
                }
            }
        }
        if (loaded)
            quote_text_cleanup(&text);
    }
}

void spans_check_against_text(struct db *db, struct validation *v, json_t *record)
{
    size_t i, j;
    json_t *ref, *span;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        const char *id = json_string_value(json_object_get(ref, "id"));
        long long length = -1;
        if (!id || source_text_length(db, id, &length) != JVDR_OK || length < 0)
            continue; /* no such source (reported as a reference) or no text yet */
        json_array_foreach(json_object_get(ref, "spans"), j, span)
        {
            json_int_t start = json_integer_value(json_object_get(span, "start"));
            json_int_t end = json_integer_value(json_object_get(span, "end"));
            if (end <= length)
                continue;
            bool from_start = start >= length;
            char pointer[64];
            snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/%s", i, j,
                     from_start ? "start" : "end");
            validate_error(v, pointer,
                           arena_printf(v->arena,
                                        "%s at %lld, past the end of the document's text, which "
                                        "is %lld code point%s long",
                                        from_start ? "starts" : "ends",
                                        (long long)(from_start ? start : end), length,
                                        length == 1 ? "" : "s"));
        }
    }
}

/* Whether [start, end) of the text is exactly the span's words. */
static bool still_fits(const struct anchor_text *text, json_t *span)
{
    const char *exact = json_string_value(json_object_get(span, "exact"));
    json_t *start = json_object_get(span, "start"), *end = json_object_get(span, "end");
    struct anchor_quote q;
    if (!exact || !json_is_integer(start) || !json_is_integer(end) ||
        !anchor_quote(text, json_integer_value(start), json_integer_value(end), 0, &q))
        return false;
    return q.exact_len == strlen(exact) && memcmp(q.exact, exact, q.exact_len) == 0;
}

void spans_reanchor(struct db *db, json_t *record)
{
    size_t i, j;
    json_t *ref, *span;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        const char *id = json_string_value(json_object_get(ref, "id"));
        struct stmt *stmt =
            id ? db_stmt(db, "SELECT text FROM sources WHERE id = ? AND text IS NOT NULL") : NULL;
        if (!stmt)
            continue;
        stmt_bind_text(stmt, 1, id);
        struct anchor_text text;
        if (stmt_step(stmt) == DB_ROW &&
            anchor_text_init(&text, stmt_text(stmt, 0), stmt_bytes(stmt, 0)) == 0) {
            json_array_foreach(json_object_get(ref, "spans"), j, span)
            {
                if (!json_is_string(json_object_get(span, "exact")) || still_fits(&text, span))
                    continue;
                json_object_del(span, "start");
                json_object_del(span, "end");
                /* No context before the words (the text's start) is no context to look for. */
                if (json_string_length(json_object_get(span, "prefix")) == 0)
                    json_object_del(span, "prefix");
                if (json_string_length(json_object_get(span, "suffix")) == 0)
                    json_object_del(span, "suffix");
            }
            anchor_text_cleanup(&text);
        }
        db_stmt_done(stmt);
    }
}
