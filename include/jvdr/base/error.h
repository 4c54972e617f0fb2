/* The one error enum of the service. Every fallible function returns it; details (which
 * parameter, which field, why) travel beside it in the request, and problem.c alone maps a code to
 * an HTTP status and an RFC 9457 problem type. */
#ifndef JVDR_BASE_ERROR_H
#define JVDR_BASE_ERROR_H

enum jvdr_err {
    JVDR_OK = 0,
    JVDR_E_NOT_FOUND,      /* 404: no such path or record */
    JVDR_E_METHOD,         /* 405: the path exists under other methods */
    JVDR_E_BAD_PARAM,      /* 400: a query parameter is malformed, unknown or repeated */
    JVDR_E_BAD_REQUEST,    /* 400: the request itself is malformed */
    JVDR_E_UNAUTHORIZED,   /* 401: a write without a valid bearer token */
    JVDR_E_FORBIDDEN,      /* 403: writes are disabled (no token configured, or read-only store) */
    JVDR_E_CONFLICT,       /* 409: the id exists, or a delete would break a reference */
    JVDR_E_PRECONDITION,   /* 412: If-Match names a representation that is no longer current */
    JVDR_E_TOO_LARGE,      /* 413: the body is over the route's limit */
    JVDR_E_NOT_ACCEPTABLE, /* 406: the client's Accept allows no type this resource has */
    JVDR_E_MEDIA_TYPE,     /* 415 */
    JVDR_E_INVALID,        /* 422: well-formed but invalid content */
    JVDR_E_PRECONDITION_REQUIRED, /* 428: this service requires If-Match on updates */
    JVDR_E_RATE_LIMITED,          /* 429: the client is over its rate limit */
    JVDR_E_BUSY,                  /* 503: the store is busy or locked; retry */
    JVDR_E_TIMEOUT,               /* 503: the answer took longer than the time budget */
    JVDR_E_NOMEM,                 /* 503: out of memory */
    JVDR_E_STORAGE_FULL,          /* 507: the disk is full; nothing was written */
    JVDR_E_URI_TOO_LONG,          /* 414: the request target is over HTTP_MAX_TARGET */
    JVDR_E_HEADERS_TOO_LARGE,     /* 431: over HTTP_MAX_HEADER_LINES or HTTP_MAX_HEAD_BYTES */
    JVDR_E_INTERNAL,              /* 500: a bug or an unexpected store failure */
};

#endif
