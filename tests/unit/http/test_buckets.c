/* Token buckets: a burst, then the rate; time refills; clients apart; a full table still serves
 * newcomers. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "jvdr/http/rate_limit.h"

Test(buckets, a_burst_then_the_rate)
{
    struct rate_limit rl;
    cr_assert_eq(rate_limit_init(&rl, 2, 4), 0);
    for (int i = 0; i < 4; i++)
        cr_assert(rate_limit_take(&rl, "10.0.0.1", 1, 100.0).allowed, "take %d", i);
    struct rate_answer refused = rate_limit_take(&rl, "10.0.0.1", 1, 100.0);
    cr_assert_not(refused.allowed);
    cr_assert_eq(refused.retry, 1);
    cr_assert_eq(refused.remaining, 0);
    cr_assert_eq(refused.reset, 2, "4 tokens at 2 a second");
    cr_assert(rate_limit_take(&rl, "10.0.0.2", 1, 100.0).allowed, "another client was refused");
    cr_assert(rate_limit_take(&rl, "10.0.0.1", 1, 100.5).allowed, "half a second refills one");
    cr_assert_not(rate_limit_take(&rl, "10.0.0.1", 1, 100.5).allowed);
    struct rate_answer big = rate_limit_take(&rl, "10.0.0.1", 5, 101.0);
    cr_assert_not(big.allowed, "a cost over the burst can never pass");
    cr_assert_eq(big.retry, 2);
    rate_limit_cleanup(&rl);
}

Test(buckets, a_table_full_of_clients_still_serves_newcomers)
{
    struct rate_limit rl;
    cr_assert_eq(rate_limit_init(&rl, 1, 1), 0);
    char client[32];
    for (int i = 0; i < 4 * RATE_LIMIT_SLOTS; i++) {
        snprintf(client, sizeof client, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
        cr_assert(rate_limit_take(&rl, client, 1, 1.0 + i * 1e-6).allowed, "%s", client);
    }
    rate_limit_cleanup(&rl);
}

Test(buckets, off_means_no_limit)
{
    struct rate_limit rl;
    cr_assert_eq(rate_limit_init(&rl, 0, 0), 0);
    for (int i = 0; i < 1000; i++)
        cr_assert(rate_limit_take(&rl, "10.0.0.1", 5, 1.0).allowed);
    rate_limit_cleanup(&rl);
}
