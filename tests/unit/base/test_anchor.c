/* anchor_spans: a citation is carried across a corrected text onto its own words, corrected ones
 * onto their correction, and a span whose words are gone is an orphan, never other words. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/anchor.h"

struct fixture {
    struct anchor_text old, new;
    struct anchor_report report;
};

static void carry(struct fixture *f, const char *old, const char *new, struct anchor_span *spans,
                  size_t n)
{
    cr_assert_eq(anchor_text_init(&f->old, old, strlen(old)), 0);
    cr_assert_eq(anchor_text_init(&f->new, new, strlen(new)), 0);
    cr_assert_eq(anchor_spans(&f->old, &f->new, spans, n, &f->report), 0);
}

static void done(struct fixture *f)
{
    anchor_text_cleanup(&f->old);
    anchor_text_cleanup(&f->new);
}

/* The words of t between two code points, as UTF-8 (static buffer). */
static const char *words(const struct anchor_text *t, long long start, long long end)
{
    static char out[1 << 16];
    size_t from = t->byte[start], to = t->byte[end];
    cr_assert_lt(to - from, sizeof out);
    memcpy(out, t->utf8 + from, to - from);
    out[to - from] = '\0';
    return out;
}

/* A span of text at the first occurrence of exact, with its quotes as the store keeps them. */
static struct anchor_span span_at(const struct anchor_text *t, const char *exact)
{
    const char *at = strstr(t->utf8, exact);
    cr_assert_not_null(at, "%s", exact);
    long long start = 0;
    while (t->byte[start] < (size_t)(at - t->utf8))
        start++;
    long long end = start;
    while (t->byte[end] < (size_t)(at - t->utf8) + strlen(exact))
        end++;
    struct anchor_span s = {.start = start, .end = end, .exact = exact};
    return s;
}

Test(anchor, a_note_prepended_moves_every_span_by_its_length)
{
    const char *old = "Last week the ministers met in Tokyo. They signed a memorandum on "
                      "maritime security. 🙂 Talks continue next year.";
    char new[512];
    snprintf(new, sizeof new, "Editor's note: corrected a name.\n%s", old);
    struct fixture f;
    struct anchor_text o;
    anchor_text_init(&o, old, strlen(old));
    struct anchor_span spans[] = {span_at(&o, "the ministers met"),
                                  span_at(&o, "a memorandum on maritime security"),
                                  span_at(&o, "Talks continue")};
    anchor_text_cleanup(&o);
    carry(&f, old, new, spans, 3);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(spans[i].fate, ANCHOR_MAPPED, "span %zu", i);
        cr_assert_eq(spans[i].new_start, spans[i].start + 33);
        cr_assert_str_eq(words(&f.new, spans[i].new_start, spans[i].new_end), spans[i].exact);
    }
    cr_assert(f.report.diffed);
    cr_assert_eq(f.report.edits, 33);
    done(&f);
}

Test(anchor, a_typo_fixed_inside_the_words_records_the_correction)
{
    const char *old = "The delegation arrived in Hanio on Monday and met the deputy minister.";
    const char *new = "The delegation arrived in Hanoi on Monday and met the deputy minister.";
    struct fixture f;
    struct anchor_span s = {.start = 4,
                            .end = 41,
                            .exact = "delegation arrived in Hanio on Monday",
                            .prefix = "The ",
                            .suffix = " and met"};
    carry(&f, old, new, &s, 1);
    cr_assert_eq(s.fate, ANCHOR_CORRECTED);
    cr_assert_str_eq(words(&f.new, s.new_start, s.new_end),
                     "delegation arrived in Hanoi on Monday");
    done(&f);
}

Test(anchor, a_cited_sentence_copied_elsewhere_does_not_capture_the_span)
{
    const char *old = "Intro words here. The two sides agreed to expand training. Closing words.";
    const char *new = "The two sides agreed to expand training. Intro words here. The two sides "
                      "agreed to expand training. Closing words.";
    struct fixture f;
    struct anchor_span s = {.start = 18,
                            .end = 58,
                            .exact = "The two sides agreed to expand training.",
                            .prefix = "Intro words here. ",
                            .suffix = " Closing words."};
    carry(&f, old, new, &s, 1);
    cr_assert_neq(s.fate, ANCHOR_ORPHANED);
    cr_assert_eq(s.new_start, 59, "went to %lld", s.new_start);
    done(&f);
}

