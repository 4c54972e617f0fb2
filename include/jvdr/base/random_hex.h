/* Random tokens from the kernel's generator, as hex text. */
#ifndef JVDR_BASE_RANDOM_HEX_H
#define JVDR_BASE_RANDOM_HEX_H

#include <stdbool.h>
#include <stddef.h>

/* Writes digits (even) random hex digits and a NUL to out (digits + 1 bytes); false when the
 * kernel gave too few bytes. */
bool random_hex(char *out, size_t digits);

#endif
