/* The list engine; see include/jvdr/read/listing.h. SQL text is assembled only from the spec's
 * fixed fragments; client values reach SQLite as bound parameters. */
#include "jvdr/read/listing.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/date.h"
#include "jvdr/base/fold.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/read/search_query.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"
#include "jvdr/store/store.h"

#define LISTING_MAX_FILTERS 16 /* filters a list_spec may have */

struct bound_query {
    struct buf where;
    const char *binds[LISTING_MAX_BINDS];
    int nbinds;
};

/* A LIKE pattern matching text anywhere, on its folded form, with % _ \ escaped. */
static char *like_pattern(struct arena *arena, const char *text)
{
    size_t len = strlen(text);
    char *folded = arena_alloc(arena, len + 1);
    char *out = arena_alloc(arena, 2 * len + 3);
    if (!folded || !out)
        return NULL;
    fold_utf8(text, len, folded);
    size_t o = 0;
    out[o++] = '%';
    for (const char *p = folded; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            out[o++] = '\\';
        out[o++] = *p;
    }
    out[o++] = '%';
    out[o] = '\0';
    return out;
}

/* Checks value for the filter's kind and returns the value to bind, or NULL after failing req. */
static const char *filter_value(struct request *req, const struct list_filter *f, const char *value,
                                enum jvdr_err *code)
{
    char first[11], last[11];
    *code = JVDR_OK;
    switch (f->kind) {
    case FILTER_ID:
        if (id_valid(value))
            return value;
        *code = params_fail(req, f->param, "must be a record id (lower-case letters, digits, '-')");
        return NULL;
    case FILTER_WORD:
        if (*value && strlen(value) <= 64 &&
            strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(value))
            return value;
        *code = params_fail(req, f->param, "must be a word of lower-case letters, digits and '-'");
        return NULL;
    case FILTER_COUNTRY: {
        char *upper = arena_strdup(req->arena, value);
        if (!upper) {
            *code = JVDR_E_NOMEM;
            return NULL;
        }
        for (char *p = upper; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        if (country_code_valid(upper))
            return upper;
        *code = params_fail(req, f->param, "must be an ISO 3166-1 alpha-2 country code");
        return NULL;
    }
    case FILTER_PARTY: {
        size_t len = strlen(value);
        bool ok = len >= 2 && len <= 16;
        for (size_t i = 0; ok && i < len; i++)
            ok = isalpha((unsigned char)value[i]);
        if (!ok) {
            *code = params_fail(req, f->param,
                                "must be a country code or an organisation such as ASEAN");
            return NULL;
        }
        char *upper = arena_strdup(req->arena, value);
        for (char *p = upper; p && *p; p++)
            *p = (char)toupper((unsigned char)*p);
        if (!upper)
            *code = JVDR_E_NOMEM;
        return upper;
    }
    case FILTER_DATE_FROM:
    case FILTER_DATE_TO:
        if (!date_interval(value, first, last)) {
            *code = params_fail(req, f->param, "must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD");
            return NULL;
        }
        value = arena_strdup(req->arena, f->kind == FILTER_DATE_FROM ? first : last);
        if (!value)
            *code = JVDR_E_NOMEM;
        return value;
    case FILTER_SEARCH:
    case FILTER_NAME: {
        const char *why = NULL, *query = NULL;
        *code = f->kind == FILTER_NAME ? search_name_query(req->arena, req->db, value, &query, &why)
                                       : search_fts_query(req->arena, req->db, value, &query, &why);
        if (*code == JVDR_E_BAD_PARAM)
            *code = params_fail(req, f->param, why);
        return *code == JVDR_OK ? query : NULL;
    }
    case FILTER_TEXT:
        if (!*value || strlen(value) > 200) {
            *code = params_fail(req, f->param, "must be 1 to 200 bytes of text");
            return NULL;
        }
        value = like_pattern(req->arena, value);
        if (!value)
            *code = JVDR_E_NOMEM;
        return value;
    }
    *code = JVDR_E_INTERNAL;
    return NULL;
}

/* Checks the parameters (filters, and limit, offset and sort when paged) and sets values[i]. */
/* 400 for a parameter spec does not know: its filters, and limit, offset and sort when paged. */
static enum jvdr_err check_known(struct request *req, const struct list_spec *spec, bool paged)
{
    const char *known[40];
    size_t nknown = 0;
    if (paged) {
        known[nknown++] = "limit";
        known[nknown++] = "offset";
        known[nknown++] = "sort";
    }
    if (spec->faceted)
        known[nknown++] = "facet_limit";
    for (const struct list_filter *f = spec->filters; f->param && nknown < 39; f++)
        known[nknown++] = f->param;
    known[nknown] = NULL;
    return params_check(req, known);
}

/* check_known, then limit and offset (defaults and bounds of every list). */
static enum jvdr_err check_page(struct request *req, const struct list_spec *spec,
                                unsigned long *limit, unsigned long *offset)
{
    enum jvdr_err code = check_known(req, spec, true);
    if (code == JVDR_OK)
        code = params_uint(req, "limit", LISTING_DEFAULT_LIMIT, LISTING_MAX_LIMIT, limit);
    if (code == JVDR_OK)
        code = params_uint(req, "offset", 0, LISTING_MAX_OFFSET, offset);
    return code;
}

/* The most years a date range may span and still narrow an answer to its years' facts. */
#define LISTING_FACT_YEARS 4

/* The narrowing part of depend_on_filters: the first filter with a fact, else a short year range,
 * else a plain search word. */
static void narrow_by_filters(struct request *req, const struct list_spec *spec,
                              const char *const *values)
{
    const char *from = NULL, *to = NULL, *search = NULL;
    size_t i = 0;
    for (const struct list_filter *f = spec->filters; f->param; f++, i++) {
        if (!values[i] || !f->fact)
            continue;
        if (f->kind == FILTER_DATE_FROM)
            from = values[i];
        else if (f->kind == FILTER_DATE_TO)
            to = values[i];
        else if (f->kind == FILTER_SEARCH || f->kind == FILTER_NAME)
            search = params_get(req, f->param);
        else {
            for (const char *const *k = spec->kinds; *k; k++)
                request_depends(req, *k, f->fact, values[i]);
            return;
        }
    }
    if (from && to) {
        int first = (int)strtol(from, NULL, 10), last = (int)strtol(to, NULL, 10);
        if (last >= first && last - first < LISTING_FACT_YEARS) {
            for (int y = first; y <= last; y++) {
                char year[16];
                snprintf(year, sizeof year, "%04d", y);
                for (const char *const *k = spec->kinds; *k; k++)
                    request_depends(req, *k, "year", year);
            }
            return;
        }
    }
    char word[FACTS_WORD_PREFIX + 1];
    if (search && search_plain_word(req->arena, search, word))
        for (const char *const *k = spec->kinds; *k; k++)
            request_depends(req, *k, "word", word);
}

/* Declares the facts an answer of spec selected by values depends on (request_depends): those of
 * one filter — every record the answer shows or counts passes it, so a change that cannot alter
 * the answer leaves that fact alone, before and after. An exact filter first, then a short date
 * range, then a word of the search; with none, the route's default stands (the kinds as a whole).
 */
static void depend_on_filters(struct request *req, const struct list_spec *spec,
                              const char *const *values)
{
    if (!spec->kinds)
        return;
    narrow_by_filters(req, spec, values);
    for (const char *const *k = spec->names; k && *k && request_narrowed(req); k++)
        request_depends(req, *k, "", "");
}

/* Sets values[i] to what filter i binds, or NULL when absent. */
static enum jvdr_err check_values(struct request *req, const struct list_spec *spec,
                                  const char **values)
{
    enum jvdr_err code = JVDR_OK;
    size_t i = 0;
    for (const struct list_filter *f = spec->filters; code == JVDR_OK && f->param; f++, i++) {
        const char *raw = params_get(req, f->param);
        values[i] = raw ? filter_value(req, f, raw, &code) : NULL;
    }
    if (code == JVDR_OK)
        depend_on_filters(req, spec, values);
    return code;
}

enum jvdr_err listing_filter_values(struct request *req, const struct list_spec *spec,
                                    const char **values)
{
    enum jvdr_err code = check_known(req, spec, false);
    return code == JVDR_OK ? check_values(req, spec, values) : code;
}

enum jvdr_err listing_page_values(struct request *req, const struct list_spec *spec,
                                  const char **values, unsigned long *limit, unsigned long *offset)
{
    enum jvdr_err code = check_page(req, spec, limit, offset);
    return code == JVDR_OK ? check_values(req, spec, values) : code;
}

/* Appends every given filter's clause to q->where and its values to q->binds. */
static enum jvdr_err build_where(struct request *req, const struct list_spec *spec,
                                 struct bound_query *q)
{
    enum jvdr_err code = JVDR_OK;
    const char *values[LISTING_MAX_FILTERS] = {NULL};
    size_t i = 0;
    buf_puts(&q->where, " WHERE TRUE");
    for (const struct list_filter *f = spec->filters; f->param; f++, i++) {
        const char *raw = params_get(req, f->param);
        if (!raw)
            continue;
        const char *value = filter_value(req, f, raw, &code);
        if (!value)
            return code;
        if (i < LISTING_MAX_FILTERS)
            values[i] = value;
        buf_puts(&q->where, " AND (");
        size_t start = q->where.len;
        const char *hole =
            f->kind == FILTER_SEARCH || f->kind == FILTER_NAME ? strstr(f->clause, "%s") : NULL;
        if (hole) {
            buf_append(&q->where, f->clause, (size_t)(hole - f->clause));
            db_search(req->db)->put_match(
                &q->where, spec->search_table ? spec->search_table : "search_index", "?");
            buf_puts(&q->where, hole + 2);
        } else {
            buf_puts(&q->where, f->clause);
        }
        if (q->where.failed)
            return JVDR_E_NOMEM;
        for (const char *p = q->where.data + start; *p; p++) {
            if (*p != '?')
                continue;
            if (q->nbinds == LISTING_MAX_BINDS)
                return JVDR_E_INTERNAL;
            q->binds[q->nbinds++] = value;
        }
        buf_puts(&q->where, ")");
    }
    if (i <= LISTING_MAX_FILTERS)
        depend_on_filters(req, spec, values);
    return JVDR_OK;
}

/* Appends ORDER BY for the sort parameter: a comma-separated list of keys, each optionally
 * prefixed by '-' for descending; the spec's tiebreak always ends the list. */
static enum jvdr_err build_order(struct request *req, const struct list_spec *spec, struct buf *sql)
{
    const char *sort = params_get(req, "sort");
    buf_puts(sql, " ORDER BY ");
    if (!sort) {
        buf_puts(sql, spec->sorts[0].asc);
        buf_printf(sql, ", %s", spec->tiebreak);
        return JVDR_OK;
    }
    const char *p = sort;
    int keys = 0;
    bool first_desc = sort[0] == '-';
    while (true) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        bool desc = len > 0 && p[0] == '-';
        const char *key = desc ? p + 1 : p;
        size_t klen = desc ? len - 1 : len;
        const struct list_sort *s = spec->sorts;
        while (s->name && !(strlen(s->name) == klen && strncmp(s->name, key, klen) == 0))
            s++;
        if (!s->name || keys == 8) {
            char *why = arena_printf(req->arena, "must be a comma-separated list of: %s",
                                     spec->sorts[0].name);
            for (s = spec->sorts + 1; why && s->name; s++)
                why = arena_printf(req->arena, "%s, %s", why, s->name);
            why = why ? arena_printf(req->arena, "%s (prefix '-' to reverse)", why) : NULL;
            return params_fail(req, "sort", why ? why : "is not a known sort key");
        }
        buf_printf(sql, "%s%s", keys ? ", " : "", desc ? s->desc : s->asc);
        keys++;
        if (!comma)
            break;
        p = comma + 1;
    }
    /* The tie-break runs the way the first key does, so one index can serve the whole order. */
    buf_printf(sql, ", %s", first_desc ? spec->tiebreak_desc : spec->tiebreak);
    return JVDR_OK;
}

