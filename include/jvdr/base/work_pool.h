/* A fixed set of threads running jobs from a bounded queue, first in first out. The HTTP threads
 * hand it what may take a while (renders, writes) so that they stay free to answer from memory. */
#ifndef JVDR_BASE_WORK_POOL_H
#define JVDR_BASE_WORK_POOL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef void (*work_fn)(void *arg);

struct work_job {
    work_fn fn;
    void *arg;
};

struct work_pool {
    pthread_mutex_t lock;
    pthread_cond_t ready; /* a job was queued, or the pool stops */
    struct work_job *queue;
    size_t capacity, head, count;
    pthread_t *threads;
    size_t nthreads;
    bool stopping;
    char name[16]; /* its threads' */
};

/* Starts threads threads named name (at most 15 bytes: the kernel's limit) and a queue of
 * capacity jobs. Returns 0, or -1 (nothing left running). */
int work_pool_start(struct work_pool *pool, const char *name, size_t threads, size_t capacity);

/* Queues fn(arg). False when the queue is full or the pool stops: the caller must answer itself. */
bool work_pool_submit(struct work_pool *pool, work_fn fn, void *arg);

/* Jobs queued and not yet started. */
size_t work_pool_waiting(struct work_pool *pool);

/* Runs every job already queued, then ends the threads. Safe on a zeroed pool. */
void work_pool_stop(struct work_pool *pool);

#endif
