/* GET /v1/sources/{id}/mentions: where a document names the officials (every name, name with
 * diacritics and alias), agreements (titles and aliases) and countries (their English names) the
 * knowledge base knows, case and diacritics ignored as search ignores them, whole words only. Where
 * names overlap the longest wins ("Nobuo Kishi" over "Kishi"); a span naming two records gives
 * both. Paged as the other lists are (limit, offset, total, Link), or every one as NDJSON. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"
#include "jvdr/base/country.h"
#include "jvdr/base/fold.h"
#include "jvdr/http/params.h"
#include "jvdr/read/export.h"
#include "jvdr/read/listing.h"
#include "jvdr/read/source_text.h"
#include "jvdr/store/db.h"

/* A page's mentions by default and at most: an ordinary article's fit one page, as they did
 * before the list was paged; ?format=ndjson gives them all. */
#define MENTIONS_PAGE 500ul

/* The document folded, and for every folded byte the code point it came from. */
struct folded {
    char *text;
    uint32_t *origin; /* [folded byte] -> code point index */
    uint32_t *bytes;  /* [code point] -> byte offset in the original, one past the last too */
    size_t len, points;
};

static bool fold_document(const char *text, size_t len, struct folded *f)
{
    f->text = malloc(len + 1);
    f->origin = calloc(len + 1, sizeof *f->origin);
    f->bytes = calloc(len + 1, sizeof *f->bytes);
    if (!f->text || !f->origin || !f->bytes)
        return false;
    f->len = f->points = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + n > len)
            n = len - i;
        char piece[8];
        size_t k = fold_utf8(text + i, n, piece);
        for (size_t b = 0; b < k; b++) {
            f->text[f->len] = piece[b];
            f->origin[f->len++] = (uint32_t)f->points;
        }
        f->bytes[f->points++] = (uint32_t)i;
        i += n;
    }
    f->bytes[f->points] = (uint32_t)len;
    f->text[f->len] = '\0';
    return true;
}

static void folded_free(struct folded *f)
{
    free(f->text);
    free(f->origin);
    free(f->bytes);
}

struct mention {
    uint32_t start, end; /* code points, [start, end) */
    const char *kind;
    char *id, *name;
};

struct mentions {
    struct mention *items;
    size_t n, cap;
    bool failed;
};

/* Folded text is lower-case ASCII where it is Latin; what stays above ASCII is punctuation
 * (’ “ –) or another script, and ends a word either way. */
static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Adds every whole-word occurrence of the folded name in the document. */
static void find_name(const struct folded *f, const char *kind, const char *id, const char *name,
                      struct mentions *m)
{
    size_t len = strlen(name);
    char *needle = malloc(len + 1);
    if (!needle) {
        m->failed = true;
        return;
    }
    size_t n = fold_utf8(name, len, needle);
    while (n && needle[n - 1] == ' ')
        n--;
    for (const char *p = n >= 2 ? memmem(f->text, f->len, needle, n) : NULL; p && !m->failed;
         p = memmem(p + 1, f->len - (size_t)(p + 1 - f->text), needle, n)) {
        size_t at = (size_t)(p - f->text);
        /* Whole words: no letter or digit runs on into the name ("Vinh" is not in "Vinhs"). */
        bool left = at == 0 || !word_char(f->text[at - 1]) || !word_char(needle[0]);
        bool right = at + n >= f->len || !word_char(f->text[at + n]) || !word_char(needle[n - 1]);
        if (!left || !right)
            continue;
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 64;
            struct mention *grown = realloc(m->items, m->cap * sizeof *grown);
            if (!grown) {
                m->failed = true;
                break;
            }
            m->items = grown;
        }
        struct mention *it = &m->items[m->n++];
        it->start = f->origin[at];
        it->end = f->origin[at + n - 1] + 1;
        it->kind = kind;
        it->id = strdup(id);
        it->name = strdup(name);
        m->failed |= !it->id || !it->name;
    }
    free(needle);
}

static int by_position(const void *a, const void *b)
{
    const struct mention *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* the longer first */
    int k = strcmp(x->kind, y->kind);
    return k ? k : strcmp(x->id, y->id);
}

/* The names of every official, agreement and country: kind, id, the name to find and the
 * record's own name. */
// clang-format off
static const char names_sql[] =
    "SELECT 'official', id, name, name FROM officials"
    " UNION SELECT 'official', id, name_diacritics, name FROM officials"
    " WHERE name_diacritics IS NOT NULL"
    " UNION SELECT 'official', o.id, a.alias, o.name FROM official_aliases a"
    " JOIN officials o ON o.id = a.official_id"
    " UNION SELECT 'agreement', id, title, title FROM agreements"
    " UNION SELECT 'agreement', g.id, a.alias, g.title FROM agreement_aliases a"
    " JOIN agreements g ON g.id = a.agreement_id";
// clang-format on

