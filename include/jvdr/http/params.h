/* Reading and checking query parameters, so handlers see only validated values. Every failure
 * names the parameter (req->error_parameter) and answers 400. */
#ifndef JVDR_HTTP_PARAMS_H
#define JVDR_HTTP_PARAMS_H

#include <stdbool.h>

#include "jvdr/http/request.h"

/* JVDR_E_BAD_PARAM unless every parameter's name is in known (NULL-terminated) and none repeats. */
enum jvdr_err params_check(struct request *req, const char *const *known);

/* The value of name, or NULL when absent. */
const char *params_get(const struct request *req, const char *name);

/* A decimal whole number from 0 to max, or fallback when absent. */
enum jvdr_err params_uint(struct request *req, const char *name, unsigned long fallback,
                          unsigned long max, unsigned long *out);

/* Fails the request with JVDR_E_BAD_PARAM naming name and saying why. */
enum jvdr_err params_fail(struct request *req, const char *name, const char *why);

/* True for a record id: 1 to 100 of [a-z0-9-], not starting or ending with '-', no "--". */
bool id_valid(const char *id);

/* True for an ISO 3166-1 alpha-2 shaped code (two upper-case ASCII letters). */
bool country_code_valid(const char *code);

#endif
