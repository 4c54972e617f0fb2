/* People named with their title in English text: "Defense Minister Kishi Nobuo", "Vietnamese
 * Deputy Defense Minister Nguyen Chi Vinh", "Japan's Prime Minister Suga Yoshihide", "Senior
 * Lieutenant General Hoang Xuan Chien". A title is a run of capitalised title words ending in a
 * head noun (Minister, President, General, Ambassador, ...), organisation words after "of" allowed
 * ("Minister of National Defense"); the name is the two to four capitalised words that follow.
 * The country comes from a demonym or a country's possessive just before the title. A lexicon of
 * English titles, not the phrasing of any one text. */
#ifndef JVDR_BASE_TITLED_NAMES_H
#define JVDR_BASE_TITLED_NAMES_H

#include <stdbool.h>
#include <stddef.h>

struct titled_name {
    size_t start, end;             /* the whole phrase, bytes of the text */
    size_t title_start, title_end; /* "Defense Minister" */
    size_t name_start, name_end;   /* "Kishi Nobuo" */
    const char *country;           /* ISO code from "Japanese" or "Japan's" before it; or NULL */
    bool visiting;                 /* "visiting" just before it */
};

/* The first titled name in text[from..len): true with it. */
bool titled_name_next(const char *text, size_t len, size_t from, struct titled_name *out);

/* The country a demonym ("Japanese", "Vietnamese") names, or NULL; word is word_len bytes. */
const char *demonym_country(const char *word, size_t word_len);

#endif
