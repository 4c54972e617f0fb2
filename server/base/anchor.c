/* Citations carried across a corrected text; see include/jvdr/base/anchor.h. */
#include "jvdr/base/anchor.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A run of code points the two texts share: old[a, a+len) == new[b, b+len). */
struct block {
    size_t a, b, len;
};

struct blocks {
    struct block *at;
    size_t n, cap;
};

/* Code points as the search sees them: a quote, a context. */
struct points {
    uint32_t *cp;
    size_t n;
};

/* Everything one call shares: the texts, the difference, the index of the new text's 8-grams
 * (built on the first search) and what is left of the searches' budgets. */
struct anchoring {
    const struct anchor_text *old, *new;
    struct blocks same;
    int32_t *head, *next; /* chains of positions by gram hash */
    uint32_t *chained;    /* each chain's length */
    size_t buckets;
    long long scan_left;  /* code points the exact searches may still compare */
    long long fuzzy_left; /* cells of the approximate searches left */
};

#define GRAM 8

static int decode(const char *utf8, size_t len, uint32_t *cp, uint32_t *byte, size_t *n)
{
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        int32_t c = (unsigned char)utf8[i];
        utf8proc_ssize_t step = 1; /* ASCII without a call: 10 ms less per MiB */
        if (c >= 0x80)
            step = utf8proc_iterate((const uint8_t *)utf8 + i, (utf8proc_ssize_t)(len - i), &c);
        if (step <= 0) { /* not UTF-8 (never stored): one byte, one code point */
            c = 0xFFFD;
            step = 1;
        }
        if (cp)
            cp[count] = (uint32_t)c;
        if (byte)
            byte[count] = (uint32_t)i;
        count++;
        i += (size_t)step;
    }
    if (byte)
        byte[count] = (uint32_t)len;
    *n = count;
    return 0;
}

int anchor_text_init(struct anchor_text *t, const char *utf8, size_t len)
{
    memset(t, 0, sizeof *t);
    t->utf8 = utf8;
    size_t n = 0;
    decode(utf8, len, NULL, NULL, &n);
    t->cp = malloc((n + 1) * sizeof *t->cp);
    t->byte = malloc((n + 1) * sizeof *t->byte);
    if (!t->cp || !t->byte) {
        anchor_text_cleanup(t);
        return -1;
    }
    decode(utf8, len, t->cp, t->byte, &t->n);
    return 0;
}

void anchor_text_cleanup(struct anchor_text *t)
{
    free(t->cp);
    free(t->byte);
    memset(t, 0, sizeof *t);
}

bool anchor_quote(const struct anchor_text *t, long long start, long long end, size_t context,
                  struct anchor_quote *q)
{
    if (start < 0 || start > end || end > (long long)t->n)
        return false;
    size_t from = (size_t)start > context ? (size_t)start - context : 0;
    size_t to = t->n - (size_t)end > context ? (size_t)end + context : t->n;
    const char *at = t->utf8;
    *q = (struct anchor_quote){
        .prefix = at + t->byte[from],
        .prefix_len = t->byte[start] - t->byte[from],
        .exact = at + t->byte[start],
        .exact_len = t->byte[end] - t->byte[start],
        .suffix = at + t->byte[end],
        .suffix_len = t->byte[to] - t->byte[end],
    };
    return true;
}

static int points_of(const char *s, struct points *p)
{
    p->cp = NULL;
    p->n = 0;
    if (!s)
        return 0;
    size_t len = strlen(s), n = 0;
    decode(s, len, NULL, NULL, &n);
    p->cp = malloc((n + 1) * sizeof *p->cp);
    if (!p->cp)
        return -1;
    decode(s, len, p->cp, NULL, &p->n);
    return 0;
}

static int add_block(struct blocks *bl, size_t a, size_t b, size_t len)
{
    if (len == 0)
        return 0;
    if (bl->n == bl->cap) {
        size_t cap = bl->cap ? bl->cap * 2 : 16;
        struct block *at = realloc(bl->at, cap * sizeof *at);
        if (!at)
            return -1;
        bl->at = at;
        bl->cap = cap;
    }
    bl->at[bl->n++] = (struct block){a, b, len};
    return 0;
}

/* Myers' greedy O(ND) difference of a[0..n) and b[0..m) (both non-empty), its common runs added
 * to out offset by `off` in both texts, in order. Each round's furthest points are kept so that
 * the path can be walked back: (d+1)^2 values at most. 1 when done, 0 past a bound, -1 when out of
 * memory. */
