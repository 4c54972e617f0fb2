/* Dates in English text resolved against the document's date (jvdr/base/date_mention.h). The
 * sentences are this file's own, written to cover the forms news text uses, not taken from any
 * document. The document's date in most is Wednesday 2021-04-14. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/date_mention.h"

#define DOC "2021-04-14"

/* The first date of text: its date, end date ("" for none), qualifier ("" for none), and that
 * its bytes are the words expected. */
static struct date_mention first(const char *text, const char *doc, enum date_tense tense)
{
    struct date_mention m;
    cr_assert(date_mention_next(text, strlen(text), 0, doc, tense, &m), "no date in: %s", text);
    return m;
}

static void expect(const char *text, enum date_tense tense, const char *date, const char *end,
                   const char *qualifier, const char *words)
{
    struct date_mention m = first(text, DOC, tense);
    cr_expect_str_eq(m.date, date, "%s", text);
    cr_expect_str_eq(m.end_date, end, "%s", text);
    cr_expect_str_eq(m.qualifier ? m.qualifier : "", qualifier, "%s", text);
    cr_expect_eq(m.end - m.start, strlen(words), "%s: %.*s", text, (int)(m.end - m.start),
                 text + m.start);
    cr_expect(strncmp(text + m.start, words, strlen(words)) == 0, "%s: %.*s", text,
              (int)(m.end - m.start), text + m.start);
}

Test(date_mention, absolute_days_take_the_year_they_name_or_the_documents)
{
    expect("The ministers met on April 12 in the capital.", DATE_PAST, "2021-04-12", "", "",
           "April 12");
    expect("Talks were held on 12 April 2021.", DATE_PAST, "2021-04-12", "", "", "12 April 2021");
    expect("It was signed on Sept. 3, 2019, after a year of talks.", DATE_PAST, "2019-09-03", "",
           "", "Sept. 3, 2019");
    expect("They first met on November 6 last year.", DATE_PAST, "2020-11-06", "", "",
           "November 6 last year");
    expect("on the 12th of April", DATE_PAST, "2021-04-12", "", "", "12th of April");
}

Test(date_mention, a_day_without_its_year_falls_by_the_tense)
{
    /* After the document's date: last year when it is past, this year when it is to come. */
    expect("The review took place on April 20.", DATE_PAST, "2020-04-20", "", "", "April 20");
    expect("The minister will visit on April 20.", DATE_FUTURE, "2021-04-20", "", "", "April 20");
    expect("The minister visits on April 20.", DATE_NEAREST, "2021-04-20", "", "", "April 20");
    struct date_mention m =
        first("A drill on December 30 to January 2 ended it.", "2021-01-05", DATE_PAST);
    cr_expect_str_eq(m.date, "2020-12-30");
    cr_expect_str_eq(m.end_date, "2021-01-02", "a span runs into the next year");
    cr_expect(strstr(m.note, "2020") && strstr(m.note, "2021-01-05"), "%s", m.note);
}

Test(date_mention, spans_give_their_last_day)
{
    expect("a visit from April 7 to 11", DATE_PAST, "2021-04-07", "2021-04-11", "",
           "April 7 to 11");
    expect("an exercise on April 28 to May 2, 2021", DATE_PAST, "2021-04-28", "2021-05-02", "",
           "April 28 to May 2, 2021");
    expect("the course ran 7-11 April", DATE_PAST, "2021-04-07", "2021-04-11", "", "7-11 April");
    expect("the course ran 7\u201311 April", DATE_PAST, "2021-04-07", "2021-04-11", "",
           "7\u201311 April");
    expect("on March 3 and 4", DATE_PAST, "2021-03-03", "2021-03-04", "", "March 3 and 4");
    /* Two dates, not a span. */
    expect("on March 3 and 10", DATE_PAST, "2021-03-03", "", "", "March 3");
}

Test(date_mention, qualified_months_and_years)
{
    expect("in late November the two sides agreed", DATE_PAST, "2020-11", "", "late",
           "late November");
    expect("Since mid-2019 the navies have trained together.", DATE_PAST, "2019", "", "mid",
           "mid-2019");
    expect("by the end of March", DATE_PAST, "2021-03", "", "late", "the end of March");
    expect("in early September 2020", DATE_PAST, "2020-09", "", "early", "early September 2020");
    expect("at the beginning of the year", DATE_PAST, "2021", "", "early",
           "the beginning of the year");
}

