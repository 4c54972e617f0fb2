/* Decoding a request target's path without letting an escape cut it or add a separator; see
 * include/jvdr/http/path.h. */
#include "jvdr/http/path.h"

#include <string.h>

#include "jvdr/base/arena.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The byte an escape at s ("%XX") stands for when decoding it is safe, else -1. */
static int safe_escape(const char *s)
{
    int high = hex_value(s[1]);
    int low = high < 0 ? -1 : hex_value(s[2]);
    if (low < 0)
        return -1;
    int c = high * 16 + low;
    return c < 0x20 || c >= 0x7f || c == '/' || c == '%' ? -1 : c;
}

char *path_from_target(const char *target, struct arena *arena)
{
    size_t len = strcspn(target, "?");
    char *out = arena_alloc(arena, len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int c = target[i] == '%' && len - i >= 3 ? safe_escape(target + i) : -1;
        if (c >= 0) {
            out[n++] = (char)c;
            i += 2;
        } else {
            out[n++] = target[i];
        }
    }
    out[n] = '\0';
    return out;
}
