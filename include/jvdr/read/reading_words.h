/* What the words around an event's cue say, for read/proposal_reading.c: whether it points back
 * to an event already told of ("the visit", "Kishi's trip"), names a kind of event rather than
 * one ("consultations such as ..."), is part of a name or a headline, which clause of a sentence
 * it belongs to, whether a place is named as a place or as its government. Rules of English, not
 * of any one text. */
#ifndef JVDR_READ_READING_WORDS_H
#define JVDR_READ_READING_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/event_cues.h"
#include "jvdr/read/name_index.h"

/* A sentence and what it names. */
struct sentence_view {
    const char *text;
    size_t start, end;
    const struct name_hit *hits; /* the name hits inside it */
    size_t nhits;
};

/* Whether the words stand in text[start, end) as whole words, case ignored. */
bool words_has(const char *text, size_t start, size_t end, const char *word);

/* "the Trump administration", "the Abe government": a name that stands for a government, not
 * a person present. */
bool words_name_a_government(const struct sentence_view *s, size_t end);

/* Whether the word "since" stands in the few words before a date: "since assuming the post last
 * year" dates the start of something else. */
bool words_after_since(const char *text, size_t from, size_t at);

/* Whether the date, as a day range, ends before the document's begins: what it dates is past. */
bool words_before_document(const char *date, const char *end_date, const char *doc_date);

/* Whether a place is named as where something happens ("in Hanoi", "at Cam Ranh", "visited
 * Tokyo"), not as its government ("pressured Hanoi", "Tokyo's agreements"). */
bool words_locative(const char *text, size_t from, size_t at);

/* "visiting" before a name or title is who came, not a visit of its own. */
bool words_adjective_use(const char *text, size_t len, const struct event_cue *cue);

/* The words just before a cue that point back to an event already told of: "the visit", "his
 * trip", "Kishi's visit". *possessor is set to where a possessor's name ends ("Kishi's"). *subject:
 * whether they begin the sentence (the event is the sentence's subject). */
bool words_anaphoric(const struct sentence_view *s, const struct event_cue *cue, size_t *possessor,
                     bool *subject);

/* Whether "by", "with" or "between" stands in text[from, at). */
bool words_agent_before(const char *text, size_t from, size_t at);

/* The clause of the sentence around the cue: its piece between commas, semicolons, colons,
 * brackets and dashes, and the pieces after it that report no event of their own ("..., including
 * X and Y"). Where a sentence lists several events ("X's trip to India, a carrier visit to
 * Vietnam, and Y's visit to Russia"), each is read from its own. */
void words_clause_of(const struct sentence_view *s, const struct event_cue *cues, size_t ncues,
                     size_t k, size_t *start, size_t *end);

/* The sentence narrowed to [start, end), with the names inside. */
struct sentence_view words_narrowed(const struct sentence_view *s, size_t start, size_t end);

/* Whether a clause names someone or somewhere of its own. */
bool words_name_anyone(const struct sentence_view *v);

/* "consultations such as the Defense Policy Dialogue": a kind of event, the examples follow;
 * "talks on the transfer of", "towards the signing of": a subject of talk, not an event; "delivered
 * a speech": not a delivery of equipment. */
bool words_class_use(const char *text, size_t len, const struct event_cue *cue);

/* Whether only blanks, or a bracketed acronym, stand between two cues. */
bool words_compound(const char *text, size_t from, size_t to);

/* A sentence beginning "The engagement", "This interaction", ...: a word for any event, pointing
 * back. *cue is set to the word. */
bool words_refers_back(const struct sentence_view *s, struct event_cue *cue);

/* A sentence beginning with a pronoun for what the previous one told, and a verb saying that
 * it held what follows ("This included ...", "It saw ..."). */
bool words_points_back(const struct sentence_view *s);

/* Whether the cue stands inside square brackets (a link's words) or a quoted title (most of its
 * words capitalised): another article's headline, not this one's report. */
bool words_quoted_title(const struct sentence_view *s, const struct event_cue *cue);

/* "recent", "recently": no date of its own, but the document's year (when the document is dated).
 */
bool words_recent(const struct sentence_view *v);

/* Whether the cue names an event others happened in: "during his visit", "on the sidelines of the
 * summit", "amid the talks". */
bool words_container(const struct sentence_view *s, const struct event_cue *cue);

/* Whether the first sentence is a headline: no stop at its end, a blank line after it. */
bool words_headline(const char *text, size_t len, size_t *end);

/* "a two-day visit", "the 3-day exercise": how many days, from 2 to 31 (0: none), and where the
 * words stand in text[from, to). */
int words_duration_days(const char *text, size_t from, size_t to, size_t *start, size_t *end);

#endif