static void bind_all(struct stmt *stmt, const struct bound_query *q)
{
    for (int i = 0; i < q->nbinds; i++)
        stmt_bind_text(stmt, i + 1, q->binds[i]);
}

/* Appends "name=value" percent-encoded for a URL query. */
static void append_query_pair(struct buf *b, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *parts[2] = {name, value};
    for (int k = 0; k < 2; k++) {
        for (const unsigned char *p = (const unsigned char *)parts[k]; *p; p++) {
            if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
                buf_append(b, (const char *)p, 1);
            } else {
                char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
                buf_append(b, enc, 3);
            }
        }
        if (k == 0)
            buf_puts(b, "=");
    }
}

/* One Link header value: <path?params&limit=L&offset=O>; rel="rel". */
static const char *link_value(struct request *req, const struct list_spec *spec,
                              unsigned long limit, unsigned long offset, const char *rel)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<%s%s?", req->base_url ? req->base_url : "", spec->path);
    for (size_t i = 0; i < req->nquery; i++) {
        const char *name = req->query[i].name;
        if (strcmp(name, "limit") == 0 || strcmp(name, "offset") == 0)
            continue;
        append_query_pair(&b, name, req->query[i].value);
        buf_puts(&b, "&");
    }
    buf_printf(&b, "limit=%lu&offset=%lu>; rel=\"%s\"", limit, offset, rel);
    char *text = buf_take(&b, NULL);
    char *copy = text ? arena_strdup(req->arena, text) : NULL;
    free(text);
    return copy;
}

