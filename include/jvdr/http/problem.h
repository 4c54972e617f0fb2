/* RFC 9457 problem details: the one place that maps an error code to an HTTP status, a problem
 * type and a title, and the only writer of application/problem+json. */
#ifndef JVDR_HTTP_PROBLEM_H
#define JVDR_HTTP_PROBLEM_H

#include "jvdr/http/request.h"

/* The HTTP status for code. */
int problem_status(enum jvdr_err code);

/* Replaces res's body with the problem document for code, using req's error_detail and
 * error_parameter when set. Never fails: without memory it leaves a bare status. */
void problem_respond(struct request *req, struct response *res, enum jvdr_err code);

#endif
