/* Carrying citations across a corrected text (the W3C Web Annotation way: a position and the
 * quoted words with their context). Each span of the old text is placed in the new one:
 *   1. mapped through the difference of the two texts (their common start and end, then Myers'
 *      O(ND) algorithm on what lies between, within ANCHOR_MAX_EDITS and ANCHOR_MAX_WORK); kept
 *      there when the words at the mapped place are still its exact words;
 *   2. else moved to the occurrence of its exact words whose context (prefix, suffix) matches
 *      best, nearest where it was; a quote shorter than ANCHOR_BARE_QUOTE is taken only with
 *      ANCHOR_BARE_CONTEXT code points of its context (or all it has);
 *   3. else, its words corrected, moved to the closest approximate match near where it was: at
 *      most a tenth of its code points edited (a quote of 10 to ANCHOR_MAX_FUZZY code points);
 *   4. else it is an orphan.
 * Positions are code points, the unit of every span. The outcome never quotes other words: a
 * kept or moved span's new place holds exactly its words, a corrected one's holds the words the
 * caller records as its new exact. */
#ifndef JVDR_BASE_ANCHOR_H
#define JVDR_BASE_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Edits (code points inserted or deleted) past which the difference is not computed, and every
 * span outside the texts' common start and end is searched for by its words instead. */
#define ANCHOR_MAX_EDITS 2048
/* Steps of the difference algorithm past which the same happens (about 50 ms). */
#define ANCHOR_MAX_WORK 40000000LL
/* Code points the searches for quotes by their words may compare in all, for one text: each
 * walks the occurrences of its rarest 8 code points (a short quote scans the text); past it,
 * spans not yet found are searched for approximately, then orphans (about 150 ms). */
#define ANCHOR_SEARCH_WORK 128000000LL
/* A quote this short found elsewhere must bring this much of its context along. */
#define ANCHOR_BARE_QUOTE 32
#define ANCHOR_BARE_CONTEXT 8
/* The longest quote looked for approximately, and the work all such searches of one text share
 * (cells of the edit-distance table); past it, spans not yet placed are orphans. */
#define ANCHOR_MAX_FUZZY 4096
#define ANCHOR_FUZZY_WORK 100000000LL

/* A text as code points, with each one's byte offset in the UTF-8 (byte[n] is its length). */
struct anchor_text {
    const char *utf8;
    uint32_t *cp;
    uint32_t *byte;
    size_t n;
};

/* Makes t from utf8[0..len) (valid UTF-8, kept by reference). 0, or -1 when out of memory. */
int anchor_text_init(struct anchor_text *t, const char *utf8, size_t len);
void anchor_text_cleanup(struct anchor_text *t);

/* A span's quotes in t (the W3C TextQuoteSelector): its words [start, end) and up to context code
 * points on either side, as pieces of t's UTF-8 (not terminated). */
struct anchor_quote {
    const char *exact, *prefix, *suffix;
    size_t exact_len, prefix_len, suffix_len;
};

/* The quotes of [start, end) in t; false (q untouched) unless start <= end <= t->n. */
bool anchor_quote(const struct anchor_text *t, long long start, long long end, size_t context,
                  struct anchor_quote *q);

enum anchor_fate {
    ANCHOR_MAPPED,    /* carried through the difference: the same words */
    ANCHOR_FOUND,     /* found elsewhere by its words */
    ANCHOR_CORRECTED, /* its words were corrected: the new ones are [new_start, new_end) */
    ANCHOR_ORPHANED,  /* its words are no longer in the text */
};

struct anchor_span {
    long long start, end; /* in: its place in the old text */
    const char *exact;    /* in: its words (UTF-8), NULL for the old text's [start, end) */
    const char *prefix;   /* in: its context before and after (either may be NULL) */
    const char *suffix;
    enum anchor_fate fate; /* out */
    long long new_start;   /* out: its place in the new text, unless orphaned */
    long long new_end;
};

/* What the difference came to, for the caller's report and the bench. */
struct anchor_report {
    bool diffed;     /* false: past a bound, spans outside the common ends were searched for */
    long long edits; /* code points inserted and deleted (when diffed) */
};

/* Places spans[0..n) of text old in text new (both whole). Returns 0, or -1 when out of memory
 * (spans then untouched). Spans out of the old text's range, or with no words, are orphans. */
int anchor_spans(const struct anchor_text *old, const struct anchor_text *new,
                 struct anchor_span *spans, size_t n, struct anchor_report *report);

#endif
