/* Texts in tests: files read whole, and pieces cut by code point (the unit of every span). */
#ifndef JVDR_TEST_TEXT_H
#define JVDR_TEST_TEXT_H

#include <stddef.h>

/* The whole file at path (malloc'd, NUL-terminated); fails the test when it cannot be read. */
char *test_read_file(const char *path);

/* The code points of UTF-8 text. */
size_t test_points(const char *text);

/* The byte offset of code point i of text (its length when i is past the end). */
size_t test_byte_of(const char *text, size_t i);

/* text's code points [start, end), clamped to the text (malloc'd). */
char *test_slice(const char *text, long start, long end);

#endif
