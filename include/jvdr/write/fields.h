/* Field vocabularies shared by the write specs (the values the schema's CHECKs accept). */
#ifndef JVDR_WRITE_FIELDS_H
#define JVDR_WRITE_FIELDS_H

#include "jvdr/base/error.h"
#include "jvdr/write/validate.h"

struct db;

extern const char *const date_qualifiers[];

/* A span {start, end} into a source, and a source reference {id, spans}, as GET shows them. */
extern const struct field span_fields[];

/* Each resource's writable fields (write_events.c...), also read by the fuzzers. */
extern const struct field event_fields[], official_fields[], agreement_fields[], source_fields[];
extern const struct field source_ref_fields[];

/* Adds an error for each source reference whose spans run backwards or two of which start at the
 * same code point, or that names the same source twice; and for a date_qualifier on a
 * day-precision date. */
void check_sources_and_dates(struct validation *v, json_t *record);

/* For a unique constraint across records: runs sql (two '?': value, then id, the record's own,
 * which it must leave out; "" when NULL) and, when it finds another record's id, adds the error
 * "<holds> '<that id>'<why>" at pointer. Nothing when value is NULL. */
void check_taken(struct db *db, struct validation *v, const char *sql, const char *value,
                 const char *id, const char *pointer, const char *holds, const char *why);

/* Writes record's "sources" into table (event_sources...) whose owner column is key, each span
 * with its quotes from its document's text (source_text_quote_spans). What the record cited
 * before is cleared first when it exists (a new record has nothing to clear). */
enum jvdr_err store_sources(struct db *db, json_t *record, json_t *id, const char *table,
                            const char *key, bool exists);

#endif
