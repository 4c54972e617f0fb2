/* What the words around an event's cue say; see include/jvdr/read/reading_words.h. */
#include "jvdr/read/reading_words.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/date.h"
#include "jvdr/base/sentences.h"
#include "jvdr/base/titled_names.h"

/* Whether the words stand in text[start, end) as whole words, case ignored. */
bool words_has(const char *text, size_t start, size_t end, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = start; i + n <= end; i++)
        if (strncasecmp(text + i, word, n) == 0 &&
            (i == start || !isalpha((unsigned char)text[i - 1])) &&
            (i + n == end || !isalpha((unsigned char)text[i + n])))
            return true;
    return false;
}

/* "the Trump administration", "the Abe government": a name that stands for a government, not
 * a person present. */
bool words_name_a_government(const struct sentence_view *s, size_t end)
{
    static const char *const words[] = {" administration", " government", " cabinet", " era",
                                        " doctrine",       NULL};
    if (end + 2 < s->end && (strncmp(s->text + end, "'s", 2) == 0))
        end += 2;
    for (const char *const *w = words; *w; w++)
        if (strncmp(s->text + end, *w, strlen(*w)) == 0)
            return true;
    return false;
}

/* Whether the word "since" stands in the few words before a date: "since assuming the post last
 * year" dates the start of something else. */
bool words_after_since(const char *text, size_t from, size_t at)
{
    size_t words = 0;
    for (size_t i = at; i > from && words < 5; i--) {
        words += text[i - 1] == ' ';
        if (i - from >= 5 && strncasecmp(text + i - 5, "since", 5) == 0 &&
            (i - 5 == from || text[i - 6] == ' '))
            return true;
    }
    return false;
}

/* Whether the date, as a day range, ends before the document's begins: what it dates is past. */
bool words_before_document(const char *date, const char *end_date, const char *doc_date)
{
    const char *last = end_date[0] ? end_date : date;
    size_t n = strlen(last), m = strlen(doc_date);
    return strncmp(last, doc_date, n < m ? n : m) < 0;
}

/* Whether a place is named as where something happens ("in Hanoi", "at Cam Ranh", "visited
 * Tokyo"), not as its government ("pressured Hanoi", "Tokyo's agreements"). */
bool words_locative(const char *text, size_t from, size_t at)
{
    static const char *const words[] = {"in", "at",      "near",  "off",    "from",
                                        "to", "visited", "visit", "visits", NULL};
    size_t end = at;
    while (end > from && text[end - 1] == ' ')
        end--;
    size_t start = end;
    while (start > from && isalpha((unsigned char)text[start - 1]))
        start--;
    for (const char *const *w = words; *w; w++)
        if (strlen(*w) == end - start && strncasecmp(text + start, *w, end - start) == 0)
            return true;
    return false;
}

/* "visiting" before a name or title is who came, not a visit of its own. */
bool words_adjective_use(const char *text, size_t len, const struct event_cue *cue)
{
    if (cue->end - cue->start != 8 || strncasecmp(text + cue->start, "visiting", 8) != 0)
        return false;
    size_t i = cue->end;
    while (i < len && text[i] == ' ')
        i++;
    return i < len && isupper((unsigned char)text[i]);
}

/* The words just before a cue that point back to an event already told of: "the visit", "his
 * trip", "Kishi's visit". *possessor is set to where a possessor's name ends ("Kishi's"). */
