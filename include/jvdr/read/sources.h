/* GET /v1/sources and /v1/sources/{id} (server/read/sources.c). */
#ifndef JVDR_READ_SOURCES_H
#define JVDR_READ_SOURCES_H

#include "jvdr/http/request.h"

enum jvdr_err sources_list(struct request *req, struct response *res);
enum jvdr_err sources_get(struct request *req, struct response *res);

/* The fields of a list item, in the OpenAPI document's order: the CSV columns. */
extern const char *const source_columns[];

#endif
