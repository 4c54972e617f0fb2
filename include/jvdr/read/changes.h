/* GET /v1/changes: the audit trail (server/read/changes.c). */
#ifndef JVDR_READ_CHANGES_H
#define JVDR_READ_CHANGES_H

#include "jvdr/http/request.h"

enum jvdr_err changes_list(struct request *req, struct response *res);

/* The fields of a changes item, in the OpenAPI document's order: the CSV columns. */
extern const char *const change_columns[];

#endif
