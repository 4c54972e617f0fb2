/* A source document's text; see include/jvdr/store/source_text.h. */
#include "jvdr/store/source_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/anchor.h"
#include "jvdr/base/utf8.h"
#include "jvdr/store/db.h"
#include "jvdr/store/record_sql.h"

enum source_text_fault source_text_check(const char *text, size_t len)
{
    if (len == 0)
        return SOURCE_TEXT_EMPTY;
    if (len > SOURCE_TEXT_MAX)
        return SOURCE_TEXT_LARGE;
    if (memchr(text, '\0', len))
        return SOURCE_TEXT_NUL;
    return utf8_is_valid(text, len) ? SOURCE_TEXT_FINE : SOURCE_TEXT_NOT_UTF8;
}

long long source_text_code_points(const char *text, size_t len)
{
    long long n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80; /* every byte but continuation bytes */
    return n;
}

enum jvdr_err source_text_length(struct db *db, const char *id, long long *length)
{
    *length = -1;
    struct stmt *stmt = db_stmt(db, "SELECT length(text) FROM sources WHERE id = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    if (rc == DB_ROW && !stmt_is_null(stmt, 0))
        *length = stmt_int64(stmt, 0); /* characters of a TEXT value: code points */
    db_stmt_done(stmt);
    return rc == DB_ROW ? JVDR_OK : rc == DB_DONE ? JVDR_E_NOT_FOUND : db_error(rc);
}

/* The citing records' spans placed as their representations order them, those of source ?1
 * ending past ?2. */
static const char broken_sql[] = SQL_PLACED_SPANS(" AND stop > ?2");

enum jvdr_err source_text_broken(struct db *db, const char *id, long long length, json_t **broken)
{
    *broken = json_array();
    struct stmt *stmt = db_stmt(db, broken_sql);
    if (!*broken || !stmt) {
        json_decref(*broken);
        *broken = NULL;
        return stmt ? JVDR_E_NOMEM : JVDR_E_INTERNAL;
    }
    stmt_bind_text(stmt, 1, id);
    stmt_bind_int64(stmt, 2, length);
    int rc;
    bool failed = false;
    while ((rc = stmt_step(stmt)) == DB_ROW) {
        char pointer[64];
        snprintf(pointer, sizeof pointer, "/sources/%lld/spans/%lld",
                 (long long)stmt_int64(stmt, 2), (long long)stmt_int64(stmt, 3));
        json_t *span =
            json_pack("{s:s, s:s, s:s, s:I, s:I}", "kind", stmt_text(stmt, 0), "id",
                      stmt_text(stmt, 1), "pointer", pointer, "start",
                      (json_int_t)stmt_int64(stmt, 4), "end", (json_int_t)stmt_int64(stmt, 5));
        failed |= !span || json_array_append_new(*broken, span) != 0;
    }
    db_stmt_done(stmt);
    if (rc != DB_DONE || failed) {
        json_decref(*broken);
        *broken = NULL;
        return rc != DB_DONE ? db_error(rc) : JVDR_E_NOMEM;
    }
    return JVDR_OK;
}

/* The text of document source_id, a copy in *text (NULL when it has none). */
static enum jvdr_err read_text(struct db *db, const char *source_id, char **text, size_t *len)
{
    *text = NULL;
    struct stmt *stmt = db_stmt(db, "SELECT text FROM sources WHERE id = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, source_id);
    int rc = stmt_step(stmt);
    bool present = rc == DB_ROW && !stmt_is_null(stmt, 0);
    if (present)
        *text = stmt_text_copy(stmt, 0, len);
    db_stmt_done(stmt);
    if (present && !*text)
        return JVDR_E_NOMEM;
    return rc == DB_ROW || rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* Sets the quotes of spans ([record, start, end]...) of table (its record in record_key) into
 * document source_id from text, in one statement. */
static enum jvdr_err quote_into(struct db *db, const char *table, const char *record_key,
                                const char *source_id, const char *text, size_t len,
                                const json_t *spans)
{
    struct anchor_text t;
    if (anchor_text_init(&t, text, len) != 0)
        return JVDR_E_NOMEM;
    json_t *rows = json_array();
    bool failed = !rows;
    size_t i;
    json_t *span;
    json_array_foreach(spans, i, span)
    {
        struct anchor_quote quote;
        json_int_t start = json_integer_value(json_array_get(span, 1));
        if (failed || !anchor_quote(&t, start, json_integer_value(json_array_get(span, 2)),
                                    SPAN_CONTEXT, &quote))
            continue; /* past the text: the callers' checks refuse such a span first */
        failed |= json_array_append_new(
                      rows, json_pack("[O, I, s%, s%, s%]", json_array_get(span, 0), start,
                                      quote.exact, quote.exact_len, quote.prefix, quote.prefix_len,
                                      quote.suffix, quote.suffix_len)) != 0;
    }
    char *json = failed ? NULL : json_dumps(rows, JSON_COMPACT);
    json_decref(rows);
    anchor_text_cleanup(&t);
    if (!json)
        return JVDR_E_NOMEM;
    /* The names are the callers' constants; every value is bound. MATERIALIZED: each row is found
     * by its key, the JSON read once. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "WITH m (record, start, exact, prefix, suffix) AS MATERIALIZED (SELECT value ->> 0, "
             "CAST(value ->> 1 AS INTEGER), value ->> 2, value ->> 3, value ->> 4 "
             "FROM json_each(?2)) "
             "UPDATE %s AS t SET exact = m.exact, prefix = m.prefix, suffix = m.suffix FROM m "
             "WHERE t.source_id = ?1 AND t.%s = m.record AND t.start = m.start",
             table, record_key);
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt) {
        free(json);
        return JVDR_E_INTERNAL;
    }
    stmt_bind_text(stmt, 1, source_id);
    stmt_bind_text(stmt, 2, json);
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    free(json);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* source_text_quote_spans; text (len bytes), when not NULL, is the text of the document value
 * names (key is source_id), just stored: not read back. */
static enum jvdr_err quote_spans(struct db *db, const char *table, const char *record_key,
                                 const char *key, const char *value, bool only_missing,
                                 const char *text, size_t len)
{
    char sql[256];
    /* table and the keys are the callers' constants, never client text; value is bound. */
    snprintf(sql, sizeof sql,
             "SELECT source_id, %s, start, end FROM %s WHERE %s = ?%s ORDER BY source_id",
             record_key, table, key, only_missing ? " AND exact IS NULL" : "");
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, value);
    /* Grouped by document: [source, [[record, start, end]...]]... */
    json_t *groups = json_array(), *group = NULL;
    bool failed = !groups;
    int rc;
    while (!failed && (rc = stmt_step(stmt)) == DB_ROW) {
        const char *source = stmt_text(stmt, 0);
        if (!group || strcmp(json_string_value(json_array_get(group, 0)), source) != 0) {
            group = json_pack("[s, []]", source);
            failed |= json_array_append_new(groups, group) != 0;
            if (failed)
                break;
        }
        failed |= json_array_append_new(json_array_get(group, 1),
                                        json_pack("[s, I, I]", stmt_text(stmt, 1),
                                                  (json_int_t)stmt_int64(stmt, 2),
                                                  (json_int_t)stmt_int64(stmt, 3))) != 0;
    }
    db_stmt_done(stmt);
    enum jvdr_err code = failed ? JVDR_E_NOMEM : rc == DB_DONE ? JVDR_OK : db_error(rc);
    size_t i;
    json_array_foreach(code == JVDR_OK ? groups : NULL, i, group)
    {
        const char *source = json_string_value(json_array_get(group, 0));
        char *read = NULL;
        size_t read_len = 0;
        if (!text)
            code = read_text(db, source, &read, &read_len);
        /* (no text yet: the spans keep NULL quotes until it comes) */
        if (code == JVDR_OK && (text || read))
            code = quote_into(db, table, record_key, source, text ? text : read,
                              text ? len : read_len, json_array_get(group, 1));
        free(read);
        if (code != JVDR_OK)
            break;
    }
    json_decref(groups);
    return code;
}

enum jvdr_err source_text_quote_spans(struct db *db, const char *table, const char *record_key,
                                      const char *key, const char *value, bool only_missing)
{
    return quote_spans(db, table, record_key, key, value, only_missing, NULL, 0);
}

enum jvdr_err source_text_store(struct db *db, const char *id, const char *text, size_t len)
{
    struct stmt *stmt = db_stmt(db, "UPDATE sources SET text = ? WHERE id = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_textn(stmt, 1, text, len);
    stmt_bind_text(stmt, 2, id);
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    static const char *const span_tables[] = {"event_sources", "official_sources",
                                              "agreement_sources"};
    static const char *const record_keys[] = {"event_id", "official_id", "agreement_id"};
    enum jvdr_err code = rc == DB_DONE ? JVDR_OK : db_error(rc);
    for (size_t i = 0; code == JVDR_OK && i < 3; i++)
        code = quote_spans(db, span_tables[i], record_keys[i], "source_id", id, true, text, len);
    return code;
}
