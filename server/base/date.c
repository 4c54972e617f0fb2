/* Parsing ISO dates at year, month or day precision; see include/jvdr/base/date.h. */
#include "jvdr/base/date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool digits(const char *s, int n, int *value)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

int date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

enum date_precision date_split(const char *s, int *year, int *month, int *day)
{
    size_t len = strlen(s);
    *month = 1;
    *day = 1;
    if ((len != 4 && len != 7 && len != 10) || !digits(s, 4, year) || *year < 1)
        return DATE_INVALID;
    if (len == 4)
        return DATE_YEAR;
    if (s[4] != '-' || !digits(s + 5, 2, month) || *month < 1 || *month > 12)
        return DATE_INVALID;
    if (len == 7)
        return DATE_MONTH;
    if (s[7] != '-' || !digits(s + 8, 2, day) || *day < 1 ||
        *day > date_days_in_month(*year, *month))
        return DATE_INVALID;
    return DATE_DAY;
}

enum date_precision date_parse(const char *s)
{
    int y, m, d;
    return date_split(s, &y, &m, &d);
}

bool date_interval(const char *s, char first[11], char last[11])
{
    int y, m, d;
    enum date_precision p = date_split(s, &y, &m, &d);
    if (p == DATE_INVALID)
        return false;
    int last_month = p == DATE_YEAR ? 12 : m;
    int last_day = p == DATE_DAY ? d : date_days_in_month(y, last_month);
    snprintf(first, 11, "%04d-%02d-%02d", y, m, d);
    snprintf(last, 11, "%04d-%02d-%02d", y, last_month, last_day);
    return true;
}

/* Days from the civil date, by the proleptic Gregorian calendar's 400-year cycle of 146,097
 * days, counted in years that begin on March 1 (so that February's length comes last). */
long date_to_days(int year, int month, int day)
{
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long year_of_era = y - era * 400;
    long day_of_year = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void date_from_days(long days, int *year, int *month, int *day)
{
    days += 719468;
    long era = (days >= 0 ? days : days - 146096) / 146097;
    long day_of_era = days - era * 146097;
    long year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long mp = (5 * day_of_year + 2) / 153;
    *day = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(year_of_era + era * 400 + (*month <= 2));
}

int date_weekday(long days)
{
    long w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

int date_month_named(const char *word, size_t n, bool abbreviated)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    for (int m = 0; m < 12; m++) {
        if (strlen(names[m]) == n && strncasecmp(names[m], word, n) == 0)
            return m + 1;
        if (abbreviated && n == 3 && strncasecmp(names[m], word, 3) == 0)
            return m + 1;
    }
    return abbreviated && n == 4 && strncasecmp(word, "Sept", 4) == 0 ? 9 : 0;
}
