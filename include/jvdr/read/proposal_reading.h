/* Reading what a document reports, sentence by sentence: the events (a cue word gives the type,
 * base/event_cues.h), their dates resolved against the document's own (base/date_mention.h), the
 * known officials, agreements, countries and places they name (read/name_index.h), and people
 * the knowledge base does not know, named with a title (base/titled_names.h). Sentences that
 * report the same event (same family of types, dates that agree, a participant in common) are one
 * event. Nothing here reads the store: read/proposals.c matches the result against it. */
#ifndef JVDR_READ_PROPOSAL_READING_H
#define JVDR_READ_PROPOSAL_READING_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/read/name_index.h"
#include "jvdr/read/reading.h"

struct arena;

/* Reads text[0..len) (hits: its names, found by name_hits_find with places) against doc_date
 * (the document's date; NULL or not a date: no date is resolved). Allocates from arena. */
bool proposal_read(const char *text, size_t len, const struct name_hits *hits, const char *doc_date,
                   struct arena *arena, struct reading *out);

#endif
