/* Request and error logs; see include/jvdr/base/log.h. The JSON request line is formatted by hand
 * into a stack buffer (no stdio lock shared by the workers, no allocation) and appended to the
 * thread's batch. */
#include "jvdr/base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_LINE_MAX 4096

struct line {
    char text[LOG_LINE_MAX];
    size_t len;
    bool truncated;
};

static void put(struct line *l, const char *s, size_t n)
{
    if (l->len + n > LOG_LINE_MAX - 2) {
        l->truncated = true;
        return;
    }
    memcpy(l->text + l->len, s, n);
    l->len += n;
}

static void puts_raw(struct line *l, const char *s)
{
    put(l, s, strlen(s));
}

/* Appends an unsigned number in decimal, at least width digits. */
static void put_number(struct line *l, unsigned long long n, int width)
{
    char digits[24];
    int i = 0;
    do {
        digits[i++] = (char)('0' + n % 10);
        n /= 10;
    } while (n || i < width);
    while (i)
        put(l, &digits[--i], 1);
}

/* True when s is valid UTF-8 (so it can go into JSON as it is, control characters escaped). */
static bool utf8_valid(const unsigned char *s)
{
    while (*s) {
        int extra = *s < 0x80             ? 0
                    : (*s & 0xe0) == 0xc0 ? 1
                    : (*s & 0xf0) == 0xe0 ? 2
                    : (*s & 0xf8) == 0xf0 ? 3
                                          : -1;
        if (extra < 0 || (extra == 1 && *s < 0xc2))
            return false;
        for (int i = 1; i <= extra; i++)
            if ((s[i] & 0xc0) != 0x80)
                return false;
        s += extra + 1;
    }
    return true;
}

/* Appends s as a JSON string, or null when absent or not valid UTF-8. */
static void put_string(struct line *l, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s || !utf8_valid((const unsigned char *)s)) {
        puts_raw(l, "null");
        return;
    }
    put(l, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            put(l, esc, 2);
        } else if (*p < 0x20 || *p == 0x7f) {
            char esc[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
            put(l, esc, 6);
        } else {
            put(l, (const char *)p, 1);
        }
    }
    put(l, "\"", 1);
}

/* UTC time with milliseconds, RFC 3339. */
static void log_time(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    struct line l = {.len = 0};
    put_number(&l, (unsigned long long)tm.tm_year + 1900, 4);
    put(&l, "-", 1);
    put_number(&l, (unsigned long long)tm.tm_mon + 1, 2);
    put(&l, "-", 1);
    put_number(&l, (unsigned long long)tm.tm_mday, 2);
    put(&l, "T", 1);
    put_number(&l, (unsigned long long)tm.tm_hour, 2);
    put(&l, ":", 1);
    put_number(&l, (unsigned long long)tm.tm_min, 2);
    put(&l, ":", 1);
    put_number(&l, (unsigned long long)tm.tm_sec, 2);
    put(&l, ".", 1);
    put_number(&l, (unsigned long long)(ts.tv_nsec / 1000000), 3);
    put(&l, "Z", 1);
    memcpy(out, l.text, l.len);
    out[l.len] = '\0';
}

/* Formats e's line (ending in a newline) into l; false when even without the path it does not
 * fit. */
