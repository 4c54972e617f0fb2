/* GET /v1/agreements and /v1/agreements/{id} (server/read/agreements.c). */
#ifndef JVDR_READ_AGREEMENTS_H
#define JVDR_READ_AGREEMENTS_H

#include "jvdr/http/request.h"

enum jvdr_err agreements_list(struct request *req, struct response *res);
enum jvdr_err agreements_get(struct request *req, struct response *res);

/* The fields of a list item, in the OpenAPI document's order: the CSV columns. */
extern const char *const agreement_columns[];

#endif
