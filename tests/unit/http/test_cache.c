/* The response cache: answers live until what they show changes — a write to their record, any
 * write for collections, any commit of unknown extent — and a URL missed by several callers at
 * once is rendered by one of them, the others getting that answer unless it went stale. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jvdr/http/cache.h"

static struct cache cache;

static void setup(void)
{
    cr_assert_eq(cache_init(&cache, 64, 1 << 20), 0);
}

static void teardown(void)
{
    cache_cleanup(&cache);
}

TestSuite(cache, .init = setup, .fini = teardown, .timeout = 30);

/* Renders body for key under stamp and keeps it; returns the entry (a reference of the caller's).
 */
static struct cache_entry *put(const char *key, struct cache_stamp stamp, const char *body)
{
    struct cache_entry *e =
        cache_put(&cache, key, stamp, strdup(body), strlen(body), "text/plain", NULL, NULL, 0);
    cr_assert_not_null(e);
    return e;
}

static bool live(const char *key)
{
    struct cache_entry *e = cache_get(&cache, key);
    cache_release(e);
    return e != NULL;
}

Test(cache, a_write_to_one_record_leaves_other_records_answers_live)
{
    uint32_t giang = cache_tag("official", "phan-van-giang");
    uint32_t kishi = cache_tag("official", "nobuo-kishi");
    cr_assert_neq(giang, CACHE_TAG_COLLECTIONS);
    cache_release(put("/v1/officials/phan-van-giang", cache_stamp(&cache, giang), "giang"));
    cache_release(put("/v1/officials/nobuo-kishi", cache_stamp(&cache, kishi), "kishi"));
    cache_release(put("/v1/officials", cache_stamp(&cache, CACHE_TAG_COLLECTIONS), "list"));

    cache_invalidate_record(&cache, "official", "nobuo-kishi");
    cr_assert(live("/v1/officials/phan-van-giang"), "an unrelated record's answer was evicted");
    cr_assert_not(live("/v1/officials/nobuo-kishi"), "the written record's answer survived");
    cr_assert_not(live("/v1/officials"), "a collection survived a write");
}

Test(cache, a_commit_of_unknown_extent_makes_everything_stale)
{
    uint32_t tag = cache_tag("event", "admm-2020");
    cache_release(put("/v1/events/admm-2020", cache_stamp(&cache, tag), "e"));
    cache_invalidate(&cache);
    cr_assert_not(live("/v1/events/admm-2020"));
}

Test(cache, an_answer_rendered_across_a_write_is_not_kept)
{
    uint32_t tag = cache_tag("event", "admm-2020");
    struct cache_stamp before = cache_stamp(&cache, tag);  /* read before the query */
    cache_invalidate_record(&cache, "event", "admm-2020"); /* a write commits meanwhile */
    cache_release(put("/v1/events/admm-2020", before, "old"));
    cr_assert_not(live("/v1/events/admm-2020"));
}

struct caller {
    const char *key;
    struct cache_entry *entry;
    struct cache_flight *flight;
    bool shared;
};

static void *second_caller(void *arg)
{
    struct caller *c = arg;
    c->entry = cache_get_or_lead(&cache, c->key, &c->flight, &c->shared);
    return NULL;
}

static void pause_ms(long ms)
{
    nanosleep(&(struct timespec){0, ms * 1000 * 1000}, NULL);
}

Test(cache, concurrent_misses_render_once_and_share_the_answer)
{
    const char *key = "/v1/stats";
    struct cache_flight *flight = NULL;
    bool shared = true;
    cr_assert_null(cache_get_or_lead(&cache, key, &flight, &shared));
    cr_assert_not_null(flight, "the first caller leads");
    struct cache_stamp stamp = cache_stamp(&cache, CACHE_TAG_COLLECTIONS);

    struct caller other = {.key = key};
    pthread_t thread;
    pthread_create(&thread, NULL, second_caller, &other);
    pause_ms(50); /* usually waiting by now; if not, it finds the kept entry: the same outcome */
    struct cache_entry *mine = put(key, stamp, "stats");
    cache_flight_done(&cache, flight, mine);
    pthread_join(thread, NULL);

    cr_assert_eq(other.entry, mine, "the second caller rendered again instead of sharing");
    cr_assert_null(other.flight);
    cache_release(other.entry);
    cache_release(mine);
}

Test(cache, a_waiter_does_not_take_an_answer_a_write_made_stale)
{
    const char *key = "/v1/events/admm-2020";
    struct cache_flight *flight = NULL;
    bool shared = false;
    cr_assert_null(cache_get_or_lead(&cache, key, &flight, &shared));
    struct cache_stamp stamp = cache_stamp(&cache, cache_tag("event", "admm-2020"));

    struct caller other = {.key = key};
    pthread_t thread;
    pthread_create(&thread, NULL, second_caller, &other);
    pause_ms(50);
    cache_invalidate_record(&cache, "event", "admm-2020"); /* acknowledged before the render ends */
    struct cache_entry *mine = put(key, stamp, "before the write");
    cache_flight_done(&cache, flight, mine);
    pthread_join(thread, NULL);

    cr_assert_null(other.entry, "a waiter was given an answer from before an acknowledged write");
    cache_flight_done(&cache, other.flight, NULL); /* it may have become the next leader */
    cache_release(mine);
}

Test(cache, a_failed_render_releases_its_waiters_to_render_themselves)
{
    const char *key = "/v1/timeline";
    struct cache_flight *flight = NULL;
    bool shared = false;
    cr_assert_null(cache_get_or_lead(&cache, key, &flight, &shared));
    struct caller other = {.key = key};
    pthread_t thread;
    pthread_create(&thread, NULL, second_caller, &other);
    pause_ms(50);
    cache_flight_done(&cache, flight, NULL); /* the handler failed: nothing to share */
    pthread_join(thread, NULL);
    cr_assert_null(other.entry);
    cache_flight_done(&cache, other.flight, NULL);
}
