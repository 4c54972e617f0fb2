/* Diacritic and case folding for search; see include/jvdr/base/fold.h. The tables cover Latin-1,
 * Latin Extended-A, the Vietnamese horned letters and Latin Extended Additional (U+1EA0-U+1EF9);
 * combining marks (U+0300-U+036F) are dropped, so decomposed input folds the same way. */
#include "jvdr/base/fold.h"

#include <string.h>

/* Base letter for U+00C0..U+00FF; '.' keeps the character as it is. */
static const char latin1[] = "aaaaaaaceeeeiiii"
                             "dnooooo.ouuuuy.s"
                             "aaaaaaaceeeeiiii"
                             "dnooooo.ouuuuy.y";
/* Base letter for U+0100..U+017F. */
static const char latin_ext_a[] = "aaaaaaccccccccdd"
                                  "ddeeeeeeeeeegggg"
                                  "gggghhhhiiiiiiii"
                                  "iiiijjkkklllllll"
                                  "lllnnnnnnnnnoooo"
                                  "oooorrrrrrssssss"
                                  "ssttttttuuuuuuuu"
                                  "uuuuwwyyyzzzzzzs";
/* Base letter for U+1EA0..U+1EF9 (Vietnamese). */
static const char vietnamese[] = "aaaaaaaaaaaaaaaaaaaaaaaa"
                                 "eeeeeeeeeeeeeeee"
                                 "iiii"
                                 "oooooooooooooooooooooooo"
                                 "uuuuuuuuuuuuuu"
                                 "yyyyyyyy";

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length, or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xe0) == 0xc0 && n >= 2 && (s[1] & 0xc0) == 0x80) {
        *cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
        return *cp >= 0x80 ? 2 : 0;
    }
    if ((s[0] & 0xf0) == 0xe0 && n >= 3 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
        *cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
        return *cp >= 0x800 ? 3 : 0;
    }
    return 0;
}

/* The ASCII base letter of cp, 0 to drop it (a combining mark), or -1 to keep it. */
static int fold_codepoint(unsigned cp)
{
    if (cp >= 0x0300 && cp <= 0x036f)
        return 0;
    if (cp >= 0xc0 && cp <= 0xff)
        return latin1[cp - 0xc0] == '.' ? -1 : latin1[cp - 0xc0];
    if (cp >= 0x100 && cp <= 0x17f)
        return latin_ext_a[cp - 0x100];
    if (cp == 0x1a0 || cp == 0x1a1)
        return 'o';
    if (cp == 0x1af || cp == 0x1b0)
        return 'u';
    if (cp >= 0x1ea0 && cp <= 0x1ef9)
        return vietnamese[cp - 0x1ea0];
    return -1;
}

size_t fold_utf8(const char *in, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0;
    while (i < len) {
        unsigned cp = 0;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            out[o++] = (char)s[i++];
            continue;
        }
        if (n == 1) {
            out[o++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else {
            int base = fold_codepoint(cp);
            if (base > 0)
                out[o++] = (char)base;
            else if (base < 0) {
                memcpy(out + o, s + i, n);
                o += n;
            }
        }
        i += n;
    }
    out[o] = '\0';
    return o;
}
