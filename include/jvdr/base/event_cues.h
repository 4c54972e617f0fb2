/* The words by which an English sentence reports an event, and its tense: "met", "held talks",
 * "paid a visit", "signed", "handed over", "a port call", "joint drills", ... each giving one of
 * the knowledge base's event types, and whether the sentence speaks of the event as held or to
 * come ("will", "is scheduled to", "plans to", a pledge). A lexicon of English, kept here in one
 * table, not the phrasing of any one text. */
#ifndef JVDR_BASE_EVENT_CUES_H
#define JVDR_BASE_EVENT_CUES_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/date_mention.h"

struct event_cue {
    size_t start, end; /* the cue's words, as bytes of the text */
    const char *type;  /* an event type of the schema: "meeting", "visit", "signing", ... */
    bool planned;      /* the cue itself says the event is to come (a pledge) */
};

/* The first cue in text[from..len): true with it. Where two cues begin at the same word the
 * longer wins ("port call" over "call"). */
/* The family of an event type: meetings, consultations, dialogues and visits are one; signings;
 * transfers and dispatches; exercises and port calls; workshops, conferences and exhibitions; the
 * rest each alone. */
int event_type_family(const char *type);

bool event_cue_next(const char *text, size_t len, size_t from, struct event_cue *out);

/* The tense of a sentence: DATE_FUTURE when it speaks of what is to come ("will", "is to", "is
 * scheduled to", "plans to", "is expected to", "next week"...), DATE_PAST when its verbs say it
 * happened ("met", "held", "signed", "was", "were", "last week"...), else DATE_NEAREST. */
enum date_tense event_sentence_tense(const char *text, size_t len);

#endif
