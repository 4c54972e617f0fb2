/* A source document's text: what may be stored (not empty, valid UTF-8, no NUL, at most
 * SOURCE_TEXT_MAX bytes), its length in code points (the unit of every span), the spans citing it
 * that a text of a given length would leave pointing past its end, and the update itself. The one
 * path every text takes into the database, from the API and from `jvdr import-sources` alike. */
#ifndef JVDR_STORE_SOURCE_TEXT_H
#define JVDR_STORE_SOURCE_TEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct db;

/* The largest text stored, in bytes (a long report is a few hundred KiB). */
#define SOURCE_TEXT_MAX ((size_t)4 << 20)

enum source_text_fault {
    SOURCE_TEXT_FINE,
    SOURCE_TEXT_EMPTY,
    SOURCE_TEXT_NOT_UTF8,
    SOURCE_TEXT_NUL,
    SOURCE_TEXT_LARGE
};

/* What is wrong with text as a document's text, if anything. */
enum source_text_fault source_text_check(const char *text, size_t len);

/* The text's length in Unicode code points (valid UTF-8 assumed). */
long long source_text_code_points(const char *text, size_t len);

/* The stored text's length in code points into *length, -1 when no text is loaded; the source
 * must exist (JVDR_E_NOT_FOUND otherwise). */
enum jvdr_err source_text_length(struct db *db, const char *id, long long *length);

/* Every span citing source id that ends past length code points, as a JSON array (new
 * reference in *broken) of {kind, id, pointer, start, end}, pointer being the span's JSON
 * pointer in the citing record's representation ("/sources/0/spans/2"); in kind, id and pointer
 * order. An empty array when none would break. */
enum jvdr_err source_text_broken(struct db *db, const char *id, long long length, json_t **broken);

/* Stores text as source id's (inside the caller's write transaction), and gives the spans citing
 * it that have no quotes yet (written before any text was loaded) their quotes from it. */
enum jvdr_err source_text_store(struct db *db, const char *id, const char *text, size_t len);

/* Code points of context a span keeps on either side of its words. */
#define SPAN_CONTEXT 32

/* Sets the quotes of the spans in table (event_sources, official_sources or agreement_sources,
 * naming its record in column record_key) whose column key (the record_key, or source_id) is
 * value, from their documents' loaded texts (the W3C Web Annotation TextQuoteSelector): exact,
 * the words [start, end); prefix and suffix, up to SPAN_CONTEXT code points before and after. Each
 * text is read once, not once per span. A span into a document with no text keeps NULL quotes.
 * With only_missing, spans that have quotes keep them. Inside the caller's write. */
enum jvdr_err source_text_quote_spans(struct db *db, const char *table, const char *record_key,
                                      const char *key, const char *value, bool only_missing);

#endif
