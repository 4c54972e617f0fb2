/* Request and error logs; see include/jvdr/log.h. */
#include "jvdr/log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* UTC time with milliseconds, RFC 3339. */
static void log_time(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

/* A JSON string for text that may be invalid UTF-8 (a client's path): null when it is. */
static json_t *maybe_string(const char *text)
{
    json_t *s = text ? json_string(text) : NULL;
    return s ? s : json_null();
}

void log_request(const struct config *cfg, const struct log_entry *e)
{
    char when[32];
    log_time(when);
    if (strcmp(cfg->log_format, "text") == 0) {
        fprintf(stdout, "%s %s %s %s %d %zu %.3fms %s%s\n", when, e->client,
                e->method ? e->method : "-", e->route ? e->route : "-", e->status, e->bytes,
                e->duration_ms, e->request_id, e->completed ? "" : " (aborted)");
        return;
    }
    json_t *line = json_object();
    if (!line)
        return;
    json_object_set_new(line, "time", json_string(when));
    json_object_set_new(line, "request_id", maybe_string(e->request_id));
    json_object_set_new(line, "method", maybe_string(e->method));
    json_object_set_new(line, "route", maybe_string(e->route));
    json_object_set_new(line, "path", maybe_string(e->path));
    json_object_set_new(line, "status", json_integer(e->status));
    json_object_set_new(line, "bytes", json_integer((json_int_t)e->bytes));
    json_object_set_new(line, "duration_ms", json_real(e->duration_ms));
    json_object_set_new(line, "client", maybe_string(e->client));
    if (!e->completed)
        json_object_set_new(line, "aborted", json_true());
    char *text = json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(line);
    if (text) {
        fprintf(stdout, "%s\n", text);
        free(text);
    }
}

void log_error(const char *fmt, ...)
{
    char when[32], message[1024];
    log_time(when);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s jvdr: %s\n", when, message);
}
