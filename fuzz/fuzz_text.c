/* libFuzzer harness: reading English text (base/sentences.c, base/date_mention.c,
 * base/event_cues.c, base/titled_names.c, read/proposal_reading.c). Input: one
 * byte choosing the document's date (day, month or year precision, leap day included) and the
 * tense, then the text. Cuts it into sentences and reads every date of each, checking what the
 * service relies on: each sentence lies inside the text after the one before, is not empty and
 * has no white space at its ends; each date lies inside its sentence after the one before, is a
 * real calendar date, a span's end is a later day, a qualifier is one the schema takes; each
 * event cue lies inside its sentence after the one before and names a type of the schema; each
 * titled name lies inside its sentence, its title before its name; and the whole reading (with no
 * names known) gives events of the schema's types, real dates with a later end, qualifiers only on
 * a month or a year, sentences and evidence inside the text, people it has read. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/date.h"
#include "jvdr/base/date_mention.h"
#include "jvdr/base/event_cues.h"
#include "jvdr/base/sentences.h"
#include "jvdr/base/titled_names.h"
#include "jvdr/read/proposal_reading.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every cue of text[start..end): in order, inside, of a type the schema takes. */
static void check_cues(const char *text, size_t start, size_t end)
{
    static const char *const types[] = {"meeting",    "visit",         "dialogue", "consultation",
                                        "workshop",   "signing",       "transfer", "conference",
                                        "exhibition", "commemoration", "exercise", "port-call",
                                        "dispatch",   "incident"};
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

/* Every titled name of text[start..end): in order, inside, the title before the name. */
static void check_titled_names(const char *text, size_t start, size_t end)
{
    struct titled_name t;
    size_t from = start;
    while (titled_name_next(text, end, from, &t)) {
        if (t.start < from || t.title_start < t.start || t.title_end <= t.title_start ||
            t.name_start < t.title_end || t.name_end <= t.name_start || t.end > end ||
            (t.country && strlen(t.country) != 2))
            abort();
        from = t.end;
    }
}

/* The whole reading, with no names known. */
static void check_reading(const char *text, size_t len, const char *doc)
{
    struct arena *arena = arena_new();
    struct name_hits none = {0};
    struct reading r;
    if (!arena || !proposal_read(text, len, &none, doc, arena, &r))
        abort();
    for (size_t i = 0; i < r.nevents; i++) {
        const struct reading_event *e = &r.events[i];
        if (event_type_family(e->type) < 0 || e->nsentences == 0)
            abort();
        enum date_precision p = e->date[0] ? date_parse(e->date) : DATE_YEAR;
        if (p == DATE_INVALID || (e->end_date[0] && strcmp(e->end_date, e->date) <= 0) ||
            (e->qualifier && p == DATE_DAY))
            abort();
        for (size_t s = 0; s < e->nsentences; s++)
            if (e->sentences[s][0] >= e->sentences[s][1] || e->sentences[s][1] > len)
                abort();
        for (size_t k = 0; k < e->nevidence; k++)
            if (e->evidence[k].start >= e->evidence[k].end || e->evidence[k].end > len)
                abort();
        for (size_t k = 0; k < e->npeople; k++)
            if (e->people[k] >= r.npeople)
                abort();
    }
    for (size_t i = 0; i < r.nagreements; i++) {
        const struct reading_agreement *a = &r.agreements[i];
        if (a->start >= a->end || a->end > len || !a->type || !a->id[0] ||
            a->sentence_start > a->start || a->end > a->sentence_end)
            abort();
    }
    arena_free(arena);
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
        check_titled_names(text, sentence.start, sentence.end);
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
    check_reading(text, len, doc);
    return 0;
}
