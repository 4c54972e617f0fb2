/* Spans carried onto a corrected text; see include/jvdr/store/span_carry.h. */
#include "jvdr/store/span_carry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/anchor.h"
#include "jvdr/store/db.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/store/source_text.h"

/* The three kinds of citing record: their span table, orphans table and key column. */
static const struct kind {
    const char *name, *spans, *orphans, *key;
} kinds[] = {
    {"event", "event_sources", "event_orphans", "event_id"},
    {"official", "official_sources", "official_orphans", "official_id"},
    {"agreement", "agreement_sources", "agreement_orphans", "agreement_id"},
};
#define KINDS (sizeof kinds / sizeof kinds[0])

/* Every span citing source ?1, placed as the records' representations order them. */
static const char placed_sql[] = SQL_PLACED_SPANS("");

/* One citing span: where it was, and where it goes. */
struct cited {
    size_t kind; /* index in kinds */
    char *record;
    long long source_at;  /* the source's index in the record's sources, kept by a new text */
    char pointer[64];     /* in the record before */
    char new_pointer[64]; /* after, once placed() has run */
    long long start, end;
    char *exact, *prefix, *suffix;
    struct anchor_span to;
    char *new_exact, *new_prefix, *new_suffix;
    bool merged; /* into another span of its record */
    bool aside;  /* moves onto the place another span leaves: set aside on the way */
};

struct carried {
    struct cited *at;
    size_t n, cap;
};

static void carried_free(struct carried *c)
{
    for (size_t i = 0; i < c->n; i++) {
        struct cited *s = &c->at[i];
        free(s->record);
        free(s->exact);
        free(s->prefix);
        free(s->suffix);
        free(s->new_exact);
        free(s->new_prefix);
        free(s->new_suffix);
    }
    free(c->at);
}

static char *dup_column(struct stmt *stmt, int col, bool *failed)
{
    if (stmt_is_null(stmt, col))
        return NULL;
    char *s = strndup(stmt_text(stmt, col), stmt_bytes(stmt, col));
    *failed |= !s;
    return s;
}

static size_t kind_index(const char *name)
{
    for (size_t k = 0; k < KINDS; k++)
        if (strcmp(kinds[k].name, name) == 0)
            return k;
    return 0;
}

