/* The facts of a record that cached answers depend on; see include/jvdr/store/facts.h. */
#include "jvdr/store/facts.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/fold.h"
#include "jvdr/store/db.h"

/* One query per kind, one '?' for the id, rows of (field, value): exactly the values the list
 * filters of read/ compare with (a test compares every filtered answer with an uncached server
 * after random writes). "years" is "YYYY-YYYY", the years the record's date interval covers. */
/* A record linked to more records than this (an official at thousands of events) reports
 * (kind, field, "*") instead of every link: reading them all would make each write slower than the
 * last. One more than the limit is read, to tell. */
#define LINKS "65" /* FACTS_MAX_LINKS + 1 */

// clang-format off
static const struct {
    const char *kind;
    const char *sql;
} fact_queries[] = {
    {"event",
     "SELECT 'country', host_country FROM events WHERE id = ?1 AND host_country IS NOT NULL "
     "UNION ALL SELECT 'country', country FROM event_countries WHERE event_id = ?1 "
     "UNION ALL SELECT 'type', type FROM events WHERE id = ?1 "
     "UNION ALL SELECT 'status', status FROM events WHERE id = ?1 AND status IS NOT NULL "
     "UNION ALL SELECT 'topic', topic FROM event_topics WHERE event_id = ?1 "
     "UNION ALL SELECT * FROM (SELECT 'official', official_id FROM event_participants "
     "WHERE event_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT * FROM (SELECT 'agreement', agreement_id FROM event_agreements "
     "WHERE event_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'source', source_id FROM event_sources "
     "WHERE event_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT 'years', substr(date_start, 1, 4) || '-' || substr(date_end, 1, 4) "
     "FROM events WHERE id = ?1 AND date_start IS NOT NULL"},
    {"official",
     "SELECT 'country', country FROM officials WHERE id = ?1 "
     "UNION ALL SELECT * FROM (SELECT 'event', event_id FROM event_participants "
     "WHERE official_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'source', source_id FROM official_sources "
     "WHERE official_id = ?1 LIMIT " LINKS ")"},
    {"agreement",
     "SELECT 'type', type FROM agreements WHERE id = ?1 "
     "UNION ALL SELECT 'status', status FROM agreements WHERE id = ?1 AND status IS NOT NULL "
     "UNION ALL SELECT 'country', party FROM agreement_parties WHERE agreement_id = ?1 "
     "UNION ALL SELECT * FROM (SELECT 'official', official_id FROM agreement_signatories "
     "WHERE agreement_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT * FROM (SELECT 'event', event_id FROM event_agreements "
     "WHERE agreement_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'source', source_id FROM agreement_sources "
     "WHERE agreement_id = ?1 LIMIT " LINKS ") "
     "UNION ALL SELECT 'years', substr(date_start, 1, 4) || '-' || substr(date_end, 1, 4) "
     "FROM agreements WHERE id = ?1 AND date_start IS NOT NULL"},
    {"source",
     "SELECT 'years', substr(date_start, 1, 4) || '-' || substr(date_end, 1, 4) "
     "FROM sources WHERE id = ?1 AND date_start IS NOT NULL"},
};

/* The records whose detail shows record ?1 (its name or title, its role...) — exactly the links
 * its kind's detail queries read the other way — as rows of (kind, id, field): field, when not
 * NULL, is the filter of that kind's lists that selects by ?1 through a link the write owns (an
 * event's participants are in /v1/officials?event=E). One more than FACTS_MAX_SHOWN of a kind is
 * read, to tell. */
#define SHOWN "1001" /* FACTS_MAX_SHOWN + 1 */
static const struct {
    const char *kind;
    const char *sql;
} shown_queries[] = {
    {"event",
     "SELECT * FROM (SELECT 'official', official_id, 'event' FROM event_participants "
     "WHERE event_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT 'agreement', agreement_id, 'event' FROM event_agreements "
     "WHERE event_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'source', source_id, NULL FROM event_sources "
     "WHERE event_id = ?1 LIMIT " SHOWN ")"},
    {"official",
     "SELECT * FROM (SELECT 'event', event_id, NULL FROM event_participants "
     "WHERE official_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT 'agreement', agreement_id, NULL FROM agreement_signatories "
     "WHERE official_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'source', source_id, NULL FROM official_sources "
     "WHERE official_id = ?1 LIMIT " SHOWN ")"},
    {"agreement",
     "SELECT * FROM (SELECT 'official', official_id, NULL FROM agreement_signatories "
     "WHERE agreement_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT 'event', event_id, NULL FROM event_agreements "
     "WHERE agreement_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'source', source_id, NULL FROM agreement_sources "
     "WHERE agreement_id = ?1 LIMIT " SHOWN ")"},
    {"source",
     "SELECT * FROM (SELECT DISTINCT 'event', event_id, NULL FROM event_sources "
     "WHERE source_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'official', official_id, NULL FROM official_sources "
     "WHERE source_id = ?1 LIMIT " SHOWN ") "
     "UNION ALL SELECT * FROM (SELECT DISTINCT 'agreement', agreement_id, NULL "
     "FROM agreement_sources WHERE source_id = ?1 LIMIT " SHOWN ")"},
};

