/* Record ids made from names and titles; see include/jvdr/base/slug.h. */
#include "jvdr/base/slug.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/fold.h"

size_t slug_from(const char *text, char *out)
{
    enum { READ = 4 * SLUG_MAX }; /* folding never lengthens: past that the id is cut anyway */
    size_t len = strnlen(text, READ);
    char folded[READ + 1];
    fold_utf8(text, len, folded);
    size_t o = 0;
    for (const char *p = folded; *p && o < SLUG_MAX; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[o++] = c;
        else if (c >= 'A' && c <= 'Z')
            out[o++] = (char)(c - 'A' + 'a');
        else if (o && out[o - 1] != '-')
            out[o++] = '-';
    }
    while (o && out[o - 1] == '-')
        o--;
    if (!o) {
        memcpy(out, "record", sizeof "record");
        return sizeof "record" - 1;
    }
    out[o] = '\0';
    return o;
}

const char *slug_unique(struct arena *arena, const char *name,
                        bool (*taken)(const char *id, void *context), void *context)
{
    char base[SLUG_MAX + 1];
    slug_from(name ? name : "", base);
    const char *id = arena_strdup(arena, base);
    for (int n = 2; id && taken(id, context) && n < 1000; n++)
        id = arena_printf(arena, "%s-%d", base, n);
    return id;
}
