/* A first-come, first-served lock (a ticket lock on a mutex and a condition variable). The
 * writers' lock is one: with a plain mutex, a render thread releasing it and taking the next write
 * from the queue could take it again and again while another thread's write waited (150 ms tails
 * at 1,300 writes a second); tickets serve writes in the order they arrived. */
#ifndef JVDR_BASE_FAIR_LOCK_H
#define JVDR_BASE_FAIR_LOCK_H

#include <pthread.h>
#include <stdbool.h>

struct fair_lock {
    pthread_mutex_t mutex;
    pthread_cond_t turn;
    unsigned long next;    /* the ticket the next caller draws */
    unsigned long serving; /* the ticket holding the lock, or next when free */
};

void fair_lock_init(struct fair_lock *lock);
void fair_lock_destroy(struct fair_lock *lock);
void fair_lock_acquire(struct fair_lock *lock);
/* Takes the lock only when nobody holds it or waits for it. */
bool fair_lock_try(struct fair_lock *lock);
void fair_lock_release(struct fair_lock *lock);

#endif
