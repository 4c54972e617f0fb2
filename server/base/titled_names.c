/* People named with their title; see include/jvdr/base/titled_names.h. */
#include "jvdr/base/titled_names.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "jvdr/base/country.h"

/* The nouns a title ends in, and the words that may stand before them in one ("Deputy Defense
 * Minister", "Senior Lieutenant General", "Chief of General Staff"). Abbreviations are written
 * without their stop. */
static const char *const heads[] = {
    "Minister",
    "Ministers",
    "Vice-Minister",
    "President",
    "Vice-President",
    "Premier",
    "General",
    "Gen",
    "Admiral",
    "Adm",
    "Ambassador",
    "Secretary",
    "Secretary-General",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Chief",
    "Commander",
    "Director",
    "Director-General",
    "Colonel",
    "Col",
    "Captain",
    "Governor",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Prince",
    "Envoy",
    "Attache",
    "Senator",
    "Mayor",
    "Spokesperson",
    "Spokesman",
    "Lieutenant",
    "Commissioner",
    NULL,
};
static const char *const modifiers[] = {
    "Prime",          "Deputy",     "Vice",       "Defense",      "Defence",       "Foreign",
    "State",          "Senior",     "Lieutenant", "Lt",           "Major",         "Maj",
    "Rear",           "Brigadier",  "Chief",      "Cabinet",      "Parliamentary", "Permanent",
    "Assistant",      "Under",      "First",      "Executive",    "National",      "Security",
    "Affairs",        "Home",       "Interior",   "Finance",      "Trade",         "Industry",
    "Defense-Policy", "Army",       "Navy",       "Naval",        "Air",           "Force",
    "Forces",         "Maritime",   "Ground",     "Self-Defense", "Self-Defence",  "Staff",
    "General",        "Joint",      "Public",     "Policy",       "International", "Cooperation",
    "Ministry",       "Department", "Communist",  "Party",        "People's",      "Central",
    "Military",       "Commission", "Political",  "Logistics",    "Technology",    "Secretary",
    "Acting",         "Former",     "Grand",      NULL,
};
/* Capitalised words that are not names: months, weekdays, and what starts a clause. */
static const char *const not_names[] = {
    "January",   "February",  "March",   "April",    "May",      "June",   "July",
    "August",    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",   "The",    "And",
    "In",        "On",        "At",      "But",      "He",       "She",    "They",
    "While",     "During",    "After",   "Before",   "Also",     "Both",   NULL,
};

struct word {
    size_t start, end; /* the word, without a closing stop or possessive */
    size_t after;      /* past the stop or possessive, if any */
    bool capital, stop, possessive;
};

static bool in_list(const char *const *list, const char *text, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncmp(*list, text, n) == 0)
            return true;
    return false;
}

