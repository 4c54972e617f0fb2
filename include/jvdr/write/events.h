/* POST /v1/events, PUT/PATCH/DELETE /v1/events/{id}, run by the write engine
 * (server/write/events.c). */
#ifndef JVDR_WRITE_EVENTS_H
#define JVDR_WRITE_EVENTS_H

#include "jvdr/http/request.h"

struct write_spec;

/* How the write engine writes events (write/engine.h), for bulk loads too. */
extern const struct write_spec event_write_spec;

enum jvdr_err events_create(struct request *req, struct response *res);
enum jvdr_err events_replace(struct request *req, struct response *res);
enum jvdr_err events_patch(struct request *req, struct response *res);
enum jvdr_err events_delete(struct request *req, struct response *res);

#endif
