/* The handlers behind the route table, one file per resource (server/resource_*.c). Each takes
 * the request and fills the response, returning JVDR_OK or an error for problem.c. */
#ifndef JVDR_RESOURCES_H
#define JVDR_RESOURCES_H

#include "jvdr/request.h"

enum jvdr_err events_list(struct request *req, struct response *res);
enum jvdr_err events_get(struct request *req, struct response *res);
enum jvdr_err events_stats(struct request *req, struct response *res);
enum jvdr_err timeline_list(struct request *req, struct response *res);
enum jvdr_err officials_list(struct request *req, struct response *res);
enum jvdr_err officials_get(struct request *req, struct response *res);
enum jvdr_err agreements_list(struct request *req, struct response *res);
enum jvdr_err agreements_get(struct request *req, struct response *res);
enum jvdr_err sources_list(struct request *req, struct response *res);
enum jvdr_err sources_get(struct request *req, struct response *res);

/* Writes (write_events.c, write_officials.c, write_agreements.c, write_sources.c). */
enum jvdr_err events_create(struct request *req, struct response *res);
enum jvdr_err events_replace(struct request *req, struct response *res);
enum jvdr_err events_patch(struct request *req, struct response *res);
enum jvdr_err events_delete(struct request *req, struct response *res);
enum jvdr_err officials_create(struct request *req, struct response *res);
enum jvdr_err officials_replace(struct request *req, struct response *res);
enum jvdr_err officials_patch(struct request *req, struct response *res);
enum jvdr_err officials_delete(struct request *req, struct response *res);
enum jvdr_err agreements_create(struct request *req, struct response *res);
enum jvdr_err agreements_replace(struct request *req, struct response *res);
enum jvdr_err agreements_patch(struct request *req, struct response *res);
enum jvdr_err agreements_delete(struct request *req, struct response *res);
enum jvdr_err sources_create(struct request *req, struct response *res);
enum jvdr_err sources_replace(struct request *req, struct response *res);
enum jvdr_err sources_patch(struct request *req, struct response *res);
enum jvdr_err sources_delete(struct request *req, struct response *res);

/* The audit trail (changes.c). */
enum jvdr_err changes_list(struct request *req, struct response *res);

/* The API index, the OpenAPI document, liveness and readiness (resource_meta.c). */
enum jvdr_err meta_index(struct request *req, struct response *res);
enum jvdr_err meta_openapi(struct request *req, struct response *res);
enum jvdr_err meta_healthz(struct request *req, struct response *res);
enum jvdr_err meta_readyz(struct request *req, struct response *res);
enum jvdr_err meta_metrics(struct request *req, struct response *res);

#endif
