/* A bounded job queue served by a fixed set of threads; see include/jvdr/base/work_pool.h. */
#define _GNU_SOURCE /* pthread_setname_np */
#include "jvdr/base/work_pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *work_loop(void *arg)
{
    struct work_pool *pool = arg;
    pthread_setname_np(pthread_self(), pool->name); /* top -H and perf tell the pools apart */
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        while (pool->count == 0 && !pool->stopping)
            pthread_cond_wait(&pool->ready, &pool->lock);
        if (pool->count == 0)
            break; /* stopping, and nothing left to run */
        struct work_job job = pool->queue[pool->head];
        pool->head = (pool->head + 1) % pool->capacity;
        pool->count--;
        pthread_mutex_unlock(&pool->lock);
        job.fn(job.arg);
        pthread_mutex_lock(&pool->lock);
    }
    pthread_mutex_unlock(&pool->lock);
    return NULL;
}

int work_pool_start(struct work_pool *pool, const char *name, size_t threads, size_t capacity)
{
    memset(pool, 0, sizeof *pool);
    snprintf(pool->name, sizeof pool->name, "%s", name);
    pool->queue = calloc(capacity ? capacity : 1, sizeof *pool->queue);
    pool->threads = calloc(threads ? threads : 1, sizeof *pool->threads);
    if (!pool->queue || !pool->threads) {
        free(pool->queue);
        free(pool->threads);
        memset(pool, 0, sizeof *pool);
        return -1;
    }
    pool->capacity = capacity ? capacity : 1;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->ready, NULL);
    for (size_t i = 0; i < (threads ? threads : 1); i++) {
        if (pthread_create(&pool->threads[i], NULL, work_loop, pool) != 0) {
            work_pool_stop(pool);
            return -1;
        }
        pool->nthreads++;
    }
    return 0;
}

bool work_pool_submit(struct work_pool *pool, work_fn fn, void *arg)
{
    pthread_mutex_lock(&pool->lock);
    bool queued = !pool->stopping && pool->count < pool->capacity;
    if (queued) {
        pool->queue[(pool->head + pool->count) % pool->capacity] = (struct work_job){fn, arg};
        pool->count++;
        pthread_cond_signal(&pool->ready);
    }
    pthread_mutex_unlock(&pool->lock);
    return queued;
}

size_t work_pool_waiting(struct work_pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    size_t n = pool->count;
    pthread_mutex_unlock(&pool->lock);
    return n;
}

static void run_each(void *arg)
{
    struct work_each *each = arg;
    pthread_mutex_lock(&each->lock);
    each->started++;
    pthread_cond_broadcast(&each->changed);
    while (!each->sealed || each->started < each->queued) /* held: another thread takes the next */
        pthread_cond_wait(&each->changed, &each->lock);
    pthread_mutex_unlock(&each->lock);
    each->fn(each->arg);
    pthread_mutex_lock(&each->lock);
    each->done++;
    pthread_cond_broadcast(&each->changed);
    pthread_mutex_unlock(&each->lock);
}

void work_pool_each(struct work_pool *pool, struct work_each *each, work_fn fn, void *arg)
{
    *each = (struct work_each){.fn = fn, .arg = arg};
    pthread_mutex_init(&each->lock, NULL);
    pthread_cond_init(&each->changed, NULL);
    size_t queued = 0;
    while (queued < pool->nthreads && work_pool_submit(pool, run_each, each))
        queued++;
    pthread_mutex_lock(&each->lock);
    each->queued = queued; /* fewer when the queue had no room: those run, held by none */
    each->sealed = true;
    pthread_cond_broadcast(&each->changed);
    pthread_mutex_unlock(&each->lock);
}

void work_pool_each_wait(struct work_each *each)
{
    pthread_mutex_lock(&each->lock);
    while (each->done < each->queued)
        pthread_cond_wait(&each->changed, &each->lock);
    pthread_mutex_unlock(&each->lock);
    pthread_cond_destroy(&each->changed);
    pthread_mutex_destroy(&each->lock);
}

void work_pool_stop(struct work_pool *pool)
{
    if (!pool->queue)
        return;
    pthread_mutex_lock(&pool->lock);
    pool->stopping = true;
    pthread_cond_broadcast(&pool->ready);
    pthread_mutex_unlock(&pool->lock);
    for (size_t i = 0; i < pool->nthreads; i++)
        pthread_join(pool->threads[i], NULL);
    pthread_cond_destroy(&pool->ready);
    pthread_mutex_destroy(&pool->lock);
    free(pool->queue);
    free(pool->threads);
    memset(pool, 0, sizeof *pool);
}
