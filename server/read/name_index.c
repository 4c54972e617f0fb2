/* Where a document names what the knowledge base knows; see include/jvdr/read/name_index.h. The
 * document is folded code point by code point, remembering where each folded byte came from, and
 * every known name is looked for in it. */
#define _GNU_SOURCE /* memmem */
#include "jvdr/read/name_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/country.h"
#include "jvdr/base/fold.h"
#include "jvdr/store/db.h"

/* The document folded, and for every folded byte the code point it came from. */
struct folded {
    char *text;
    uint32_t *origin; /* [folded byte] -> code point index */
    size_t len;
};

static bool fold_document(const char *text, size_t len, struct folded *f, struct name_hits *h)
{
    f->text = malloc(len + 1);
    f->origin = calloc(len + 1, sizeof *f->origin);
    h->bytes = calloc(len + 1, sizeof *h->bytes);
    if (!f->text || !f->origin || !h->bytes)
        return false;
    f->len = h->points = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + n > len)
            n = len - i;
        char piece[8];
        size_t k = fold_utf8(text + i, n, piece);
        for (size_t b = 0; b < k; b++) {
            f->text[f->len] = piece[b];
            f->origin[f->len++] = (uint32_t)h->points;
        }
        h->bytes[h->points++] = (uint32_t)i;
        i += n;
    }
    h->bytes[h->points] = (uint32_t)len;
    f->text[f->len] = '\0';
    return true;
}

/* Folded text is lower-case ASCII where it is Latin; what stays above ASCII is punctuation
 * (’ “ –) or another script, and ends a word either way. */
static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static struct name_hit *add_hit(struct name_hits *h)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        struct name_hit *grown = realloc(h->items, cap * sizeof *grown);
        if (!grown) {
            h->failed = true;
            return NULL;
        }
        h->items = grown;
        h->cap = cap;
    }
    return &h->items[h->n++];
}

/* Adds every whole-word occurrence of the folded name in the document. */
static void find_name(const struct folded *f, const char *kind, const char *id, const char *name,
                      const char *country, struct name_hits *h)
{
    size_t len = strlen(name);
    char *needle = malloc(len + 1);
    if (!needle) {
        h->failed = true;
        return;
    }
    size_t n = fold_utf8(name, len, needle);
    while (n && needle[n - 1] == ' ')
        n--;
    for (const char *p = n >= 2 ? memmem(f->text, f->len, needle, n) : NULL; p && !h->failed;
         p = memmem(p + 1, f->len - (size_t)(p + 1 - f->text), needle, n)) {
        size_t at = (size_t)(p - f->text);
        /* Whole words: no letter or digit runs on into the name ("Vinh" is not in "Vinhs"). */
        bool left = at == 0 || !word_char(f->text[at - 1]) || !word_char(needle[0]);
        bool right = at + n >= f->len || !word_char(f->text[at + n]) || !word_char(needle[n - 1]);
        if (!left || !right)
            continue;
        struct name_hit *it = add_hit(h);
        if (!it)
            break;
        it->start = f->origin[at];
        it->end = f->origin[at + n - 1] + 1;
        it->byte_start = h->bytes[it->start];
        it->byte_end = h->bytes[it->end];
        it->kind = kind;
        it->id = strdup(id);
        it->country = country ? strdup(country) : NULL;
        h->failed |= !it->id || (country && !it->country);
    }
    free(needle);
}

static int by_position(const void *a, const void *b)
{
    const struct name_hit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* the longer first */
    int k = strcmp(x->kind, y->kind);
    return k ? k : strcmp(x->id, y->id);
}

/* The names of every official, agreement and place: kind, id, the name to find, the record's own
 * name and its country. */
// clang-format off
static const char names_sql[] =
    "SELECT 'official', id, name, name, country FROM officials"
    " UNION SELECT 'official', id, name_diacritics, name, country FROM officials"
    " WHERE name_diacritics IS NOT NULL"
    " UNION SELECT 'official', o.id, a.alias, o.name, o.country FROM official_aliases a"
    " JOIN officials o ON o.id = a.official_id"
    " UNION SELECT 'agreement', id, title, title, NULL FROM agreements"
    " UNION SELECT 'agreement', g.id, a.alias, g.title, NULL FROM agreement_aliases a"
    " JOIN agreements g ON g.id = a.agreement_id";
