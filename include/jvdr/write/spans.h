/* Spans checked against the text they point into: on every write that carries spans, a span into
 * a source whose text is loaded must end within it (code points); spans into a source without
 * text are taken as they are and checked when its text arrives (write/source_text.c). */
#ifndef JVDR_WRITE_SPANS_H
#define JVDR_WRITE_SPANS_H

#include <jansson.h>

#include "jvdr/write/validate.h"

struct db;

/* Adds an error for every span of record's "sources" past its document's end: the pointer of
 * its start when it starts at or past the end, else of its end. */
void spans_check_against_text(struct db *db, struct validation *v, json_t *record);

#endif
