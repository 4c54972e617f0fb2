/* Agreements named by their titles; see include/jvdr/base/agreement_names.h. */
#include "jvdr/base/agreement_names.h"

#include <ctype.h>
#include <string.h>

/* The nouns that name a kind of agreement, and the type each gives (the first that a title holds,
 * read from its end, decides: "Joint Vision Statement" is a joint statement). */
static const struct {
    const char *noun, *type;
} kinds[] = {
    {"Memorandum", "memorandum"},   {"Memoranda", "memorandum"},
    {"MoU", "memorandum"},          {"Statement", "joint-statement"},
    {"Declaration", "declaration"}, {"Vision", "vision"},
    {"Partnership", "partnership"}, {"Agreement", "agreement"},
    {"Treaty", "agreement"},        {"Accord", "agreement"},
    {"Arrangement", "agreement"},   {"Protocol", "agreement"},
    {"Pact", "agreement"},          {"Convention", "convention"},
    {"Framework", "framework"},     {"Initiative", "initiative"},
    {"Strategy", "strategy"},       {"Outlook", "outlook"},
    {"Conduct", "code-of-conduct"},
};

/* Words that may join capitalised ones inside a title. */
static const char *const joins[] = {"of", "on", "for", "and", "the", "between", "in", "to", NULL};

static bool joining(const char *w, size_t n)
{
    for (const char *const *j = joins; *j; j++)
        if (strlen(*j) == n && strncmp(*j, w, n) == 0)
            return true;
    return false;
}

static const char *kind_of(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].noun) == n && strncmp(kinds[i].noun, w, n) == 0)
            return kinds[i].type;
    return NULL;
}

/* The word at text[i] (letters, digits, '-' and '\'' inside): its end, or i when there is none. */
static size_t word_end(const char *text, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && (isalnum((unsigned char)text[j]) || (unsigned char)text[j] >= 0x80 ||
                       ((text[j] == '-' || text[j] == '\'') && j > i && j + 1 < len &&
                        isalnum((unsigned char)text[j + 1]))))
        j++;
    return j;
}

bool agreement_name_next(const char *text, size_t len, size_t from, struct agreement_name *out)
{
    size_t i = from;
    while (i < len) {
        size_t end = word_end(text, len, i);
        if (end == i || !isupper((unsigned char)text[i])) {
            i = end > i ? end : i + 1;
            continue;
        }
        /* A run of capitalised words and joining words, one space apart. */
        size_t start = i, last_capital = end, words = 1;
        const char *type = NULL;
        const char *k = kind_of(text + i, end - i);
        size_t type_at = k ? end : 0;
        type = k;
        i = end;
        while (i + 1 < len && text[i] == ' ') {
            size_t next = word_end(text, len, i + 1);
            if (next == i + 1)
                break;
            bool capital = isupper((unsigned char)text[i + 1]) != 0;
            if (!capital && !joining(text + i + 1, next - i - 1))
                break;
            if (capital) {
                last_capital = next;
                words++;
                const char *kk = kind_of(text + i + 1, next - i - 1);
                if (kk) {
                    type = kk;
                    type_at = next;
                }
            }
            i = next;
        }
        /* A title ends in a capitalised word, holds a kind, and has two words at least. */
        /* "The Joint Vision Statement": the article is not the title's. */
        static const char *const articles[] = {"The ", "A ", "An ", "This ", "That ", NULL};
        size_t title_start = start, title_words = words;
        for (const char *const *a = articles; *a; a++)
            if (len - start >= strlen(*a) && memcmp(text + start, *a, strlen(*a)) == 0) {
                title_start = start + strlen(*a);
                title_words--;
            }
        if (type && title_words >= 2 && type_at <= last_capital) {
            out->start = title_start;
            out->end = last_capital;
            out->type = type;
            return true;
        }
        i = last_capital > start ? last_capital : start + 1;
    }
    return false;
}
