/* The service's own endpoints (server/service/meta.c): the API index, the OpenAPI document,
 * liveness, readiness and metrics. */
#ifndef JVDR_SERVICE_META_H
#define JVDR_SERVICE_META_H

#include "jvdr/http/request.h"

enum jvdr_err meta_index(struct request *req, struct response *res);
enum jvdr_err meta_openapi(struct request *req, struct response *res);
enum jvdr_err meta_healthz(struct request *req, struct response *res);
enum jvdr_err meta_readyz(struct request *req, struct response *res);
enum jvdr_err meta_metrics(struct request *req, struct response *res);

#endif
