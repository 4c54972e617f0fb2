/* GET /v1/events, /v1/events/{id} and /v1/stats (facets for charts) (server/read/events.c). */
#ifndef JVDR_READ_EVENTS_H
#define JVDR_READ_EVENTS_H

#include "jvdr/http/request.h"

enum jvdr_err events_list(struct request *req, struct response *res);
enum jvdr_err events_get(struct request *req, struct response *res);
enum jvdr_err events_stats(struct request *req, struct response *res);

/* The fields of a list item, in the OpenAPI document's order: the CSV columns. */
extern const char *const event_columns[];

#endif