static void add_links(struct request *req, struct response *res, const struct list_spec *spec,
                      unsigned long limit, unsigned long offset, long long total)
{
    if (limit == 0)
        return;
    unsigned long most = spec->max_offset ? spec->max_offset : LISTING_MAX_OFFSET;
    unsigned long last = total > 0 ? (unsigned long)((total - 1) / (long long)limit) * limit : 0;
    if (last > most)
        last = most / limit * limit; /* a link is never to a page the collection refuses */
    struct buf b;
    buf_init(&b);
    const char *first_link = link_value(req, spec, limit, 0, "first");
    buf_puts(&b, first_link ? first_link : "");
    if (offset > 0) {
        /* Past the end, the page before is the last one that has items. */
        unsigned long before = (long long)offset >= total ? last
                               : offset > limit           ? offset - limit
                                                          : 0;
        const char *prev = link_value(req, spec, limit, before, "prev");
        buf_printf(&b, ", %s", prev ? prev : "");
    }
    if ((long long)offset + (long long)limit < total && offset + limit <= most) {
        const char *next = link_value(req, spec, limit, offset + limit, "next");
        buf_printf(&b, ", %s", next ? next : "");
    }
    const char *last_link = link_value(req, spec, limit, last, "last");
    buf_printf(&b, ", %s", last_link ? last_link : "");
    char *text = buf_take(&b, NULL);
    if (text) {
        response_header(res, "Link", arena_strdup(req->arena, text));
        free(text);
    }
}

