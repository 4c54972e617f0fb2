/* Bulk loads: POST /v1/{events,officials,agreements,sources} with Content-Type
 * application/x-ndjson, one record a line, each taken exactly as a single POST takes it
 * (server/write/bulk.c).
 *
 * As the body arrives each line is read and checked alone (its JSON and its fields, no database)
 * and what passes is kept in a temporary file (store_spool_file), never the body in memory. Once
 * the whole body has arrived — a slow upload holds no lock — and if every line passed, one write
 * transaction runs each record as a single write would (references, spans, checks against the
 * stored records; an existing id is a 409 unless Prefer says to replace or skip it) with its own
 * entry in /v1/changes; all land or none. */
#ifndef JVDR_WRITE_BULK_H
#define JVDR_WRITE_BULK_H

#include "jvdr/http/request.h"

/* The most errors a refused load lists (its problem's error_count counts them all). */
#define BULK_MAX_ERRORS 100

struct write_spec;

/* The sink for a request's body when it is a bulk load of records of spec (site->open_sink): NULL
 * unless its type is application/x-ndjson. A load that cannot be taken (no token, a read-only
 * store, no temporary file) sets *code. The collection's POST then runs the load (its run, on the
 * write thread). */
struct body_sink *bulk_open(struct request *req, const struct write_spec *spec,
                            enum jvdr_err *code);

#endif
