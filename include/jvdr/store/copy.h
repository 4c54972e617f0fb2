/* `jvdr copy FROM TO`: the whole knowledge base moved between two stores, SQLite or PostgreSQL
 * either way — every record and relation, the spans, the documents' text and the audit trail,
 * with their ids and cursors — in one transaction on TO, which must never have been written
 * through the API (its seed is replaced; an audit trail there means a live database, refused).
 * Search indexes and citation counts are rebuilt by TO's own triggers as the rows arrive. */
#ifndef JVDR_STORE_COPY_H
#define JVDR_STORE_COPY_H

#include <stdio.h>

#include "jvdr/base/error.h"

/* Copies from (a file path or a postgresql:// URI) to to, creating and migrating to when need
 * be. Progress and refusals go to log; *rows counts the rows copied. */
enum jvdr_err store_copy(const char *from, const char *to, FILE *log, long long *rows);

#endif
