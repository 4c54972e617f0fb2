/* From a parsed request to a response: routing (404/405), OPTIONS and CORS, the handler, problem
 * documents for errors, ETags and conditional GETs. Independent of the HTTP library. */
#ifndef JVDR_HTTP_DISPATCH_H
#define JVDR_HTTP_DISPATCH_H

#include "jvdr/http/request.h"

/* Fills res for req. req->site, arena, method, path, query and headers must be set; req->route
 * may be preset by the caller (http.c matches early to know the body limit). */
void dispatch(struct request *req, struct response *res);

/* The method for an HTTP method name; HTTP_OTHER when unknown. */
enum http_method dispatch_method(const char *name);

#endif
