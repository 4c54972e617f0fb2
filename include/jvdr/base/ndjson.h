/* Newline-delimited JSON as it arrives: bytes fed in pieces of any size come out as whole lines,
 * numbered from 1, without their line end ("\n" or "\r\n"), each at most max_line bytes. A line
 * longer than that is not kept: it is reported once, as overlong, when it ends. Blank lines (only
 * spaces, tabs or a carriage return) are counted but not reported. Holds one line at most. */
#ifndef JVDR_BASE_NDJSON_H
#define JVDR_BASE_NDJSON_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"

/* One line: text of len bytes (not NUL-terminated; NULL and 0 when overlong). */
typedef void (*ndjson_line)(void *context, size_t number, const char *text, size_t len,
                            bool overlong);

struct ndjson_reader {
    struct buf line;
    size_t max_line;
    size_t number; /* lines ended so far */
    bool overlong; /* the line being read is over max_line */
    ndjson_line on_line;
    void *context;
};

void ndjson_init(struct ndjson_reader *r, size_t max_line, ndjson_line on_line, void *context);
void ndjson_cleanup(struct ndjson_reader *r);

/* Reads len bytes, reporting every line they end. */
void ndjson_feed(struct ndjson_reader *r, const char *data, size_t len);

/* The input is over: a last line without its line end is reported too. */
void ndjson_end(struct ndjson_reader *r);

/* False when memory ran out (a line was lost). */
bool ndjson_ok(const struct ndjson_reader *r);

#endif
