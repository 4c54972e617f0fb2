/* POST /v1/sources, PUT/PATCH/DELETE /v1/sources/{id}, run by the write engine
 * (server/write/sources.c). */
#ifndef JVDR_WRITE_SOURCES_H
#define JVDR_WRITE_SOURCES_H

#include "jvdr/http/request.h"

struct write_spec;

/* How the write engine writes sources (write/engine.h), for bulk loads too. */
extern const struct write_spec source_write_spec;

enum jvdr_err sources_create(struct request *req, struct response *res);
enum jvdr_err sources_replace(struct request *req, struct response *res);
enum jvdr_err sources_patch(struct request *req, struct response *res);
enum jvdr_err sources_delete(struct request *req, struct response *res);

#endif
