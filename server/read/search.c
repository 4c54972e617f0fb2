/* GET /v1/search: full-text search across every kind of record, with snippets. Records whose title
 * or names contain every word come first (score 2), then those matching in their text (score 1);
 * within each, the most recently added first. The order depends on each record alone, never on
 * the rest of the collection (as BM25's would), so a write changes only the answers whose matches
 * it changes, and a page costs one pass over the matches to count them, not a sort of them all. */
#include "jvdr/read/search.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/estimate.h"
#include "jvdr/base/search_syntax.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/db.h"
#include "jvdr/store/event_index.h"
#include "jvdr/store/facts.h"
#include "jvdr/store/store.h"

const char *const search_columns[] = {"kind", "id", "title", "snippet", "score", NULL};

#define SEARCH_KINDS 4
#define SEARCH_MAX_OFFSET 100000UL
static const char *const search_kinds[SEARCH_KINDS] = {"event", "official", "agreement", "source"};

/* For Link headers: search has no filters of the list engine, only its path. */
static const struct list_spec search_spec = {.path = "/v1/search", .max_offset = SEARCH_MAX_OFFSET};

/* The kinds the kind parameter names (all when absent): sets wanted[] and *n. */
static enum jvdr_err wanted_kinds(struct request *req, const char **wanted, size_t *n)
{
    const char *kinds = params_get(req, "kind");
    *n = 0;
    if (!kinds) {
        memcpy(wanted, search_kinds, sizeof search_kinds);
        *n = SEARCH_KINDS;
        return JVDR_OK;
    }
    char *copy = arena_strdup(req->arena, kinds);
    if (!copy)
        return JVDR_E_NOMEM;
    size_t len = strlen(copy);
    if (len == 0 || copy[0] == ',' || copy[len - 1] == ',' || strstr(copy, ",,"))
        return params_fail(req, "kind",
                           "must be a comma-separated list of event, official, agreement, source");
    for (char *save = NULL, *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
        bool known = false;
        for (size_t i = 0; i < SEARCH_KINDS && !known; i++)
            known = strcmp(k, search_kinds[i]) == 0;
        if (!known || *n == SEARCH_KINDS)
            return params_fail(
                req, "kind",
                "must be a comma-separated list of event, official, agreement, source");
        wanted[(*n)++] = k;
    }
    return *n ? JVDR_OK : params_fail(req, "kind", "must name at least one kind");
}

/* " AND r.kind IN (?, ...)" for nkinds kinds. */
static void put_kinds(struct buf *sql, size_t nkinds)
{
    buf_puts(sql, " AND r.kind IN (");
    for (size_t i = 0; i < nkinds; i++)
        buf_puts(sql, i ? ", ?" : "?");
    buf_puts(sql, ")");
}

/* " FROM table ... WHERE <table matches ?1>[ AND r.kind IN (?, ...)]" (table: search_index,
 * search_minor, or search_titles for the title tier); without the join to search_rows when only
 * counting every kind (each indexed row has one: the triggers keep both). */
static void put_where(struct buf *sql, const struct db_search_dialect *dialect, const char *table,
                      bool all_kinds, size_t nkinds, bool counting)
{
    if (counting && all_kinds) {
        buf_printf(sql, " FROM %s WHERE ", table);
        dialect->put_match(sql, table, "?1");
        return;
    }
    buf_printf(sql, " FROM %s JOIN search_rows r ON r.rowid = %s.rowid WHERE ", table, table);
    dialect->put_match(sql, table, "?1");
    if (!all_kinds)
        put_kinds(sql, nkinds);
}

/* Binds the query and the kinds from parameter 1. */
static void bind_match(struct stmt *stmt, const char *match, const char *const *kinds,
                       size_t nkinds, bool all_kinds)
{
    stmt_bind_text(stmt, 1, match);
    for (size_t i = 0; !all_kinds && i < nkinds; i++)
        stmt_bind_text(stmt, 2 + (int)i, kinds[i]);
}

struct search {
    struct request *req;
    const char *const *kinds;
    size_t nkinds;
    bool all_kinds;
    /* The full-text table searched: search_minor (migrations/0018) when no event is wanted, so
     * that a search among the other kinds never reads the events' matches; else search_index. */
    const char *table;
    /* Whether the title tier reads search_titles: events among the kinds (search_titles holds the
     * titles of search_index's records, not only search_minor's), and a query it can read (see
     * titles_alone). */
    bool titles;
    char **items; /* the page, in the arena */
    size_t count;
};

