/* Texts in tests; see test_text.h. */
#include "test_text.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *test_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    cr_assert_geq(n, 0, "%s", path);
    rewind(f);
    char *text = malloc((size_t)n + 1);
    cr_assert_not_null(text);
    cr_assert_eq(fread(text, 1, (size_t)n, f), (size_t)n, "%s", path);
    text[n] = '\0';
    fclose(f);
    return text;
}

static bool leads(char c)
{
    return ((unsigned char)c & 0xC0) != 0x80; /* every byte but continuation bytes */
}

size_t test_points(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += leads(*p);
    return n;
}

size_t test_byte_of(const char *text, size_t i)
{
    size_t at = 0;
    const char *p = text;
    for (; *p; p++)
        if (leads(*p) && at++ == i)
            break;
    return (size_t)(p - text);
}

char *test_slice(const char *text, long start, long end)
{
    size_t from = test_byte_of(text, start < 0 ? 0 : (size_t)start);
    size_t to = test_byte_of(text, end < start ? (size_t)start : (size_t)end);
    char *piece = strndup(text + from, to - from);
    cr_assert_not_null(piece);
    return piece;
}