/* The spans citing id as they stand. */
static enum jvdr_err load(struct db *db, const char *id, struct carried *out)
{
    struct stmt *stmt = db_stmt(db, placed_sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc;
    bool failed = false;
    while (!failed && (rc = stmt_step(stmt)) == DB_ROW) {
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 64;
            struct cited *at = realloc(out->at, cap * sizeof *at);
            if (!at) {
                failed = true;
                break;
            }
            out->at = at;
            out->cap = cap;
        }
        struct cited *s = &out->at[out->n++];
        memset(s, 0, sizeof *s);
        s->kind = kind_index(stmt_text(stmt, 0));
        s->record = dup_column(stmt, 1, &failed);
        s->source_at = stmt_int64(stmt, 2);
        snprintf(s->pointer, sizeof s->pointer, "/sources/%lld/spans/%lld", s->source_at,
                 stmt_int64(stmt, 3));
        s->start = stmt_int64(stmt, 4);
        s->end = stmt_int64(stmt, 5);
        s->exact = dup_column(stmt, 6, &failed);
        s->prefix = dup_column(stmt, 7, &failed);
        s->suffix = dup_column(stmt, 8, &failed);
        failed |= !s->record;
    }
    db_stmt_done(stmt);
    if (failed)
        return JVDR_E_NOMEM;
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* Each placed span's words and context in the new text. */
static bool quote_new(struct carried *c, const struct anchor_text *w)
{
    for (size_t i = 0; i < c->n; i++) {
        struct cited *s = &c->at[i];
        struct anchor_quote q;
        if (s->to.fate == ANCHOR_ORPHANED)
            continue;
        if (!anchor_quote(w, s->to.new_start, s->to.new_end, SPAN_CONTEXT, &q))
            return false;
        s->new_exact = strndup(q.exact, q.exact_len);
        s->new_prefix = strndup(q.prefix, q.prefix_len);
        s->new_suffix = strndup(q.suffix, q.suffix_len);
        if (!s->new_exact || !s->new_prefix || !s->new_suffix)
            return false;
    }
    return true;
}

/* A span as the sorts (merge, mark_crossings) see it. */
struct in_order {
    struct cited *s;
};

static int by_record_then_place(const void *a, const void *b)
{
    const struct cited *x = ((const struct in_order *)a)->s, *y = ((const struct in_order *)b)->s;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    int r = strcmp(x->record, y->record);
    if (r)
        return r;
    if (x->to.new_start != y->to.new_start)
        return x->to.new_start < y->to.new_start ? -1 : 1;
    return x->to.new_end > y->to.new_end ? -1 : x->to.new_end < y->to.new_end;
}

/* Two spans of one record on the same words are one. Two starting at one place (the table's key)
 * but ending apart cannot both stay: the shorter becomes an orphan, its words reported. Each span
 * left gets its pointer in the record after the change (placed_sql's order: its source's place
 * is kept, its spans are numbered by start). Returns the orphans made, or -1 when out of memory. */
static long merge(struct carried *c)
{
    struct in_order *order = malloc((c->n + 1) * sizeof *order);
    if (!order)
        return -1;
    size_t n = 0;
    long orphaned = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->at[i].to.fate != ANCHOR_ORPHANED)
            order[n++].s = &c->at[i];
    qsort(order, n, sizeof *order, by_record_then_place);
    const struct cited *kept = NULL;
    long long at = 0; /* the kept span's index among its record's */
    for (size_t i = 0; i < n; i++) {
        struct cited *s = order[i].s;
        bool same_record = kept && s->kind == kept->kind && strcmp(s->record, kept->record) == 0;
        if (!same_record || s->to.new_start != kept->to.new_start) {
            at = same_record ? at + 1 : 0;
            kept = s; /* the longest of those starting here: sorted first */
            snprintf(s->new_pointer, sizeof s->new_pointer, "/sources/%lld/spans/%lld",
                     s->source_at, at);
        } else if (s->to.new_end == kept->to.new_end) {
            s->merged = true;
        } else {
            s->to.fate = ANCHOR_ORPHANED;
            orphaned++;
        }
    }
    free(order);
    return orphaned;
}

/* Whether a stored quote (maybe NULL) is the new one. */
static bool same(const char *stored, const char *now)
{
    return stored && strcmp(stored, now) == 0;
}

static bool changed(const struct cited *s)
{
    const struct anchor_span *to = &s->to;
    return to->fate == ANCHOR_ORPHANED || s->merged || to->new_start != s->start ||
           to->new_end != s->end || !same(s->exact, s->new_exact) ||
           !same(s->prefix, s->new_prefix) || !same(s->suffix, s->new_suffix);
}

static enum jvdr_err run(struct db *db, const char *sql, const char *id, const char *json)
{
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    if (json)
        stmt_bind_text(stmt, 2, json);
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* Past every offset a text can have: a span set aside there meets no other. */
#define SPAN_ASIDE "1073741824"

static bool stays(const struct cited *s)
{
    return !s->merged && s->to.fate != ANCHOR_ORPHANED;
}

static int by_record_then_start(const void *a, const void *b)
{
    const struct cited *x = ((const struct in_order *)a)->s, *y = ((const struct in_order *)b)->s;
    int r = strcmp(x->record, y->record);
    return r ? r : (x->start > y->start) - (x->start < y->start);
}

/* Marks the spans of kind k that move onto the key (record, start) another span of the source
 * holds until it moves itself: one UPDATE sets them aside first, so that no two rows share a key
 * on the way, whatever order the engine takes the rows in (both check keys row by row). Every
 * other span moves straight to its place; the merge left no two on one place. */
static bool mark_crossings(struct carried *c, size_t k)
{
    struct in_order *before = malloc((c->n + 1) * sizeof *before);
    if (!before)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->at[i].kind == k && stays(&c->at[i]))
            before[n++].s = &c->at[i];
    qsort(before, n, sizeof *before, by_record_then_start);
    for (size_t i = 0; i < n; i++) {
        struct cited *s = before[i].s;
        if (s->to.new_start == s->start)
            continue;
        struct cited key = {.record = s->record, .start = s->to.new_start};
        struct in_order probe = {&key};
        s->aside = bsearch(&probe, before, n, sizeof *before, by_record_then_start) != NULL;
    }
    free(before);
    return true;
}

