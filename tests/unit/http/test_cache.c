/* The response cache: answers live until a fact they depend on changes — their record, a fact a
 * filtered list selects on, the kind as a whole, any commit of unknown extent — and a URL missed
 * by several callers at once is rendered by one of them, the others getting that answer unless it
 * went stale. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
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

/* A stamp read now for the tags (kind, field, value) given as triples, ending in NULL. */
static struct cache_stamp stamp_of(const char *kind, ...)
{
    struct cache_stamp stamp = cache_stamp_begin(&cache);
    va_list ap;
    va_start(ap, kind);
    for (const char *k = kind; k; k = va_arg(ap, const char *)) {
        const char *field = va_arg(ap, const char *), *value = va_arg(ap, const char *);
        cr_assert(cache_stamp_add(&cache, &stamp, cache_tag(k, field, value)));
    }
    va_end(ap);
    return stamp;
}

static void bump(const char *kind, const char *field, const char *value)
{
    cache_bump(&cache, cache_tag(kind, field, value));
}

Test(cache, a_write_to_one_record_leaves_other_records_answers_live)
{
    cache_release(put("/v1/officials/phan-van-giang",
                      stamp_of("official", "id", "phan-van-giang", NULL), "giang"));
    cache_release(
        put("/v1/officials/nobuo-kishi", stamp_of("official", "id", "nobuo-kishi", NULL), "kishi"));
    cache_release(put("/v1/officials", stamp_of("official", "", "", NULL), "list"));
    cache_release(put("/v1/agreements", stamp_of("agreement", "", "", NULL), "other kind"));

    bump("official", "id", "nobuo-kishi");
    bump("official", "", "");
    cr_assert(live("/v1/officials/phan-van-giang"), "an unrelated record's answer was evicted");
    cr_assert_not(live("/v1/officials/nobuo-kishi"), "the written record's answer survived");
    cr_assert_not(live("/v1/officials"), "a list of the kind survived a write to it");
    cr_assert(live("/v1/agreements"), "a list of another kind was evicted");
}

Test(cache, an_answer_on_several_facts_goes_stale_when_any_of_them_moves)
{
    const char *const facts[][3] = {{"event", "country", "JP"},
                                    {"agreement", "country", "JP"},
                                    {"event", "*", ""},
                                    {"agreement", "*", ""}};
    for (size_t moved = 0; moved < 4; moved++) {
        cache_release(put("/v1/timeline?country=JP",
                          stamp_of("event", "country", "JP", "agreement", "country", "JP", "event",
                                   "*", "", "agreement", "*", "", NULL),
                          "t"));
        bump("event", "country", "VN"); /* another fact: the answer stays */
        bump("official", "country", "JP");
        cr_assert(live("/v1/timeline?country=JP"), "an unrelated fact evicted it (%zu)", moved);
        bump(facts[moved][0], facts[moved][1], facts[moved][2]);
        cr_assert_not(live("/v1/timeline?country=JP"), "it survived a change of fact %zu", moved);
    }
}

Test(cache, a_stamp_counts_a_slot_once_and_holds_a_bounded_number_of_tags)
{
    struct cache_stamp stamp = cache_stamp_begin(&cache);
    uint32_t tag = cache_tag("event", "word", "mari");
    cr_assert(cache_stamp_add(&cache, &stamp, tag));
    cr_assert(cache_stamp_add(&cache, &stamp, tag));
    cr_assert_eq(stamp.ntags, 1);
    for (int i = 1; i < CACHE_MAX_TAGS; i++) {
        char year[8];
        snprintf(year, sizeof year, "%d", 2000 + i);
        cache_stamp_add(&cache, &stamp, cache_tag("event", "year", year));
    }
    /* Full (unless two years happened to share a slot): a further tag is refused, not dropped. */
    if (stamp.ntags == CACHE_MAX_TAGS)
        cr_assert_not(cache_stamp_add(&cache, &stamp, cache_tag("event", "year", "1999")));
}

Test(cache, a_commit_of_unknown_extent_makes_everything_stale)
{
    cache_release(put("/v1/events/admm-2020", stamp_of("event", "id", "admm-2020", NULL), "e"));
    cache_release(put("/", stamp_of(NULL), "static"));
    cache_invalidate(&cache);
    cr_assert_not(live("/v1/events/admm-2020"));
    cr_assert_not(live("/"));
}

Test(cache, an_answer_rendered_across_a_write_is_not_kept)
{
    struct cache_stamp before = stamp_of("event", "id", "admm-2020", NULL); /* before the query */
    bump("event", "id", "admm-2020"); /* a write commits meanwhile */
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
    struct cache_stamp stamp = stamp_of("event", "", "", NULL);

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
    struct cache_stamp stamp = stamp_of("event", "id", "admm-2020", NULL);

    struct caller other = {.key = key};
    pthread_t thread;
    pthread_create(&thread, NULL, second_caller, &other);
    pause_ms(50);
    bump("event", "id", "admm-2020"); /* acknowledged before the render ends */
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
