/* libFuzzer harness: reading English text (base/sentences.c, base/date_mention.c,
 * base/event_cues.c). Input: one
 * byte choosing the document's date (day, month or year precision, leap day included) and the
 * tense, then the text. Cuts it into sentences and reads every date of each, checking what the
 * service relies on: each sentence lies inside the text after the one before, is not empty and
 * has no white space at its ends; each date lies inside its sentence after the one before, is a
 * real calendar date, a span's end is a later day, a qualifier is one the schema takes; each
 * event cue lies inside its sentence after the one before and names a type of the schema. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/date.h"
#include "jvdr/base/date_mention.h"
#include "jvdr/base/event_cues.h"
#include "jvdr/base/sentences.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every cue of text[start..end): in order, inside, of a type the schema takes. */
static void check_cues(const char *text, size_t start, size_t end)
{
    static const char *const types[] = {"meeting",    "visit",         "dialogue", "consultation",
                                        "workshop",   "signing",       "transfer", "conference",
                                        "exhibition", "commemoration", "exercise", "port-call",
                                        "dispatch"};
    struct event_cue cue;
    size_t from = start;
    while (event_cue_next(text, end, from, &cue)) {
        if (cue.start < from || cue.end <= cue.start || cue.end > end)
            abort();
        bool known = false;
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            known |= strcmp(cue.type, types[i]) == 0;
        if (!known)
            abort();
        from = cue.end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const documents[] = {"2021-04-14", "2020-02-29", "2021-01-01", "2021-12",
                                            "2021",       "1900-03-01", "2100-12-31", "2024-02"};
    if (size < 1)
        return 0;
    const char *doc = documents[data[0] % 8];
    enum date_tense tense = (enum date_tense)(data[0] / 8 % 3);
    const char *text = (const char *)data + 1;
    size_t len = size - 1, at = 0;
    struct sentence sentence;
    while (sentence_next(text, len, at, &sentence)) {
        if (sentence.start < at || sentence.end <= sentence.start || sentence.end > len ||
            memchr(" \t\r\n", text[sentence.start], 4) ||
            memchr(" \t\r\n", text[sentence.end - 1], 4))
            abort();
        at = sentence.end;
        check_cues(text, sentence.start, sentence.end);
        event_sentence_tense(text + sentence.start, sentence.end - sentence.start);
        size_t from = sentence.start;
        struct date_mention m;
        while (date_mention_next(text, sentence.end, from, doc, tense, &m)) {
            if (m.start < from || m.end <= m.start || m.end > sentence.end)
                abort(); /* inside the sentence, after the last one, not empty */
            enum date_precision p = date_parse(m.date);
            if (p == DATE_INVALID)
                abort();
            if (m.end_date[0] && (p != DATE_DAY || date_parse(m.end_date) != DATE_DAY ||
                                  strcmp(m.end_date, m.date) <= 0))
                abort(); /* a span runs from a day to a later day */
            if (m.qualifier && strcmp(m.qualifier, "early") != 0 &&
                strcmp(m.qualifier, "mid") != 0 && strcmp(m.qualifier, "late") != 0)
                abort();
            if (strnlen(m.note, sizeof m.note) == sizeof m.note)
                abort(); /* ended */
            from = m.end;
        }
    }
    return 0;
}