Test(date_mention, months_and_years)
{
    expect("It was agreed in September 2021.", DATE_PAST, "2021-09", "", "", "September 2021");
    expect("The plan dates from 2019.", DATE_PAST, "2019", "", "", "2019");
    expect("They met last November.", DATE_PAST, "2020-11", "", "", "last November");
    expect("They will meet in November.", DATE_FUTURE, "2021-11", "", "", "November");
    expect("They met in March.", DATE_PAST, "2021-03", "", "", "March");
    expect("They may meet in May.", DATE_NEAREST, "2021-05", "", "", "May");
}

Test(date_mention, days_relative_to_the_document)
{
    expect("The talks ended yesterday.", DATE_PAST, "2021-04-13", "", "", "yesterday");
    expect("They meet today.", DATE_PAST, "2021-04-14", "", "", "today");
    expect("The ministers met on Monday.", DATE_PAST, "2021-04-12", "", "", "on Monday");
    expect("The ministers will meet on Monday.", DATE_FUTURE, "2021-04-19", "", "", "on Monday");
    expect("They spoke last Wednesday.", DATE_PAST, "2021-04-07", "", "", "last Wednesday");
    expect("The ships arrived three days ago.", DATE_PAST, "2021-04-11", "", "", "three days ago");
    expect("The ships docked over the weekend.", DATE_PAST, "2021-04-10", "2021-04-11", "",
           "over the weekend");
    struct date_mention m = first("They met last week.", DOC, DATE_PAST);
    cr_expect_str_eq(m.date, "2021-04", "a week is given as its month");
    cr_expect(strstr(m.note, "2021-04-05") && strstr(m.note, "2021-04-11"), "%s", m.note);
}

Test(date_mention, periods_relative_to_the_document)
{
    expect("Talks resume next month.", DATE_FUTURE, "2021-05", "", "", "next month");
    expect("It was signed last year.", DATE_PAST, "2020", "", "", "last year");
    expect("Earlier this year the two sides agreed.", DATE_PAST, "2021", "", "",
           "Earlier this year");
    expect("Two months ago, the ministers met.", DATE_PAST, "2021-02", "", "", "Two months ago");
}

Test(date_mention, never_finer_than_the_documents_own_date)
{
    struct date_mention m = first("The ministers met on Monday.", "2021-04", DATE_PAST);
    cr_expect_str_eq(m.date, "2021-04");
    cr_expect(strstr(m.note, "no finer"), "%s", m.note);
    m = first("They met last month.", "2021", DATE_PAST);
    cr_expect_str_eq(m.date, "2021");
    m = first("They met on April 12.", "2021", DATE_PAST);
    cr_expect_str_eq(m.date, "2021-04-12", "a day the words name needs no finer document");
}

Test(date_mention, words_that_are_not_dates)
{
    static const char *const none[] = {
        "The two sides may sign an accord.",
        "Troops march to the port.",
        "The late general was honoured.",
        "Some 2019 units and 12 ships took part.",
        "He said the early talks went well.",
        "February 30 never comes.",
        "",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        struct date_mention m;
        cr_expect_not(date_mention_next(none[i], strlen(none[i]), 0, DOC, DATE_PAST, &m), "%s: %s",
                      none[i], m.date);
    }
    struct date_mention m;
    cr_expect_not(date_mention_next("on April 12", 11, 0, "sometime", DATE_PAST, &m),
                  "a document's date that is not a date resolves nothing");
    cr_expect_not(
        date_mention_next("Talks resume next year.", 23, 0, "9999-06-01", DATE_FUTURE, &m),
        "past the calendar's end: %s", m.date);
    cr_expect_not(date_mention_next("They met last year.", 19, 0, "0001-06-01", DATE_PAST, &m),
                  "before its beginning: %s", m.date);
}

Test(date_mention, the_next_date_after_a_place_in_the_text)
{
    const char *text = "Talks on April 12 led to a signing on April 13.";
    struct date_mention m = first(text, DOC, DATE_PAST);
    cr_assert_str_eq(m.date, "2021-04-12");
    cr_assert(date_mention_next(text, strlen(text), m.end, DOC, DATE_PAST, &m));
    cr_assert_str_eq(m.date, "2021-04-13");
    cr_assert_not(date_mention_next(text, strlen(text), m.end, DOC, DATE_PAST, &m));
}
