/* A page whose record ids were picked by the index of events, rendered in one statement per kind
 * of record rather than one per item: on PostgreSQL every statement is a network round trip. */
#ifndef JVDR_READ_ITEMS_BY_ID_H
#define JVDR_READ_ITEMS_BY_ID_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/http/request.h"

/* Renders into items[i] (in req's arena) every page position i whose kinds[i] is kind (every
 * position when kinds is NULL), left as they are the others. select is the query up to its list
 * of ids, giving the id then the item's JSON per row: "SELECT e.id, json_object(...) FROM events
 * e WHERE e.id IN (". False when a record is gone (a write came between the index and this read:
 * the caller answers from SQL instead) or on an error of the store. */
bool items_by_id(struct request *req, const char *select, const char *const *kinds,
                 const char *kind, const char *const *ids, size_t n, char **items);

#endif
