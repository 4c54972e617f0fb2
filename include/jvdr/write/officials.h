/* POST /v1/officials, PUT/PATCH/DELETE /v1/officials/{id}, run by the write engine
 * (server/write/officials.c). */
#ifndef JVDR_WRITE_OFFICIALS_H
#define JVDR_WRITE_OFFICIALS_H

#include "jvdr/http/request.h"

struct write_spec;

/* How the write engine writes officials (write/engine.h), for bulk loads too. */
extern const struct write_spec official_write_spec;

enum jvdr_err officials_create(struct request *req, struct response *res);
enum jvdr_err officials_replace(struct request *req, struct response *res);
enum jvdr_err officials_patch(struct request *req, struct response *res);
enum jvdr_err officials_delete(struct request *req, struct response *res);

#endif
