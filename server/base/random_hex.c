/* Random hex tokens; see include/jvdr/base/random_hex.h. */
#include "jvdr/base/random_hex.h"

#include <stdio.h>
#include <sys/random.h>

bool random_hex(char *out, size_t digits)
{
    unsigned char bytes[64];
    size_t n = digits / 2;
    if (n > sizeof bytes || getrandom(bytes, n, 0) != (ssize_t)n)
        return false;
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
    out[2 * n] = '\0';
    return true;
}
