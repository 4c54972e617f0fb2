/* libFuzzer harness: carrying spans across a corrected text (base/anchor.c). Input: a byte giving
 * the number of spans (mod 9), four bytes per span (its start and length in the old text, modulo
 * its size), then the old and the new text separated by a 0xFF byte (never in UTF-8). Each span
 * brings its words and 32 code points of context, as stored spans do. Checks the promise the
 * service makes: a span is never placed on other words — kept or moved, its new place holds
 * exactly its words; corrected, a non-empty place inside the new text; else an orphan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/anchor.h"
#include "jvdr/base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_SPANS = 8, CONTEXT = 32 };

static char *piece(const char *at, size_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        abort();
    memcpy(s, at, len);
    s[len] = '\0';
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t n = data[0] % (MAX_SPANS + 1), head = 1 + 4 * n;
    if (size < head)
        return 0;
    const char *texts = (const char *)data + head;
    size_t rest = size - head;
    const char *bar = memchr(texts, 0xFF, rest);
    if (!bar)
        return 0;
    size_t old_len = (size_t)(bar - texts), new_len = rest - old_len - 1;
    if (!utf8_is_valid(texts, old_len) || !utf8_is_valid(bar + 1, new_len) ||
        memchr(texts, '\0', rest))
        return 0;
    char *old_utf8 = piece(texts, old_len), *new_utf8 = piece(bar + 1, new_len);
    struct anchor_text old, new;
    if (anchor_text_init(&old, old_utf8, old_len) != 0 ||
        anchor_text_init(&new, new_utf8, new_len) != 0)
        abort();
    struct anchor_span spans[MAX_SPANS];
    char *words[MAX_SPANS][3];
    for (size_t i = 0; i < n; i++) {
        const uint8_t *d = data + 1 + 4 * i;
        size_t start = old.n ? (size_t)(d[0] << 8 | d[1]) % old.n : 0;
        size_t end = start + (old.n - start ? (size_t)(d[2] << 8 | d[3]) % (old.n - start) : 0) + 1;
        if (end > old.n)
            end = old.n;
        struct anchor_quote q = {0};
        if (!anchor_quote(&old, (long long)start, (long long)end, CONTEXT, &q))
            abort(); /* within the text by construction */
        words[i][0] = piece(q.exact, q.exact_len);
        words[i][1] = piece(q.prefix, q.prefix_len);
        words[i][2] = piece(q.suffix, q.suffix_len);
        spans[i] = (struct anchor_span){.start = (long long)start,
                                        .end = (long long)end,
                                        .exact = words[i][0],
                                        .prefix = words[i][1],
                                        .suffix = words[i][2]};
    }
    struct anchor_report report;
    if (anchor_spans(&old, &new, spans, n, &report) != 0)
        abort();
    for (size_t i = 0; i < n; i++) {
        const struct anchor_span *s = &spans[i];
        if (s->fate == ANCHOR_ORPHANED)
            continue;
        struct anchor_quote q;
        if (!anchor_quote(&new, s->new_start, s->new_end, CONTEXT, &q) || q.exact_len == 0)
            abort(); /* placed outside the new text, or on nothing */
        bool same = q.exact_len == strlen(s->exact) && memcmp(q.exact, s->exact, q.exact_len) == 0;
        if (s->fate != ANCHOR_CORRECTED && !same)
            abort(); /* kept or moved onto other words */
    }
    for (size_t i = 0; i < n; i++)
        for (size_t w = 0; w < 3; w++)
            free(words[i][w]);
    anchor_text_cleanup(&old);
    anchor_text_cleanup(&new);
    free(old_utf8);
    free(new_utf8);
    return 0;
}
