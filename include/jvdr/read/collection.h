/* A collection's GET: a page of it (read/listing.c), or all of it streamed when the client asked
 * for an export (read/export.c). Above both, so that neither calls the other's caller. */
#ifndef JVDR_READ_COLLECTION_H
#define JVDR_READ_COLLECTION_H

#include "jvdr/read/listing.h"

/* Answers the list request req for spec: listing_export when req->export is set (NDJSON, or CSV
 * with limit=all), else listing_respond. */
enum jvdr_err collection_respond(struct request *req, struct response *res,
                                 const struct list_spec *spec);

#endif
