/* A saved index's file mapped privately and lent in parts: what is read in place stays the file's
 * bytes after the rest of its pages are dropped, a write to it never reaches the file, and a lent
 * array grows by a copy of its own (the file's stays), so that nothing lent is ever freed. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jvdr/store/index_block.h"

#define PAGES 8

static char path[64];
static int fd = -1;
static long page;

/* A file of PAGES pages, each byte its page's number. */
static void make_file(void)
{
    page = sysconf(_SC_PAGESIZE);
    snprintf(path, sizeof path, "/tmp/jvdr-block-XXXXXX");
    fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    unsigned char *bytes = malloc((size_t)page * PAGES);
    cr_assert_not_null(bytes);
    for (size_t i = 0; i < (size_t)page * PAGES; i++)
        bytes[i] = (unsigned char)(i / (size_t)page);
    cr_assert_eq(write(fd, bytes, (size_t)page * PAGES), page * PAGES);
    free(bytes);
}

static void remove_file(void)
{
    close(fd);
    unlink(path);
}

TestSuite(index_block, .init = make_file, .fini = remove_file);

/* The kilobytes of the mapping at base that this process has resident (/proc/self/smaps). */
static long resident_kb(const void *base)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    cr_assert_not_null(f);
    char line[512], want[32];
    snprintf(want, sizeof want, "%lx-", (unsigned long)(uintptr_t)base);
    bool mine = false;
    long kb = -1;
    while (kb < 0 && fgets(line, sizeof line, f)) {
        if (strncmp(line, want, strlen(want)) == 0)
            mine = true;
        else if (mine && sscanf(line, "Rss: %ld kB", &kb) == 1)
            break;
    }
    fclose(f);
    cr_assert_geq(kb, 0, "no mapping at %p", base);
    return kb;
}

Test(index_block, lent_parts_keep_the_file_s_bytes_after_the_rest_is_dropped)
{
    struct index_block map, first, last;
    cr_assert(index_block_map(&map, fd, (size_t)page * PAGES));
    unsigned char *base = map.base;
    index_block_lend(&first, base + page + 10, 100);        /* inside page 1 */
    index_block_lend(&last, base + 6 * page, (size_t)page); /* page 6 whole */
    const struct index_block lent[] = {last, {0}, first};
    for (long i = 0; i < PAGES; i++)
        cr_assert_eq(base[i * page], i);
    cr_assert_eq(resident_kb(base), PAGES * page / 1024);
    index_block_keep_lent(&map, lent, 3);
    cr_assert_eq(resident_kb(base), 2 * page / 1024, "only the lent parts' pages stay mapped");
    cr_assert_eq(((unsigned char *)first.base)[0], 1);
    cr_assert_eq(((unsigned char *)last.base)[page - 1], 6);
    cr_assert_eq(base[3 * page], 3, "a dropped page reads the file again");

    /* A write changes this process's copy, never the file. */
    ((unsigned char *)first.base)[0] = 99;
    unsigned char on_disk = 0;
    cr_assert_eq(pread(fd, &on_disk, 1, page + 10), 1);
    cr_assert_eq(on_disk, 1);

    index_block_free(&first); /* lent: its owner's pages stay */
    cr_assert_eq(base[page + 10], 99);
    index_block_free(&map);
    cr_assert_null(map.base);
}

Test(index_block, a_lent_array_grows_by_a_copy_of_its_own)
{
    struct index_block map, bits;
    cr_assert(index_block_map(&map, fd, (size_t)page * PAGES));
    uint64_t *lent_words = (uint64_t *)((unsigned char *)map.base + 2 * page);
    index_block_lend(&bits, lent_words, (size_t)page);
    uint64_t *grown = index_block_grow(&bits, lent_words, 16 * sizeof *grown, 64 * sizeof *grown);
    cr_assert_not_null(grown);
    cr_assert_neq(grown, lent_words);
    cr_assert_eq(grown[15], 0x0202020202020202ull, "the lent words were copied");
    for (int i = 16; i < 64; i++)
        cr_assert_eq(grown[i], 0, "word %d of the new room is not zero", i);
    grown[0] = 7;
    cr_assert_eq(lent_words[0], 0x0202020202020202ull, "the lent array is left as it was");
    index_block_release(&bits, lent_words); /* a no-op: it lies in the map */
    index_block_release(&bits, grown);      /* its own: freed (AddressSanitizer would tell) */

    /* Memory of its own grows as realloc does. */
    uint64_t *own = calloc(4, sizeof *own);
    cr_assert_not_null(own);
    own[3] = 5;
    own = index_block_grow(&bits, own, 4 * sizeof *own, 8 * sizeof *own);
    cr_assert_not_null(own);
    cr_assert_eq(own[3], 5);
    cr_assert_eq(own[7], 0);
    index_block_release(&bits, own);
    index_block_free(&map);
}

Test(index_block, an_array_grows_without_losing_what_it_held_and_its_new_room_is_zero)
{
    size_t n = 3000; /* not a whole number of pages */
    uint32_t *a = index_array_grow(NULL, 0, n * sizeof *a);
    cr_assert_not_null(a);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(a[i], 0);
        a[i] = (uint32_t)i * 7;
    }
    for (size_t more = n * 2; more <= n * 64; more *= 2) {
        a = index_array_grow(a, more / 2 * sizeof *a, more * sizeof *a);
        cr_assert_not_null(a);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(a[i], (uint32_t)i * 7, "slot %zu lost at %zu", i, more);
        for (size_t i = n; i < more; i++)
            cr_assert_eq(a[i], 0, "slot %zu of the new room is not zero", i);
    }
    index_array_free(a, n * 64 * sizeof *a);
}
