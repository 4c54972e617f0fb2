/* ISO 8601 calendar dates at the precision a document gives: "2023", "2021-11", "2020-02-21".
 * A reduced-precision date stands for the interval it covers. */
#ifndef JVDR_BASE_DATE_H
#define JVDR_BASE_DATE_H

#include <stdbool.h>
#include <stddef.h>

enum date_precision { DATE_INVALID = 0, DATE_YEAR, DATE_MONTH, DATE_DAY };

/* The precision of s, or DATE_INVALID unless s is YYYY, YYYY-MM or YYYY-MM-DD naming a real
 * calendar date (years 0001-9999, leap years included). */
enum date_precision date_parse(const char *s);

/* The parts of s (month and day 1 where s has none) and its precision. */
enum date_precision date_split(const char *s, int *year, int *month, int *day);

/* The days of month in year (1-12), leap years included. */
int date_days_in_month(int year, int month);

/* Days since 1970-01-01 of a calendar date (proleptic Gregorian; negative before), and back. */
long date_to_days(int year, int month, int day);
void date_from_days(long days, int *year, int *month, int *day);

/* The day of the week of a day count: 0 Monday ... 6 Sunday. */
int date_weekday(long days);

/* The month (1-12) an English month's name names, in any case, or 0; with abbreviated, also
 * "Jan" ... "Dec" and "Sept". */
int date_month_named(const char *word, size_t n, bool abbreviated);

/* Writes the first and last day of the interval s covers as YYYY-MM-DD; false when s is invalid. */
bool date_interval(const char *s, char first[11], char last[11]);

#endif