/* The four statements of a rewrite, for a kind's spans table and record key (then its orphans
 * table): the spans gone deleted, the moved ones updated in place (read through a MATERIALIZED
 * table: each row found by its key, the JSON read once; a quote sent as null is kept), those set
 * aside brought back, and the orphans inserted. Parameter 1 is the document, 2 the JSON rows. */
#define DELETE_GONE_SQL                                                                            \
    "DELETE FROM %s WHERE source_id = ?1 AND (%s, start) IN (SELECT value ->> 0, "                 \
    "CAST(value ->> 1 AS INTEGER) FROM json_each(?2))"
#define UPDATE_MOVED_SQL                                                                           \
    "WITH m (record, was, start, stop, exact, prefix, suffix, aside) AS MATERIALIZED ("            \
    "SELECT value ->> 0, CAST(value ->> 1 AS INTEGER), CAST(value ->> 2 AS INTEGER), "             \
    "CAST(value ->> 3 AS INTEGER), value ->> 4, value ->> 5, value ->> 6, "                        \
    "CAST(value ->> 7 AS INTEGER) * " SPAN_ASIDE " FROM json_each(?2)) "                           \
    "UPDATE %s AS t SET start = m.start + m.aside, end = m.stop + m.aside, "                       \
    "exact = coalesce(m.exact, t.exact), prefix = coalesce(m.prefix, t.prefix), "                  \
    "suffix = coalesce(m.suffix, t.suffix) FROM m "                                                \
    "WHERE t.source_id = ?1 AND t.%s = m.record AND t.start = m.was"
#define BRING_BACK_SQL                                                                             \
    "UPDATE %s SET start = start - " SPAN_ASIDE ", end = end - " SPAN_ASIDE                        \
    " WHERE source_id = ?1 AND start >= " SPAN_ASIDE
#define INSERT_ORPHANS_SQL                                                                         \
    "INSERT INTO %s (%s, source_id, exact, prefix, suffix) SELECT value ->> 0, ?1, "               \
    "value ->> 1, value ->> 2, value ->> 3 FROM json_each(?2) WHERE 1 = 1 "                        \
    "ON CONFLICT DO NOTHING"

/* Runs sql on document id with rows (a JSON array) as parameter 2, when it has any. */
static enum jvdr_err run_rows(struct db *db, const char *sql, const char *id, const json_t *rows)
{
    if (json_array_size(rows) == 0)
        return JVDR_OK;
    char *json = json_dumps(rows, JSON_COMPACT);
    enum jvdr_err code = json ? run(db, sql, id, json) : JVDR_E_NOMEM;
    free(json);
    return code;
}

/* Rewrites kind k's spans of source id that changed, from c: the ones gone deleted (and kept as
 * orphans), the ones moved or requoted updated in place, so that no span row is deleted and
 * inserted again (which would run the citation counts' triggers twice per row); those marked
 * aside brought back after. The moves are MATERIALIZED so that both engines read them once and
 * find each row by its key (SQLite otherwise scanned the JSON once per span: a minute for 10,000).
 */
