/* Spans against the text they point into: a span cited by its words is placed where they stand;
 * on every write that carries spans, a span into a source whose text is loaded must end within it
 * (code points); spans into a source without text are taken as they are and checked when its text
 * arrives (write/source_text.c). */
#ifndef JVDR_WRITE_SPANS_H
#define JVDR_WRITE_SPANS_H

#include <jansson.h>

#include "jvdr/write/validate.h"

struct db;

/* Gives every span of record's "sources" cited by its words (exact, optional prefix and suffix,
 * no offsets) the start and end of the one place in its document's text those words stand
 * (base/quote.h: whitespace, typographic punctuation and normalisation aside), so that it is
 * stored as any other span. An error at the span's pointer when the document has no text, or
 * the words are not in it, or stand in several places the context does not tell apart, or land
 * where another span of the record starts. */
void spans_resolve_quotes(struct db *db, struct validation *v, json_t *record);

/* Adds an error for every span of record's "sources" past its document's end: the pointer of
 * its start when it starts at or past the end, else of its end. */
void spans_check_against_text(struct db *db, struct validation *v, json_t *record);

/* For a record put back as it was (a revert): each span whose document's loaded text no longer
 * holds its exact words at its offsets loses the offsets, so that spans_resolve_quotes places it
 * by its words and their context, as a span cited by its words is placed. Spans that still fit,
 * and spans into documents without text, keep their offsets. */
void spans_reanchor(struct db *db, json_t *record);

#endif
