/* GET /v1/officials and /v1/officials/{id} (server/read/officials.c). */
#ifndef JVDR_READ_OFFICIALS_H
#define JVDR_READ_OFFICIALS_H

#include "jvdr/http/request.h"

enum jvdr_err officials_list(struct request *req, struct response *res);
enum jvdr_err officials_get(struct request *req, struct response *res);

/* The fields of a list item, in the OpenAPI document's order: the CSV columns. */
extern const char *const official_columns[];

#endif
