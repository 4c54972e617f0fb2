/* One event told of many times, for read/proposal_reading.c: when two readings are the same
 * event, folding one into the other (people, places, the finer date, the sentences, where each
 * field was read), an event told of again ("the visit"), dates an event takes from another the
 * text ties it to ("during his visit", "This included ..."), signings at the meetings they were
 * made at, and a headline's event as the body's. */
#ifndef JVDR_READ_READING_EVENTS_H
#define JVDR_READ_READING_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/read/reading.h"

struct arena;

bool reading_add_evidence(struct arena *arena, struct reading_event *e, const char *pointer,
                          size_t start, size_t end, const char *note);

void reading_add_country(struct reading_event *e, const char *code, size_t start, size_t end);

/* Two dates agree when one is the other at a coarser precision (or either is unknown). */
bool reading_dates_agree(const char *a, const char *b);

bool reading_share_person(const struct reading_event *a, const struct reading_event *b);

bool reading_same_or_unknown(const char *a, const char *b);

/* Adds b's people to a's. */
void reading_add_people(struct reading_event *a, const struct reading_event *b);

/* Folds b into a: its sentences, people, countries, agreements, evidence, and a finer date. */
bool reading_merge(struct arena *arena, struct reading_event *a, const struct reading_event *b);

bool reading_add_event(struct reading *r, struct arena *arena, const struct reading_event *e);

/* Forgets the date read, and where it was read. */
void reading_drop_date(struct reading_event *e);

/* An event told of again: the sentence goes to the latest event of the type read before (with the
 * possessor as a participant, and the date where it had none). False when there is none. */
bool reading_told_again(struct reading *r, struct arena *arena, const char *text,
                        const struct reading_event *e, size_t possessor, bool subject,
                        size_t *target);

/* The event that got the latest sentence. */
struct reading_event *reading_last_told(struct reading *r);

/* An undated event told of in a sentence that dates another (during a visit, the talks it held):
 * that date, as a month where it is a span within one, else as its year. */
void reading_date_from(struct arena *arena, struct reading_event *e,
                       const struct reading_event *from, const char *where, bool month_at_most);

/* A signing by officials dated as a meeting, visit or talks the text tells of, with no one or
 * some of them named at it: they signed at that meeting ("In late November, X and Y signed two
 * memoranda ... the November meeting"). The signing's agreements, people and sentences go to it. */
bool reading_signed_at_meetings(struct reading *r, struct arena *arena);

/* A headline's undated event is the one the body goes on to tell of, with its date: the first
 * later event of the type whose place agrees takes it. */
bool reading_headline_into_body(struct reading *r, struct arena *arena, const char *text,
                                size_t len);

/* Folds the signing into the meeting it was made at: its agreements (signed there), people and
 * sentences; not its type. */
bool reading_signed_at(struct arena *arena, struct reading_event *meeting,
                       const struct reading_event *signing);

#endif
