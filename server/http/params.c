/* Query parameter checks shared by every handler; see include/jvdr/http/params.h. */
#include "jvdr/http/params.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/utf8.h"
#include "jvdr/http/router.h"

enum jvdr_err params_fail(struct request *req, const char *name, const char *why)
{
    req->error_parameter = arena_strdup(req->arena, name);
    return request_fail(req, JVDR_E_BAD_PARAM, "query parameter '%s' %s", name, why);
}

enum jvdr_err params_check(struct request *req, const char *const *known)
{
    for (size_t i = 0; i < req->nquery; i++) {
        const char *name = req->query[i].name;
        /* format= is the dispatcher's (the representation), on every list offered as CSV or
         * NDJSON. */
        bool ok = strcmp(name, "format") == 0 && req->route &&
                  (req->route->flags & (ROUTE_CSV | ROUTE_EXPORT));
        for (const char *const *k = known; *k && !ok; k++)
            ok = strcmp(*k, name) == 0;
        if (!ok)
            return params_fail(req, name, "is not supported here");
        if (req->query[i].has_nul)
            return params_fail(req, name, "holds a NUL byte");
        const char *value = req->query[i].value;
        if (!utf8_is_valid(value, strlen(value)))
            return params_fail(req, name, "is not valid UTF-8 (percent-encode text's UTF-8 bytes)");
        for (size_t j = 0; j < i; j++)
            if (strcmp(req->query[j].name, name) == 0)
                return params_fail(req, name, "is given more than once");
    }
    return JVDR_OK;
}

const char *params_get(const struct request *req, const char *name)
{
    for (size_t i = 0; i < req->nquery; i++)
        if (strcmp(req->query[i].name, name) == 0)
            return req->query[i].value;
    return NULL;
}

enum jvdr_err params_uint(struct request *req, const char *name, unsigned long fallback,
                          unsigned long max, unsigned long *out)
{
    const char *value = params_get(req, name);
    if (!value) {
        *out = fallback;
        return JVDR_OK;
    }
    char *end = NULL;
    errno = 0;
    unsigned long n = strtoul(value, &end, 10);
    if (value[0] < '0' || value[0] > '9' || *end || errno || n > max) {
        char why[96];
        snprintf(why, sizeof why, "must be a whole number from 0 to %lu", max);
        return params_fail(req, name, why);
    }
    *out = n;
    return JVDR_OK;
}

bool id_valid(const char *id)
{
    size_t len = strlen(id);
    if (len == 0 || len > 100 || id[0] == '-' || id[len - 1] == '-')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && id[i + 1] == '-'))
            return false;
    }
    return true;
}

bool country_code_valid(const char *code)
{
    return strlen(code) == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
           code[1] <= 'Z';
}
