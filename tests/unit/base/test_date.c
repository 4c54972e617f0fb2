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
