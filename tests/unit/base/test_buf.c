/* The growable buffer: appends, failure that sticks, and handing bytes out in small reads. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/buf.h"

Test(buf, appends_and_takes_the_bytes)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "one,");
    buf_printf(&b, "%d,%s", 2, "three");
    size_t len = 0;
    char *text = buf_take(&b, &len);
    cr_assert_str_eq(text, "one,2,three");
    cr_assert_eq(len, 11);
    cr_assert_eq(b.len, 0, "taking empties the buffer");
    free(text);
    buf_cleanup(&b);
}

Test(buf, drains_in_reads_smaller_than_the_buffer_and_ends_at_its_end)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "abcdefghij");
    size_t sent = 0;
    char out[4];
    char whole[16] = "";
    size_t n, total = 0;
    while ((n = buf_drain(&b, &sent, out, sizeof out)) > 0) {
        cr_assert_leq(n, sizeof out, "never more than the reader takes");
        memcpy(whole + total, out, n);
        total += n;
    }
    cr_assert_eq(total, 10);
    cr_assert_eq(sent, 10);
    cr_assert_str_eq(whole, "abcdefghij");
    cr_assert_eq(buf_drain(&b, &sent, out, sizeof out), 0, "nothing past the end");
    buf_cleanup(&b);
}
