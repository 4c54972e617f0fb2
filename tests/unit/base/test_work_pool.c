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