bool words_anaphoric(const struct sentence_view *s, const struct event_cue *cue, size_t *possessor,
                     bool *subject)
{
    static const char *const determiners[] = {"the", "this",  "that", "his",
                                              "her", "their", "its",  NULL};
    *possessor = 0;
    size_t end = cue->start;
    /* Up to three words may stand between: "the November meeting", "his first overseas visit". */
    for (int words = 0; words < 4 && end > s->start; words++) {
        while (end > s->start && s->text[end - 1] == ' ')
            end--;
        size_t start = end;
        while (start > s->start && s->text[start - 1] != ' ' && s->text[start - 1] != '\n')
            start--;
        size_t n = end - start;
        if (!n)
            return false;
        *subject = start == s->start;
        for (const char *const *d = determiners; *d; d++)
            if (strlen(*d) == n && strncasecmp(s->text + start, *d, n) == 0)
                return true;
        if (n > 2 && s->text[end - 2] == '\'' && s->text[end - 1] == 's') {
            *possessor = end - 2;
            return true;
        }
        if (n > 4 && memcmp(s->text + end - 4, "\xe2\x80\x99s", 4) == 0) {
            *possessor = end - 4;
            return true;
        }
        /* Only a modifier may stand between: a lower-case word or a month's name, not an article,
         * a verb's past or a word that joins phrases. */
        static const char *const joins[] = {
            "a",  "an", "is", "are", "was", "were", "has", "had", "have", "be", "been", "of",
            "to", "in", "on", "at",  "by",  "with", "for", "and", "or",   "as", NULL};
        for (const char *const *j = joins; *j; j++)
            if (strlen(*j) == n && strncmp(s->text + start, *j, n) == 0)
                return false;
        if (n > 2 && strncmp(s->text + end - 2, "ed", 2) == 0)
            return false;
        for (size_t i = start; i < end; i++)
            if (!isalpha((unsigned char)s->text[i]) && s->text[i] != '-')
                return false;
        bool named = false; /* "Suga's Vietnam visit" */
        for (size_t h = 0; h < s->nhits; h++)
            named |= s->hits[h].byte_start <= start && end <= s->hits[h].byte_end;
        if (isupper((unsigned char)s->text[start]) &&
            !date_month_named(s->text + start, n, false) && !named)
            return false;
        end = start;
    }
    return false;
}

/* Whether "by", "with" or "between" stands in text[from, at). */
bool words_agent_before(const char *text, size_t from, size_t at)
{
    static const char *const words[] = {" by ", " with ", " between ", NULL};
    for (size_t i = from; i < at; i++)
        for (const char *const *w = words; *w; w++)
            if (strncmp(text + i, *w, strlen(*w)) == 0)
                return true;
    return false;
}

static bool piece_stop(const struct sentence_view *s, size_t i)
{
    return strchr(",;:()", s->text[i]) ||
           (i + 3 <= s->end && memcmp(s->text + i, "\xe2\x80\x94", 3) == 0);
}

static bool stop_between(const struct sentence_view *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (piece_stop(s, i))
            return true;
    return false;
}

/* The clause of the sentence around the cue: its piece between commas, semicolons, colons,
 * brackets and dashes, and the pieces after it that report no event of their own ("..., including
 * X and Y"). Where a sentence lists several events ("X's trip to India, a carrier visit to
 * Vietnam, and Y's visit to Russia"), each is read from its own. */
void words_clause_of(const struct sentence_view *s, const struct event_cue *cues, size_t ncues,
                     size_t k, size_t *start, size_t *end)
{
    size_t i = cues[k].start;
    while (i > s->start && !piece_stop(s, i - 1))
        i--;
    *start = i;
    /* Cues with no stop between them share a clause ("a flurry of meetings on the sidelines of
     * the ASEAN meetings in Manila"). */
    while (k + 1 < ncues && !stop_between(s, cues[k].end, cues[k + 1].start))
        k++;
    size_t limit = k + 1 < ncues ? cues[k + 1].start : s->end;
    i = cues[k].end;
    size_t last_stop = s->end;
    for (; i < limit; i++)
        if (piece_stop(s, i))
            last_stop = i;
    /* Up to the last stop before the next cue, or the sentence's end. */
    *end = k + 1 < ncues ? (last_stop < limit ? last_stop : limit) : s->end;
}

/* The sentence narrowed to [start, end), with the names inside. */
struct sentence_view words_narrowed(const struct sentence_view *s, size_t start, size_t end)
{
    struct sentence_view v = {s->text, start, end, s->hits, 0};
    size_t first = 0;
    while (first < s->nhits && s->hits[first].byte_start < start)
        first++;
    v.hits = s->nhits ? s->hits + first : NULL;
    while (first + v.nhits < s->nhits && s->hits[first + v.nhits].byte_end <= end)
        v.nhits++;
    return v;
}

