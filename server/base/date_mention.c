/* Dates in English text; see include/jvdr/base/date_mention.h. The text is read as a stream of
 * tokens (words, numbers, dashes, commas); at each token the patterns below are tried in turn on
 * a window of the next few, the first that matches wins. */
#include "jvdr/base/date_mention.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/date.h"

enum tok_kind { T_WORD, T_NUMBER, T_DASH, T_COMMA, T_OTHER };

struct tok {
    enum tok_kind kind;
    size_t start, end; /* bytes */
    long value;        /* a number's */
};

#define WINDOW 12

/* The token at or after *pos; false at the end. A number keeps an ordinal's suffix ("12th"); an
 * en or em dash is a dash; any other byte outside ASCII separates. */
static bool next_tok(const char *text, size_t len, size_t *pos, struct tok *t)
{
    size_t i = *pos;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (isalnum(c) || c == '-' || c == ',')
            break;
        if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x93 || (unsigned char)text[i + 2] == 0x94))
            break;
        if (ispunct(c) && c != '\'' && c != '"') { /* ends a pattern: ". ; ( )" */
            t->kind = T_OTHER;
            t->start = i;
            t->end = *pos = i + 1;
            return true;
        }
        i++;
    }
    if (i >= len)
        return false;
    unsigned char c = (unsigned char)text[i];
    t->start = i;
    t->value = 0;
    if (isdigit(c)) {
        t->kind = T_NUMBER;
        while (i < len && isdigit((unsigned char)text[i]) && t->value < 100000)
            t->value = t->value * 10 + (text[i++] - '0');
        while (i < len && isdigit((unsigned char)text[i]))
            i++;
        static const char *const ordinals[] = {"st", "nd", "rd", "th"};
        for (size_t k = 0; k < 4; k++)
            if (i + 2 <= len && strncasecmp(text + i, ordinals[k], 2) == 0 &&
                (i + 2 == len || !isalpha((unsigned char)text[i + 2])))
                i += 2;
    } else if (isalpha(c)) {
        t->kind = T_WORD;
        while (i < len && isalpha((unsigned char)text[i]))
            i++;
    } else if (c == '-' || c == 0xE2) {
        t->kind = T_DASH;
        i += c == '-' ? 1 : 3;
    } else {
        t->kind = T_COMMA;
        i++;
    }
    t->end = *pos = i;
    return true;
}

/* What the patterns read: the window of tokens from the one tried, and the document's date. */
struct reading {
    const char *text;
    struct tok t[WINDOW];
    int n;
    int y0, m0, d0;         /* the document's date; month and day 1 where it has none */
    enum date_precision p0; /* and its precision */
    const char *doc_date;
    enum date_tense tense;
    struct date_mention *out;
};

static bool is_word(const struct reading *r, int i, const char *word)
{
    const struct tok *t = &r->t[i];
    return i < r->n && t->kind == T_WORD && t->end - t->start == strlen(word) &&
           strncasecmp(r->text + t->start, word, t->end - t->start) == 0;
}

static bool is_any(const struct reading *r, int i, const char *const *words)
{
    for (; *words; words++)
        if (is_word(r, i, *words))
            return true;
    return false;
}

static bool capitalised(const struct reading *r, int i)
{
    return i < r->n && r->t[i].kind == T_WORD && isupper((unsigned char)r->text[r->t[i].start]);
}

/* The month a capitalised name or abbreviation names (1-12), or 0. */
static int month_at(const struct reading *r, int i)
{
    if (!capitalised(r, i))
        return 0;
    return date_month_named(r->text + r->t[i].start, r->t[i].end - r->t[i].start, true);
}

/* The weekday a capitalised name names (0 Monday ... 6 Sunday), or -1. */
static int weekday_at(const struct reading *r, int i)
{
    static const char *const names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    for (int w = 0; w < 7 && capitalised(r, i); w++)
        if (is_word(r, i, names[w]))
            return w;
    return -1;
}

