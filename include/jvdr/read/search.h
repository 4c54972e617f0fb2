/* GET /v1/search?q=...&kind=...: ranked hits with kind, id, title and a highlighted snippet
 * (server/read/search.c). */
#ifndef JVDR_READ_SEARCH_H
#define JVDR_READ_SEARCH_H

#include "jvdr/http/request.h"

enum jvdr_err search_get(struct request *req, struct response *res);

/* The fields of a search item, in the OpenAPI document's order: the CSV columns. */
extern const char *const search_columns[];

#endif
