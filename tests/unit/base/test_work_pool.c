/* The render threads' pool: every job queued runs, once; a full queue refuses at once instead of
 * waiting; stopping runs what was queued. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>

#include "jvdr/base/work_pool.h"

static atomic_int ran;
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

static void count(void *arg)
{
    (void)arg;
    atomic_fetch_add(&ran, 1);
}

static void wait_at_gate(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&gate);
    pthread_mutex_unlock(&gate);
    atomic_fetch_add(&ran, 1);
}

Test(work_pool, every_job_runs_once)
{
    struct work_pool pool;
    atomic_store(&ran, 0);
    cr_assert_eq(work_pool_start(&pool, "test-pool", 3, 1000), 0);
    for (int i = 0; i < 1000; i++)
        cr_assert(work_pool_submit(&pool, count, NULL));
    work_pool_stop(&pool);
    cr_assert_eq(atomic_load(&ran), 1000);
}

Test(work_pool, a_full_queue_refuses_at_once_and_stopping_runs_what_was_queued)
{
    struct work_pool pool;
    atomic_store(&ran, 0);
    pthread_mutex_lock(&gate); /* the one thread blocks on the first job */
    cr_assert_eq(work_pool_start(&pool, "test-pool", 1, 2), 0);
    cr_assert(work_pool_submit(&pool, wait_at_gate, NULL));
    while (work_pool_waiting(&pool) != 0)
        ; /* until the thread has taken it */
    cr_assert(work_pool_submit(&pool, count, NULL));
    cr_assert(work_pool_submit(&pool, count, NULL));
    cr_assert_not(work_pool_submit(&pool, count, NULL), "a full queue took a job");
    cr_assert_eq(work_pool_waiting(&pool), 2);
    pthread_mutex_unlock(&gate);
    work_pool_stop(&pool);
    cr_assert_eq(atomic_load(&ran), 3);
}

/* Which threads ran note_thread, and how often. */
static pthread_t seen[8];
static atomic_int nseen;

static void note_thread(void *arg)
{
    (void)arg;
    seen[atomic_fetch_add(&nseen, 1)] = pthread_self();
}

Test(work_pool, each_runs_once_on_every_thread)
{
    struct work_pool pool;
    struct work_each each;
    atomic_store(&nseen, 0);
    cr_assert_eq(work_pool_start(&pool, "test-pool", 4, 16), 0);
    work_pool_each(&pool, &each, note_thread, NULL);
    work_pool_each_wait(&each);
    cr_assert_eq(atomic_load(&nseen), 4, "every job ran before the wait ended");
    for (int i = 0; i < 4; i++) {
        int on_it = 0;
        for (int j = 0; j < 4; j++)
            on_it += pthread_equal(pool.threads[i], seen[j]) != 0;
        cr_assert_eq(on_it, 1, "thread %d ran it %d times", i, on_it);
    }
    work_pool_stop(&pool);
}

Test(work_pool, each_queues_what_room_allows_and_the_wait_ends)
{
    struct work_pool pool;
    struct work_each each;
    atomic_store(&nseen, 0);
    cr_assert_eq(work_pool_start(&pool, "test-pool", 3, 2), 0); /* room for two of three */
    pthread_mutex_lock(&gate); /* every thread held on a job of its own, so none takes another */
    for (int i = 0; i < 3; i++) {
        cr_assert(work_pool_submit(&pool, wait_at_gate, NULL));
        while (work_pool_waiting(&pool) != 0)
            ; /* until a thread has taken it */
    }
    work_pool_each(&pool, &each, note_thread, NULL);
    cr_assert_eq(work_pool_waiting(&pool), 2, "the third found no room");
    pthread_mutex_unlock(&gate);
    work_pool_each_wait(&each);
    cr_assert_eq(atomic_load(&nseen), 2);
    work_pool_stop(&pool);
}
