/* Quotes matched in the form a reader means them; see include/jvdr/base/quote.h. */
#include "jvdr/base/quote.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* What a code point counts as when matching: ' ' for any whitespace, the ASCII quote, apostrophe
 * or hyphen for their typographic kin, 0 for what is never seen (a BOM, zero-width characters),
 * else itself (to be decomposed). */
static int32_t kin(int32_t c)
{
    switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
        return '-';
    case 0xFEFF:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
        return 0;
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0x85:
    case 0x2028:
    case 0x2029:
        return ' ';
    default:
        return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS ? ' ' : c;
    }
}

/* Room for one more position in t (grown by half); false when out of memory. */
static bool room(struct quote_text *t, size_t *cap)
{
    if (t->n < *cap)
        return true;
    size_t more = *cap + *cap / 2 + 16;
    uint32_t *form = realloc(t->form, more * sizeof *form);
    if (form)
        t->form = form;
    uint32_t *origin = form ? realloc(t->origin, more * sizeof *origin) : NULL;
    if (origin)
        t->origin = origin;
    if (!form || !origin)
        return false;
    *cap = more;
    return true;
}

/* Makes t the form of text[0..len), each position's origin its code point in text: runs of
 * whitespace as one space (leading and trailing ones too), the rest decomposed canonically. */
static int make_form(struct quote_text *t, const char *text, size_t len)
{
    size_t cap = 0;
    memset(t, 0, sizeof *t);
    uint32_t point = 0;
    for (size_t i = 0; i < len; point++) {
        int32_t c = 0;
        utf8proc_ssize_t step =
            utf8proc_iterate((const uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &c);
        if (step <= 0) { /* not UTF-8: skipped (stored texts are checked) */
            i++;
            continue;
        }
        i += (size_t)step;
        int32_t k = kin(c);
        if (k == 0)
            continue;
        if (k == ' ') {
            if (t->n > 0 && t->form[t->n - 1] == ' ')
                continue;
            if (!room(t, &cap))
                return -1;
            t->form[t->n] = ' ';
            t->origin[t->n++] = point;
            continue;
        }
        int32_t parts[8];
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(k, parts, 8, UTF8PROC_DECOMPOSE, &last);
        if (n <= 0 || n > 8) {
            parts[0] = k;
            n = 1;
        }
        for (utf8proc_ssize_t p = 0; p < n; p++) {
            if (!room(t, &cap))
                return -1;
            t->form[t->n] = (uint32_t)parts[p];
            t->origin[t->n++] = point;
        }
    }
    return 0;
}

int quote_text_init(struct quote_text *t, const char *text, size_t len)
{
    if (make_form(t, text, len) != 0) {
        quote_text_cleanup(t);
        return -1;
    }
    return 0;
}

void quote_text_cleanup(struct quote_text *t)
{
    free(t->form);
    free(t->origin);
    memset(t, 0, sizeof *t);
}

/* The form of a quote, its whitespace trimmed at both ends. */
static int quote_form(struct quote_text *q, const char *s)
{
    if (make_form(q, s, strlen(s)) != 0)
        return -1;
    size_t from = q->n && q->form[0] == ' ' ? 1 : 0;
    size_t to = q->n && q->form[q->n - 1] == ' ' ? q->n - 1 : q->n;
    if (to < from)
        to = from;
    if (to > from && from > 0)
        memmove(q->form, q->form + from, (to - from) * sizeof *q->form);
    q->n = to - from;
    return 0;
}

/* Whether t's form ending at `at` (a space just before it skipped) ends with prefix. */
static bool ends_with(const struct quote_text *t, size_t at, const struct quote_text *prefix)
{
    if (prefix->n == 0)
        return true;
    if (at > 0 && t->form[at - 1] == ' ' && prefix->n && prefix->form[prefix->n - 1] != ' ')
        at--;
    return prefix->n <= at &&
           memcmp(t->form + at - prefix->n, prefix->form, prefix->n * sizeof *t->form) == 0;
}

/* Whether t's form from `at` (a space there skipped) begins with suffix. */
static bool begins_with(const struct quote_text *t, size_t at, const struct quote_text *suffix)
{
    if (suffix->n == 0)
        return true;
    if (at < t->n && t->form[at] == ' ' && suffix->n && suffix->form[0] != ' ')
        at++;
    return at + suffix->n <= t->n &&
           memcmp(t->form + at, suffix->form, suffix->n * sizeof *t->form) == 0;
}

enum quote_outcome quote_find(const struct quote_text *t, const char *exact, const char *prefix,
                              const char *suffix, long long *start, long long *end,
                              size_t *occurrences)
{
    *occurrences = 0;
    struct quote_text q = {0}, before = {0}, after = {0};
    size_t *fail = NULL;
    enum quote_outcome outcome = QUOTE_NOMEM;
    if (quote_form(&q, exact) != 0 || (prefix && quote_form(&before, prefix) != 0) ||
        (suffix && quote_form(&after, suffix) != 0))
        goto out;
    if (q.n == 0) {
        outcome = QUOTE_EMPTY;
        goto out;
    }
    /* Knuth-Morris-Pratt: every occurrence in one pass, however repetitive the text. */
    fail = malloc(q.n * sizeof *fail);
    if (!fail)
        goto out;
    fail[0] = 0;
    for (size_t i = 1, k = 0; i < q.n; i++) {
        while (k && q.form[i] != q.form[k])
            k = fail[k - 1];
        k += q.form[i] == q.form[k];
        fail[i] = k;
    }
    size_t found = 0;
    for (size_t i = 0, k = 0; i < t->n; i++) {
        while (k && t->form[i] != q.form[k])
            k = fail[k - 1];
        k += t->form[i] == q.form[k];
        if (k < q.n)
            continue;
        size_t at = i + 1 - q.n;
        k = fail[k - 1];
        if ((prefix && !ends_with(t, at, &before)) || (suffix && !begins_with(t, i + 1, &after)))
            continue;
        if (++*occurrences == 1)
            found = at;
    }
    outcome = *occurrences == 0 ? QUOTE_ABSENT : *occurrences > 1 ? QUOTE_AMBIGUOUS : QUOTE_FOUND;
    if (outcome == QUOTE_FOUND) {
        *start = t->origin[found];
        *end = (long long)t->origin[found + q.n - 1] + 1;
    }
out:
    free(fail);
    quote_text_cleanup(&q);
    quote_text_cleanup(&before);
    quote_text_cleanup(&after);
    return outcome;
}
