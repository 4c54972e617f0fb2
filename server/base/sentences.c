/* English sentences; see include/jvdr/base/sentences.h. */
#include "jvdr/base/sentences.h"

#include <ctype.h>
#include <string.h>

static bool blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* The bytes of a closing quote or bracket at i (’ and ” are three), or 0. */
static size_t closer_at(const char *text, size_t len, size_t i)
{
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']')
        return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
        ((unsigned char)text[i + 2] == 0x99 || (unsigned char)text[i + 2] == 0x9D))
        return 3;
    return 0;
}

/* Whether a sentence may begin at i: a capital, a digit, an opening quote or bracket, or a letter
 * outside ASCII (a name's capital with a diacritic: "Đ"). */
static bool may_begin(const char *text, size_t len, size_t i)
{
    unsigned char c = (unsigned char)text[i];
    if (isupper(c) || isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[')
        return true;
    if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80)
        return (unsigned char)text[i + 2] == 0x9C || (unsigned char)text[i + 2] == 0x98;
    return c >= 0xC3;
}

/* True at i when a blank line (a line break, only white space, another line break) starts there. */
static bool paragraph_at(const char *text, size_t len, size_t i)
{
    if (text[i] != '\n')
        return false;
    for (size_t k = i + 1; k < len && blank((unsigned char)text[k]); k++)
        if (text[k] == '\n')
            return true;
    return false;
}

/* Whether the word at i (up to the next blank) opens sentences often enough that an acronym's
 * full stop before it ends one ("... with the U.S. The talks ..."). */
static bool opens_sentences(const char *text, size_t len, size_t i)
{
    static const char *const openers[] = {
        "The",  "A",    "An",    "In",  "On",  "At",        "It",   "He",     "She",   "They", "We",
        "This", "That", "These", "But", "And", "According", "Both", "During", "After", NULL};
    size_t n = 0;
    while (i + n < len && isalpha((unsigned char)text[i + n]))
        n++;
    for (const char *const *w = openers; *w; w++)
        if (strlen(*w) == n && strncmp(text + i, *w, n) == 0)
            return true;
    return false;
}

/* Whether the full stop at dot closes an abbreviation or an initial rather than a sentence; next
 * is where the following word begins. */
static bool abbreviation_before(const char *text, size_t len, size_t start, size_t dot, size_t next)
{
    static const char *const titles[] = {
        "Mr",  "Mrs", "Ms",     "Dr",  "Prof", "Gen",   "Lt",   "Col", "Maj", "Capt", "Cmdr",
        "Cdr", "Adm", "Sgt",    "Cpl", "Pvt",  "Brig",  "Sen",  "Rep", "Gov", "Pres", "Amb",
        "Hon", "Rev", "St",     "Jr",  "Sr",   "Co",    "Corp", "Inc", "Ltd", "No",   "Nos",
        "vs",  "Jan", "Feb",    "Mar", "Apr",  "Jun",   "Jul",  "Aug", "Sep", "Sept", "Oct",
        "Nov", "Dec", "approx", "est", "Dept", "Gov't", "Mt",   "Ft",  NULL};
    size_t w = dot;
    while (w > start &&
           (isalpha((unsigned char)text[w - 1]) || text[w - 1] == '.' || text[w - 1] == '\''))
        w--;
    size_t n = dot - w;
    if (n == 0)
        return false;
    if (n == 1 && isupper((unsigned char)text[w]))
        return true; /* an initial */
    if (memchr(text + w, '.', n))
        return !opens_sentences(text, len, next); /* U.S., e.g., i.e. */
    for (const char *const *t = titles; *t; t++)
        if (strlen(*t) == n && strncmp(text + w, *t, n) == 0)
            return true;
    return false;
}

bool sentence_next(const char *text, size_t len, size_t from, struct sentence *out)
{
    size_t i = from;
    while (i < len && blank((unsigned char)text[i]))
        i++;
    if (i >= len)
        return false;
    out->start = i;
    size_t end = len;
    for (size_t j = i; j < len;) {
        if (paragraph_at(text, len, j)) {
            end = j;
            break;
        }
        char c = text[j];
        if (c != '.' && c != '!' && c != '?') {
            j++;
            continue;
        }
        size_t k = j + 1;
        while (k < len && (text[k] == '.' || text[k] == '!' || text[k] == '?'))
            k++;
        for (size_t n; k < len && (n = closer_at(text, len, k)) > 0;)
            k += n;
        if (k >= len) {
            end = k;
            break;
        }
        if (!blank((unsigned char)text[k])) { /* "3.5", "U.S.-Japan", "e.g.," */
            j = k;
            continue;
        }
        size_t next = k;
        while (next < len && blank((unsigned char)text[next]))
            next++;
        if (next >= len || paragraph_at(text, len, k) ||
            (may_begin(text, len, next) &&
             !(c == '.' && k == j + 1 && abbreviation_before(text, len, i, j, next)))) {
            end = k;
            break;
        }
        j = k;
    }
    while (end > i && blank((unsigned char)text[end - 1]))
        end--;
    out->end = end;
    return true;
}