static enum jvdr_err rewrite(struct db *db, const char *id, size_t k, struct carried *c)
{
    json_t *moved = json_array(), *gone = json_array(), *lost = json_array();
    bool failed = !moved || !gone || !lost || !mark_crossings(c, k), aside = false;
    for (size_t i = 0; !failed && i < c->n; i++) {
        const struct cited *s = &c->at[i];
        if (s->kind != k || !changed(s))
            continue;
        if (!stays(s))
            failed |= json_array_append_new(
                          gone, json_pack("[s, I]", s->record, (json_int_t)s->start)) != 0;
        if (s->to.fate == ANCHOR_ORPHANED)
            failed |= json_array_append_new(lost, json_pack("[s, s, s?, s?]", s->record,
                                                            s->exact ? s->exact : "", s->prefix,
                                                            s->suffix)) != 0;
        else if (!s->merged) /* quotes that did not change are sent as null, and kept */
            failed |=
                json_array_append_new(
                    moved, json_pack("[s, I, I, I, s?, s?, s?, i]", s->record, (json_int_t)s->start,
                                     (json_int_t)s->to.new_start, (json_int_t)s->to.new_end,
                                     same(s->exact, s->new_exact) ? NULL : s->new_exact,
                                     same(s->prefix, s->new_prefix) ? NULL : s->new_prefix,
                                     same(s->suffix, s->new_suffix) ? NULL : s->new_suffix,
                                     s->aside)) != 0;
        aside |= s->aside;
    }
    enum jvdr_err code = failed ? JVDR_E_NOMEM : JVDR_OK;
    /* The names are this file's constants; every value is bound. */
    char sql[768];
    snprintf(sql, sizeof sql, DELETE_GONE_SQL, kinds[k].spans, kinds[k].key);
    if (code == JVDR_OK)
        code = run_rows(db, sql, id, gone);
    snprintf(sql, sizeof sql, UPDATE_MOVED_SQL, kinds[k].spans, kinds[k].key);
    if (code == JVDR_OK)
        code = run_rows(db, sql, id, moved);
    snprintf(sql, sizeof sql, BRING_BACK_SQL, kinds[k].spans);
    if (code == JVDR_OK && aside)
        code = run(db, sql, id, NULL);
    snprintf(sql, sizeof sql, INSERT_ORPHANS_SQL, kinds[k].orphans, kinds[k].key);
    if (code == JVDR_OK)
        code = run_rows(db, sql, id, lost);
    json_decref(moved);
    json_decref(gone);
    json_decref(lost);
    return code;
}

static json_t *entry(const struct cited *s, const char *pointer)
{
    return json_pack("{s:s, s:s, s:s}", "kind", kinds[s->kind].name, "id", s->record, "pointer",
                     pointer);
}

static bool add(json_t *report, const char *member, json_t *item)
{
    json_t *list = json_object_get(report, member);
    if (!list && (!(list = json_array()) || json_object_set_new(report, member, list) != 0)) {
        json_decref(item);
        return false;
    }
    return item && json_array_append_new(list, item) == 0;
}

/* The report of what happened. */
static enum jvdr_err report(const struct carried *c, struct span_carry *out)
{
    out->report = json_object();
    bool ok = out->report != NULL;
    for (size_t i = 0; ok && i < c->n; i++) {
        const struct cited *s = &c->at[i];
        const struct anchor_span *to = &s->to;
        json_t *e = NULL;
        if (to->fate == ANCHOR_ORPHANED) {
            e = entry(s, s->pointer);
            ok = e && json_object_set_new(e, "exact", json_string(s->exact ? s->exact : "")) == 0;
            ok = ok && add(out->report, "orphaned", e);
            continue;
        }
        bool moved = to->new_start != s->start || to->new_end != s->end;
        bool corrected = to->fate == ANCHOR_CORRECTED;
        if (!moved && !corrected && !s->merged)
            continue;
        e = entry(s, s->merged ? s->pointer : s->new_pointer);
        ok = e && json_object_set_new(e, "old_start", json_integer(s->start)) == 0 &&
             json_object_set_new(e, "old_end", json_integer(s->end)) == 0 &&
             json_object_set_new(e, "start", json_integer(to->new_start)) == 0 &&
             json_object_set_new(e, "end", json_integer(to->new_end)) == 0;
        if (ok && (corrected || s->merged))
            ok = json_object_set_new(e, "old_exact", json_string(s->exact ? s->exact : "")) == 0 &&
                 json_object_set_new(e, "exact", json_string(s->new_exact)) == 0;
        ok = ok && add(out->report, s->merged ? "merged" : corrected ? "corrected" : "moved", e);
    }
    if (ok && json_object_size(out->report) == 0) {
        json_decref(out->report);
        out->report = NULL;
    }
    return ok ? JVDR_OK : JVDR_E_NOMEM;
}

