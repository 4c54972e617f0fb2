/* Interned strings: every key found after others are removed around it (the probe runs stay
 * whole), and removed keys' integers serve new keys, so memory follows the keys alive. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "jvdr/store/index_dict.h"

Test(index_dict, keys_survive_removals_and_integers_are_given_again)
{
    struct index_dict *d = index_dict_new();
    cr_assert_not_null(d);
    char key[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "event-%d", i);
        cr_assert_eq(index_dict_intern(d, key), (uint32_t)i);
    }
    for (int i = 0; i < 1000; i += 2) {
        snprintf(key, sizeof key, "event-%d", i);
        index_dict_remove(d, key);
        cr_assert_eq(index_dict_find(d, key), INDEX_NO_ID, "%s is still found", key);
    }
    for (int i = 1; i < 1000; i += 2) {
        snprintf(key, sizeof key, "event-%d", i);
        cr_assert_eq(index_dict_find(d, key), (uint32_t)i, "%s was lost by a removal", key);
    }
    for (int round = 0; round < 5; round++)
        for (int i = 0; i < 500; i++) { /* churn: new keys come and go */
            snprintf(key, sizeof key, "churn-%d-%d", round, i);
            uint32_t id = index_dict_intern(d, key);
            cr_assert_lt(id, 1000u, "a new key got a fresh integer while removed ones were free");
            index_dict_remove(d, key);
        }
    cr_assert_eq(d->count, 1000u, "the dictionary grew under churn");
    index_dict_remove(d, "never-added"); /* a no-op */
    index_dict_free(d);
}
