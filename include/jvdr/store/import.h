/* `jvdr import-sources DIR`: loads the text of the source documents an operator has into the
 * database, matched to the sources by file name, so that spans show their passages and search
 * covers the documents. */
#ifndef JVDR_STORE_IMPORT_H
#define JVDR_STORE_IMPORT_H

#include <stdio.h>

#include "jvdr/base/error.h"

struct db;

/* Loads dir/<file_name> for every source that names a file, in one transaction. Files that are
 * missing are reported on log and skipped; a file that is not valid UTF-8 fails the import.
 * *loaded counts the sources whose text was stored. */
enum jvdr_err import_sources(struct db *db, const char *dir, FILE *log, int *loaded);

#endif
