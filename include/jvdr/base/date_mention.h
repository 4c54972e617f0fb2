/* Dates as English news text gives them, resolved against the document's own date: absolute
 * ("April 12", "12 April 2021", "November 6 last year", "in September 2021"), spans ("from April
 * 7 to 11", "April 28 to May 2", "7-11 April"), qualified ("in late November", "mid-2019", "the
 * end of March"), and relative ("yesterday", "on Monday", "last week", "over the weekend", "last
 * November", "three days ago", "next month"). Each comes with the precision the words allow (a
 * week is given as its month), never finer than the document's own date allows, and a note saying
 * how it was worked out wherever the words alone do not name it.
 *
 * General rules of English dates, not any one text's phrasing: month and weekday names are
 * capitalised proper nouns ("may" and "march" are verbs); "May" is a month only beside a day, a
 * year or a word that asks for a month ("in", "early", "last", ...). */
#ifndef JVDR_BASE_DATE_MENTION_H
#define JVDR_BASE_DATE_MENTION_H

#include <stdbool.h>
#include <stddef.h>

/* Where a date without its year (or a weekday) falls: before the document's date, after it (the
 * sentence speaks of what is to come: "will", "is scheduled to"), or whichever is nearer. */
enum date_tense { DATE_NEAREST, DATE_PAST, DATE_FUTURE };

#define DATE_NOTE_MAX 240

struct date_mention {
    size_t start, end;        /* the words, as bytes of the text */
    char date[11];            /* YYYY, YYYY-MM or YYYY-MM-DD */
    char end_date[11];        /* the last day of a span the text gives; "" for none */
    const char *qualifier;    /* "early", "mid", "late" or NULL */
    char note[DATE_NOTE_MAX]; /* how the date was worked out; "" when the words name it */
};

/* Finds the first date in text[from..len) (one sentence, or more), resolved against doc_date (the
 * document's date: YYYY, YYYY-MM or YYYY-MM-DD) with tense. False when there is none, or doc_date
 * is not a date. */
bool date_mention_next(const char *text, size_t len, size_t from, const char *doc_date,
                       enum date_tense tense, struct date_mention *out);

#endif
