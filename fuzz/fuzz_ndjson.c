/* libFuzzer harness: the bulk loads' line reader (base/ndjson.c) and each line's check as it
 * arrives (http/body.c's body_parse_line, the events' fields). Input: one byte for the longest
 * line kept (1-64 bytes, so that the limit is crossed often) and one for how the body is cut into
 * pieces, then the body. Checks that the lines reported are exactly those of the whole body split
 * at its newlines — in order, numbered from 1, a '\r' before the newline dropped, blank lines
 * skipped, a line over the limit reported as overlong and never as text — however the body
 * arrives, and that each line parses as JSON or is refused without a crash. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/ndjson.h"
#include "jvdr/http/body.h"
#include "jvdr/write/engine.h"
#include "jvdr/write/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct expect {
    const char *body;
    size_t len, at; /* where the next line starts */
    size_t number;  /* lines ended so far */
    size_t max_line;
};

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* The next reported line the whole body says should come: skips blank ones. */
static bool next_expected(struct expect *e, const char **text, size_t *len, size_t *number,
                          bool *overlong)
{
    while (e->at < e->len) {
        const char *start = e->body + e->at;
        const char *nl = memchr(start, '\n', e->len - e->at);
        size_t n = nl ? (size_t)(nl - start) : e->len - e->at;
        e->at += n + (nl != NULL);
        e->number++;
        size_t kept = n && start[n - 1] == '\r' ? n - 1 : n;
        if (kept > e->max_line) {
            *text = NULL, *len = 0, *number = e->number, *overlong = true;
            return true;
        }
        if (!blank(start, kept)) {
            *text = start, *len = kept, *number = e->number, *overlong = false;
            return true;
        }
    }
    return false;
}

static void on_line(void *context, size_t number, const char *text, size_t len, bool overlong)
{
    struct expect *e = context;
    const char *want = NULL;
    size_t want_len = 0, want_number = 0;
    bool want_overlong = false;
    if (!next_expected(e, &want, &want_len, &want_number, &want_overlong))
        abort(); /* a line the body does not hold */
    if (number != want_number || overlong != want_overlong || len != want_len ||
        (len && memcmp(text, want, len) != 0))
        abort();
    if (overlong || !len)
        return;
    struct arena *arena = arena_new();
    const char *why = NULL;
    json_t *record = body_parse_line(text, len, arena, &why);
    if (!record && !why)
        abort(); /* refused without a reason */
    if (record) {
        struct validation v;
        if (validate_init(&v, arena) == 0) {
            write_check_fields(&event_write_spec, record, &v);
            validate_cleanup(&v);
        }
        json_decref(record);
    }
    arena_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    struct expect e = {(const char *)data + 2, size - 2, 0, 0, 1 + data[0] % 64};
    struct ndjson_reader r;
    ndjson_init(&r, e.max_line, on_line, &e);
    unsigned seed = data[1];
    for (size_t at = 0; at < e.len;) {
        size_t piece = 1 + (seed = seed * 1103515245u + 12345u) % 37;
        if (piece > e.len - at)
            piece = e.len - at;
        ndjson_feed(&r, e.body + at, piece);
        at += piece;
    }
    ndjson_end(&r);
    const char *text;
    size_t len, number;
    bool overlong;
    if (next_expected(&e, &text, &len, &number, &overlong))
        abort(); /* a line the reader never reported */
    ndjson_cleanup(&r);
    return 0;
}
