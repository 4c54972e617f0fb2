/* Logging: one line per request on stdout (JSON, or text for people), errors on stderr.
 *
 * Request lines are batched: each thread appends to a buffer of its own (no lock shared between
 * workers, no system call). A flusher thread writes them out — a chunk as soon as it fills, the
 * rest every ACCESS_LOG_FLUSH_MS — so that a slow disk never stalls a thread serving requests
 * (it writes itself only when ACCESS_LOG_QUEUED chunks wait); access_log_flush (on SIGTERM) and
 * access_log_cleanup (on exit) write everything. A crash loses at most the lines not yet written,
 * normally the last ACCESS_LOG_FLUSH_MS. Error lines go straight to stderr. */
#ifndef JVDR_BASE_LOG_H
#define JVDR_BASE_LOG_H

#include <pthread.h>
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

#define ACCESS_LOG_FLUSH_MS 100
#define ACCESS_LOG_BUFFER ((size_t)64 * 1024)
#define ACCESS_LOG_QUEUED 64 /* full chunks a thread may have waiting (4 MiB) before it writes */

enum access_log_mode { ACCESS_LOG_ON, ACCESS_LOG_ERRORS, ACCESS_LOG_OFF };

struct access_log_buffer; /* one per thread that logs */

struct access_log {
    int fd;
    enum access_log_mode mode;
    bool text;            /* the text format rather than JSON */
    pthread_key_t key;    /* the calling thread's buffer */
    pthread_mutex_t lock; /* guards buffers (the list) and stopping */
    pthread_cond_t wake;
    struct access_log_buffer *buffers;
    bool stopping;
    bool started; /* the key, lock and flusher exist */
    pthread_t flusher;
};

/* Starts the log of requests on fd, as cfg's log_format and access_log say. Returns 0, or -1 when
 * a thread or key cannot be made (log then stays off; cleanup is still safe). */
int access_log_init(struct access_log *log, const struct config *cfg, int fd);

/* Formats entry's line and keeps it in the calling thread's buffer. Thread-safe. */
void access_log_write(struct access_log *log, const struct log_entry *entry);

/* Writes every buffered line now. Thread-safe. */
void access_log_flush(struct access_log *log);

/* Stops the flusher, writes what is buffered and frees the buffers. Safe on a zeroed log. */
void access_log_cleanup(struct access_log *log);

/* A formatted error line on stderr. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
