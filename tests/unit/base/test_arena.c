/* The per-request arena and the growable buffer. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/buf.h"

static int disposed_order[4];
static int disposed_count;

static void record_dispose(void *object)
{
    disposed_order[disposed_count++] = *(int *)object;
}

Test(arena, allocations_are_aligned_and_independent)
{
    struct arena *arena = arena_new();
    char *a = arena_alloc(arena, 3);
    double *b = arena_alloc(arena, sizeof *b);
    cr_assert_eq((uintptr_t)b % _Alignof(max_align_t), 0);
    memset(a, 'x', 3);
    *b = 1.5;
    cr_assert_eq(a[2], 'x');
    cr_assert_eq(*b, 1.5);
    /* A request bigger than a block gets its own block. */
    char *big = arena_alloc(arena, 1 << 20);
    cr_assert_not_null(big);
    big[(1 << 20) - 1] = 'y';
    arena_free(arena);
}

Test(arena, strings_and_printf_copy_into_the_arena)
{
    struct arena *arena = arena_new();
    char source[] = "phan-van-giang";
    char *copy = arena_strdup(arena, source);
    source[0] = 'X';
    cr_assert_str_eq(copy, "phan-van-giang");
    cr_assert_str_eq(arena_strndup(arena, "abcdef", 3), "abc");
    cr_assert_str_eq(arena_printf(arena, "%s=%d", "limit", 50), "limit=50");
    arena_free(arena);
}

Test(arena, disposers_run_last_registered_first)
{
    static int one = 1, two = 2, three = 3;
    disposed_count = 0;
    struct arena *arena = arena_new();
    arena_defer(arena, record_dispose, &one);
    arena_defer(arena, record_dispose, &two);
    arena_defer(arena, record_dispose, &three);
    cr_assert_eq(disposed_count, 0);
    arena_free(arena);
    cr_assert_eq(disposed_count, 3);
    cr_assert_eq(disposed_order[0], 3);
    cr_assert_eq(disposed_order[2], 1);
}

Test(buf, appends_grow_and_take_hands_over_ownership)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%03d,", i % 1000);
    buf_puts(&b, "end");
    size_t len = 0;
    char *text = buf_take(&b, &len);
    cr_assert_eq(len, 4003);
    cr_assert_eq(strncmp(text, "000,001,", 8), 0);
    cr_assert_str_eq(text + len - 7, "999,end");
    cr_assert_eq(b.len, 0, "the buffer is left empty");
    free(text);
}

Test(buf, an_empty_buffer_takes_as_an_empty_string)
{
    struct buf b;
    buf_init(&b);
    size_t len = 99;
    char *text = buf_take(&b, &len);
    cr_assert_str_eq(text, "");
    cr_assert_eq(len, 0);
    free(text);
}