/* Closes body (items already in it after "{\"items\":[") with the paging members and answers it
 * with X-Total-Count. Takes the buffer. estimated: -1 when a total is never estimated, else
 * whether this one is. */
static enum jvdr_err answer_items(struct request *req, struct response *res, struct buf *body,
                                  long long total, int estimated, unsigned long limit,
                                  unsigned long offset)
{
    buf_printf(body, "],\"total\":%lld,", total);
    if (estimated >= 0)
        buf_printf(body, "\"total_estimated\":%s,", estimated ? "true" : "false");
    buf_printf(body, "\"limit\":%lu,\"offset\":%lu}", limit, offset);
    size_t len = 0;
    char *text = buf_take(body, &len);
    if (!text)
        return JVDR_E_NOMEM;
    response_body(res, 200, "application/json", text, len);
    response_header(res, "X-Total-Count", arena_printf(req->arena, "%lld", total));
    if (estimated > 0)
        response_header(res, "X-Total-Estimated", "true");
    return JVDR_OK;
}

enum jvdr_err listing_answer_page(struct request *req, struct response *res, struct stmt *stmt,
                                  long long total, unsigned long limit, unsigned long offset)
{
    struct buf body;
    buf_init(&body);
    buf_puts(&body, "{\"items\":[");
    int rc, n = 0;
    while ((rc = stmt_step(stmt)) == DB_ROW) {
        if (n++)
            buf_puts(&body, ",");
        buf_append(&body, stmt_text(stmt, 0), stmt_bytes(stmt, 0));
    }
    db_stmt_done(stmt);
    if (rc != DB_DONE) {
        buf_cleanup(&body);
        return db_error(rc);
    }
    return answer_items(req, res, &body, total, -1, limit, offset);
}