Test(anchor, when_the_words_changed_around_it_the_best_context_nearest_wins)
{
    /* The sentence moved to the end; a copy of it with other context stays near the start. */
    const char *old = "Alpha beta. The ships docked at Cam Ranh Bay. Gamma delta epsilon.";
    const char *new = "Alpha beta. Others say the ships docked at Cam Ranh Bay. Zeta. Gamma "
                      "delta. The ships docked at Cam Ranh Bay. Gamma delta epsilon.";
    struct fixture f;
    struct anchor_span s = {.start = 12,
                            .end = 45,
                            .exact = "The ships docked at Cam Ranh Bay",
                            .prefix = "Alpha beta. ",
                            .suffix = ". Gamma delta epsilon."};
    carry(&f, old, new, &s, 1);
    cr_assert_neq(s.fate, ANCHOR_ORPHANED);
    cr_assert_str_eq(words(&f.new, s.new_start, s.new_end), s.exact);
    cr_assert_eq(s.new_start, (long long)(strstr(new, "Gamma delta. The") - new) + 13);
    done(&f);
}

Test(anchor, a_deleted_paragraph_leaves_its_spans_orphaned)
{
    const char *old = "First paragraph stays.\n\nThe frigate visit was postponed indefinitely.\n\n"
                      "Last paragraph stays.";
    const char *new = "First paragraph stays.\n\nLast paragraph stays.";
    struct fixture f;
    struct anchor_span s[] = {
        {.start = 24, .end = 69, .exact = "The frigate visit was postponed indefinitely."},
        {.start = 0, .end = 15, .exact = "First paragraph"},
        {.start = 24,
         .end = 35,
         .exact = "The frigate",
         .prefix = "stays.\n\n",
         .suffix = " visit"},
    };
    carry(&f, old, new, s, 3);
    cr_assert_eq(s[0].fate, ANCHOR_ORPHANED);
    cr_assert_eq(s[1].fate, ANCHOR_MAPPED);
    cr_assert_eq(s[2].fate, ANCHOR_ORPHANED);
    done(&f);
}

Test(anchor, a_short_quote_elsewhere_without_its_context_is_not_taken)
{
    const char *old = "Minister Khanh visited the base. Later the navy chief spoke.";
    const char *new = "Later the navy chief spoke about Khanh.";
    struct fixture f;
    struct anchor_span s = {
        .start = 9, .end = 14, .exact = "Khanh", .prefix = "Minister ", .suffix = " visited"};
    carry(&f, old, new, &s, 1);
    cr_assert_eq(s.fate, ANCHOR_ORPHANED);
    done(&f);
}

Test(anchor, a_rewrite_past_the_bound_is_searched_span_by_span)
{
    /* Scattered edits all over a long text: more than ANCHOR_MAX_EDITS code points differ. */
    size_t n = 200000;
    char *old = malloc(n + 1), *new = malloc(n + 1);
    unsigned seed = 7;
    for (size_t i = 0; i < n; i++)
        old[i] = (char)('a' + (seed = seed * 1103515245 + 12345, (seed >> 16) % 26));
    old[n] = '\0';
    memcpy(new, old, n + 1);
    for (size_t i = 50; i < n; i += 40)
        new[i] = new[i] == 'z' ? 'y' : 'z';
    memcpy(new + 100000, "the words we cite", 17); /* cited, and untouched by the edits */
    memcpy(old + 100000, "the words we cite", 17);
    new[100000 + 10] = ' ', old[100000 + 10] = ' ';
    struct fixture f;
    struct anchor_span s = {.start = 100000, .end = 100017};
    carry(&f, old, new, &s, 1);
    cr_assert_not(f.report.diffed);
    cr_assert_eq(s.fate, ANCHOR_FOUND);
    cr_assert_eq(s.new_start, 100000);
    done(&f);
    free(old);
    free(new);
}

/* ---- The property: after random edits, every span quotes its words or is an orphan. ---- */

static unsigned rnd_state;
static unsigned rnd(unsigned below)
{
    rnd_state = rnd_state * 1664525u + 1013904223u;
    return (rnd_state >> 8) % below;
}