static const char search_text_sql[] =
    "SELECT title, body, folded FROM search_index WHERE rowid = "
    "(SELECT rowid FROM search_rows WHERE kind = ?1 AND id = ?2)";
// clang-format on

void store_changes_init(struct store_changes *list, struct arena *arena)
{
    memset(list, 0, sizeof *list);
    list->arena = arena;
}

void store_changes_add(struct store_changes *list, const char *kind, const char *field,
                       const char *value)
{
    if (list->failed)
        return;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        struct store_change *items = arena_alloc(list->arena, capacity * sizeof *items);
        if (!items) {
            list->failed = true;
            return;
        }
        if (list->count)
            memcpy(items, list->items, list->count * sizeof *items);
        list->items = items;
        list->capacity = capacity;
    }
    struct store_change *c = &list->items[list->count];
    c->kind = kind;
    c->field = arena_strdup(list->arena, field);
    c->value = arena_strdup(list->arena, value);
    if (!c->field || !c->value)
        list->failed = true;
    else
        list->count++;
}

/* "YYYY-YYYY" as one fact per year, or (kind, "year", "*") when malformed or too long a span. */
static void add_years(struct store_changes *out, const char *kind, const char *span)
{
    int first = 0, last = 0;
    bool ok = strlen(span) == 9 && span[4] == '-';
    for (int i = 0; ok && i < 9; i++)
        ok = i == 4 || (span[i] >= '0' && span[i] <= '9');
    if (ok) {
        first = (int)strtol(span, NULL, 10);
        last = (int)strtol(span + 5, NULL, 10);
        ok = last >= first && last - first < FACTS_MAX_YEARS;
    }
    if (!ok) {
        store_changes_add(out, kind, "year", "*");
        return;
    }
    for (int y = first; y <= last; y++) {
        char year[8];
        year[0] = (char)('0' + y / 1000);
        year[1] = (char)('0' + y / 100 % 10);
        year[2] = (char)('0' + y / 10 % 10);
        year[3] = (char)('0' + y % 10);
        year[4] = '\0';
        store_changes_add(out, kind, "year", year);
    }
}

/* The length of the separator at p (0 when p starts a word character): ASCII other than letters
 * and digits, a no-break space, and the General Punctuation block (U+2000-U+206F: dashes, curly
 * quotes, spaces), all of which SQLite's unicode61 tokenizer also takes as separators. Any other
 * non-ASCII character counts as part of a word. */
static size_t separator(const unsigned char *p)
{
    if (*p < 0x80)
        return (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? 0 : 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE2 && (p[1] == 0x80 || (p[1] == 0x81 && p[2] >= 0x80 && p[2] <= 0xAF)))
        return 3;
    return 0;
}

/* The word facts of one column's text; false when they cannot be listed exactly (a word fold()
 * leaves outside ASCII, whose matching SQLite's tokenizer decides otherwise, or too many). */
static bool add_words(struct store_changes *out, const char *kind, const char *text, size_t *words)
{
    size_t len = strlen(text);
    char *folded = malloc(len + 1);
    if (!folded)
        return false;
    fold_utf8(text, len, folded);
    bool exact = true;
    for (const unsigned char *p = (const unsigned char *)folded; exact && *p;) {
        for (size_t skip; *p && (skip = separator(p)) > 0;)
            p += skip;
        const unsigned char *start = p;
        bool ascii = true;
        while (*p && separator(p) == 0)
            ascii &= *p++ < 0x80;
        size_t n = (size_t)(p - start);
        if (n == 0)
            continue;
        exact = ascii && ++*words <= FACTS_MAX_WORDS;
        char prefix[FACTS_WORD_PREFIX + 1];
        for (size_t k = 1; exact && k <= n && k <= FACTS_WORD_PREFIX; k++) {
            memcpy(prefix, start, k);
            prefix[k] = '\0';
            store_changes_add(out, kind, "word", prefix);
        }
    }
    free(folded);
    return exact;
}