static int myers(const uint32_t *a, long n, const uint32_t *b, long m, size_t off,
                 struct blocks *out)
{
    long most = n + m < ANCHOR_MAX_EDITS ? n + m : ANCHOR_MAX_EDITS;
    long *v = calloc((size_t)(2 * most + 3), sizeof *v);
    int32_t *trace = NULL;
    size_t *mark = calloc((size_t)most + 2, sizeof *mark);
    size_t used = 0, cap = 0;
    long long work = 0;
    int result = -1;
    if (!v || !mark)
        goto done;
    long *V = v + most + 1; /* V[k] for k in [-most-1, most+1] */
    V[1] = 0;
    long found = -1;
    for (long d = 0; d <= most && found < 0; d++) {
        /* Keep V[-(d-1) .. d-1], the values round d chooses from. */
        size_t need = d ? (size_t)(2 * d - 1) : 0;
        if (used + need > cap) {
            size_t more = (used + need) * 2 + 64;
            int32_t *t = realloc(trace, more * sizeof *t);
            if (!t)
                goto done;
            trace = t;
            cap = more;
        }
        mark[d] = used;
        for (long k = -(d - 1); d && k <= d - 1; k++)
            trace[used++] = (int32_t)V[k];
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && V[k - 1] < V[k + 1])) ? V[k + 1] : V[k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && x >= 0 && y >= 0 && a[x] == b[y]) {
                x++;
                y++;
                work++;
            }
            V[k] = x;
            if (x == n && y == m) {
                found = d;
                break;
            }
            if (++work > ANCHOR_MAX_WORK) {
                result = 0;
                goto done;
            }
        }
    }
    if (found < 0) {
        result = 0;
        goto done;
    }
    /* Walk back from (n, m): each round d added one edit and then a run of equal points. */
    size_t first = out->n;
    long x = n, y = m;
    for (long d = found; d > 0; d--) {
        const int32_t *P = trace + mark[d] + (d - 1); /* P[k] for k in [-(d-1), d-1] */
        long k = x - y;
        bool down = k == -d || (k != d && P[k - 1] < P[k + 1]);
        long pk = down ? k + 1 : k - 1;
        long px = P[pk], py = px - pk;
        long sx = down ? px : px + 1;
        if (x > sx && add_block(out, off + (size_t)sx, off + (size_t)(sx - k), (size_t)(x - sx)))
            goto done;
        x = px;
        y = py;
    }
    if (x > 0 && add_block(out, off, off, (size_t)x))
        goto done;
    for (size_t i = first, j = out->n; i + 1 < j; i++, j--) { /* walked back: put in order */
        struct block t = out->at[i];
        out->at[i] = out->at[j - 1];
        out->at[j - 1] = t;
    }
    result = 1;
done:
    free(v);
    free(trace);
    free(mark);
    return result;
}

/* The runs the texts share, in order. Their common start and end always; what lies between by
 * Myers' algorithm unless past a bound (*diffed false). 0, or -1 when out of memory. */
static int difference(struct anchoring *an, struct anchor_report *report)
{
    const struct anchor_text *o = an->old, *w = an->new;
    size_t p = 0, s = 0;
    while (p < o->n && p < w->n && o->cp[p] == w->cp[p])
        p++;
    while (s < o->n - p && s < w->n - p && o->cp[o->n - 1 - s] == w->cp[w->n - 1 - s])
        s++;
    long n = (long)(o->n - p - s), m = (long)(w->n - p - s);
    report->diffed = true;
    report->edits = n + m;
    if (add_block(&an->same, 0, 0, p))
        return -1;
    if (n > 0 && m > 0) {
        size_t before = an->same.n;
        int r = myers(o->cp + p, n, w->cp + p, m, p, &an->same);
        if (r < 0)
            return -1;
        report->diffed = r == 1;
        if (r == 1) {
            long long common = 0;
            for (size_t i = before; i < an->same.n; i++)
                common += (long long)an->same.at[i].len;
            report->edits = n + m - 2 * common;
        } else {
            an->same.n = before;
            report->edits = -1;
        }
    }
    return add_block(&an->same, o->n - s, w->n - s, s);
}