static int day_at(const struct reading *r, int i)
{
    return i < r->n && r->t[i].kind == T_NUMBER && r->t[i].value >= 1 && r->t[i].value <= 31
               ? (int)r->t[i].value
               : 0;
}

/* A year of four digits (1900-2100), not followed by more of a number. */
static int year_at(const struct reading *r, int i)
{
    return i < r->n && r->t[i].kind == T_NUMBER && r->t[i].end - r->t[i].start == 4 &&
                   r->t[i].value >= 1900 && r->t[i].value <= 2100
               ? (int)r->t[i].value
               : 0;
}

/* A small count in digits or words ("a", "two", "12"), or 0. */
static int count_at(const struct reading *r, int i)
{
    static const char *const words[] = {"one",   "two",   "three", "four", "five",   "six",
                                        "seven", "eight", "nine",  "ten",  "eleven", "twelve"};
    if (i < r->n && r->t[i].kind == T_NUMBER && r->t[i].value >= 1 && r->t[i].value <= 99)
        return (int)r->t[i].value;
    if (is_word(r, i, "a") || is_word(r, i, "an"))
        return 1;
    for (int k = 0; k < 12; k++)
        if (is_word(r, i, words[k]))
            return k + 1;
    return 0;
}

/* "last", "this" or "next" at i: -1, 0, +1; else 2. */
static int relative_at(const struct reading *r, int i)
{
    return is_word(r, i, "last") || is_word(r, i, "past")     ? -1
           : is_word(r, i, "this")                            ? 0
           : is_word(r, i, "next") || is_word(r, i, "coming") ? 1
                                                              : 2;
}

