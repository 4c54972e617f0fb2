/* The words that report events, and a sentence's tense (jvdr/base/event_cues.h). The sentences
 * are this file's own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "jvdr/base/event_cues.h"

static void expect(const char *text, const char *type, const char *words)
{
    struct event_cue c;
    cr_assert(event_cue_next(text, strlen(text), 0, &c), "no cue in: %s", text);
    cr_expect_str_eq(c.type, type, "%s", text);
    char got[64];
    snprintf(got, sizeof got, "%.*s", (int)(c.end - c.start), text + c.start);
    cr_expect_str_eq(got, words, "%s", text);
}

Test(event_cues, each_kind_of_event_is_known_by_its_words)
{
    expect("The two ministers held talks in the capital.", "meeting", "held talks");
    expect("The general met his counterpart.", "meeting", "met");
    expect("He paid a courtesy call on the president.", "meeting", "paid a courtesy call");
    expect("The minister paid a visit to the base.", "visit", "paid a visit");
    expect("A frigate made a port call at the harbour.", "port-call", "port call");
    expect("The navies began joint drills at sea.", "exercise", "drills");
    expect("The two sides signed a memorandum.", "signing", "signed");
    expect("Japan handed over two patrol vessels.", "transfer", "handed over");
    expect("The first policy dialogue opened.", "dialogue", "dialogue");
    expect("A seminar on cyber security was opened.", "workshop", "seminar");
    expect("Engineers were dispatched to the mission.", "dispatch", "dispatched");
}

Test(event_cues, a_pledge_is_a_transfer_to_come)
{
    struct event_cue c;
    const char *text = "Tokyo pledged six more ships.";
    cr_assert(event_cue_next(text, strlen(text), 0, &c));
    cr_expect_str_eq(c.type, "transfer");
    cr_expect(c.planned);
}

Test(event_cues, whole_words_only_and_in_order)
{
    struct event_cue c;
    const char *none = "Metal visitors unsigned the metropolis.";
    cr_expect_not(event_cue_next(none, strlen(none), 0, &c), "%s", none);
    const char *two = "They met, then signed.";
    cr_assert(event_cue_next(two, strlen(two), 0, &c));
    cr_expect_str_eq(c.type, "meeting");
    cr_assert(event_cue_next(two, strlen(two), c.end, &c));
    cr_expect_str_eq(c.type, "signing");
    cr_expect_not(event_cue_next(two, strlen(two), c.end, &c));
}

Test(event_cues, the_tense_of_a_sentence)
{
    static const struct {
        const char *text;
        enum date_tense tense;
    } cases[] = {
        {"The minister will visit the port.", DATE_FUTURE},
        {"The dialogue is scheduled to open in May.", DATE_FUTURE},
        {"Both navies plan to hold a drill.", DATE_FUTURE},
        {"The ministers met in the capital.", DATE_PAST},
        {"A memorandum was signed.", DATE_PAST},
        {"Defence ties between the two countries", DATE_NEAREST},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(event_sentence_tense(cases[i].text, strlen(cases[i].text)), cases[i].tense,
                     "%s", cases[i].text);
}
