/* Where a document names what the knowledge base knows: officials (every name, name with
 * diacritics and alias), agreements (titles and aliases), countries (their English names) and,
 * when asked, places (the gazetteer's and the events' locations). Case and diacritics are ignored
 * as search ignores them; whole words only; where names overlap the longest wins ("Nobuo Kishi"
 * over "Kishi"), and a span naming two records gives both. For /mentions and /proposals. */
#ifndef JVDR_READ_NAME_INDEX_H
#define JVDR_READ_NAME_INDEX_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/base/error.h"

struct db;

struct name_hit {
    uint32_t start, end;         /* code points, [start, end) */
    size_t byte_start, byte_end; /* the same, as bytes of the text */
    const char *kind;            /* "official", "agreement", "country" or "place" */
    char *id;                    /* the record's id, a country's code, a place's name */
    char *country;               /* a place's or official's country; NULL when not known */
};

struct name_hits {
    struct name_hit *items; /* in text order, none inside a longer one */
    size_t n, cap;
    json_t *labels;  /* "kind/id" -> the record's own name */
    uint32_t *bytes; /* [code point] -> byte offset, one past the last too */
    size_t points;   /* code points in the text */
    bool failed;
};

/* Finds every name in text[0..len) (places too when with_places). */
enum jvdr_err name_hits_find(struct db *db, const char *text, size_t len, bool with_places,
                             struct name_hits *out);

/* The code point at or before byte offset b of the text. */
uint32_t name_hits_point(const struct name_hits *hits, size_t b);

void name_hits_free(struct name_hits *hits);

#endif
