/* English text cut into sentences (jvdr/base/sentences.h). The sentences are this file's own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "jvdr/base/sentences.h"

/* Every sentence of text, each as its own string, into out (at most max); returns the count. */
static size_t cut(const char *text, char out[][160], size_t max)
{
    struct sentence s;
    size_t n = 0, from = 0, len = strlen(text);
    while (n < max && sentence_next(text, len, from, &s)) {
        cr_assert(s.start >= from && s.end > s.start && s.end <= len);
        snprintf(out[n++], 160, "%.*s", (int)(s.end - s.start), text + s.start);
        from = s.end;
    }
    return n;
}

static void expect(const char *text, const char *const *sentences)
{
    char got[16][160];
    size_t n = cut(text, got, 16), want = 0;
    while (sentences[want])
        want++;
    cr_expect_eq(n, want, "%s: %zu sentences, not %zu", text, n, want);
    for (size_t i = 0; i < n && i < want; i++)
        cr_expect_str_eq(got[i], sentences[i], "%s", text);
}

Test(sentences, a_stop_before_a_capital_ends_one)
{
    expect("The ministers met in the capital. They signed two memoranda! Was it enough? Yes.",
           (const char *const[]){"The ministers met in the capital.", "They signed two memoranda!",
                                 "Was it enough?", "Yes.", NULL});
    expect("  One sentence without a stop  ",
           (const char *const[]){"One sentence without a stop", NULL});
    expect("He said: \"We agreed.\" The talks ended.",
           (const char *const[]){"He said: \"We agreed.\"", "The talks ended.", NULL});
    expect("He said \u201cwe agreed.\u201d Talks ended.",
           (const char *const[]){"He said \u201cwe agreed.\u201d", "Talks ended.", NULL});
    expect("In 2020 there were talks. 2021 brought a pact.",
           (const char *const[]){"In 2020 there were talks.", "2021 brought a pact.", NULL});
}

Test(sentences, abbreviations_and_initials_do_not_end_one)
{
    expect("Gen. Tran met Lt. Col. Sato on Sept. 3 in Hanoi. Then they left.",
           (const char *const[]){"Gen. Tran met Lt. Col. Sato on Sept. 3 in Hanoi.",
                                 "Then they left.", NULL});
    expect("John F. Smith attended. So did Mr. Brown.",
           (const char *const[]){"John F. Smith attended.", "So did Mr. Brown.", NULL});
    expect("The U.S. Navy joined the drill. The U.K. did not.",
           (const char *const[]){"The U.S. Navy joined the drill.", "The U.K. did not.", NULL});
    expect("They spoke with the U.S. The talks went on.",
           (const char *const[]){"They spoke with the U.S.", "The talks went on.", NULL});
    expect("Growth was 3.5 percent, e.g. in exports.",
           (const char *const[]){"Growth was 3.5 percent, e.g. in exports.", NULL});
    expect("the talks ended. they resumed later.",
           (const char *const[]){"the talks ended. they resumed later.", NULL});
}

Test(sentences, a_blank_line_ends_one_and_a_wrapped_line_does_not)
{
    expect("Defence ties deepen\n\nThe ministers met on Monday\nin the capital and agreed.",
           (const char *const[]){"Defence ties deepen",
                                 "The ministers met on Monday\nin the capital and agreed.", NULL});
    expect("First paragraph.\r\n  \r\nSecond one.",
           (const char *const[]){"First paragraph.", "Second one.", NULL});
}

Test(sentences, nothing_but_white_space_has_none)
{
    struct sentence s;
    cr_assert_not(sentence_next("", 0, 0, &s));
    cr_assert_not(sentence_next(" \n\n\t ", 5, 0, &s));
    cr_assert_not(sentence_next("Done.", 5, 5, &s));
}