/* listing_answer_items and listing_answer_estimate's: estimated as answer_items takes it. */
static enum jvdr_err answer_listed(struct request *req, struct response *res,
                                   const struct list_spec *spec, char *const *items, size_t n,
                                   long long total, int estimated, unsigned long limit,
                                   unsigned long offset)
{
    struct buf body;
    buf_init(&body);
    buf_puts(&body, "{\"items\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&body, ",");
        buf_puts(&body, items[i]);
    }
    enum jvdr_err code = answer_items(req, res, &body, total, estimated, limit, offset);
    if (code == JVDR_OK)
        add_links(req, res, spec, limit, offset, total);
    return code;
}

enum jvdr_err listing_answer_items(struct request *req, struct response *res,
                                   const struct list_spec *spec, char *const *items, size_t n,
                                   long long total, unsigned long limit, unsigned long offset)
{
    return answer_listed(req, res, spec, items, n, total, -1, limit, offset);
}

enum jvdr_err listing_answer_estimate(struct request *req, struct response *res,
                                      const struct list_spec *spec, char *const *items, size_t n,
                                      long long total, bool estimated, unsigned long limit,
                                      unsigned long offset)
{
    return answer_listed(req, res, spec, items, n, total, estimated ? 1 : 0, limit, offset);
}

enum jvdr_err listing_page_sql(struct request *req, const struct list_spec *spec, char **sql)
{
    struct bound_query q = {.nbinds = 0};
    struct buf page;
    buf_init(&q.where);
    buf_init(&page);
    enum jvdr_err code = build_where(req, spec, &q);
    if (code == JVDR_OK) {
        buf_printf(&page, "SELECT %s FROM %s%s", spec->item, spec->from, q.where.data);
        code = build_order(req, spec, &page);
        buf_puts(&page, " LIMIT ? OFFSET ?");
    }
    buf_cleanup(&q.where);
    *sql = code == JVDR_OK ? buf_take(&page, NULL) : NULL;
    buf_cleanup(&page);
    return code == JVDR_OK && !*sql ? JVDR_E_NOMEM : code;
}

enum jvdr_err listing_query_build(struct request *req, const struct list_spec *spec,
                                  struct listing_query *out)
{
    memset(out, 0, sizeof *out);
    struct bound_query q = {.nbinds = 0};
    struct buf count_sql, sql;
    buf_init(&q.where);
    buf_init(&count_sql);
    buf_init(&sql);
    enum jvdr_err code = check_known(req, spec, true);
    if (code == JVDR_OK)
        code = build_where(req, spec, &q);
    if (code == JVDR_OK) {
        buf_printf(&count_sql, "SELECT count(*) FROM %s%s", spec->from, q.where.data);
        buf_printf(&sql, "SELECT %s FROM %s%s", spec->item, spec->from, q.where.data);
        code = build_order(req, spec, &sql);
    }
    for (int i = 0; code == JVDR_OK && i < q.nbinds; i++)
        if (!(out->binds[out->nbinds++] = strdup(q.binds[i])))
            code = JVDR_E_NOMEM;
    if (code == JVDR_OK) {
        out->sql = buf_take(&sql, NULL);
        out->count_sql = buf_take(&count_sql, NULL);
        if (!out->sql || !out->count_sql)
            code = JVDR_E_NOMEM;
    }
    buf_cleanup(&q.where);
    buf_cleanup(&count_sql);
    buf_cleanup(&sql);
    return code;
}

void listing_query_bind(struct stmt *stmt, const struct listing_query *q)
{
    for (int i = 0; i < q->nbinds; i++)
        stmt_bind_text(stmt, i + 1, q->binds[i]);
}

void listing_query_free(struct listing_query *q)
{
    free(q->sql);
    free(q->count_sql);
    for (int i = 0; i < q->nbinds; i++)
        free(q->binds[i]);
    memset(q, 0, sizeof *q);
}

bool listing_use_index(const struct request *req)
{
    return req->site->config->event_index && store_cache_trusted(req->site->store);
}