/* The INDEX_KIND_* bits of the kinds searched. */
static unsigned kind_bits(const struct search *s)
{
    unsigned mask = 0;
    for (size_t i = 0; i < s->nkinds; i++)
        mask |= index_kind_bit(s->kinds[i]);
    return mask;
}

/* What count_range counts: the rows of table matching match, among s's kinds. */
struct match_count {
    struct search *s;
    const char *table;
    const char *match;
};

/* A range_counter (base/estimate.h) over a full-text table's rowids; JVDR_E_BAD_PARAM when the
 * engine refuses the query. Some kinds only: through the index's map of rowids to kinds when it
 * has one (no join per match). */
static enum jvdr_err count_range(void *ctx, long long lo, long long hi, long long cap,
                                 struct range_count *out)
{
    const struct match_count *m = ctx;
    struct search *s = m->s;
    out->hits = out->last = 0;
    if (!s->all_kinds && listing_use_index(s->req)) {
        enum jvdr_err code = store_search_count(s->req->site->store, s->req->db, m->table, m->match,
                                                kind_bits(s), lo, hi, cap, out);
        if (code == JVDR_OK)
            return code;
        /* Anything else (a row the map does not know, a query FTS5 refuses): SQL below counts, or
         * says why. */
    }
    /* Where the engine cannot stop early, every match is counted: the whole range, exactly. */
    const struct db_search_dialect *dialect = db_search(s->req->db);
    struct buf sql;
    buf_init(&sql);
    if (dialect->bounded_counts) {
        buf_printf(&sql, "SELECT count(*), max(rowid) FROM (SELECT %s.rowid AS rowid", m->table);
        put_where(&sql, dialect, m->table, s->all_kinds, s->nkinds, true);
        buf_printf(&sql, " AND %s.rowid BETWEEN ? AND ? ORDER BY %s.rowid LIMIT ?) AS matched",
                   m->table, m->table);
    } else {
        buf_puts(&sql, "SELECT count(*)");
        put_where(&sql, dialect, m->table, s->all_kinds, s->nkinds, true);
    }
    struct stmt *stmt = sql.failed ? NULL : db_stmt(s->req->db, sql.data);
    buf_cleanup(&sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    bind_match(stmt, m->match, s->kinds, s->nkinds, s->all_kinds);
    int next = s->all_kinds ? 2 : 2 + (int)s->nkinds;
    if (dialect->bounded_counts) {
        stmt_bind_int64(stmt, next, lo);
        stmt_bind_int64(stmt, next + 1, hi);
        stmt_bind_int64(stmt, next + 2, cap);
    }
    int rc = stmt_step(stmt);
    enum jvdr_err code = JVDR_OK;
    if (rc == DB_ROW) {
        out->hits = stmt_int64(stmt, 0);
        out->last = dialect->bounded_counts ? stmt_int64(stmt, 1) : hi;
    } else {
        code = search_syntax_error(s->req->db) ? JVDR_E_BAD_PARAM : db_error(rc);
    }
    db_stmt_done(stmt);
    return code;
}

/* The range of rowids a full-text row can have. */
static enum jvdr_err rowid_range(struct db *db, long long *lo, long long *hi)
{
    /* Two subqueries: each is one step down the rowid index, where min() and max() side by side
     * would read every row. */
    struct stmt *stmt = db_stmt(
        db, "SELECT (SELECT min(rowid) FROM search_rows), (SELECT max(rowid) FROM search_rows)");
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc = stmt_step(stmt);
    if (rc == DB_ROW) {
        *lo = stmt_int64(stmt, 0);
        *hi = stmt_int64(stmt, 1);
    }
    db_stmt_done(stmt);
    return rc == DB_ROW ? JVDR_OK : db_error(rc);
}

/* How many records of table match: exactly up to exact_up_to, else estimated (*estimated). */
static enum jvdr_err count_matches(struct search *s, const char *table, const char *match,
                                   long long lo, long long hi, long long exact_up_to,
                                   long long *total, bool *estimated)
{
    struct match_count m = {s, table, match};
    return estimate_count(count_range, &m, lo, hi, exact_up_to, total, estimated);
}

/* How many records of table match, counted up to cap. */
static enum jvdr_err count_up_to(struct search *s, const char *table, const char *match,
                                 long long lo, long long hi, long long cap, long long *count)
{
    struct match_count m = {s, table, match};
    struct range_count c = {0, 0};
    enum jvdr_err code = count_range(&m, lo, hi, cap, &c);
    *count = c.hits;
    return code;
}

/* SELECT of one hit's JSON from s's table, scored score. */
static void put_hit(struct buf *sql, const struct db_search_dialect *dialect,
                    const struct search *s, int score)
{
    buf_printf(sql, "json_object('kind', r.kind, 'id', r.id, 'title', %s.title, 'snippet', ",
               s->table);
    dialect->put_snippet(sql, s->table);
    buf_printf(sql, ", 'score', %d)", score);
}

/* The title tier's page where the titles have an index of their own (SQLite's search_titles):
 * the page's rows found there, in rowid order, and each hit's snippet then read from s's table
 * at its rowid. Asked of the whole table, the column filter read every match of a common word to
 * find its few titles (60-330 ms at a million events, for 2 hits). The match is parameter 1,
 * the plain query the titles' index takes parameter 2. */
static void put_title_page(struct buf *sql, const struct db_search_dialect *dialect,
                           const struct search *s, bool ranged)
{
    buf_puts(sql, "SELECT (SELECT ");
    put_hit(sql, dialect, s, 2);
    buf_printf(sql, " FROM %s WHERE ", s->table);
    dialect->put_match(sql, s->table, "?1");
    buf_printf(sql,
               " AND %s.rowid = page.rowid) FROM (SELECT search_titles.rowid AS rowid "
               "FROM search_titles JOIN search_rows r ON r.rowid = search_titles.rowid WHERE ",
               s->table);
    dialect->put_match(sql, "search_titles", "?2");
    if (!s->all_kinds)
        put_kinds(sql, s->nkinds);
    if (ranged)
        buf_puts(sql, " AND search_titles.rowid BETWEEN ? AND ?");
    buf_puts(sql, " ORDER BY search_titles.rowid DESC LIMIT ? OFFSET ?) AS page "
                  "JOIN search_rows r ON r.rowid = page.rowid ORDER BY page.rowid DESC");
}

/* Appends up to limit hits of match, skipping offset, newest first, each scored score; fts is
 * the plain query of a tree of plain words (for the engine's tiers, or the titles' index), or
 * NULL; range, when given, the rowids [range[0], range[1]] the hits lie in. */
static enum jvdr_err add_hits(struct search *s, const char *match, const char *fts, int score,
                              unsigned long limit, unsigned long offset, const long long *range)
{
    const struct db_search_dialect *dialect = db_search(s->req->db);
    bool tiers = dialect->put_tier && fts;
    bool titles = !tiers && score == 2 && s->titles;
    struct buf sql;
    buf_init(&sql);
    if (titles) {
        put_title_page(&sql, dialect, s, range != NULL);
    } else {
        buf_puts(&sql, "SELECT ");
        put_hit(&sql, dialect, s, score);
        if (tiers) {
            dialect->put_tier(&sql, s->table, score);
            if (!s->all_kinds)
                put_kinds(&sql, s->nkinds);
        } else {
            put_where(&sql, dialect, s->table, s->all_kinds, s->nkinds, false);
        }
        if (range)
            buf_printf(&sql, " AND %s.rowid BETWEEN ? AND ?", s->table);
        buf_printf(&sql, " ORDER BY %s.rowid DESC LIMIT ? OFFSET ?", s->table);
    }
    struct stmt *stmt = sql.failed ? NULL : db_stmt(s->req->db, sql.data);
    buf_cleanup(&sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    int next = 1;
    stmt_bind_text(stmt, next++, match);
    if (tiers ||
        titles) /* the titles' index takes the titles' match when there is no plain query */
        stmt_bind_text(stmt, next++, fts ? fts : match);
    for (size_t i = 0; !s->all_kinds && i < s->nkinds; i++)
        stmt_bind_text(stmt, next++, s->kinds[i]);
    if (range) {
        stmt_bind_int64(stmt, next++, range[0]);
        stmt_bind_int64(stmt, next++, range[1]);
    }
    stmt_bind_int64(stmt, next, (long long)limit);
    stmt_bind_int64(stmt, next + 1, (long long)offset);
    int rc;
    bool nomem = false;
    while (!nomem && (rc = stmt_step(stmt)) == DB_ROW) {
        if (!stmt_text(stmt, 0))
            continue; /* a title search_index does not match: never while the triggers keep both */
        char *item = arena_strndup(s->req->arena, stmt_text(stmt, 0), stmt_bytes(stmt, 0));
        nomem = item == NULL;
        if (item)
            s->items[s->count++] = item;
    }
    db_stmt_done(stmt);
    return nomem ? JVDR_E_NOMEM : rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* Whether node, or a node under it, names the body: field. */
static bool names_body(const struct search_node *node)
{
    if (node->field == SEARCH_BODY)
        return true;
    for (size_t i = 0; i < node->n; i++)
        if (names_body(node->child[i]))
            return true;
    return false;
}

/* Whether the titles' match of a query other than plain words can be asked of SQLite's
 * search_titles (title and folded: the columns the match names) rather than of every column's
 * index: the engine has no tiers of its own, and the query names no body: (a column search_titles
 * lacks; the whole's filter finds nothing there). Asked of the whole, a phrase most records hold
 * and no title does was read in every row to find none (200-360 ms at a million events). */
static bool titles_alone(const struct db_search_dialect *dialect, const struct search_node *root)
{
    return !dialect->put_tier && !names_body(root);
}

static long long bits_set(const uint64_t *bits, size_t nwords)
{
    long long n = 0;
    for (size_t w = 0; w < nwords; w++)
        n += __builtin_popcountll(bits[w]);
    return n;
}

/* The rowids [range[0], range[1]] of the need rows of bits after the first skip, newest first;
 * false when there are none. */
static bool page_range(const uint64_t *bits, size_t nwords, long long skip, long long need,
                       long long range[2])
{
    bool found = false;
    for (size_t w = nwords; w-- > 0 && need > 0;) {
        long long here = __builtin_popcountll(bits[w]);
        if (skip >= here) {
            skip -= here;
            continue;
        }
        for (int b = 63; b >= 0 && need > 0; b--) {
            if (!((bits[w] >> b) & 1u) || skip-- > 0)
                continue;
            long long rowid = (long long)w * 64 + b;
            if (!found)
                range[1] = rowid;
            range[0] = rowid;
            found = true;
            need--;
        }
    }
    return found;
}

/* A search from the index's postings of common words (store_match_rows: words, phrases, OR, NOT
 * and title:): the total counted from the matches' bitmap, and each tier's page found in its
 * bitmap (the titles', and the rest less them), so that the engine reads only the page's stretch
 * of rowids (BETWEEN) with the same query and snippet, not every match before it (a deep page of
 * a common word took 60-110 ms). A phrase of three or more common words, which the postings only
 * narrow, is confirmed there by reading rows where the engine cannot stop counting early
 * (PostgreSQL: it read each of a million rows' positions, 0.5-1.1 s); SQLite's FTS5 counts it up
 * to search_exact_total and finds its page in a few milliseconds. fts is the plain query of plain
 * words, else NULL. *answered false when the postings do not answer (nothing done: the caller
 * searches as before). */
static enum jvdr_err search_from_postings(struct search *s, const struct search_node *root,
                                          const char *named, const char *rest, const char *fts,
                                          unsigned long limit, unsigned long offset,
                                          long long *total, bool *estimated, bool *answered)
{
    *answered = false;
    size_t nwords = 0;
    uint64_t *rows = NULL, *titles = NULL;
    struct match_page page = {0};
    if (!db_search(s->req->db)->bounded_counts)
        page.need = (long long)offset + (long long)limit + 1;
    if (store_match_rows(s->req->site->store, s->req->db, root, kind_bits(s), &rows, &titles,
                         &nwords, &page) != JVDR_OK)
        return JVDR_OK;
    *answered = true;
    *total = page.total;
    *estimated = page.estimated;
    long long first = bits_set(titles, nwords), range[2];
    enum jvdr_err code = JVDR_OK;
    if ((long long)offset < first &&
        page_range(titles, nwords, (long long)offset, (long long)limit, range))
        code = add_hits(s, named, fts, 2, limit, 0, range);
    long long skip = (long long)offset > first ? (long long)offset - first : 0;
    for (size_t w = 0; w < nwords; w++)
        rows[w] &= ~titles[w];
    if (code == JVDR_OK && s->count < limit &&
        page_range(rows, nwords, skip, (long long)(limit - s->count), range))
        code = add_hits(s, rest, fts, 1, limit - s->count, 0, range);
    free(titles);
    free(rows);
    return code;
}

enum jvdr_err search_get(struct request *req, struct response *res)
{
    static const char *const known[] = {"q", "kind", "limit", "offset", NULL};
    unsigned long limit = 0, offset = 0;
    const char *fts = NULL, *why = NULL, *kinds[SEARCH_KINDS];
    size_t nkinds = 0;
    enum jvdr_err code = params_check(req, known);
    if (code == JVDR_OK)
        code = params_uint(req, "limit", 20, 100, &limit);
    if (code == JVDR_OK)
        code = params_uint(req, "offset", 0, SEARCH_MAX_OFFSET, &offset);
    if (code == JVDR_OK)
        code = wanted_kinds(req, kinds, &nkinds);
    if (code != JVDR_OK)
        return code;
    const char *q = params_get(req, "q");
    if (!q)
        return params_fail(req, "q", "is required");
    struct search_node *root = NULL;
    code = search_parse(req->arena, q, &root, &why);
    if (code == JVDR_E_BAD_PARAM)
        return params_fail(req, "q", why);
    const char *named = NULL, *rest = NULL;
    const struct db_search_dialect *dialect = db_search(req->db);
    if (code == JVDR_OK)
        code = search_engine_query(req->arena, dialect, root, DB_SEARCH_ALL, &fts);
    if (code == JVDR_OK)
        code = search_engine_query(req->arena, dialect, root, DB_SEARCH_TITLES, &named);
    if (code == JVDR_OK)
        code = search_engine_query(req->arena, dialect, root, DB_SEARCH_REST, &rest);
    if (code != JVDR_OK)
        return code;

    /* The answer shows the records matching a word of q: it depends on that word's fact. */
    char word[FACTS_WORD_PREFIX + 1];
    bool plain = search_plain_word(req->arena, q, word);
    for (size_t i = 0; i < nkinds; i++)
        request_depends(req, kinds[i], plain ? "word" : "", plain ? word : "");

    struct search s = {.req = req, .kinds = kinds, .nkinds = nkinds};
    s.all_kinds = nkinds == SEARCH_KINDS;
    bool events = (kind_bits(&s) & INDEX_KIND_EVENT) != 0;
    s.table = events ? "search_index" : "search_minor";
    s.items = arena_alloc(req->arena, (limit ? limit : 1) * sizeof *s.items);
    if (!s.items)
        return JVDR_E_NOMEM;
    /* Exact wherever paging needs it: up to the bound, and always past the page asked for, so
     * that a next page is offered exactly when there is one. */
    long long lo = 0, hi = -1, total = 0, first = 0;
    /* Past config->search_exact_total (10,000) the total is estimated and the answer says so:
     * counting a common word's million matches took 80 ms of a request. */
    long long past_page = (long long)offset + (long long)limit; /* both bounded: no overflow */
    long long exact_up_to = req->site->config->search_exact_total;
    if (exact_up_to < past_page)
        exact_up_to = past_page;
    bool estimated = false;
    /* The title tier: asked of the titles' own index (the same matches, read from title doclists
     * only); else as a filter on the whole (and so among the other kinds, whose table holds every
     * match of theirs but events' none). */
    bool plain_tree = search_tree_is_plain(root);
    s.titles = events && (plain_tree || titles_alone(dialect, root));
    bool answered = false;
    if (listing_use_index(req))
        code = search_from_postings(&s, root, named, rest, plain_tree ? fts : NULL, limit, offset,
                                    &total, &estimated, &answered);
    if (code == JVDR_OK && !answered)
        code = rowid_range(req->db, &lo, &hi);
    if (code == JVDR_OK && !answered)
        code = count_matches(&s, s.table, fts, lo, hi, exact_up_to, &total, &estimated);
    /* Counted only to one past the page: a tier that reaches past it holds the whole page. */
    if (code == JVDR_OK && !answered)
        code = count_up_to(&s, s.titles ? "search_titles" : s.table,
                           s.titles && plain_tree ? fts : named, lo, hi, past_page + 1, &first);
    if (total < first)
        total = first; /* an estimate never below what was counted */
    if (code == JVDR_OK && !answered && limit && (long long)offset < first)
        code = add_hits(&s, named, plain_tree ? fts : NULL, 2, limit, offset, NULL);
    if (code == JVDR_OK && !answered && s.count < limit &&
        (long long)offset + (long long)s.count < total)
        code = add_hits(&s, rest, plain_tree ? fts : NULL, 1, limit - s.count,
                        (long long)offset > first ? offset - (unsigned long)first : 0, NULL);
    if (code == JVDR_E_BAD_PARAM)
        return params_fail(req, "q", "is not a valid search: check quotes and operators");
    if (code != JVDR_OK)
        return code;
    return listing_answer_estimate(req, res, &search_spec, s.items, s.count, total, estimated,
                                   limit, offset);
}
