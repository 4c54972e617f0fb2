/* A collection's GET: a page of it (read/listing.c), or all of it streamed when the client asked
 * for an export (read/export.c). Above both, so that neither calls the other's caller. */
#ifndef JVDR_READ_COLLECTION_H
#define JVDR_READ_COLLECTION_H

#include "jvdr/read/listing.h"

/* Answers the list request req for spec: listing_export when req->export is set (NDJSON, or CSV
 * with limit=all), else listing_respond. */
enum jvdr_err collection_respond(struct request *req, struct response *res,
                                 const struct list_spec *spec);

/* Lists whose page the store's in-memory index picks (events, agreements, officials): whether
 * the sort parameter is one key of names (n of them, "-" before it for descending), setting
 * *order to its place (0 when there is no sort); false for several keys (the list engine's
 * SQL). */
bool collection_index_sort(const char *sort, const char *const *names, int n, int *order,
                           bool *descending);

/* Answers the page the index picked: code its answer (JVDR_E_BAD_PARAM, the engine refusing q,
 * and JVDR_E_NOT_FOUND, a search the index cannot answer, go to collection_respond, which says
 * why or answers itself), the n ids' items rendered by primary key with select (items_by_id),
 * or collection_respond's answer when one is gone meanwhile. Both give the same bytes, but for
 * an estimated total, which the answer marks (total_estimated, X-Total-Estimated). */
enum jvdr_err collection_respond_ids(struct request *req, struct response *res,
                                     const struct list_spec *spec, const char *select,
                                     enum jvdr_err code, const char *const *ids, size_t n,
                                     long long total, bool estimated, unsigned long limit,
                                     unsigned long offset);

#endif
