/* Logging: one line per request on stdout (JSON, or text for people), errors on stderr.
 * Thread-safe: each line is written with a single stdio call. */
#ifndef JVDR_BASE_LOG_H
#define JVDR_BASE_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/config.h"

struct log_entry {
    const char *request_id;
    const char *method;
    const char *route; /* the route's label, NULL when none matched */
    const char *path;
    int status;
    size_t bytes;
    double duration_ms;
    const char *client;
    bool completed; /* false when the connection ended before the response was sent */
};

void log_request(const struct config *cfg, const struct log_entry *entry);

/* A formatted error line on stderr. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