/* The run holding old position pos, or NULL. */
static const struct block *run_of(const struct blocks *bl, size_t pos)
{
    size_t lo = 0, hi = bl->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (bl->at[mid].a + bl->at[mid].len <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < bl->n && bl->at[lo].a <= pos ? &bl->at[lo] : NULL;
}

/* Where old position pos would be in the new text, roughly: through the last run starting at or
 * before it, else proportionally. */
static long long expected(const struct anchoring *an, long long pos)
{
    const struct block *best = NULL;
    for (size_t lo = 0, hi = an->same.n; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        if ((long long)an->same.at[mid].a <= pos) {
            best = &an->same.at[mid];
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    long long e = best ? pos - (long long)best->a + (long long)best->b
                       : (an->old->n ? pos * (long long)an->new->n / (long long)an->old->n : 0);
    return e < 0 ? 0 : e > (long long)an->new->n ? (long long)an->new->n : e;
}

static bool same_points(const uint32_t *x, const uint32_t *y, size_t n)
{
    return memcmp(x, y, n * sizeof *x) == 0;
}

static uint64_t gram_hash(const uint32_t *cp)
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < GRAM; i++)
        h = (h ^ cp[i]) * 1099511628211ULL;
    return h;
}

/* Chains of the new text's positions by the hash of the GRAM code points there. */
static int build_index(struct anchoring *an)
{
    const struct anchor_text *w = an->new;
    size_t count = w->n >= GRAM ? w->n - GRAM + 1 : 0;
    an->buckets = 1024;
    while (an->buckets < count)
        an->buckets *= 2;
    an->head = malloc(an->buckets * sizeof *an->head);
    an->next = calloc(count + 1, sizeof *an->next);
    an->chained = calloc(an->buckets, sizeof *an->chained);
    if (!an->head || !an->next || !an->chained)
        return -1;
    memset(an->head, 0xff, an->buckets * sizeof *an->head);
    for (size_t i = count; i-- > 0;) { /* chains run from the text's start */
        size_t h = (size_t)(gram_hash(w->cp + i) & (an->buckets - 1));
        an->next[i] = an->head[h];
        an->head[h] = (int32_t)i;
        an->chained[h]++;
    }
    return 0;
}

/* Code points before new position at matching the end of prefix, after end matching suffix. */
static size_t context_score(const struct anchor_text *w, size_t at, size_t end,
                            const struct points *prefix, const struct points *suffix)
{
    size_t score = 0;
    while (score < prefix->n && score < at &&
           prefix->cp[prefix->n - 1 - score] == w->cp[at - 1 - score])
        score++;
    size_t after = 0;
    while (after < suffix->n && end + after < w->n && suffix->cp[after] == w->cp[end + after])
        after++;
    return score + after;
}

struct choice {
    bool any;
    size_t at, score;
    long long distance;
};

static void consider(struct choice *c, size_t at, size_t score, long long expect)
{
    long long distance = llabs((long long)at - expect);
    if (!c->any || score > c->score || (score == c->score && distance < c->distance))
        *c = (struct choice){true, at, score, distance};
}

/* The occurrence of q in the new text whose context fits best, nearest expect. */
static int search_exact(struct anchoring *an, const struct points *q, const struct points *prefix,
                        const struct points *suffix, long long expect, struct choice *c)
{
    const struct anchor_text *w = an->new;
    *c = (struct choice){0};
    if (q->n == 0 || q->n > w->n)
        return 0;
    if (q->n >= GRAM) {
        if (!an->head && build_index(an) != 0)
            return -1;
        /* Walk the shortest chain among the quote's grams: its rarest words. */
        size_t h = 0, k = 0;
        for (size_t at = 0; at + GRAM <= q->n; at++) {
            size_t b = (size_t)(gram_hash(q->cp + at) & (an->buckets - 1));
            if (at == 0 || an->chained[b] < an->chained[h]) {
                h = b;
                k = at;
            }
        }
        for (int32_t i = an->head[h]; i >= 0; i = an->next[i]) {
            if ((an->scan_left -= (long long)q->n) < 0) {
                *c = (struct choice){0}; /* past the bound: not the best fit for sure, so none */
                return 0;
            }
            if ((size_t)i >= k && (size_t)i - k + q->n <= w->n &&
                same_points(w->cp + i - k, q->cp, q->n))
                consider(c, (size_t)i - k,
                         context_score(w, (size_t)i - k, (size_t)i - k + q->n, prefix, suffix),
                         expect);
        }
        return 0;
    }
    if ((an->scan_left -= (long long)w->n) < 0)
        return 0;
    for (size_t i = 0; i + q->n <= w->n; i++)
        if (w->cp[i] == q->cp[0] && same_points(w->cp + i, q->cp, q->n))
            consider(c, i, context_score(w, i, i + q->n, prefix, suffix), expect);
    return 0;
}

/* The stretch of the new text near expect closest to q by edit distance (Sellers' algorithm: a
 * match may start anywhere), if within a tenth of q's length; *start, *end set, else false. */
static bool search_fuzzy(struct anchoring *an, const struct points *q, long long expect,
                         long long *start, long long *end, long long *edits, bool *failed)
{
    long long L = (long long)q->n, bound = L / 10;
    if (L < 10 || L > ANCHOR_MAX_FUZZY)
        return false;
    long long from = expect - bound - 64, to = expect + L + bound + 64;
    from = from < 0 ? 0 : from;
    to = to > (long long)an->new->n ? (long long)an->new->n : to;
    if (to <= from || (an->fuzzy_left -= L * (to - from)) < 0)
        return false;
    long long *dist = malloc((size_t)(L + 1) * 2 * sizeof *dist);
    if (!dist) {
        *failed = true;
        return false;
    }
    long long *from_at = dist + L + 1;
    for (long long i = 0; i <= L; i++) {
        dist[i] = i; /* before any text: the quote's first i code points deleted */
        from_at[i] = from;
    }
    bool found = false;
    long long best = bound + 1, best_far = 0;
    const uint32_t *t = an->new->cp;
    for (long long j = from; j < to; j++) {
        long long diag = dist[0], diag_at = from_at[0];
        dist[0] = 0; /* a match may start after any code point */
        from_at[0] = j + 1;
        for (long long i = 1; i <= L; i++) {
            long long up = dist[i], up_at = from_at[i];
            long long sub = diag + (q->cp[i - 1] != t[j]);
            long long skip_quote = dist[i - 1] + 1, skip_text = up + 1;
            long long d = sub, at = diag_at;
            if (skip_quote < d) {
                d = skip_quote;
                at = from_at[i - 1];
            }
            if (skip_text < d) {
                d = skip_text;
                at = up_at;
            }
            diag = up;
            diag_at = up_at;
            dist[i] = d;
            from_at[i] = at;
        }
        long long far = llabs(from_at[L] - expect);
        if (j + 1 > from_at[L] && (dist[L] < best || (dist[L] == best && far < best_far))) {
            best = dist[L];
            best_far = far;
            *start = from_at[L];
            *end = j + 1;
            found = true;
        }
    }
    free(dist);
    *edits = best;
    return found;
}

/* Places one span (its fate and new place set). 0, or -1 when out of memory. */
static int place(struct anchoring *an, struct anchor_span *s)
{
    const struct anchor_text *o = an->old, *w = an->new;
    struct points q = {0}, prefix = {0}, suffix = {0};
    bool in_old = s->start >= 0 && s->end > s->start && s->end <= (long long)o->n;
    int rc = -1;
    s->fate = ANCHOR_ORPHANED;
    s->new_start = s->new_end = -1;
    if (s->exact) {
        if (points_of(s->exact, &q) != 0)
            goto out;
    } else if (in_old) {
        q.n = (size_t)(s->end - s->start);
        q.cp = malloc(q.n * sizeof *q.cp);
        if (!q.cp)
            goto out;
        memcpy(q.cp, o->cp + s->start, q.n * sizeof *q.cp);
    }
    if (points_of(s->prefix, &prefix) != 0 || points_of(s->suffix, &suffix) != 0)
        goto out;
    rc = 0;
    if (q.n == 0)
        goto out;
    /* 1. Through the difference. */
    const struct block *first = in_old ? run_of(&an->same, (size_t)s->start) : NULL;
    const struct block *last = in_old ? run_of(&an->same, (size_t)s->end - 1) : NULL;
    if (first && last) {
        long long ns = s->start - (long long)first->a + (long long)first->b;
        long long ne = s->end - 1 - (long long)last->a + (long long)last->b + 1;
        if (ne - ns == (long long)q.n && same_points(w->cp + ns, q.cp, q.n)) {
            s->fate = ANCHOR_MAPPED;
            s->new_start = ns;
            s->new_end = ne;
            goto out;
        }
    }
    /* 2. By its words, the best context nearest where it was. */
    long long expect = expected(an, in_old ? s->start : 0);
    struct choice c;
    if (search_exact(an, &q, &prefix, &suffix, expect, &c) != 0) {
        rc = -1;
        goto out;
    }
    size_t context = prefix.n + suffix.n;
    bool bare = q.n < ANCHOR_BARE_QUOTE &&
                c.score < (context < ANCHOR_BARE_CONTEXT ? context : ANCHOR_BARE_CONTEXT);
    if (c.any && !bare) {
        s->fate = ANCHOR_FOUND;
        s->new_start = (long long)c.at;
        s->new_end = (long long)c.at + (long long)q.n;
        goto out;
    }
    /* 3. Its words corrected, near where it was. */
    long long start = 0, end = 0, edits = 0;
    bool failed = false;
    if (search_fuzzy(an, &q, expect, &start, &end, &edits, &failed)) {
        s->fate = edits == 0 ? ANCHOR_FOUND : ANCHOR_CORRECTED;
        s->new_start = start;
        s->new_end = end;
    }
    if (failed)
        rc = -1;
out:
    free(q.cp);
    free(prefix.cp);
    free(suffix.cp);
    return rc;
}

int anchor_spans(const struct anchor_text *old, const struct anchor_text *new,
                 struct anchor_span *spans, size_t n, struct anchor_report *report)
{
    struct anchoring an = {
        .old = old,
        .new = new,
        .scan_left = ANCHOR_SEARCH_WORK,
        .fuzzy_left = ANCHOR_FUZZY_WORK,
    };
    *report = (struct anchor_report){0};
    int rc = difference(&an, report);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = place(&an, &spans[i]);
    free(an.same.at);
    free(an.head);
    free(an.next);
    free(an.chained);
    return rc;
}
