/* Finding a quotation in a text as a reader means it: a quote pasted from a browser matches the
 * document although runs of whitespace, typographic quotes and apostrophes (’ “ vs ' "), dashes
 * (– — vs -) and Unicode normalisation (NFC vs NFD, by utf8proc's canonical decomposition) differ.
 * Positions are code points of the original text, the unit of every span. Case counts. */
#ifndef JVDR_BASE_QUOTE_H
#define JVDR_BASE_QUOTE_H

#include <stddef.h>
#include <stdint.h>

/* A text in the form quotes are matched in, each position remembering its code point in the
 * original. Made once per text, searched for many quotes. */
struct quote_text {
    uint32_t *form;   /* the matched form's code points */
    uint32_t *origin; /* [position in form] -> code point index in the original */
    size_t n;
};

/* Makes text[0..len) (valid UTF-8) into t. Returns 0, or -1 when out of memory (t empty). */
int quote_text_init(struct quote_text *t, const char *text, size_t len);
void quote_text_cleanup(struct quote_text *t);

enum quote_outcome {
    QUOTE_FOUND,     /* one place: *start, *end set */
    QUOTE_ABSENT,    /* exact is not in the text (*occurrences 0), or not with that context */
    QUOTE_AMBIGUOUS, /* several places fit: *occurrences says how many */
    QUOTE_EMPTY,     /* exact holds nothing but whitespace */
    QUOTE_NOMEM,
};

/* Where exact (UTF-8, NUL-terminated) stands in t, among its occurrences those whose text just
 * before ends with prefix and just after begins with suffix (either may be NULL; a space between
 * them and the words is not needed). *occurrences is the count of exact's occurrences that fit
 * the context given (all of them when none is); on QUOTE_FOUND, [*start, *end) are the code
 * points of the original text the words cover. */
enum quote_outcome quote_find(const struct quote_text *t, const char *exact, const char *prefix,
                              const char *suffix, long long *start, long long *end,
                              size_t *occurrences);

#endif
