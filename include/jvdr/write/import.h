/* `jvdr import-sources DIR`: loads the text of the source documents an operator has into the
 * database, matched to the sources by file name, so that spans show their passages and search
 * covers the documents. Each text goes the way a PUT /v1/sources/{id}/text goes
 * (write/source_text.c): the same checks, the same refusal of a text that would leave spans past
 * its end, an audit row by the actor "import-sources". */
#ifndef JVDR_WRITE_IMPORT_H
#define JVDR_WRITE_IMPORT_H

#include <stdio.h>

#include "jvdr/base/error.h"

struct store;

/* Reads dir/<file_name> for every source that names a file. Every file is checked before any is
 * stored: one that is not valid UTF-8 text (or too large) fails the import with nothing stored.
 * Missing files are reported on log and skipped. Then each text is stored in its own write; a
 * text refused (spans it would break, listed on log) fails the import but keeps the others.
 * *loaded counts the texts stored. */
enum jvdr_err import_sources(struct store *store, const char *dir, FILE *log, int *loaded);

#endif
