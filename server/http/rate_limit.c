/* Per-client token buckets in a fixed table; see include/jvdr/http/rate_limit.h. */
#include "jvdr/http/rate_limit.h"

#include <stdlib.h>
#include <string.h>

/* Whole seconds or tokens, rounded up (x >= 0). */
static long round_up(double x)
{
    long n = (long)x;
    return (double)n < x ? n + 1 : n;
}

static double lesser(double a, double b)
{
    return a < b ? a : b;
}

int rate_limit_init(struct rate_limit *rl, double rate, double burst)
{
    memset(rl, 0, sizeof *rl);
    rl->rate = rate;
    rl->burst = burst;
    if (rate <= 0)
        return 0;
    rl->slots = calloc(RATE_LIMIT_SLOTS, sizeof *rl->slots);
    if (!rl->slots)
        return -1;
    for (size_t i = 0; i < RATE_LIMIT_STRIPES; i++)
        pthread_mutex_init(&rl->locks[i], NULL);
    return 0;
}

void rate_limit_cleanup(struct rate_limit *rl)
{
    if (!rl->slots)
        return;
    for (size_t i = 0; i < RATE_LIMIT_STRIPES; i++)
        pthread_mutex_destroy(&rl->locks[i]);
    free(rl->slots);
    memset(rl, 0, sizeof *rl);
}

static size_t set_of(const char *client)
{
    size_t h = 1469598103934665603ULL;
    for (const char *p = client; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (h % (RATE_LIMIT_SLOTS / RATE_LIMIT_WAYS)) * RATE_LIMIT_WAYS;
}

/* The bucket of client in its set, refilled to now; a newcomer takes an idle full bucket, else
 * the least recently used. The set's stripe is locked. */
static struct rate_bucket *bucket(struct rate_limit *rl, size_t set, const char *client, double now)
{
    struct rate_bucket *found = NULL, *oldest = NULL;
    for (size_t w = 0; w < RATE_LIMIT_WAYS && !found; w++) {
        struct rate_bucket *b = &rl->slots[set + w];
        if (strcmp(b->client, client) == 0)
            found = b;
        else if (!oldest || b->at < oldest->at)
            oldest = b;
    }
    if (!found) {
        found = oldest;
        strncpy(found->client, client, RATE_LIMIT_KEY - 1);
        found->client[RATE_LIMIT_KEY - 1] = '\0';
        found->tokens = rl->burst;
        found->at = now;
    }
    found->tokens = lesser(rl->burst, found->tokens + (now - found->at) * rl->rate);
    found->at = now;
    return found;
}

struct rate_answer rate_limit_take(struct rate_limit *rl, const char *client, double cost,
                                   double now)
{
    struct rate_answer a = {true, 0, 0, 0};
    if (!rl->slots)
        return a;
    char key[RATE_LIMIT_KEY];
    strncpy(key, client ? client : "-", sizeof key - 1);
    key[sizeof key - 1] = '\0';
    size_t set = set_of(key);
    pthread_mutex_t *lock = &rl->locks[(set / RATE_LIMIT_WAYS) % RATE_LIMIT_STRIPES];
    pthread_mutex_lock(lock);
    struct rate_bucket *b = bucket(rl, set, key, now);
    a.allowed = b->tokens >= cost;
    if (a.allowed)
        b->tokens -= cost;
    else
        a.retry = round_up((cost - b->tokens) / rl->rate);
    a.remaining = (long)b->tokens;
    a.reset = round_up((rl->burst - b->tokens) / rl->rate);
    pthread_mutex_unlock(lock);
    if (a.retry < 1 && !a.allowed)
        a.retry = 1;
    return a;
}
