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

/* One job run once on each thread of a pool (work_pool_each): each thread's own set-up, such as
 * its database connection, done before the first request would pay for it. */
struct work_each {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a job started or ended, or all were queued */
    work_fn fn;
    void *arg;
    size_t queued, started, done;
    bool sealed; /* every job is queued: queued is their number */
};

/* Queues fn(arg) once for each of pool's threads and returns: each job waits until all have
 * started, so that no thread runs two. Then work_pool_each_wait, once, whatever this returns. */
void work_pool_each(struct work_pool *pool, struct work_each *each, work_fn fn, void *arg);

/* Waits until each job work_pool_each queued has run. */
void work_pool_each_wait(struct work_each *each);

/* Runs every job already queued, then ends the threads. Safe on a zeroed pool. */
void work_pool_stop(struct work_pool *pool);

#endif