static bool format_line(bool text, const struct log_entry *e, struct line *l)
{
    char when[32];
    log_time(when);
    l->len = 0;
    l->truncated = false;
    if (text) {
        int n = snprintf(l->text, LOG_LINE_MAX, "%s %s %s %s %d %zu %.3fms %s%s\n", when, e->client,
                         e->method ? e->method : "-", e->route ? e->route : "-", e->status,
                         e->bytes, e->duration_ms, e->request_id, e->completed ? "" : " (aborted)");
        l->len = n < 0 ? 0 : n >= LOG_LINE_MAX ? LOG_LINE_MAX - 1 : (size_t)n;
        return n > 0;
    }
    puts_raw(l, "{\"time\":\"");
    puts_raw(l, when);
    puts_raw(l, "\",\"request_id\":");
    put_string(l, e->request_id);
    puts_raw(l, ",\"method\":");
    put_string(l, e->method);
    puts_raw(l, ",\"route\":");
    put_string(l, e->route);
    puts_raw(l, ",\"path\":");
    put_string(l, e->path);
    puts_raw(l, ",\"status\":");
    put_number(l, (unsigned long long)(e->status > 0 ? e->status : 0), 1);
    puts_raw(l, ",\"bytes\":");
    put_number(l, e->bytes, 1);
    /* Milliseconds with microsecond resolution, without printf. */
    unsigned long long micros =
        e->duration_ms > 0 ? (unsigned long long)(e->duration_ms * 1000) : 0;
    puts_raw(l, ",\"duration_ms\":");
    put_number(l, micros / 1000, 1);
    put(l, ".", 1);
    put_number(l, micros % 1000, 3);
    puts_raw(l, ",\"client\":");
    put_string(l, e->client);
    if (!e->completed)
        puts_raw(l, ",\"aborted\":true");
    if (l->truncated) {
        /* A path too long for the line: drop it rather than write broken JSON. */
        struct log_entry shorter = *e;
        shorter.path = NULL;
        return e->path && format_line(text, &shorter, l);
    }
    put(l, "}\n", 2);
    return true;
}

/* A thread's lines: the chunk it appends to, and full chunks waiting for the flusher, which
 * writes them with no lock held — a write(2) that blocks (the disk busy with an fsync) never stalls
 * the thread serving requests. Only when ACCESS_LOG_QUEUED chunks wait does the thread write
 * itself, so memory stays bounded. */
struct log_chunk {
    size_t len;
    struct log_chunk *next;
    char data[ACCESS_LOG_BUFFER];
};

struct access_log_buffer {
    pthread_mutex_t lock; /* the owning thread and the flusher */
    struct log_chunk *active;
    struct log_chunk *full, *full_tail; /* oldest first */
    size_t queued;
    struct log_chunk *spare; /* written chunks, for reuse */
    struct access_log_buffer *next;
};

static void write_chunk(struct access_log *log, const struct log_chunk *c)
{
    size_t done = 0;
    while (done < c->len) {
        ssize_t n = write(log->fd, c->data + done, c->len - done);
        if (n <= 0)
            break; /* nowhere to report a failed log write; requests are unaffected */
        done += (size_t)n;
    }
}

static struct log_chunk *new_chunk(struct access_log_buffer *b)
{
    struct log_chunk *c = b->spare;
    if (c)
        b->spare = c->next;
    else
        c = malloc(sizeof *c);
    if (c) {
        c->len = 0;
        c->next = NULL;
    }
    return c;
}

/* Queues b's active chunk (when it holds lines) for the flusher and starts a new one; b is
 * locked. False when no chunk can be had (the active one is then kept). */
static bool queue_active(struct access_log_buffer *b)
{
    if (!b->active || b->active->len == 0)
        return true;
    struct log_chunk *fresh = new_chunk(b);
    if (!fresh)
        return false;
    if (b->full_tail)
        b->full_tail->next = b->active;
    else
        b->full = b->active;
    b->full_tail = b->active;
    b->queued++;
    b->active = fresh;
    return true;
}

/* Writes out b's queued chunks (and, with all, its active one), the lock released meanwhile. */
static void drain(struct access_log *log, struct access_log_buffer *b, bool all)
{
    pthread_mutex_lock(&b->lock);
    if (all && !queue_active(b) && b->active) { /* no memory for a swap: write it in place */
        write_chunk(log, b->active);
        b->active->len = 0;
    }
    struct log_chunk *list = b->full;
    b->full = b->full_tail = NULL;
    b->queued = 0;
    pthread_mutex_unlock(&b->lock);
    struct log_chunk *last = NULL;
    for (struct log_chunk *c = list; c; c = c->next) {
        write_chunk(log, c);
        last = c;
    }
    if (!last)
        return;
    pthread_mutex_lock(&b->lock);
    last->next = b->spare;
    b->spare = list;
    pthread_mutex_unlock(&b->lock);
}

void access_log_flush(struct access_log *log)
{
    if (!log->started)
        return;
    pthread_mutex_lock(&log->lock);
    for (struct access_log_buffer *b = log->buffers; b; b = b->next)
        drain(log, b, true);
    pthread_mutex_unlock(&log->lock);
}