/* Whether a clause names someone or somewhere of its own. */
bool words_name_anyone(const struct sentence_view *v)
{
    struct titled_name t;
    return v->nhits > 0 || titled_name_next(v->text, v->end, v->start, &t);
}

/* "consultations such as the Defense Policy Dialogue": a kind of event, the examples follow;
 * "talks on the transfer of", "towards the signing of": a subject of talk, not an event; "delivered
 * a speech": not a delivery of equipment. */
bool words_class_use(const char *text, size_t len, const struct event_cue *cue)
{
    static const char *const about[] = {"for the ",   "towards the ", "toward the ", "on the ",
                                        "about the ", "to the ",      NULL};
    for (const char *const *p = about; *p; p++) {
        size_t n = strlen(*p);
        if (cue->start >= n && strncmp(text + cue->start - n, *p, n) == 0 &&
            !isupper((unsigned char)text[cue->start]))
            return true;
    }
    static const char *const speech[] = {"speech",    "message", "remarks", "address",
                                         "statement", "lecture", "keynote", NULL};
    if (strncmp(text + cue->start, "deliver", 7) == 0)
        for (size_t j = cue->end, words = 0; j < len && words < 4; j++) {
            words += text[j] == ' ';
            for (const char *const *p = speech; *p; p++)
                if (strncmp(text + j, *p, strlen(*p)) == 0)
                    return true;
        }
    /* "accelerate consultations", "promote exchanges": an activity to grow, not an event. */
    static const char *const grow[] = {"accelerate ", "promote ",    "boost ",      "expand ",
                                       "deepen ",     "strengthen ", "facilitate ", "enhance ",
                                       "increase ",   NULL};
    for (const char *const *g = grow; *g; g++) {
        size_t n = strlen(*g);
        if (cue->start >= n && strncmp(text + cue->start - n, *g, n) == 0)
            return true;
    }
    size_t i = cue->end;
    while (i < len && text[i] == ' ')
        i++;
    return (i + 7 <= len && strncmp(text + i, "such as", 7) == 0) ||
           (i + 5 <= len && strncmp(text + i, "like ", 5) == 0);
}

/* Whether only blanks, or a bracketed acronym, stand between two cues. */
bool words_compound(const char *text, size_t from, size_t to)
{
    size_t i = from;
    while (i < to && text[i] == ' ')
        i++;
    if (i < to && text[i] == '(') {
        while (i < to && text[i] != ')' && (isupper((unsigned char)text[i]) || text[i] == '('))
            i++;
        if (i < to && text[i] == ')')
            i++;
        while (i < to && text[i] == ' ')
            i++;
    }
    return i == to;
}

/* A sentence beginning "The engagement", "This interaction", ...: a word for any event, pointing
 * back. *cue is set to the word. */
bool words_refers_back(const struct sentence_view *s, struct event_cue *cue)
{
    static const char *const determiners[] = {"The ", "This ", "That ", NULL};
    static const char *const nouns[] = {"engagement", "interaction", "gathering", "session",
                                        "event",      "exchange",    NULL};
    for (const char *const *d = determiners; *d; d++) {
        size_t n = strlen(*d);
        if (s->end - s->start <= n || strncmp(s->text + s->start, *d, n) != 0)
            continue;
        for (const char *const *w = nouns; *w; w++) {
            size_t k = strlen(*w), at = s->start + n;
            if (at + k < s->end && strncmp(s->text + at, *w, k) == 0 &&
                !isalpha((unsigned char)s->text[at + k])) {
                *cue = (struct event_cue){at, at + k, NULL, false};
                return true;
            }
        }
    }
    return false;
}

/* A sentence beginning with a pronoun for what the previous one told, and a verb saying that
 * it held what follows ("This included ...", "It saw ..."). */