enum jvdr_err listing_respond(struct request *req, struct response *res,
                              const struct list_spec *spec)
{
    unsigned long limit = 0, offset = 0;
    enum jvdr_err code = check_page(req, spec, &limit, &offset);
    if (code != JVDR_OK)
        return code;

    struct bound_query q = {.nbinds = 0};
    struct buf count_sql, page_sql, order;
    buf_init(&q.where);
    buf_init(&count_sql);
    buf_init(&page_sql);
    buf_init(&order);
    long long total = 0;

    code = build_where(req, spec, &q);
    if (code != JVDR_OK)
        goto out;
    buf_printf(&count_sql, "SELECT count(*) FROM %s%s", spec->from, q.where.data);
    code = build_order(req, spec, &order);
    if (code != JVDR_OK)
        goto out;
    if (offset > 0 && !strchr(spec->tiebreak, ',')) {
        /* The page's keys first, then its items: PostgreSQL would otherwise render every row the
         * offset skips (a deep page of 50,000 agreements ran past the read budget). The same rows
         * in the same order: the order ends in the unique tiebreak. */
        buf_printf(&page_sql,
                   "SELECT %s FROM %s WHERE %s IN (SELECT %s FROM %s%s%s LIMIT ? OFFSET ?)%s",
                   spec->item, spec->from, spec->tiebreak, spec->tiebreak, spec->from, q.where.data,
                   order.data, order.data);
    } else {
        buf_printf(&page_sql, "SELECT %s FROM %s%s%s LIMIT ? OFFSET ?", spec->item, spec->from,
                   q.where.data, order.data);
    }
    if (count_sql.failed || page_sql.failed || order.failed) {
        code = JVDR_E_NOMEM;
        goto out;
    }

    struct stmt *stmt = db_stmt(req->db, count_sql.data);
    if (!stmt) {
        code = JVDR_E_INTERNAL;
        goto out;
    }
    bind_all(stmt, &q);
    int rc = stmt_step(stmt);
    if (rc == DB_ROW)
        total = stmt_int64(stmt, 0);
    if (rc != DB_ROW) {
        code = search_syntax_error(req->db)
                   ? params_fail(req, "q", "is not a valid search: check quotes and operators")
                   : db_error(rc);
        db_stmt_done(stmt);
        goto out;
    }
    db_stmt_done(stmt);

    stmt = db_stmt(req->db, page_sql.data);
    if (!stmt) {
        code = JVDR_E_INTERNAL;
        goto out;
    }
    bind_all(stmt, &q);
    stmt_bind_int64(stmt, q.nbinds + 1, (long long)limit);
    stmt_bind_int64(stmt, q.nbinds + 2, (long long)offset);
    code = listing_answer_page(req, res, stmt, total, limit, offset);
    if (code != JVDR_OK)
        goto out;
    add_links(req, res, spec, limit, offset, total);

out:
    buf_cleanup(&q.where);
    buf_cleanup(&count_sql);
    buf_cleanup(&page_sql);
    buf_cleanup(&order);
    return code;
}

