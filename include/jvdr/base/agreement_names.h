/* Agreements named by their titles in English text: a run of capitalised words (with "of", "on",
 * "for", "and", "the", "between" inside) holding a noun that names a kind of agreement:
 * "Memorandum of Understanding on Defense Cooperation", "Joint Vision Statement", "Defense
 * Equipment and Technology Transfer Agreement". The kind gives the schema's agreement type. A
 * lexicon of English, not the phrasing of any one text. */
#ifndef JVDR_BASE_AGREEMENT_NAMES_H
#define JVDR_BASE_AGREEMENT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

struct agreement_name {
    size_t start, end; /* the title, bytes of the text */
    const char *type;  /* "memorandum", "joint-statement", "agreement", ... */
};

/* The first agreement title in text[from..len): true with it. */
bool agreement_name_next(const char *text, size_t len, size_t from, struct agreement_name *out);

#endif