/* The code point at text[i], its length in *n; U+FFFD for a broken sequence. */
static int32_t code_point(const char *text, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k =
        utf8proc_iterate((const uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &c);
    if (k <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (size_t)k;
    return c;
}

static bool letter(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* The word at text[i] (letters, with '-' or an apostrophe between letters), if a letter is there.
 */
static bool word_at(const char *text, size_t len, size_t i, struct word *w)
{
    size_t n;
    int32_t c = code_point(text, len, i, &n);
    if (i >= len || !letter(c))
        return false;
    w->start = i;
    w->capital = utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
    w->stop = w->possessive = false;
    while (i < len) {
        c = code_point(text, len, i, &n);
        if (letter(c)) {
            i += n;
            continue;
        }
        size_t m;
        bool apostrophe = c == '\'' || c == 0x2019;
        if ((c == '-' || apostrophe) && i + n < len) {
            int32_t next = code_point(text, len, i + n, &m);
            /* "Japan's": the possessive ends the word. */
            if (apostrophe && next == 's' &&
                (i + n + 1 >= len || !letter(code_point(text, len, i + n + 1, &m)))) {
                w->end = i;
                w->after = i + n + 1;
                w->possessive = true;
                return true;
            }
            if (letter(next)) {
                i += n;
                continue;
            }
        }
        break;
    }
    w->end = w->after = i;
    if (i < len && text[i] == '.') {
        w->stop = true;
        w->after = i + 1;
    }
    return true;
}

/* Past the white space at text[i] (a single line break at most: a blank line ends a phrase). */
static size_t skip_blank(const char *text, size_t len, size_t i, bool *any)
{
    size_t from = i;
    int breaks = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
        breaks += text[i] == '\n';
        i++;
    }
    *any = i > from && breaks < 2;
    return i;
}

/* The next word after w, when only blanks stand between (and w is not cut off by a stop,
 * possessive or punctuation). */
static bool next_word(const char *text, size_t len, const struct word *w, struct word *next)
{
    if (w->possessive ||
        (w->stop && w->end - w->start > 1 && !in_list(heads, text + w->start, w->end - w->start) &&
         !in_list(modifiers, text + w->start, w->end - w->start)))
        return false;
    bool blank;
    size_t i = skip_blank(text, len, w->after, &blank);
    return blank && word_at(text, len, i, next);
}

static bool is(const char *const *list, const char *text, const struct word *w)
{
    return w->capital && in_list(list, text + w->start, w->end - w->start);
}

/* A country's name ending where its possessive does ("Japan's"). */
static const char *possessive_country(const char *text, const struct word *w)
{
    if (!w->possessive)
        return NULL;
    for (const struct country_name *c = country_names; c->code; c++) {
        size_t n = strlen(c->name);
        if (n <= w->end && memcmp(text + w->end - n, c->name, n) == 0)
            return c->code;
    }
    return NULL;
}

/* The words just before the title at title_start: a country and "visiting". */
static void before_title(const char *text, size_t from, size_t title_start, struct titled_name *out)
{
    size_t i = title_start;
    out->start = title_start;
    for (int words = 0; words < 2 && i > from; words++) {
        size_t end = i;
        while (end > from && (text[end - 1] == ' ' || text[end - 1] == '\n'))
            end--;
        size_t start = end;
        while (start > from && text[start - 1] != ' ' && text[start - 1] != '\n' &&
               text[start - 1] != '(' && text[start - 1] != '"')
            start--;
        if (start == end)
            return;
        struct word w;
        if (!word_at(text, end, start, &w) || w.after != end)
            return;
        const char *country = demonym_country(text + w.start, w.end - w.start);
        if (!country)
            country = possessive_country(text, &w);
        if (country && !out->country)
            out->country = country;
        else if (w.end - w.start == 8 && strncasecmp(text + w.start, "visiting", 8) == 0)
            out->visiting = true;
        else
            return;
        out->start = start;
        i = start;
    }
}

/* A title beginning at the word w: its words, ending with a head noun; the name after it. */
static bool title_at(const char *text, size_t len, struct word w, struct titled_name *out)
{
    struct word last_head = {0}, cur = w, next;
    bool have_head = false, after_of = false;
    for (int words = 0; words < 10; words++) {
        if (is(heads, text, &cur)) {
            last_head = cur;
            have_head = true;
        } else if (!is(modifiers, text, &cur) && !(after_of && cur.capital)) {
            break;
        }
        if (!next_word(text, len, &cur, &next))
            break;
        /* "Minister of National Defense", "Chief of the General Staff" */
        const char *t = text + next.start;
        size_t n = next.end - next.start;
        if (!next.capital &&
            ((n == 2 && strncmp(t, "of", 2) == 0) || (n == 3 && strncmp(t, "for", 3) == 0))) {
            struct word after;
            if (!next_word(text, len, &next, &after))
                break;
            if (!after.capital && after.end - after.start == 3 &&
                strncmp(text + after.start, "the", 3) == 0 && !next_word(text, len, &after, &after))
                break;
            if (!is(modifiers, text, &after))
                break;
            after_of = true;
            cur = after;
            continue;
        }
        cur = next;
    }
    if (!have_head || last_head.possessive)
        return false;
    /* The name: two to four capitalised words right after the head noun. */
    struct word name[4], nw;
    size_t count = 0;
    if (!next_word(text, len, &last_head, &nw))
        return false;
    while (count < 4 && nw.capital && !is(heads, text, &nw) && !is(not_names, text, &nw) &&
           !demonym_country(text + nw.start, nw.end - nw.start)) {
        name[count++] = nw;
        if (nw.possessive || !next_word(text, len, &nw, &nw))
            break;
    }
    if (count < 2)
        return false;
    out->title_start = w.start;
    out->title_end = last_head.stop ? last_head.after : last_head.end;
    out->name_start = name[0].start;
    out->name_end = name[count - 1].end;
    out->end = out->name_end;
    return true;
}

bool titled_name_next(const char *text, size_t len, size_t from, struct titled_name *out)
{
    size_t i = from;
    while (i < len) {
        struct word w;
        if (!word_at(text, len, i, &w)) {
            size_t n;
            code_point(text, len, i, &n);
            i += n;
            continue;
        }
        memset(out, 0, sizeof *out);
        if ((is(heads, text, &w) || is(modifiers, text, &w)) && title_at(text, len, w, out)) {
            before_title(text, from, w.start, out);
            return true;
        }
        i = w.after > w.end ? w.after : w.end;
    }
    return false;
}
