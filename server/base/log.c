/* Request and error logs; see include/jvdr/base/log.h. The JSON request line is formatted by hand
 * into one buffer and written with one write(2): no stdio lock shared by the workers, no
 * allocation. */
#include "jvdr/base/log.h"

#include <stdarg.h>
#include <stdio.h>
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
    struct line l = {.len = 0};
    puts_raw(&l, "{\"time\":\"");
    puts_raw(&l, when);
    puts_raw(&l, "\",\"request_id\":");
    put_string(&l, e->request_id);
    puts_raw(&l, ",\"method\":");
    put_string(&l, e->method);
    puts_raw(&l, ",\"route\":");
    put_string(&l, e->route);
    puts_raw(&l, ",\"path\":");
    put_string(&l, e->path);
    puts_raw(&l, ",\"status\":");
    put_number(&l, (unsigned long long)(e->status > 0 ? e->status : 0), 1);
    puts_raw(&l, ",\"bytes\":");
    put_number(&l, e->bytes, 1);
    /* Milliseconds with microsecond resolution, without printf. */
    unsigned long long micros =
        e->duration_ms > 0 ? (unsigned long long)(e->duration_ms * 1000) : 0;
    puts_raw(&l, ",\"duration_ms\":");
    put_number(&l, micros / 1000, 1);
    put(&l, ".", 1);
    put_number(&l, micros % 1000, 3);
    puts_raw(&l, ",\"client\":");
    put_string(&l, e->client);
    if (!e->completed)
        puts_raw(&l, ",\"aborted\":true");
    if (l.truncated) {
        /* A path too long for the line: drop it rather than write broken JSON. */
        struct log_entry shorter = *e;
        shorter.path = NULL;
        if (e->path)
            log_request(cfg, &shorter);
        return;
    }
    put(&l, "}\n", 2);
    if (write(STDOUT_FILENO, l.text, l.len) < 0) {
        /* Nowhere to report a failed log write; the request itself is unaffected. */
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
