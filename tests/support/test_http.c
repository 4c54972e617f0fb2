/* libcurl and raw-socket helpers for integration tests; see test_http.h. */
#include "test_http.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

struct sink {
    char *data;
    size_t len;
};

static size_t sink_write(char *ptr, size_t size, size_t n, void *userdata)
{
    struct sink *s = userdata;
    size_t add = size * n;
    char *grown = realloc(s->data, s->len + add + 1);
    cr_assert_not_null(grown);
    memcpy(grown + s->len, ptr, add);
    s->data = grown;
    s->len += add;
    s->data[s->len] = '\0';
    return add;
}

/* Keeps only the last response's headers (after redirects or 100-continue). */
static size_t header_write(char *ptr, size_t size, size_t n, void *userdata)
{
    struct sink *s = userdata;
    if (size * n >= 5 && strncmp(ptr, "HTTP/", 5) == 0)
        s->len = 0;
    return sink_write(ptr, size, n, userdata);
}

void http_call(CURL *handle, const char *method, const char *url, const char *const *headers,
               struct http_reply *reply)
{
    http_send(handle, method, url, headers, NULL, 0, reply);
}

void http_send(CURL *handle, const char *method, const char *url, const char *const *headers,
               const char *request_body, size_t request_len, struct http_reply *reply)
{
    CURLcode rc = http_try(handle, method, url, headers, request_body, request_len, reply);
    cr_assert_eq(rc, CURLE_OK, "%s %s: %s", method, url, curl_easy_strerror(rc));
}

CURLcode http_try(CURL *handle, const char *method, const char *url, const char *const *headers,
                  const char *request_body, size_t request_len, struct http_reply *reply)
{
    CURL *curl = handle ? handle : curl_easy_init();
    struct sink body = {calloc(1, 1), 0}, head = {calloc(1, 1), 0};
    struct curl_slist *list = NULL;
    for (const char *const *h = headers; h && *h; h++)
        list = curl_slist_append(list, *h);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, NULL);
    curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    else if (strcmp(method, "GET") != 0)
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (request_body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)request_len);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request_body);
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, header_write);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &head);
    /* A liveness bound, not a speed claim: a server that sends nothing for 60 s has stalled, but
     * a long answer on a loaded machine (a whole export under a sanitizer) may take its time. */
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply->status);
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &reply->connects);
    curl_slist_free_all(list);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    if (!handle)
        curl_easy_cleanup(curl);
    reply->body = body.data;
    reply->body_len = body.len;
    reply->headers = head.data;
    return rc;
}

void http_get(const char *base, const char *path, struct http_reply *reply)
{
    char url[2048];
    snprintf(url, sizeof url, "%s%s", base, path);
    http_call(NULL, "GET", url, NULL, reply);
}

const char *http_header(const struct http_reply *reply, const char *name, char *out, size_t outlen)
{
    size_t nlen = strlen(name);
    for (const char *line = reply->headers; line && *line;) {
        const char *eol = strstr(line, "\r\n");
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        if (len > nlen && line[nlen] == ':' && strncasecmp(line, name, nlen) == 0) {
            const char *v = line + nlen + 1;
            while (*v == ' ')
                v++;
            size_t vlen = len - (size_t)(v - line);
            if (vlen >= outlen)
                vlen = outlen - 1;
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return out;
        }
        line = eol ? eol + 2 : line + len;
    }
    return NULL;
}

const char *http_link(const struct http_reply *reply, const char *rel, char *out, size_t outlen)
{
    char link[8192], wanted[32];
    if (!http_header(reply, "Link", link, sizeof link))
        return NULL;
    snprintf(wanted, sizeof wanted, "rel=\"%s\"", rel);
    char *at = strstr(link, wanted);
    if (!at)
        return NULL;
    /* The URL is the <...> just before it. */
    char *end = at;
    while (end > link && *end != '>')
        end--;
    char *begin = end;
    while (begin > link && *begin != '<')
        begin--;
    if (*begin != '<' || (size_t)(end - begin) > outlen)
        return NULL;
    snprintf(out, outlen, "%.*s", (int)(end - begin - 1), begin + 1);
    return out;
}

json_t *http_json(const struct http_reply *reply)
{
    json_error_t error;
    json_t *json = json_loadb(reply->body, reply->body_len, 0, &error);
    cr_assert_not_null(json, "body is not JSON (%s): %.200s", error.text, reply->body);
    return json;
}

void http_reply_free(struct http_reply *reply)
{
    free(reply->body);
    free(reply->headers);
    memset(reply, 0, sizeof *reply);
}

char *raw_exchange_open(unsigned port, const char *request, int *fd_out)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    cr_assert_eq(send(fd, request, strlen(request), MSG_NOSIGNAL), (ssize_t)strlen(request));
    *fd_out = fd;
    return calloc(1, 1);
}

char *raw_exchange_finish(int fd, const char *rest, int timeout_ms)
{
    send(fd, rest, strlen(rest), MSG_NOSIGNAL);
    struct sink got = {calloc(1, 1), 0};
    struct pollfd p = {.fd = fd, .events = POLLIN};
    while (poll(&p, 1, timeout_ms) > 0) {
        char chunk[4096];
        ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            break;
        sink_write(chunk, 1, (size_t)n, &got);
    }
    close(fd);
    return got.data;
}

char *raw_exchange(unsigned port, const char *request, size_t len, int timeout_ms)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    size_t sent = 0;
    while (sent < len) {
        ssize_t n = send(fd, request + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += (size_t)n;
    }
    return raw_exchange_finish(fd, "", timeout_ms);
}

char *http_inflate(const struct http_reply *reply, size_t *len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    cr_assert_eq(inflateInit2(&z, 15 + 16), Z_OK);
    size_t cap = 1 << 16;
    char *out = malloc(cap);
    z.next_in = (Bytef *)reply->body;
    z.avail_in = (uInt)reply->body_len;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (z.total_out + 1 >= cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
        z.next_out = (Bytef *)out + z.total_out;
        z.avail_out = (uInt)(cap - 1 - z.total_out);
        rc = inflate(&z, Z_NO_FLUSH);
    }
    cr_assert_eq(rc, Z_STREAM_END, "the body is not one whole gzip stream (%d)", rc);
    cr_assert_eq(z.avail_in, 0, "bytes after the gzip stream");
    out[z.total_out] = '\0';
    if (len)
        *len = z.total_out;
    inflateEnd(&z);
    return out;
}

json_t *http_get_json(const char *base, const char *path)
{
    struct http_reply reply;
    http_get(base, path, &reply);
    cr_assert_eq(reply.status, 200, "GET %s: %ld %.300s", path, reply.status,
                 reply.body ? reply.body : "");
    json_t *json = http_json(&reply);
    http_reply_free(&reply);
    return json;
}

void http_write(const char *base, const char *auth, const char *method, const char *path,
                const char *body, long want)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", base, path);
    const char *const headers[] = {auth,
                                   strcmp(method, "PATCH") == 0
                                       ? "Content-Type: application/merge-patch+json"
                                       : "Content-Type: application/json",
                                   NULL};
    struct http_reply reply;
    http_send(NULL, method, url, headers, body, body ? strlen(body) : 0, &reply);
    cr_assert_eq(reply.status, want, "%s %s: %ld %s", method, path, reply.status, reply.body);
    http_reply_free(&reply);
}
