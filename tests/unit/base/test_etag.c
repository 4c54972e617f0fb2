/* Entity tags: the same bytes give the same tag, and any change a client could be shown — one bit
 * anywhere, a byte more or less — gives another, so a 304 never answers for a changed body. */
#include <criterion/criterion.h>
#include <string.h>

#include "jvdr/base/etag.h"

Test(etag, a_tag_is_sixteen_hex_digits_quoted_and_repeatable)
{
    char a[ETAG_SIZE], b[ETAG_SIZE];
    etag_compute("{\"id\":\"x\"}", 10, a);
    etag_compute("{\"id\":\"x\"}", 10, b);
    cr_assert_str_eq(a, b);
    cr_assert_eq(strlen(a), 18);
    cr_assert(a[0] == '"' && a[17] == '"');
    cr_assert_eq(strspn(a + 1, "0123456789abcdef"), 16);
}

Test(etag, flipping_any_bit_or_changing_the_length_changes_the_tag)
{
    enum { LEN = 300 }; /* whole words and a tail, so both loops are covered */
    char body[LEN + 1], original[ETAG_SIZE], changed[ETAG_SIZE];
    for (size_t i = 0; i < LEN; i++)
        body[i] = (char)('a' + i % 26);
    body[LEN] = '\0';
    etag_compute(body, LEN, original);
    for (size_t i = 0; i < LEN; i++)
        for (int bit = 0; bit < 8; bit++) {
            body[i] ^= (char)(1 << bit);
            etag_compute(body, LEN, changed);
            cr_assert_str_neq(original, changed, "byte %zu bit %d", i, bit);
            body[i] ^= (char)(1 << bit);
        }
    for (size_t len = 0; len < LEN; len++) {
        etag_compute(body, len, changed);
        cr_assert_str_neq(original, changed, "the first %zu bytes", len);
    }
    char longer[LEN + 1];
    memcpy(longer, body, LEN);
    longer[LEN] = '\0'; /* a NUL byte more, as a body may hold */
    etag_compute(longer, LEN + 1, changed);
    cr_assert_str_neq(original, changed);
}

Test(etag, swapping_two_words_changes_the_tag)
{
    char x[ETAG_SIZE], y[ETAG_SIZE];
    etag_compute("AAAAAAAABBBBBBBB", 16, x);
    etag_compute("BBBBBBBBAAAAAAAA", 16, y);
    cr_assert_str_neq(x, y);
}
