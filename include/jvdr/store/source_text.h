/* A source document's text: what may be stored (not empty, valid UTF-8, no NUL, at most
 * SOURCE_TEXT_MAX bytes), its length in code points (the unit of every span), the spans citing it
 * that a text of a given length would leave pointing past its end, and the update itself. The one
 * path every text takes into the database, from the API and from `jvdr import-sources` alike. */
#ifndef JVDR_STORE_SOURCE_TEXT_H
#define JVDR_STORE_SOURCE_TEXT_H

#include <jansson.h>
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

/* Stores text as source id's (inside the caller's write transaction). */
enum jvdr_err source_text_store(struct db *db, const char *id, const char *text, size_t len);

#endif
