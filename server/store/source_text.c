/* A source document's text; see include/jvdr/store/source_text.h. */
#include "jvdr/store/source_text.h"

#include <stdio.h>
#include <string.h>

#include "jvdr/base/utf8.h"
#include "jvdr/store/db.h"

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

/* The citing records' spans placed as their representations order them (record_sql.h's
 * SQL_SOURCES: sources by date_start then id, spans by start), those of source ?1 past ?2. */
// clang-format off
static const char broken_sql[] =
    "WITH cited (kind, record, source_id, start, stop) AS ("
    " SELECT 'event', event_id, source_id, start, end FROM event_sources"
    " UNION ALL SELECT 'official', official_id, source_id, start, end FROM official_sources"
    " UNION ALL SELECT 'agreement', agreement_id, source_id, start, end FROM agreement_sources),"
    " placed AS (SELECT c.kind, c.record, c.source_id, c.start, c.stop,"
    " dense_rank() OVER (PARTITION BY c.kind, c.record ORDER BY s.date_start, s.id) - 1 AS si,"
    " row_number() OVER (PARTITION BY c.kind, c.record, c.source_id ORDER BY c.start) - 1 AS pi"
    " FROM cited c JOIN sources s ON s.id = c.source_id"
    " WHERE (c.kind, c.record) IN (SELECT kind, record FROM cited WHERE source_id = ?1))"
    " SELECT kind, record, si, pi, start, stop FROM placed WHERE source_id = ?1 AND stop > ?2"
    " ORDER BY kind, record, si, pi";
// clang-format on

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
    enum jvdr_err code = rc == DB_DONE ? JVDR_OK : db_error(rc);
    for (size_t i = 0; code == JVDR_OK && i < 3; i++)
        code = source_text_quote_spans(db, span_tables[i], "source_id", id, true);
    return code;
}

/* SQL reads best laid out by hand. */
// clang-format off
/* A span's quotes from its document's text, for an UPDATE of a span table (its columns start,
 * end and source_id unqualified: sources has none of those names). Code points, as substr counts
 * them on both engines; the prefix is the SPAN_CONTEXT (32) before start, fewer near the start. */
#define QUOTES_SET                                                                              \
    "exact = (SELECT substr(s.text, start + 1, end - start) FROM sources s"                    \
    " WHERE s.id = source_id), "                                                                \
    "prefix = (SELECT substr(s.text, CASE WHEN start > 32 THEN start - 31 ELSE 1 END,"           \
    " CASE WHEN start > 32 THEN 32 ELSE start END) FROM sources s WHERE s.id = source_id), "    \
    "suffix = (SELECT substr(s.text, end + 1, 32) FROM sources s WHERE s.id = source_id)"
// clang-format on

enum jvdr_err source_text_quote_spans(struct db *db, const char *table, const char *key,
                                      const char *value, bool only_missing)
{
    _Static_assert(SPAN_CONTEXT == 32, "QUOTES_SET spells the context out");
    char sql[768];
    /* table and key are the callers' constants, never client text; value is bound. */
    snprintf(sql, sizeof sql, "UPDATE %s SET " QUOTES_SET " WHERE %s = ?%s", table, key,
             only_missing ? " AND exact IS NULL" : "");
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, value);
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}
