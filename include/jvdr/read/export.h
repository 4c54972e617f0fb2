/* Whole collections streamed: every record a list's filters select, in the requested order, as
 * newline-delimited JSON or CSV rows, produced while the client takes them from one read snapshot
 * (store_snapshot_open), so an export is consistent however long it runs and memory stays flat
 * however many records it holds. */
#ifndef JVDR_READ_EXPORT_H
#define JVDR_READ_EXPORT_H

#include "jvdr/read/listing.h"

/* Answers req (req->export set: NDJSON, or CSV with limit=all) with a stream of spec's records:
 * 400 for a malformed parameter, a limit other than "all" or an offset; 503 when
 * JVDR_MAX_EXPORTS exports are running; else 200 with X-Total-Count. */
enum jvdr_err listing_export(struct request *req, struct response *res,
                             const struct list_spec *spec);

/* JVDR_E_BAD_PARAM unless limit is absent or "all" and offset absent or 0: an export holds every
 * record. For any answer that gives them all (a document's mentions as NDJSON too). */
enum jvdr_err export_check_whole(struct request *req);

#endif