static const char *query_for(const char *kind)
{
    for (size_t i = 0; i < sizeof fact_queries / sizeof fact_queries[0]; i++)
        if (strcmp(fact_queries[i].kind, kind) == 0)
            return fact_queries[i].sql;
    return NULL;
}

/* The static name of a kind read from SQL (facts keep kinds as static strings). */
static const char *static_kind(const char *kind)
{
    for (size_t i = 0; i < sizeof shown_queries / sizeof shown_queries[0]; i++)
        if (kind && strcmp(shown_queries[i].kind, kind) == 0)
            return shown_queries[i].kind;
    return NULL;
}

enum jvdr_err store_shown_facts(struct db *db, const char *kind, const char *id,
                                struct store_changes *out)
{
    const char *sql = NULL;
    for (size_t i = 0; i < sizeof shown_queries / sizeof shown_queries[0]; i++)
        if (strcmp(shown_queries[i].kind, kind) == 0)
            sql = shown_queries[i].sql;
    struct stmt *stmt = sql ? db_stmt(db, sql) : NULL;
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    const char *last_kind = NULL;
    size_t count = 0;
    int rc;
    while ((rc = stmt_step(stmt)) == DB_ROW) {
        const char *shown = static_kind(stmt_text(stmt, 0));
        const char *shown_id = stmt_text(stmt, 1);
        const char *field = stmt_text(stmt, 2);
        if (!shown || !shown_id)
            continue;
        count = shown == last_kind ? count + 1 : 1; /* the rows come kind by kind */
        last_kind = shown;
        if (count > FACTS_MAX_SHOWN) {
            if (count == FACTS_MAX_SHOWN + 1)
                store_changes_add(out, shown, "shown", "*");
            continue;
        }
        store_changes_add(out, shown, "shown", shown_id);
        if (field)
            store_changes_add(out, shown, field, id);
    }
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

enum jvdr_err store_record_facts(struct db *db, const char *kind, const char *id,
                                 struct store_changes *out)
{
    store_changes_add(out, kind, "id", id);
    const char *sql = query_for(kind);
    struct stmt *stmt = sql ? db_stmt(db, sql) : NULL;
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc;
    const char *counted[8] = {NULL};
    size_t counts[8] = {0};
    while ((rc = stmt_step(stmt)) == DB_ROW) {
        const char *field = stmt_text(stmt, 0);
        const char *value = stmt_text(stmt, 1);
        if (!field || !value)
            continue;
        size_t f = 0;
        while (f < 8 && counted[f] && strcmp(counted[f], field) != 0)
            f++;
        if (f < 8 && !counted[f])
            counted[f] = arena_strdup(out->arena, field);
        if (f == 8) {
            store_changes_add(out, kind, "*", "");
            continue;
        }
        if (++counts[f] > FACTS_MAX_LINKS) {
            if (counts[f] == FACTS_MAX_LINKS + 1)
                store_changes_add(out, kind, field, "*");
            continue;
        }
        if (strcmp(field, "years") == 0)
            add_years(out, kind, value);
        else
            store_changes_add(out, kind, field, value);
    }
    db_stmt_done(stmt);
    if (rc != DB_DONE)
        return db_error(rc);

    stmt = db_stmt(db, search_text_sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, kind);
    stmt_bind_text(stmt, 2, id);
    bool exact = true;
    size_t words = 0;
    while ((rc = stmt_step(stmt)) == DB_ROW)
        for (int col = 0; col < 3 && exact; col++) {
            const char *text = stmt_text(stmt, col);
            exact = !text || add_words(out, kind, text, &words);
        }
    db_stmt_done(stmt);
    if (!exact)
        store_changes_add(out, kind, "word", "*");
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

bool store_word_fact(const char *word, char *out)
{
    size_t len = strlen(word);
    char *folded = malloc(len + 1);
    if (!folded)
        return false;
    size_t n = fold_utf8(word, len, folded);
    bool ok = n > 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = (folded[i] >= 'a' && folded[i] <= 'z') || (folded[i] >= '0' && folded[i] <= '9');
    if (ok) {
        size_t k = n < FACTS_WORD_PREFIX ? n : FACTS_WORD_PREFIX;
        memcpy(out, folded, k);
        out[k] = '\0';
    }
    free(folded);
    return ok;
}
