/* Per-client token buckets: each client (its address, or the one a trusted proxy forwards) has a
 * bucket of `burst` tokens refilled at `rate` a second; a request takes tokens, and one that
 * finds too few is refused with 429 and the time until it would be served. Buckets live in a
 * fixed table (no allocation per client): four slots a client may use, an idle full bucket or the
 * least recently used one given up to a newcomer — so a flood from many addresses costs memory
 * nothing, and at worst hands some client a fresh bucket. Thread-safe. */
#ifndef JVDR_HTTP_RATE_LIMIT_H
#define JVDR_HTTP_RATE_LIMIT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define RATE_LIMIT_SLOTS 16384 /* a power of two, in sets of RATE_LIMIT_WAYS */
#define RATE_LIMIT_WAYS 4
#define RATE_LIMIT_STRIPES 64
#define RATE_LIMIT_KEY 48 /* room for an IPv6 address in text */

struct rate_bucket {
    char client[RATE_LIMIT_KEY];
    double tokens;
    double at; /* seconds (CLOCK_MONOTONIC) when tokens was right */
};

struct rate_limit {
    double rate, burst; /* tokens a second, bucket size; rate 0: no limit */
    struct rate_bucket *slots;
    pthread_mutex_t locks[RATE_LIMIT_STRIPES];
};

/* What a client's bucket says after a take. */
struct rate_answer {
    bool allowed;
    long remaining; /* whole tokens left */
    long reset;     /* seconds until the bucket is full again */
    long retry;     /* when refused: seconds until the request would be served */
};

/* Sizes the table for rate and burst (rate 0: every take allowed, no table). 0, or -1. */
int rate_limit_init(struct rate_limit *rl, double rate, double burst);
void rate_limit_cleanup(struct rate_limit *rl);

/* Takes cost tokens from client's bucket at time now (seconds). */
struct rate_answer rate_limit_take(struct rate_limit *rl, const char *client, double cost,
                                   double now);

#endif
