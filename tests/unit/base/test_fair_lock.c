/* The writers' lock serves callers in the order they came: a caller that arrived later never takes
 * it first, however the threads are scheduled. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "jvdr/base/fair_lock.h"

static struct fair_lock lock;
static atomic_int order[2], taken;

static void *take(void *arg)
{
    int who = *(int *)arg;
    fair_lock_acquire(&lock);
    order[atomic_fetch_add(&taken, 1)] = who;
    fair_lock_release(&lock);
    return NULL;
}

/* Waits until n tickets have been drawn (the callers are queued, in that order). */
static void until_drawn(unsigned long n)
{
    for (;;) {
        pthread_mutex_lock(&lock.mutex);
        bool drawn = lock.next == n;
        pthread_mutex_unlock(&lock.mutex);
        if (drawn)
            return;
        sched_yield();
    }
}

Test(fair_lock, callers_are_served_in_the_order_they_came)
{
    fair_lock_init(&lock);
    atomic_store(&taken, 0);
    fair_lock_acquire(&lock);
    int first = 1, second = 2;
    pthread_t a, b;
    pthread_create(&a, NULL, take, &first);
    until_drawn(2);
    pthread_create(&b, NULL, take, &second);
    until_drawn(3);
    cr_assert_not(fair_lock_try(&lock), "a try took the lock from callers waiting for it");
    fair_lock_release(&lock);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    cr_assert_eq(order[0], 1, "the later caller took the lock first");
    cr_assert_eq(order[1], 2);
    cr_assert(fair_lock_try(&lock), "a free lock refused a try");
    fair_lock_release(&lock);
    fair_lock_destroy(&lock);
}