/* Runs sql (one row, one column) with q's binds; appends the column's text to body. */
/* Appends the one value sql gives for q's filters (and, when limit >= 0, a last ? bound to it). */
static enum jvdr_err append_scalar(struct request *req, const char *sql,
                                   const struct bound_query *q, long long limit, struct buf *body)
{
    struct stmt *stmt = db_stmt(req->db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    bind_all(stmt, q);
    if (limit >= 0)
        stmt_bind_int64(stmt, q->nbinds + 1, limit);
    int rc = stmt_step(stmt);
    enum jvdr_err code = JVDR_OK;
    if (rc == DB_ROW)
        buf_append(body, stmt_text(stmt, 0), stmt_bytes(stmt, 0));
    else
        code = search_syntax_error(req->db)
                   ? params_fail(req, "q", "is not a valid search: check quotes and operators")
                   : db_error(rc);
    db_stmt_done(stmt);
    return code;
}

enum jvdr_err listing_facet_limit(struct request *req, unsigned long *limit)
{
    return params_uint(req, "facet_limit", LISTING_FACET_LIMIT, LISTING_MAX_FACET_LIMIT, limit);
}

/* Appends facet f's rows query for the WHERE clause where to sql. */
static bool facet_rows(struct buf *sql, const struct facet *f, const char *where)
{
    const char *hole = strstr(f->rows, "%s");
    if (!hole)
        return false;
    buf_append(sql, f->rows, (size_t)(hole - f->rows));
    buf_puts(sql, where);
    buf_puts(sql, hole + 2);
    return true;
}

enum jvdr_err listing_facets(struct request *req, struct response *res,
                             const struct list_spec *spec, const struct facet *facets)
{
    unsigned long limit = 0;
    enum jvdr_err code = check_known(req, spec, false);
    if (code == JVDR_OK)
        code = listing_facet_limit(req, &limit);
    if (code != JVDR_OK)
        return code;

    struct bound_query q = {.nbinds = 0};
    struct buf sql, body;
    buf_init(&q.where);
    buf_init(&sql);
    buf_init(&body);
    code = build_where(req, spec, &q);
    if (code != JVDR_OK)
        goto out;
    buf_puts(&body, "{\"total\":");
    buf_printf(&sql, "SELECT count(*) FROM %s%s", spec->from, q.where.data);
    code = append_scalar(req, sql.data, &q, -1, &body);
    buf_puts(&body, ",\"facets\":{");
    for (const struct facet *f = facets; code == JVDR_OK && f->name; f++) {
        buf_cleanup(&sql);
        buf_printf(&sql, "SELECT json_group_array(%s) FROM (", f->object);
        if (!facet_rows(&sql, f, q.where.data)) {
            code = JVDR_E_INTERNAL;
            break;
        }
        buf_puts(&sql, f->limited ? " LIMIT ?)" : ")");
        buf_printf(&body, "%s\"%s\":", f == facets ? "" : ",", f->name);
        code = sql.failed
                   ? JVDR_E_NOMEM
                   : append_scalar(req, sql.data, &q, f->limited ? (long long)limit : -1, &body);
    }
    buf_puts(&body, "},\"facet_values\":{");
    for (const struct facet *f = facets; code == JVDR_OK && f->name; f++) {
        buf_cleanup(&sql);
        buf_puts(&sql, "SELECT count(*) FROM (");
        if (!facet_rows(&sql, f, q.where.data)) {
            code = JVDR_E_INTERNAL;
            break;
        }
        buf_puts(&sql, ")");
        buf_printf(&body, "%s\"%s\":", f == facets ? "" : ",", f->name);
        code = sql.failed ? JVDR_E_NOMEM : append_scalar(req, sql.data, &q, -1, &body);
    }
    buf_puts(&body, "}}");
    if (code != JVDR_OK)
        goto out;
    size_t len = 0;
    char *text = buf_take(&body, &len);
    if (!text) {
        code = JVDR_E_NOMEM;
        goto out;
    }
    response_body(res, 200, "application/json", text, len);
out:
    buf_cleanup(&q.where);
    buf_cleanup(&sql);
    buf_cleanup(&body);
    return code;
}

enum jvdr_err listing_detail(struct request *req, struct response *res, const char *sql,
                             const char *kind)
{
    static const char *const none[] = {NULL};
    enum jvdr_err code = params_check(req, none);
    if (code != JVDR_OK)
        return code;
    const char *id = req->captures[0];
    if (!id_valid(id))
        return request_fail(req, JVDR_E_NOT_FOUND,
                            "no %s has this id (ids are lower-case letters, digits and '-')", kind);
    struct stmt *stmt = db_stmt(req->db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    if (rc == DB_ROW) {
        size_t len = stmt_bytes(stmt, 0);
        char *body = malloc(len + 1);
        if (body) {
            memcpy(body, stmt_text(stmt, 0), len);
            body[len] = '\0';
            response_body(res, 200, "application/json", body, len);
        } else {
            code = JVDR_E_NOMEM;
        }
    } else if (rc == DB_DONE) {
        code = request_fail(req, JVDR_E_NOT_FOUND, "no %s has the id '%s'", kind, id);
    } else {
        code = db_error(rc);
    }
    db_stmt_done(stmt);
    return code;
}

const char *listing_value(const struct list_spec *spec, const char *const *values,
                          const char *param)
{
    for (size_t i = 0; spec->filters[i].param; i++)
        if (strcmp(spec->filters[i].param, param) == 0)
            return values[i];
    return NULL;
}