/* Pieces a text is made of: words, astral characters, combining marks, CRLF, a BOM. */
static const char *const pieces[] = {
    "the ",  "ministers ", "met ",       "in ",        "Hà Nội ",   "Tokyo. ",
    "🙂 ", "𝔘𝔫𝔦 ",       "e\xcc\x81 ", "\r\n",       "signed ",   "a ",
    "pact ", "on ",        "maritime ",  "security, ", "“quoted” ", "– ",
    "2024 ", "Đà Nẵng ",   "naval ",     "drills. ",   "\n\n",      "and ",
};

static size_t cps(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Edit distance of two UTF-8 strings' code points (small ones). */
static long long distance(const char *a, const char *b)
{
    struct anchor_text x, y;
    anchor_text_init(&x, a, strlen(a));
    anchor_text_init(&y, b, strlen(b));
    long long *row = malloc((y.n + 1) * sizeof *row);
    for (size_t j = 0; j <= y.n; j++)
        row[j] = (long long)j;
    for (size_t i = 1; i <= x.n; i++) {
        long long diag = row[0];
        row[0] = (long long)i;
        for (size_t j = 1; j <= y.n; j++) {
            long long up = row[j];
            long long best = diag + (x.cp[i - 1] != y.cp[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    long long d = row[y.n];
    free(row);
    anchor_text_cleanup(&x);
    anchor_text_cleanup(&y);
    return d;
}

struct cited {
    long long start, end;
    char *exact, *prefix, *suffix;
    bool orphan;
};

static char *slice(const struct anchor_text *t, long long from, long long to)
{
    return strndup(t->utf8 + t->byte[from], t->byte[to] - t->byte[from]);
}

/* One random edit of text (malloc'd, replaced): an insertion, a deletion, a typo, a duplicated
 * stretch, a removed stretch; anywhere. */
static char *edit(char *text)
{
    size_t len = strlen(text);
    struct anchor_text t;
    anchor_text_init(&t, text, len);
    size_t n = t.n;
    size_t at = rnd((unsigned)n + 1), span = 1 + rnd(n / 8 + 1);
    if (at + span > n)
        span = n - at;
    size_t a = t.byte[at], b = t.byte[at + span];
    char insert[256] = "";
    int kind = rnd(5);
    if (kind == 0 || kind == 2) { /* insert words (2: replace one code point: a typo) */
        for (int i = 0, k = 1 + (int)rnd(4); i < k; i++)
            strcat(insert, kind == 2 ? "x" : pieces[rnd(sizeof pieces / sizeof *pieces)]);
        if (kind == 0)
            b = a;
        else
            b = t.byte[at < n ? at + 1 : at];
    } else if (kind == 3 && b - a < sizeof insert) { /* duplicate a stretch elsewhere */
        memcpy(insert, text + a, b - a);
        insert[b - a] = '\0';
        a = b = t.byte[rnd((unsigned)n + 1)];
    } /* 1, 4: delete [a, b) */
    anchor_text_cleanup(&t);
    size_t ins = strlen(insert);
    char *out = malloc(len - (b - a) + ins + 1);
    memcpy(out, text, a);
    memcpy(out + a, insert, ins);
    memcpy(out + a + ins, text + b, len - b + 1);
    free(text);
    return out;
}

Test(anchor, random_edits_never_leave_a_span_quoting_other_words, .timeout = 120)
{
    size_t fates[4] = {0};
    for (unsigned trial = 0; trial < 300; trial++) {
        rnd_state = trial * 2654435761u + 1;
        char buf[8192] = "\xEF\xBB\xBF";
        for (int i = 0, k = 40 + (int)rnd(200); i < k; i++)
            strcat(buf, pieces[rnd(sizeof pieces / sizeof *pieces)]);
        char *text = strdup(buf);
        struct cited c[12];
        struct anchor_text t;
        anchor_text_init(&t, text, strlen(text));
        size_t nc = 0;
        for (; nc < 12; nc++) {
            long long s = rnd((unsigned)t.n - 1), e = s + 1 + rnd(60);
            e = e > (long long)t.n ? (long long)t.n : e;
            long long p = s > 32 ? s - 32 : 0,
                      x = e + 32 > (long long)t.n ? (long long)t.n : e + 32;
            c[nc] = (struct cited){s, e, slice(&t, s, e), slice(&t, p, s), slice(&t, e, x), false};
        }
        anchor_text_cleanup(&t);
        for (int round = 0; round < 6; round++) {
            char *before = strdup(text);
            text = edit(text);
            struct anchor_span spans[12];
            size_t live = 0;
            size_t map[12];
            for (size_t i = 0; i < nc; i++)
                if (!c[i].orphan) {
                    spans[live] = (struct anchor_span){.start = c[i].start,
                                                       .end = c[i].end,
                                                       .exact = c[i].exact,
                                                       .prefix = c[i].prefix,
                                                       .suffix = c[i].suffix};
                    map[live++] = i;
                }
            struct fixture f;
            carry(&f, before, text, spans, live);
            for (size_t j = 0; j < live; j++) {
                struct cited *ci = &c[map[j]];
                struct anchor_span *s = &spans[j];
                fates[s->fate]++;
                if (s->fate == ANCHOR_ORPHANED) {
                    ci->orphan = true;
                    continue;
                }
                cr_assert(s->new_start >= 0 && s->new_end > s->new_start &&
                          s->new_end <= (long long)f.new.n);
                char *now = slice(&f.new, s->new_start, s->new_end);
                if (s->fate == ANCHOR_CORRECTED) {
                    long long d = distance(ci->exact, now);
                    cr_assert(d > 0 && d <= (long long)cps(ci->exact, strlen(ci->exact)) / 10,
                              "trial %u: '%s' corrected to '%s' (%lld edits)", trial, ci->exact,
                              now, d);
                } else {
                    cr_assert_str_eq(now, ci->exact, "trial %u round %d: span %zu (fate %d)", trial,
                                     round, map[j], s->fate);
                }
                /* The store keeps the new words and context, as it would. */
                long long p = s->new_start > 32 ? s->new_start - 32 : 0;
                long long x =
                    s->new_end + 32 > (long long)f.new.n ? (long long)f.new.n : s->new_end + 32;
                free(ci->exact);
                free(ci->prefix);
                free(ci->suffix);
                ci->exact = now;
                ci->prefix = slice(&f.new, p, s->new_start);
                ci->suffix = slice(&f.new, s->new_end, x);
                ci->start = s->new_start;
                ci->end = s->new_end;
            }
            done(&f);
            free(before);
        }
        for (size_t i = 0; i < nc; i++) {
            free(c[i].exact);
            free(c[i].prefix);
            free(c[i].suffix);
        }
        free(text);
    }
    /* Every way a span can go was taken. */
    cr_assert(fates[ANCHOR_MAPPED] > 1000 && fates[ANCHOR_FOUND] > 0 &&
                  fates[ANCHOR_CORRECTED] > 0 && fates[ANCHOR_ORPHANED] > 0,
              "mapped %zu, found %zu, corrected %zu, orphaned %zu", fates[0], fates[1], fates[2],
              fates[3]);
    cr_log_info("mapped %zu, found %zu, corrected %zu, orphaned %zu", fates[0], fates[1], fates[2],
                fates[3]);
}

Test(anchor, spans_untouched_by_an_edit_stay_on_their_words)
{
    for (unsigned trial = 0; trial < 200; trial++) {
        rnd_state = trial * 40503u + 17;
        char buf[8192] = "";
        for (int i = 0, k = 60 + (int)rnd(100); i < k; i++)
            strcat(buf, pieces[rnd(sizeof pieces / sizeof *pieces)]);
        struct anchor_text t;
        anchor_text_init(&t, buf, strlen(buf));
        long long s = rnd((unsigned)t.n / 2), e = s + 5 + rnd(30);
        char *exact = slice(&t, s, e);
        /* Insert a piece well after the span: its place must not change. */
        size_t at = t.byte[e + 1 + rnd((unsigned)(t.n - (size_t)e - 1))];
        anchor_text_cleanup(&t);
        char next[8400];
        snprintf(next, sizeof next, "%.*s%s%s", (int)at, buf, "inserted words ", buf + at);
        struct fixture f;
        struct anchor_span span = {.start = s, .end = e, .exact = exact};
        carry(&f, buf, next, &span, 1);
        cr_assert_eq(span.fate, ANCHOR_MAPPED, "trial %u", trial);
        cr_assert_eq(span.new_start, s);
        done(&f);
        free(exact);
    }
}