static void *flusher(void *arg)
{
    struct access_log *log = arg;
    pthread_mutex_lock(&log->lock);
    while (!log->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += ACCESS_LOG_FLUSH_MS * 1000L * 1000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&log->wake, &log->lock, &until);
        for (struct access_log_buffer *b = log->buffers; b; b = b->next)
            drain(log, b, true);
    }
    pthread_mutex_unlock(&log->lock);
    return NULL;
}

int access_log_init(struct access_log *log, const struct config *cfg, int fd)
{
    memset(log, 0, sizeof *log);
    log->fd = fd;
    log->text = strcmp(cfg->log_format, "text") == 0;
    log->mode = strcmp(cfg->access_log, "off") == 0      ? ACCESS_LOG_OFF
                : strcmp(cfg->access_log, "errors") == 0 ? ACCESS_LOG_ERRORS
                                                         : ACCESS_LOG_ON;
    if (log->mode == ACCESS_LOG_OFF)
        return 0;
    if (pthread_key_create(&log->key, NULL) != 0) {
        log->mode = ACCESS_LOG_OFF;
        return -1;
    }
    pthread_mutex_init(&log->lock, NULL);
    pthread_cond_init(&log->wake, NULL);
    if (pthread_create(&log->flusher, NULL, flusher, log) != 0) {
        pthread_cond_destroy(&log->wake);
        pthread_mutex_destroy(&log->lock);
        pthread_key_delete(log->key);
        log->mode = ACCESS_LOG_OFF;
        return -1;
    }
    log->started = true;
    return 0;
}

/* The calling thread's buffer, made and listed on its first line; NULL when out of memory. */
static struct access_log_buffer *own_buffer(struct access_log *log)
{
    struct access_log_buffer *b = pthread_getspecific(log->key);
    if (b)
        return b;
    b = malloc(sizeof *b);
    if (!b || pthread_setspecific(log->key, b) != 0) {
        free(b);
        return NULL;
    }
    memset(b, 0, sizeof *b);
    pthread_mutex_init(&b->lock, NULL);
    pthread_mutex_lock(&log->lock);
    b->next = log->buffers;
    log->buffers = b;
    pthread_mutex_unlock(&log->lock);
    return b;
}

void access_log_write(struct access_log *log, const struct log_entry *e)
{
    if (!log->started || (log->mode == ACCESS_LOG_ERRORS && e->status < 400 && e->completed))
        return;
    struct line l;
    struct access_log_buffer *b = own_buffer(log);
    if (!b || !format_line(log->text, e, &l))
        return;
    pthread_mutex_lock(&b->lock);
    if (!b->active)
        b->active = new_chunk(b);
    bool wake = false;
    if (b->active && b->active->len + l.len > ACCESS_LOG_BUFFER) {
        if (b->queued >= ACCESS_LOG_QUEUED || !queue_active(b)) {
            /* The flusher is far behind (or memory short): write this chunk ourselves. */
            write_chunk(log, b->active);
            b->active->len = 0;
        } else {
            wake = true;
        }
    }
    if (b->active) {
        memcpy(b->active->data + b->active->len, l.text, l.len);
        b->active->len += l.len;
    }
    pthread_mutex_unlock(&b->lock);
    if (wake)
        pthread_cond_signal(&log->wake);
}

void access_log_cleanup(struct access_log *log)
{
    if (!log->started)
        return;
    pthread_mutex_lock(&log->lock);
    log->stopping = true;
    pthread_cond_signal(&log->wake);
    pthread_mutex_unlock(&log->lock);
    pthread_join(log->flusher, NULL);
    access_log_flush(log);
    for (struct access_log_buffer *b = log->buffers, *next; b; b = next) {
        next = b->next;
        for (struct log_chunk *c = b->spare, *after; c; c = after) {
            after = c->next;
            free(c);
        }
        free(b->active);
        pthread_mutex_destroy(&b->lock);
        free(b);
    }
    pthread_key_delete(log->key);
    pthread_cond_destroy(&log->wake);
    pthread_mutex_destroy(&log->lock);
    memset(log, 0, sizeof *log);
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
