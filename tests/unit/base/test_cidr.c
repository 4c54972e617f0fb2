/* Address ranges: parsing lists of addresses and CIDR ranges, and membership, IPv4 and IPv6. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/cidr.h"

static struct cidr_list list;

static void setup(void)
{
    char err[200];
    cr_assert_eq(cidr_list_parse(&list, "10.0.0.0/8, 192.168.1.7,fd00::/8", err, sizeof err), 0,
                 "%s", err);
}

static void teardown(void)
{
    cidr_list_cleanup(&list);
}

TestSuite(cidr, .init = setup, .fini = teardown);

Test(cidr, ranges_match_by_prefix)
{
    cr_assert(cidr_list_contains(&list, "10.200.3.4"));
    cr_assert(cidr_list_contains(&list, "192.168.1.7"));
    cr_assert_not(cidr_list_contains(&list, "192.168.1.8"));
    cr_assert_not(cidr_list_contains(&list, "11.0.0.1"));
    cr_assert(cidr_list_contains(&list, "fd12::1"));
    cr_assert_not(cidr_list_contains(&list, "fe80::1"));
    cr_assert(cidr_list_contains(&list, "::ffff:10.1.2.3"), "IPv4-mapped IPv6");
    cr_assert_not(cidr_list_contains(&list, "not-an-address"));
}

Test(cidr, bad_entries_are_refused_by_name)
{
    struct cidr_list t;
    char err[200];
    const char *bad[] = {"10.0.0.0/33", "300.1.1.1", "10.0.0.0/x", "fd00::/129", "example.com"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(cidr_list_parse(&t, bad[i], err, sizeof err), -1, "%s", bad[i]);
        cr_assert(strstr(err, bad[i]), "%s", err);
    }
}

Test(cidr, an_empty_list_contains_nothing)
{
    struct cidr_list empty;
    char err[200];
    cr_assert_eq(cidr_list_parse(&empty, "", err, sizeof err), 0);
    cr_assert_eq(empty.count, 0);
    cr_assert_not(cidr_list_contains(&empty, "127.0.0.1"));
    cidr_list_cleanup(&empty);
}
