/* POST /v1/agreements, PUT/PATCH/DELETE /v1/agreements/{id}, run by the write engine
 * (server/write/agreements.c). */
#ifndef JVDR_WRITE_AGREEMENTS_H
#define JVDR_WRITE_AGREEMENTS_H

#include "jvdr/http/request.h"

struct write_spec;

/* How the write engine writes agreements (write/engine.h), for bulk loads too. */
extern const struct write_spec agreement_write_spec;

enum jvdr_err agreements_create(struct request *req, struct response *res);
enum jvdr_err agreements_replace(struct request *req, struct response *res);
enum jvdr_err agreements_patch(struct request *req, struct response *res);
enum jvdr_err agreements_delete(struct request *req, struct response *res);

#endif
