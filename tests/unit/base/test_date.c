/* ISO dates at year, month and day precision, and the intervals they cover. */
#include <criterion/criterion.h>

#include "jvdr/base/date.h"

Test(date, precision_follows_the_form)
{
    cr_assert_eq(date_parse("2023"), DATE_YEAR);
    cr_assert_eq(date_parse("2021-11"), DATE_MONTH);
    cr_assert_eq(date_parse("2020-02-21"), DATE_DAY);
}

Test(date, impossible_or_malformed_dates_are_invalid)
{
    const char *bad[] = {"",          "21",         "20211",      "2021-1",
                         "2021-13",   "2021-00",    "2021-02-29", "2021-04-31",
                         "2021-11-1", "2021/11",    "0000",       "2021-11-01T00",
                         "２０２１",  "2021-11-0a", " 2021"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(date_parse(bad[i]), DATE_INVALID, "'%s' should be invalid", bad[i]);
}

Test(date, leap_days_exist_only_in_leap_years)
{
    cr_assert_eq(date_parse("2024-02-29"), DATE_DAY);
    cr_assert_eq(date_parse("2000-02-29"), DATE_DAY);
    cr_assert_eq(date_parse("1900-02-29"), DATE_INVALID);
}

Test(date, reduced_precision_covers_its_whole_interval)
{
    char first[11], last[11];
    cr_assert(date_interval("2021-11", first, last));
    cr_assert_str_eq(first, "2021-11-01");
    cr_assert_str_eq(last, "2021-11-30");
    cr_assert(date_interval("2020-02", first, last));
    cr_assert_str_eq(last, "2020-02-29");
    cr_assert(date_interval("2023", first, last));
    cr_assert_str_eq(first, "2023-01-01");
    cr_assert_str_eq(last, "2023-12-31");
    cr_assert(date_interval("2020-02-21", first, last));
    cr_assert_str_eq(first, "2020-02-21");
    cr_assert_str_eq(last, "2020-02-21");
    cr_assert_not(date_interval("2021-02-30", first, last));
}

Test(date, day_counts_round_trip_and_name_the_weekday)
{
    cr_assert_eq(date_to_days(1970, 1, 1), 0);
    cr_assert_eq(date_to_days(2000, 3, 1) - date_to_days(2000, 2, 28), 2, "2000 was a leap year");
    cr_assert_eq(date_to_days(1900, 3, 1) - date_to_days(1900, 2, 28), 1, "1900 was not");
    cr_assert_eq(date_weekday(date_to_days(2021, 4, 14)), 2, "a Wednesday");
    cr_assert_eq(date_weekday(date_to_days(1969, 12, 31)), 2, "before 1970 too");
    /* Every day of four centuries there and back, each the day after the one before. */
    long previous = date_to_days(1899, 12, 31);
    for (int y = 1900; y < 2300; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= date_days_in_month(y, m); d++) {
                long n = date_to_days(y, m, d);
                int yy, mm, dd;
                date_from_days(n, &yy, &mm, &dd);
                cr_assert(n == previous + 1 && yy == y && mm == m && dd == d, "%d-%d-%d", y, m, d);
                previous = n;
            }
}
