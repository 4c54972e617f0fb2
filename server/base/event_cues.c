/* The words that report events; see include/jvdr/base/event_cues.h. */
#include "jvdr/base/event_cues.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Each cue: its words (lower case, single spaces), the event type, and whether it says the event
 * is to come. Inflected forms are listed as they are: English verbs are few here. */
static const struct cue {
    const char *words, *type;
    bool planned;
} cues[] = {
    {"met", "meeting", false},
    {"meet", "meeting", false},
    {"meets", "meeting", false},
    {"meeting", "meeting", false},
    {"meetings", "meeting", false},
    {"talks", "meeting", false},
    {"held talks", "meeting", false},
    {"courtesy call", "meeting", false},
    {"paid a courtesy call", "meeting", false},
    {"phone call", "meeting", false},
    {"phone talks", "meeting", false},
    {"telephone call", "meeting", false},
    {"video conference", "meeting", false},
    {"received", "meeting", false},
    {"receives", "meeting", false},
    {"summit", "meeting", false},
    {"visit", "visit", false},
    {"visits", "visit", false},
    {"visited", "visit", false},
    {"visiting", "visit", false},
    {"paid a visit", "visit", false},
    {"trip", "visit", false},
    {"dialogue", "dialogue", false},
    {"dialogues", "dialogue", false},
    {"dialog", "dialogue", false},
    {"consultation", "consultation", false},
    {"consultations", "consultation", false},
    {"workshop", "workshop", false},
    {"workshops", "workshop", false},
    {"seminar", "workshop", false},
    {"seminars", "workshop", false},
    {"training course", "workshop", false},
    {"signed", "signing", false},
    {"sign", "signing", false},
    {"signs", "signing", false},
    {"signing", "signing", false},
    {"inked", "signing", false},
    {"handed over", "transfer", false},
    {"hand over", "transfer", false},
    {"handover", "transfer", false},
    {"transferred", "transfer", false},
    {"transfer", "transfer", false},
    {"delivered", "transfer", false},
    {"delivery", "transfer", false},
    {"donated", "transfer", false},
    {"donation", "transfer", false},
    {"gifted", "transfer", false},
    {"pledged", "transfer", true},
    {"pledge", "transfer", true},
    {"conference", "conference", false},
    {"conferences", "conference", false},
    {"forum", "conference", false},
    {"symposium", "conference", false},
    {"exhibition", "exhibition", false},
    {"expo", "exhibition", false},
    {"commemoration", "commemoration", false},
    {"anniversary", "commemoration", false},
    {"commemorated", "commemoration", false},
    {"commemorating", "commemoration", false},
    {"memorial service", "commemoration", false},
    {"exercise", "exercise", false},
    {"exercises", "exercise", false},
    {"drill", "exercise", false},
    {"drills", "exercise", false},
    {"joint training", "exercise", false},
    {"port call", "port-call", false},
    {"port calls", "port-call", false},
    {"port visit", "port-call", false},
    {"ship visit", "port-call", false},
    {"warship visit", "port-call", false},
    {"vessel visit", "port-call", false},
    {"carrier visit", "port-call", false},
    {"naval visit", "port-call", false},
    {"docked", "port-call", false},
    {"dispatched", "dispatch", false},
    {"deployed", "dispatch", false},
    {"deployment", "dispatch", false},
    {"incident", "incident", false},
    {"clash", "incident", false},
    {"clashed", "incident", false},
    {"standoff", "incident", false},
    {"confrontation", "incident", false},
    {"collision", "incident", false},
    {"collided", "incident", false},
    {"rammed", "incident", false},
    {"harassed", "incident", false},
    {"pressured", "incident", false},
    {"intrusion", "incident", false},
};

/* The word at or after *pos (letters, and apostrophes inside): its bytes in [*start, *end). */
static bool next_word(const char *text, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t i = *pos;
    while (i < len && !isalpha((unsigned char)text[i]))
        i++;
    if (i >= len)
        return false;
    *start = i;
    while (i < len && (isalpha((unsigned char)text[i]) ||
                       (text[i] == '\'' && i + 1 < len && isalpha((unsigned char)text[i + 1]))))
        i++;
    *end = *pos = i;
    return true;
}

/* Whether the words of phrase follow one another from the word at start; *end is past the last.
 * Only blanks may stand between them. */
static bool phrase_at(const char *text, size_t len, size_t start, const char *phrase, size_t *end)
{
    size_t i = start;
    for (const char *p = phrase; *p;) {
        size_t n = strcspn(p, " ");
        if (i + n > len || strncasecmp(text + i, p, n) != 0 ||
            (i + n < len && isalpha((unsigned char)text[i + n])))
            return false;
        i += n;
        p += n;
        if (*p == ' ') {
            p++;
            size_t blanks = i;
            while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
                i++;
            if (i == blanks)
                return false;
        }
    }
    *end = i;
    return true;
}

bool event_cue_next(const char *text, size_t len, size_t from, struct event_cue *out)
{
    size_t pos = from, start, end;
    while (next_word(text, len, &pos, &start, &end)) {
        const struct cue *best = NULL;
        size_t best_end = 0;
        for (size_t c = 0; c < sizeof cues / sizeof cues[0]; c++) {
            size_t e;
            if (phrase_at(text, len, start, cues[c].words, &e) && e > best_end) {
                best = &cues[c];
                best_end = e;
            }
        }
        if (best) {
            out->start = start;
            out->end = best_end;
            out->type = best->type;
            out->planned = best->planned;
            return true;
        }
    }
    return false;
}

/* Whether any of phrases stands in text as whole words. */
static bool any_phrase(const char *text, size_t len, const char *const *phrases)
{
    size_t pos = 0, start, end, e;
    while (next_word(text, len, &pos, &start, &end))
        for (const char *const *p = phrases; *p; p++)
            if (phrase_at(text, len, start, *p, &e))
                return true;
    return false;
}

enum date_tense event_sentence_tense(const char *text, size_t len)
{
    static const char *const future[] = {"will",           "shall",
                                         "is to",          "are to",
                                         "is scheduled",   "are scheduled",
                                         "scheduled to",   "plans to",
                                         "plan to",        "planned to",
                                         "is planning",    "are planning",
                                         "is expected to", "are expected to",
                                         "is set to",      "are set to",
                                         "upcoming",       "next week",
                                         "next month",     "next year",
                                         "to be held",     "would hold",
                                         "would visit",    "would sign",
                                         "tomorrow",       NULL};
    static const char *const past[] = {"was",       "were",      "had",    "has been", "have been",
                                       "held",      "met",       "signed", "visited",  "took place",
                                       "last",      "yesterday", "ago",    "earlier",  "attended",
                                       "discussed", "agreed",    "handed", "received", "hosted",
                                       "paid",      NULL};
    if (any_phrase(text, len, future))
        return DATE_FUTURE;
    if (any_phrase(text, len, past))
        return DATE_PAST;
    return DATE_NEAREST;
}

int event_type_family(const char *type)
{
    static const char *const families[][4] = {
        {"meeting", "consultation", "dialogue", "visit"},
        {"signing"},
        {"transfer", "dispatch"},
        {"exercise", "port-call"},
        {"workshop", "conference", "exhibition"},
        {"commemoration"},
        {"incident"},
    };
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (size_t i = 0; i < 4 && families[f][i]; i++)
            if (strcmp(families[f][i], type) == 0)
                return (int)f;
    return -1;
}