static bool valid_day(int y, int m, int d)
{
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

/* The words from token first to token last, quoted, for a note. */
static void put_words(const struct reading *r, int first, int last, char *out, size_t size)
{
    size_t a = r->t[first].start, b = r->t[last].end;
    snprintf(out, size, "\"%.*s\"", (int)(b - a > 60 ? 60 : b - a), r->text + a);
}

static void note(const struct reading *r, int first, int last, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void note(const struct reading *r, int first, int last, const char *format, ...)
{
    char words[64], why[128];
    put_words(r, first, last, words, sizeof words);
    va_list ap;
    va_start(ap, format);
    vsnprintf(why, sizeof why, format, ap);
    va_end(ap);
    snprintf(r->out->note, sizeof r->out->note, "%.63s, against the document's date %.10s: %.127s",
             words, r->doc_date, why);
}

/* Writes an ISO date of precision p into out; "" (no date, refused below) for a year outside
 * 1-9999, which a document near either end of the calendar can give ("next year" in 9999). */
static void put_iso(char out[11], enum date_precision p, int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
        out[0] = '\0';
        return;
    }
    unsigned yy = (unsigned)y, mm = (unsigned)m, dd = (unsigned)d;
    if (p == DATE_YEAR)
        snprintf(out, 11, "%04u", yy);
    else if (p == DATE_MONTH)
        snprintf(out, 11, "%04u-%02u", yy, mm);
    else
        snprintf(out, 11, "%04u-%02u-%02u", yy, mm, dd);
}

static void set_date(struct reading *r, enum date_precision p, int y, int m, int d)
{
    put_iso(r->out->date, p, y, m, d);
}

static void set_days(struct reading *r, long days)
{
    int y, m, d;
    date_from_days(days, &y, &m, &d);
    set_date(r, DATE_DAY, y, m, d);
}

/* The matched tokens first..last are the mention's words. */
static int matched(struct reading *r, int first, int last)
{
    r->out->start = r->t[first].start;
    r->out->end = r->t[last].end;
    return last + 1;
}

/* The document's date as a day count (its first day where it has no day). */
static long doc_days(const struct reading *r)
{
    return date_to_days(r->y0, r->m0, r->d0);
}

/* The year a month (and day, 0 for none) without one falls in, by the tense. */
static int year_for(const struct reading *r, int m, int d)
{
    if (r->p0 == DATE_YEAR)
        return r->y0;
    bool by_day = d && r->p0 == DATE_DAY;
    int key = m * 32 + (by_day ? d : 0), doc = r->m0 * 32 + (by_day ? r->d0 : 0);
    if (r->tense == DATE_PAST)
        return key <= doc ? r->y0 : r->y0 - 1;
    if (r->tense == DATE_FUTURE)
        return key >= doc ? r->y0 : r->y0 + 1;
    /* Nearest: of the year before, this one and the next, the closest to the document's date. */
    long target = doc_days(r) + (r->p0 == DATE_MONTH ? 14 : 0);
    int best = r->y0;
    long best_gap = -1;
    for (int y = r->y0 - 1; y <= r->y0 + 1; y++) {
        int day = d ? d : 15;
        if (day > date_days_in_month(y, m))
            day = 1; /* February 29 in a common year: the month is what counts */
        if (!valid_day(y, m, day))
            continue;
        long gap = labs(date_to_days(y, m, day) - target);
        if (best_gap < 0 || gap < best_gap) {
            best = y;
            best_gap = gap;
        }
    }
    return best;
}

/* Words that name a day only relative to the document's date need a document dated to the day:
 * otherwise the document's own date, and a note that says so. True when it was so. */
static bool no_finer_than_document(struct reading *r, int first, int last)
{
    if (r->p0 == DATE_DAY)
        return false;
    set_date(r, r->p0, r->y0, r->m0, r->d0);
    note(r, first, last, "the document is dated no finer than %s, so neither is this", r->doc_date);
    return true;
}

/* "early", "mid", "late" and their longer forms at i: the qualifier, and the tokens it takes. */
static const char *qualifier_at(const struct reading *r, int i, int *used)
{
    *used = 1;
    if (is_word(r, i, "early"))
        return "early";
    if (is_word(r, i, "late"))
        return "late";
    if (is_word(r, i, "mid") && i + 1 < r->n && r->t[i + 1].kind == T_DASH) {
        *used = 2;
        return "mid";
    }
    if (is_word(r, i, "mid"))
        return "mid";
    int the = is_word(r, i, "the") ? 1 : 0;
    *used = the + 2;
    if (!is_word(r, i + the + 1, "of"))
        return NULL;
    if (is_word(r, i + the, "beginning") || is_word(r, i + the, "start"))
        return "early";
    if (is_word(r, i + the, "middle"))
        return "mid";
    if (is_word(r, i + the, "end"))
        return "late";
    return NULL;
}

/* A year named by "last year", "this year", "next year" at i; 0 when not. */
static int relative_year_at(const struct reading *r, int i)
{
    int rel = relative_at(r, i);
    return rel != 2 && is_word(r, i + 1, "year") ? r->y0 + rel : 0;
}

/* MONTH [,] YEAR | MONTH last/this/next year | MONTH alone (when allowed): the month and its
 * year at i; returns the tokens used, 0 for none. *explicit_year says the words named the year. */
static int month_and_year(struct reading *r, int i, bool bare, int *m, int *y, bool *explicit_year)
{
    *m = month_at(r, i);
    if (!*m)
        return 0;
    int comma = i + 1 < r->n && r->t[i + 1].kind == T_COMMA ? 1 : 0;
    if ((*y = year_at(r, i + 1 + comma))) {
        *explicit_year = true;
        return 2 + comma;
    }
    if ((*y = relative_year_at(r, i + 1))) {
        *explicit_year = true;
        return 3;
    }
    *explicit_year = false;
    if (!bare)
        return 0;
    *y = year_for(r, *m, 0);
    return 1;
}

/* How a year the words leave out was chosen, by the tense. */
static void year_note(struct reading *r, int first, int last, int y)
{
    note(r, first, last, "the year %d, the %s", y,
         r->tense == DATE_PAST     ? "latest on or before it"
         : r->tense == DATE_FUTURE ? "first on or after it"
                                   : "nearest to it");
}

/* Joins a span's first day to its last: a dash, "to", "through", "until"; "and" only between
 * consecutive days ("March 3 and 4"; "March 3 and 10" are two dates). */
static bool span_join_at(const struct reading *r, int i)
{
    static const char *const joins[] = {"to", "through", "until", NULL};
    return i < r->n && (r->t[i].kind == T_DASH || is_any(r, i, joins));
}

/* Sets the span's end (a later day than the start, in the start's year or the next one). */
static bool set_end(struct reading *r, int y, int m, int d, int em, int ed)
{
    int ey = em < m ? y + 1 : y;
    if (!valid_day(ey, em, ed) || date_to_days(ey, em, ed) <= date_to_days(y, m, d))
        return false;
    put_iso(r->out->end_date, DATE_DAY, ey, em, ed);
    return true;
}

/* The day's year: named after the day ([,] YEAR, or last/this/next year), else by the tense. */
static int day_year(struct reading *r, int *at, int m, int d, bool *named)
{
    int comma = *at < r->n && r->t[*at].kind == T_COMMA ? 1 : 0;
    int y = year_at(r, *at + comma);
    if (y) {
        *at += comma + 1;
        *named = true;
        return y;
    }
    if ((y = relative_year_at(r, *at))) {
        *at += 2;
        *named = true;
        return y;
    }
    *named = false;
    return year_for(r, m, d);
}

/* A day that is not a year: 1-31 in one or two digits. */
static int plain_day_at(const struct reading *r, int i)
{
    return year_at(r, i) ? 0 : day_at(r, i);
}

/* MONTH DAY [(- | to | through | until) [MONTH] DAY | and DAY+1] [year];
 * DAY MONTH [(- | to) DAY MONTH] [year]; DAY (- | to | and) DAY MONTH [year]. */
static int day_pattern(struct reading *r)
{
    int m, d, em = 0, ed = 0, at;
    if ((m = month_at(r, 0)) && (d = plain_day_at(r, 1))) {
        at = 2;
        int m2 = month_at(r, 3);
        if (span_join_at(r, 2) && (ed = plain_day_at(r, 3 + (m2 ? 1 : 0)))) {
            em = m2 ? m2 : m;
            at = 4 + (m2 ? 1 : 0);
        } else if (is_word(r, 2, "and") && plain_day_at(r, 3) == d + 1) {
            em = m;
            ed = d + 1;
            at = 4;
        } else {
            ed = 0;
        }
    } else if ((d = plain_day_at(r, 0))) {
        if ((span_join_at(r, 1) || is_word(r, 1, "and")) && (ed = plain_day_at(r, 2)) &&
            (m = month_at(r, 3))) {
            if (is_word(r, 1, "and") && ed != d + 1)
                return 0;
            em = m;
            at = 4;
        } else if ((m = month_at(r, 1)) || (is_word(r, 1, "of") && (m = month_at(r, 2)))) {
            at = month_at(r, 1) ? 2 : 3; /* "12 April", "the 12th of April" */
            if (at == 2 && span_join_at(r, 2) && (ed = plain_day_at(r, 3)) && (em = month_at(r, 4)))
                at = 5;
            else
                ed = em = 0;
        } else {
            return 0;
        }
    } else {
        return 0;
    }
    bool named;
    int y = day_year(r, &at, m, d, &named);
    if (!valid_day(y, m, d))
        return 0;
    set_date(r, DATE_DAY, y, m, d);
    if (ed && !set_end(r, y, m, d, em, ed))
        return 0;
    if (!named)
        year_note(r, 0, at - 1, y);
    return matched(r, 0, at - 1);
}

/* [qualifier] MONTH [year], MONTH YEAR, a preposition or last/this/next before MONTH, and a
 * qualified year: "in late November", "mid-2019", "the end of March", "last November". */
static int month_pattern(struct reading *r)
{
    static const char *const asks_month[] = {"in",         "since",   "by",     "during", "until",
                                             "of",         "from",    "before", "after",  "into",
                                             "throughout", "through", "around", "the",    NULL};
    int used = 0, m, y;
    bool named;
    const char *q = qualifier_at(r, 0, &used);
    int rel = relative_at(r, 0);
    if (q) {
        if ((y = year_at(r, used))) { /* "late 2019" */
            set_date(r, DATE_YEAR, y, 1, 1);
            r->out->qualifier = q;
            return matched(r, 0, used);
        }
        if (is_word(r, used, "the") &&
            (is_word(r, used + 1, "year") ||
             is_word(r, used + 1, "month"))) { /* "the end of the year" */
            bool year = is_word(r, used + 1, "year");
            set_date(r,
                     year                 ? DATE_YEAR
                     : r->p0 == DATE_YEAR ? DATE_YEAR
                                          : DATE_MONTH,
                     r->y0, r->m0, 1);
            r->out->qualifier = q;
            note(r, 0, used + 1, "the document's %s", year ? "year" : "month");
            return matched(r, 0, used + 1);
        }
        if ((y = relative_year_at(r, used))) { /* "early this year" */
            set_date(r, DATE_YEAR, y, 1, 1);
            r->out->qualifier = q;
            note(r, 0, used + 1, "the year %d", y);
            return matched(r, 0, used + 1);
        }
        int n = month_and_year(r, used, true, &m, &y, &named);
        if (!n)
            return 0;
        set_date(r, DATE_MONTH, y, m, 1);
        r->out->qualifier = q;
        if (!named)
            year_note(r, 0, used + n - 1, y);
        return matched(r, 0, used + n - 1);
    }
    if (rel != 2 && (m = month_at(r, 1))) { /* "last November" */
        int doc = r->p0 == DATE_YEAR ? 0 : r->m0;
        y = rel < 0   ? (m < doc ? r->y0 : r->y0 - 1)
            : rel > 0 ? (m > doc ? r->y0 : r->y0 + 1)
                      : r->y0;
        set_date(r, DATE_MONTH, y, m, 1);
        note(r, 0, 1, "the %s such month: %04d-%02d",
             rel < 0   ? "last"
             : rel > 0 ? "next"
                       : "same",
             y, m);
        return matched(r, 0, 1);
    }
    int n = month_and_year(r, 0, false, &m, &y, &named);
    if (n) { /* "September 2021", "November last year" */
        set_date(r, DATE_MONTH, y, m, 1);
        if (relative_year_at(r, n - 2))
            note(r, 0, n - 1, "the year %d", y);
        return matched(r, 0, n - 1);
    }
    /* (A day after the month makes it a day: "from April 7", read from "April".) */
    if (is_any(r, 0, asks_month) && !plain_day_at(r, 2) &&
        month_and_year(r, 1, true, &m, &y, &named) == 1) {
        set_date(r, DATE_MONTH, y, m, 1);
        year_note(r, 1, 1, y);
        return matched(r, 1, 1);
    }
    if (is_any(r, 0, asks_month) && (y = year_at(r, 1))) { /* "in 2019" */
        set_date(r, DATE_YEAR, y, 1, 1);
        return matched(r, 1, 1);
    }
    return 0;
}

/* today, tonight, yesterday, tomorrow; [on|last|this|next] WEEKDAY. */
static int day_word_pattern(struct reading *r)
{
    static const char *const today[] = {"today", "tonight", NULL};
    int shift = is_any(r, 0, today)          ? 0
                : is_word(r, 0, "yesterday") ? -1
                : is_word(r, 0, "tomorrow")  ? 1
                                             : 9;
    if (shift != 9) {
        if (!no_finer_than_document(r, 0, 0)) {
            set_days(r, doc_days(r) + shift);
            if (shift)
                note(r, 0, 0, "%s the document's date",
                     shift < 0 ? "the day before" : "the day after");
        }
        return matched(r, 0, 0);
    }
    int rel = relative_at(r, 0), first = rel != 2 || is_word(r, 0, "on") ? 1 : 0;
    int w = weekday_at(r, first);
    if (w < 0)
        return 0;
    if (no_finer_than_document(r, 0, first))
        return matched(r, 0, first);
    long doc = doc_days(r);
    int today_w = date_weekday(doc);
    int back = (today_w - w + 7) % 7, ahead = (w - today_w + 7) % 7;
    bool future = rel == 1 || (rel == 2 && r->tense == DATE_FUTURE);
    bool past = rel == -1 || (rel == 2 && r->tense == DATE_PAST);
    long day;
    if (future)
        day = doc + (ahead ? ahead : 7);
    else if (past)
        day = doc - (rel == -1 && back == 0 ? 7 : back);
    else /* nearest; a tie goes to the past */
        day = back <= ahead ? doc - back : doc + ahead;
    set_days(r, day);
    note(r, 0, first, "the %s such weekday", future ? "next" : past ? "last" : "nearest");
    return matched(r, 0, first);
}

/* last/this/next week, month, year, weekend; earlier/later this ...; over/at the weekend. */
static int period_pattern(struct reading *r)
{
    int rel = relative_at(r, 0), unit_at = 1;
    if ((is_word(r, 0, "earlier") || is_word(r, 0, "later")) && is_word(r, 1, "this")) {
        rel = 0;
        unit_at = 2;
    } else if ((is_word(r, 0, "over") || is_word(r, 0, "at") || is_word(r, 0, "during")) &&
               is_word(r, 1, "the") && is_word(r, 2, "weekend")) {
        rel = r->tense == DATE_FUTURE ? 1 : -1;
        unit_at = 2;
    } else if (rel == 2) {
        return 0;
    }
    long doc = doc_days(r);
    if (is_word(r, unit_at, "year")) {
        set_date(r, DATE_YEAR, r->y0 + rel, 1, 1);
        if (rel)
            note(r, 0, unit_at, "the year %d", r->y0 + rel);
        return matched(r, 0, unit_at);
    }
    if (is_word(r, unit_at, "month")) {
        if (r->p0 == DATE_YEAR && rel) {
            no_finer_than_document(r, 0, unit_at);
            return matched(r, 0, unit_at);
        }
        int y = r->y0, m = r->m0 + rel;
        y += m < 1 ? -1 : m > 12 ? 1 : 0;
        m = m < 1 ? 12 : m > 12 ? 1 : m;
        set_date(r, DATE_MONTH, y, m, 1);
        if (rel)
            note(r, 0, unit_at, "the month %04d-%02d", y, m);
        return matched(r, 0, unit_at);
    }
    if (is_word(r, unit_at, "week")) {
        if (no_finer_than_document(r, 0, unit_at))
            return matched(r, 0, unit_at);
        long monday = doc - date_weekday(doc) + 7L * rel;
        int y, m, d, ey, em, ed;
        date_from_days(monday, &y, &m, &d);
        date_from_days(monday + 6, &ey, &em, &ed);
        /* A week is no date of ours: its month, the month of its Thursday when it has two. */
        int ty, tm, td;
        date_from_days(monday + 3, &ty, &tm, &td);
        set_date(r, DATE_MONTH, ty, tm, 1);
        note(r, 0, unit_at, "the week of %04d-%02d-%02d to %04d-%02d-%02d, given as its month", y,
             m, d, ey, em, ed);
        return matched(r, 0, unit_at);
    }
    if (is_word(r, unit_at, "weekend")) {
        if (no_finer_than_document(r, 0, unit_at))
            return matched(r, 0, unit_at);
        int w = date_weekday(doc); /* Saturday is 5 */
        /* Over the weekend: the one under way or just past; last weekend: one wholly past. */
        long saturday = rel > 0    ? doc + (5 - w + 7) % 7 + (w == 5 ? 7 : 0)
                        : rel == 0 ? doc - w + 5
                                   : doc - (w >= 5 ? w - 5 : w + 2);
        if (rel < 0 && unit_at == 1 && w >= 5)
            saturday -= 7;
        set_days(r, saturday);
        int y, m, d;
        date_from_days(saturday + 1, &y, &m, &d);
        put_iso(r->out->end_date, DATE_DAY, y, m, d);
        note(r, 0, unit_at, "the %s weekend", rel > 0 ? "next" : rel == 0 ? "same" : "last");
        return matched(r, 0, unit_at);
    }
    return 0;
}

/* N days, weeks, months or years ago. */
static int ago_pattern(struct reading *r)
{
    int n = count_at(r, 0);
    if (!n || !is_word(r, 2, "ago"))
        return 0;
    long doc = doc_days(r);
    int y, m, d;
    if (is_word(r, 1, "day") || is_word(r, 1, "days")) {
        if (!no_finer_than_document(r, 0, 2)) {
            set_days(r, doc - n);
            note(r, 0, 2, "%d days before", n);
        }
    } else if (is_word(r, 1, "week") || is_word(r, 1, "weeks")) {
        if (!no_finer_than_document(r, 0, 2)) {
            date_from_days(doc - 7L * n, &y, &m, &d);
            set_date(r, DATE_MONTH, y, m, 1);
            note(r, 0, 2, "%d weeks before, given as its month", n);
        }
    } else if (is_word(r, 1, "month") || is_word(r, 1, "months")) {
        if (r->p0 == DATE_YEAR) {
            no_finer_than_document(r, 0, 2);
        } else {
            int total = r->y0 * 12 + (r->m0 - 1) - n;
            set_date(r, DATE_MONTH, total / 12, total % 12 + 1, 1);
            note(r, 0, 2, "%d months before", n);
        }
    } else if (is_word(r, 1, "year") || is_word(r, 1, "years")) {
        set_date(r, DATE_YEAR, r->y0 - n, 1, 1);
        note(r, 0, 2, "%d years before", n);
    } else {
        return 0;
    }
    return matched(r, 0, 2);
}

bool date_mention_next(const char *text, size_t len, size_t from, const char *doc_date,
                       enum date_tense tense, struct date_mention *out)
{
    struct reading r = {.text = text, .doc_date = doc_date, .tense = tense, .out = out};
    r.p0 = date_split(doc_date, &r.y0, &r.m0, &r.d0);
    if (r.p0 == DATE_INVALID)
        return false;
    size_t pos = from;
    struct tok first;
    while (next_tok(text, len, &pos, &first)) {
        /* The window: this token and the next ones. */
        r.t[0] = first;
        r.n = 1;
        size_t ahead = pos;
        while (r.n < WINDOW && next_tok(text, len, &ahead, &r.t[r.n])) {
            /* The full stop of a month's abbreviation ("Sept. 3") is no end. */
            bool abbreviation_stop = r.t[r.n].kind == T_OTHER && text[r.t[r.n].start] == '.' &&
                                     r.t[r.n].start == r.t[r.n - 1].end &&
                                     r.t[r.n - 1].end - r.t[r.n - 1].start <= 4 &&
                                     month_at(&r, r.n - 1);
            r.n += abbreviation_stop ? 0 : 1;
        }
        memset(out, 0, sizeof *out);
        if ((day_pattern(&r) || month_pattern(&r) || day_word_pattern(&r) || period_pattern(&r) ||
             ago_pattern(&r)) &&
            date_parse(out->date) != DATE_INVALID)
            return true; /* (a date past the calendar's ends is none) */
    }
    return false;
}
