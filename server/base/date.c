/* Parsing ISO dates at year, month or day precision; see include/jvdr/base/date.h. */
#include "jvdr/base/date.h"

#include <stdio.h>
#include <string.h>

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

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* Splits s into its parts; returns the precision or DATE_INVALID. */
static enum date_precision date_split(const char *s, int *year, int *month, int *day)
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
    if (s[7] != '-' || !digits(s + 8, 2, day) || *day < 1 || *day > days_in_month(*year, *month))
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
    int last_day = p == DATE_DAY ? d : days_in_month(y, last_month);
    snprintf(first, 11, "%04d-%02d-%02d", y, m, d);
    snprintf(last, 11, "%04d-%02d-%02d", y, last_month, last_day);
    return true;
}