static enum jvdr_err find_all(struct request *req, const struct folded *f, struct mentions *m,
                              json_t *labels)
{
    struct stmt *stmt = db_stmt(req->db, names_sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc;
    while (!m->failed && (rc = stmt_step(stmt)) == DB_ROW) {
        const char *kind = stmt_text(stmt, 0);
        const char *id = stmt_text(stmt, 1);
        find_name(f, strcmp(kind, "official") == 0 ? "official" : "agreement", id,
                  stmt_text(stmt, 2), m);
        char key[256];
        snprintf(key, sizeof key, "%s/%s", kind, id);
        json_object_set_new(labels, key, json_string(stmt_text(stmt, 3)));
    }
    db_stmt_done(stmt);
    if (!m->failed && rc != DB_DONE)
        return db_error(rc);
    for (const struct country_name *c = country_names; c->code && !m->failed; c++) {
        find_name(f, "country", c->code, c->name, m);
        char key[16];
        snprintf(key, sizeof key, "country/%s", c->code);
        if (!json_object_get(labels, key)) /* the first name is the country's own */
            json_object_set_new(labels, key, json_string(c->name));
    }
    return m->failed ? JVDR_E_NOMEM : JVDR_OK;
}

/* Every mention no longer one covers, in text order, as an array of JSON objects. */
static json_t *render(const char *text, const struct folded *f, struct mentions *m, json_t *labels)
{
    if (m->n)
        qsort(m->items, m->n, sizeof *m->items, by_position);
    json_t *items = json_array();
    uint32_t covered = 0;
    const struct mention *last = NULL;
    for (size_t i = 0; items && i < m->n; i++) {
        const struct mention *it = &m->items[i];
        bool same_span = last && last->start == it->start && last->end == it->end;
        if (it->start < covered && !same_span)
            continue;
        if (same_span && strcmp(last->kind, it->kind) == 0 && strcmp(last->id, it->id) == 0)
            continue; /* two of a record's names, one place */
        char key[256];
        snprintf(key, sizeof key, "%s/%s", it->kind, it->id);
        json_t *one = json_pack("{s:I, s:I, s:s%, s:s, s:s, s:O}", "start", (json_int_t)it->start,
                                "end", (json_int_t)it->end, "text", text + f->bytes[it->start],
                                (size_t)(f->bytes[it->end] - f->bytes[it->start]), "kind", it->kind,
                                "id", it->id, "name", json_object_get(labels, key));
        if (!one || json_array_append_new(items, one) != 0) {
            json_decref(items);
            return NULL;
        }
        if (it->end > covered)
            covered = it->end;
        last = it;
    }
    return items;
}

/* Page [offset, offset + limit) of items as a list answer (listing's body, X-Total-Count and
 * Link), or, for NDJSON, every item a line. */
static enum jvdr_err respond(struct request *req, struct response *res, json_t *items,
                             unsigned long limit, unsigned long offset)
{
    size_t total = json_array_size(items);
    size_t first = offset < total ? offset : total;
    size_t n = req->export ? total : total - first < limit ? total - first : limit;
    if (req->export)
        first = 0;
    char **texts = arena_alloc(req->arena, (n ? n : 1) * sizeof *texts);
    if (!texts)
        return JVDR_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        texts[i] = json_dumps(json_array_get(items, first + i), JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!texts[i] || arena_defer(req->arena, free, texts[i]) != 0) {
            free(texts[i]);
            return JVDR_E_NOMEM;
        }
    }
    if (!req->export) {
        const struct list_spec page = {.path = req->path};
        return listing_answer_items(req, res, &page, texts, n, (long long)total, limit, offset);
    }
    struct buf body;
    buf_init(&body);
    for (size_t i = 0; i < n; i++)
        buf_printf(&body, "%s\n", texts[i]);
    size_t len = 0;
    char *text = buf_take(&body, &len);
    if (!text)
        return JVDR_E_NOMEM;
    response_body(res, 200, "application/x-ndjson", text, len);
    response_header(res, "X-Total-Count", arena_printf(req->arena, "%zu", total));
    return JVDR_OK;
}

enum jvdr_err sources_mentions(struct request *req, struct response *res)
{
    enum jvdr_err code = params_check(req, (const char *const[]){"limit", "offset", NULL});
    unsigned long limit = MENTIONS_PAGE, offset = 0;
    if (code == JVDR_OK && req->export)
        code = export_check_whole(req);
    else if (code == JVDR_OK)
        code = params_uint(req, "limit", MENTIONS_PAGE, MENTIONS_PAGE, &limit);
    if (code == JVDR_OK && !req->export)
        code = params_uint(req, "offset", 0, LISTING_MAX_OFFSET, &offset);
    char *text = NULL;
    size_t len = 0;
    if (code == JVDR_OK)
        code = source_text_read(req, req->captures[0], &text, &len);
    if (code != JVDR_OK)
        return code;
    /* Any official's or agreement's name may be found, or stop being found. */
    request_depends(req, "official", "", "");
    request_depends(req, "agreement", "", "");
    struct folded f = {0};
    struct mentions m = {0};
    json_t *labels = json_object();
    json_t *items = NULL;
    if (!labels || !fold_document(text, len, &f))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = find_all(req, &f, &m, labels);
    if (code == JVDR_OK && !(items = render(text, &f, &m, labels)))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = respond(req, res, items, limit, offset);
    json_decref(items);
    json_decref(labels);
    for (size_t i = 0; i < m.n; i++) {
        free(m.items[i].id);
        free(m.items[i].name);
    }
    free(m.items);
    folded_free(&f);
    free(text);
    return code;
}
