/* A ticket lock; see include/jvdr/base/fair_lock.h. */
#include "jvdr/base/fair_lock.h"

void fair_lock_init(struct fair_lock *lock)
{
    pthread_mutex_init(&lock->mutex, NULL);
    pthread_cond_init(&lock->turn, NULL);
    lock->next = lock->serving = 0;
}

void fair_lock_destroy(struct fair_lock *lock)
{
    pthread_cond_destroy(&lock->turn);
    pthread_mutex_destroy(&lock->mutex);
}

void fair_lock_acquire(struct fair_lock *lock)
{
    pthread_mutex_lock(&lock->mutex);
    unsigned long ticket = lock->next++;
    while (ticket != lock->serving)
        pthread_cond_wait(&lock->turn, &lock->mutex);
    pthread_mutex_unlock(&lock->mutex);
}

bool fair_lock_try(struct fair_lock *lock)
{
    pthread_mutex_lock(&lock->mutex);
    bool free = lock->next == lock->serving;
    if (free)
        lock->next++;
    pthread_mutex_unlock(&lock->mutex);
    return free;
}

void fair_lock_release(struct fair_lock *lock)
{
    pthread_mutex_lock(&lock->mutex);
    lock->serving++;
    pthread_cond_broadcast(&lock->turn); /* the next ticket's holder is among the waiters */
    pthread_mutex_unlock(&lock->mutex);
}