bool words_points_back(const struct sentence_view *s)
{
    static const char *const pronouns[] = {"This ", "These ", "It ", NULL};
    static const char *const verbs[] = {"included ", "includes ", "include ",   "involved ",
                                        "saw ",      "featured ", "comprised ", NULL};
    for (const char *const *p = pronouns; *p; p++) {
        size_t n = strlen(*p);
        if (s->end - s->start <= n || strncmp(s->text + s->start, *p, n) != 0)
            continue;
        for (const char *const *v = verbs; *v; v++)
            if (strncmp(s->text + s->start + n, *v, strlen(*v)) == 0)
                return true;
    }
    return false;
}

/* Whether the cue stands inside square brackets (a link's words) or a quoted title (most of its
 * words capitalised): another article's headline, not this one's report. */
bool words_quoted_title(const struct sentence_view *s, const struct event_cue *cue)
{
    int brackets = 0, quotes = 0;
    size_t open = s->start;
    for (size_t i = s->start; i < cue->start; i++) {
        char c = s->text[i];
        brackets += c == '[' ? 1 : c == ']' && brackets ? -1 : 0;
        if (c == '"' || (i + 3 <= cue->start && (memcmp(s->text + i, "\xe2\x80\x9c", 3) == 0 ||
                                                 memcmp(s->text + i, "\xe2\x80\x9d", 3) == 0))) {
            quotes ^= 1;
            open = i;
        }
    }
    if (brackets)
        return true;
    if (!quotes)
        return false;
    size_t words = 0, capitals = 0;
    for (size_t i = open + 1; i < s->end && s->text[i] != '"' && words < 40; i++)
        if (isalpha((unsigned char)s->text[i]) && (i == open + 1 || s->text[i - 1] == ' ')) {
            words++;
            capitals += isupper((unsigned char)s->text[i]) != 0;
        }
    return words >= 3 && capitals * 3 >= words * 2;
}

/* "recent", "recently": no date of its own, but the document's year (when the document is dated).
 */
bool words_recent(const struct sentence_view *v)
{
    return words_has(v->text, v->start, v->end, "recent") ||
           words_has(v->text, v->start, v->end, "recently");
}

/* Whether the cue names an event others happened in: "during his visit", "on the sidelines of the
 * summit", "amid the talks". */
bool words_container(const struct sentence_view *s, const struct event_cue *cue)
{
    static const char *const words[] = {"during ", "throughout ", "amid ", "sidelines of ", NULL};
    size_t from = cue->start > s->start + 40 ? cue->start - 40 : s->start;
    for (size_t i = from; i < cue->start; i++)
        for (const char *const *w = words; *w; w++)
            if (strncasecmp(s->text + i, *w, strlen(*w)) == 0)
                return true;
    return false;
}

/* Whether the first sentence is a headline: no stop at its end, a blank line after it. */
int words_duration_days(const char *text, size_t from, size_t to, size_t *start, size_t *end)
{
    static const char *const numbers[] = {"two",   "three", "four", "five", "six",
                                          "seven", "eight", "nine", "ten",  NULL};
    for (size_t i = from; i + 5 <= to; i++) {
        if (strncmp(text + i, "-day", 4) != 0 ||
            (i + 4 < to && isalpha((unsigned char)text[i + 4])))
            continue;
        size_t w = i;
        while (w > from && isalnum((unsigned char)text[w - 1]))
            w--;
        int n = 0;
        if (w < i && isdigit((unsigned char)text[w])) {
            for (size_t k = w; k < i && n <= 31; k++)
                n = isdigit((unsigned char)text[k]) ? n * 10 + (text[k] - '0') : 99;
        } else {
            for (int k = 0; numbers[k]; k++)
                if (strlen(numbers[k]) == i - w && strncasecmp(text + w, numbers[k], i - w) == 0)
                    n = k + 2;
        }
        if (n >= 2 && n <= 31) {
            *start = w;
            *end = i + 4;
            return n;
        }
    }
    return 0;
}

bool words_headline(const char *text, size_t len, size_t *end)
{
    struct sentence first;
    if (!sentence_next(text, len, 0, &first) || first.end == first.start)
        return false;
    *end = first.end;
    char last = text[first.end - 1];
    return text[first.start] == '#' ||
           (last != '.' && last != '!' && last != '?' && first.end + 1 < len &&
            text[first.end] == '\n' && text[first.end + 1] == '\n');
}
