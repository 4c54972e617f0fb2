/* GET /v1/timeline: dated events and agreements in one list (server/read/timeline.c). */
#ifndef JVDR_READ_TIMELINE_H
#define JVDR_READ_TIMELINE_H

#include "jvdr/http/request.h"

enum jvdr_err timeline_list(struct request *req, struct response *res);

/* The fields of a list item, in the OpenAPI document's order: the CSV columns. */
extern const char *const timeline_columns[];

#endif
