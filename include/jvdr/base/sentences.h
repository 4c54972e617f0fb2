/* English text cut into sentences, the unit a proposal cites. A sentence ends at '.', '!' or '?'
 * (with the quotes or brackets that close around it) followed by white space and something that
 * can begin a sentence (a capital, a digit, an opening quote or bracket), unless the word before
 * the stop is an abbreviation ("Gen.", "Sept.", "U.S.") or an initial ("John F. Smith"); a blank
 * line (a new paragraph) always ends one. A text hard-wrapped at single line breaks keeps its
 * sentences whole. */
#ifndef JVDR_BASE_SENTENCES_H
#define JVDR_BASE_SENTENCES_H

#include <stdbool.h>
#include <stddef.h>

struct sentence {
    size_t start, end; /* bytes of the text, without the white space around */
};

/* The first sentence at or after text[from]: true with its range, false when only white space is
 * left. */
bool sentence_next(const char *text, size_t len, size_t from, struct sentence *out);

#endif
