/* ISO 8601 calendar dates at the precision a document gives: "2023", "2021-11", "2020-02-21".
 * A reduced-precision date stands for the interval it covers. */
#ifndef JVDR_BASE_DATE_H
#define JVDR_BASE_DATE_H

#include <stdbool.h>

enum date_precision { DATE_INVALID = 0, DATE_YEAR, DATE_MONTH, DATE_DAY };

/* The precision of s, or DATE_INVALID unless s is YYYY, YYYY-MM or YYYY-MM-DD naming a real
 * calendar date (years 0001-9999, leap years included). */
enum date_precision date_parse(const char *s);

/* Writes the first and last day of the interval s covers as YYYY-MM-DD; false when s is invalid. */
bool date_interval(const char *s, char first[11], char last[11]);

#endif
