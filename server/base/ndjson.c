/* Newline-delimited JSON lines; see include/jvdr/base/ndjson.h. */
#include "jvdr/base/ndjson.h"

#include <string.h>

void ndjson_init(struct ndjson_reader *r, size_t max_line, ndjson_line on_line, void *context)
{
    memset(r, 0, sizeof *r);
    buf_init(&r->line);
    r->max_line = max_line;
    r->on_line = on_line;
    r->context = context;
}

void ndjson_cleanup(struct ndjson_reader *r)
{
    buf_cleanup(&r->line);
}

static bool blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
            return false;
    return true;
}

/* The line read so far is over: report it (unless blank) and start the next. */
static void end_line(struct ndjson_reader *r)
{
    r->number++;
    size_t len = r->line.len;
    if (len && r->line.data[len - 1] == '\r')
        len--;
    if (r->overlong)
        r->on_line(r->context, r->number, NULL, 0, true);
    else if (!blank(r->line.data, len))
        r->on_line(r->context, r->number, r->line.data, len, false);
    r->line.len = 0;
    r->overlong = false;
}

/* Keeps n more bytes of the line, or marks it overlong (one byte of slack for a '\r'). */
static void keep(struct ndjson_reader *r, const char *data, size_t n)
{
    if (r->overlong)
        return;
    if (r->line.len + n > r->max_line + 1) {
        r->overlong = true;
        r->line.len = 0;
        return;
    }
    buf_append(&r->line, data, n);
}

void ndjson_feed(struct ndjson_reader *r, const char *data, size_t len)
{
    while (len) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl ? (size_t)(nl - data) : len;
        keep(r, data, n);
        if (!nl)
            return;
        /* A "\r" kept as the slack byte is dropped; one more byte than max_line is overlong. */
        if (!r->overlong && r->line.len > r->max_line &&
            !(r->line.len == r->max_line + 1 && r->line.data[r->max_line] == '\r'))
            r->overlong = true;
        end_line(r);
        data += n + 1;
        len -= n + 1;
    }
}

void ndjson_end(struct ndjson_reader *r)
{
    if (r->line.len || r->overlong) {
        if (!r->overlong && r->line.len > r->max_line &&
            !(r->line.len == r->max_line + 1 && r->line.data[r->max_line] == '\r'))
            r->overlong = true;
        end_line(r);
    }
}

bool ndjson_ok(const struct ndjson_reader *r)
{
    return !r->line.failed;
}