static const char places_sql[] =
    "SELECT 'place', name, name, name, country FROM places"
    " UNION SELECT 'place', location, location, location, host_country FROM events"
    " WHERE location IS NOT NULL";
// clang-format on

static enum jvdr_err find_rows(struct db *db, const char *sql, const struct folded *f,
                               struct name_hits *h)
{
    static const char *const kinds[] = {"official", "agreement", "place", NULL};
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    int rc;
    while (!h->failed && (rc = stmt_step(stmt)) == DB_ROW) {
        const char *kind = NULL;
        for (const char *const *k = kinds; *k && !kind; k++)
            if (strcmp(*k, stmt_text(stmt, 0)) == 0)
                kind = *k;
        const char *id = stmt_text(stmt, 1);
        const char *country = stmt_is_null(stmt, 4) ? NULL : stmt_text(stmt, 4);
        if (!kind)
            continue;
        find_name(f, kind, id, stmt_text(stmt, 2), country, h);
        char key[256];
        snprintf(key, sizeof key, "%s/%s", kind, id);
        if (json_object_set_new(h->labels, key, json_string(stmt_text(stmt, 3))) != 0)
            h->failed = true;
    }
    db_stmt_done(stmt);
    if (!h->failed && rc != DB_DONE)
        return db_error(rc);
    return h->failed ? JVDR_E_NOMEM : JVDR_OK;
}

/* Keeps, in text order, every hit no longer one covers, and one of a record's names per place. */
static void settle(struct name_hits *h)
{
    if (h->n)
        qsort(h->items, h->n, sizeof *h->items, by_position);
    size_t kept = 0;
    uint32_t covered = 0;
    const struct name_hit *last = NULL;
    for (size_t i = 0; i < h->n; i++) {
        struct name_hit it = h->items[i];
        bool same_span = last && last->start == it.start && last->end == it.end;
        bool drop = (it.start < covered && !same_span) ||
                    (same_span && strcmp(last->kind, it.kind) == 0 && strcmp(last->id, it.id) == 0);
        if (drop) {
            free(it.id);
            free(it.country);
            continue;
        }
        h->items[kept] = it;
        last = &h->items[kept++];
        if (it.end > covered)
            covered = it.end;
    }
    h->n = kept;
}

enum jvdr_err name_hits_find(struct db *db, const char *text, size_t len, bool with_places,
                             struct name_hits *h)
{
    memset(h, 0, sizeof *h);
    struct folded f = {0};
    enum jvdr_err code = JVDR_OK;
    h->labels = json_object();
    if (!h->labels || !fold_document(text, len, &f, h))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = find_rows(db, names_sql, &f, h);
    if (code == JVDR_OK && with_places)
        code = find_rows(db, places_sql, &f, h);
    for (const struct country_name *c = country_names; c->code && code == JVDR_OK; c++) {
        find_name(&f, "country", c->code, c->name, c->code, h);
        char key[16];
        snprintf(key, sizeof key, "country/%s", c->code);
        if (!json_object_get(h->labels, key)) /* the first name is the country's own */
            json_object_set_new(h->labels, key, json_string(c->name));
        if (h->failed)
            code = JVDR_E_NOMEM;
    }
    if (code == JVDR_OK)
        settle(h);
    free(f.text);
    free(f.origin);
    return code;
}

uint32_t name_hits_point(const struct name_hits *h, size_t b)
{
    size_t lo = 0, hi = h->points; /* the last code point starting at or before b */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (h->bytes[mid] <= b)
            lo = mid;
        else
            hi = mid - 1;
    }
    return (uint32_t)lo;
}

void name_hits_free(struct name_hits *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->items[i].id);
        free(h->items[i].country);
    }
    free(h->items);
    free(h->bytes);
    json_decref(h->labels);
    memset(h, 0, sizeof *h);
}