/* The orphans alone, for a refusal. */
static enum jvdr_err list_orphans(const struct carried *c, struct span_carry *out)
{
    out->orphans = json_array();
    bool ok = out->orphans != NULL;
    for (size_t i = 0; ok && i < c->n; i++) {
        const struct cited *s = &c->at[i];
        if (s->to.fate != ANCHOR_ORPHANED)
            continue;
        json_t *e = entry(s, s->pointer);
        ok = e && json_object_set_new(e, "exact", json_string(s->exact ? s->exact : "")) == 0 &&
             json_array_append_new(out->orphans, e) == 0;
    }
    return ok ? JVDR_OK : JVDR_E_NOMEM;
}

enum jvdr_err span_carry(struct db *db, const char *id, const char *old_text, size_t old_len,
                         const char *new_text, size_t new_len, bool keep_orphans,
                         struct span_carry *out)
{
    memset(out, 0, sizeof *out);
    struct carried c = {0};
    struct anchor_text o = {0}, w = {0};
    enum jvdr_err code = load(db, id, &c);
    if (code == JVDR_OK && c.n == 0)
        goto done;
    if (code == JVDR_OK && (anchor_text_init(&o, old_text, old_len) != 0 ||
                            anchor_text_init(&w, new_text, new_len) != 0))
        code = JVDR_E_NOMEM;
    struct anchor_span *spans = code == JVDR_OK ? calloc(c.n, sizeof *spans) : NULL;
    if (code == JVDR_OK && !spans)
        code = JVDR_E_NOMEM;
    for (size_t i = 0; code == JVDR_OK && i < c.n; i++)
        spans[i] = (struct anchor_span){.start = c.at[i].start,
                                        .end = c.at[i].end,
                                        .exact = c.at[i].exact,
                                        .prefix = c.at[i].prefix,
                                        .suffix = c.at[i].suffix};
    struct anchor_report how = {0};
    if (code == JVDR_OK && anchor_spans(&o, &w, spans, c.n, &how) != 0)
        code = JVDR_E_NOMEM;
    out->edits = how.diffed ? how.edits : -1;
    size_t orphans = 0;
    for (size_t i = 0; code == JVDR_OK && i < c.n; i++) {
        c.at[i].to = spans[i];
        orphans += spans[i].fate == ANCHOR_ORPHANED;
    }
    free(spans);
    long squeezed = code == JVDR_OK && quote_new(&c, &w) ? merge(&c) : -1;
    if (code == JVDR_OK && squeezed < 0)
        code = JVDR_E_NOMEM;
    orphans += squeezed > 0 ? (size_t)squeezed : 0;
    if (code == JVDR_OK && orphans > 0 && !keep_orphans) {
        code = list_orphans(&c, out);
        if (code == JVDR_OK)
            code = JVDR_E_CONFLICT;
        goto done;
    }
    bool touched[KINDS] = {false}, any = false;
    for (size_t i = 0; code == JVDR_OK && i < c.n; i++)
        any |= touched[c.at[i].kind] |= changed(&c.at[i]);
    for (size_t k = 0; code == JVDR_OK && k < KINDS; k++)
        if (touched[k])
            code = rewrite(db, id, k, &c);
    if (code == JVDR_OK && orphans > 0)
        code = list_orphans(&c, out);
    if (code == JVDR_OK && any)
        code = report(&c, out);
done:
    anchor_text_cleanup(&o);
    anchor_text_cleanup(&w);
    carried_free(&c);
    return code;
}
