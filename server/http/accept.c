/* Accept and Accept-Encoding; see include/jvdr/http/accept.h. */
#include "jvdr/http/accept.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The q-value among an element's parameters (1 when absent), kept within 0..1 whatever was sent
 * ("q=nan" counts as 0). */
static double q_of(const char *params, size_t n)
{
    for (const char *p = params; p < params + n; p++)
        if ((*p == 'q' || *p == 'Q') && p + 1 < params + n && p[1] == '=' &&
            (p == params || p[-1] == ';' || p[-1] == ' ')) {
            double q = strtod(p + 2, NULL);
            return isnan(q) || q < 0 ? 0 : q > 1 ? 1 : q;
        }
    return 1.0;
}

/* Reads the element of a comma-separated header value at p: its name (up to ';', ',' or blank;
 * *len bytes) and its q-value. Returns where the next element starts, NULL past the last. */
static const char *next_element(const char *p, const char **name, size_t *len, double *q)
{
    while (p && (*p == ' ' || *p == '\t' || *p == ','))
        p++;
    if (!p || !*p)
        return NULL;
    size_t n = strcspn(p, ",");
    *name = p;
    *len = strcspn(p, ";, \t");
    if (*len > n)
        *len = n;
    *q = q_of(p + *len, n - *len);
    return p + n;
}

double accept_quality(const char *accept, const char *type)
{
    if (!accept)
        return 1.0;
    size_t slash = strcspn(type, "/");
    int best = -1; /* how specific the deciding range is: 0 any type, 1 any subtype, 2 exact */
    double quality = 0;
    const char *range;
    size_t len;
    double q;
    for (const char *p = next_element(accept, &range, &len, &q); p;
         p = next_element(p, &range, &len, &q)) {
        int specific = -1;
        if (len == 3 && strncmp(range, "*/*", 3) == 0)
            specific = 0;
        else if (len == slash + 2 && strncasecmp(range, type, slash + 1) == 0 &&
                 range[slash + 1] == '*')
            specific = 1;
        else if (len == strlen(type) && strncasecmp(range, type, len) == 0)
            specific = 2;
        if (specific > best) {
            best = specific;
            quality = q;
        }
    }
    return best >= 0 ? quality : 0;
}

bool accept_allows(const char *accept, const char *type)
{
    return accept_quality(accept, type) > 0;
}

int accept_choose(const char *accept, const char *const *types, size_t n)
{
    int chosen = -1;
    double best = 0;
    for (size_t i = 0; i < n; i++) {
        double q = accept_quality(accept, types[i]);
        if (q > best) {
            best = q;
            chosen = (int)i;
        }
    }
    return chosen;
}

void accept_codings(const char *accept_encoding, bool *gzip, bool *identity)
{
    double gz = -1, id = -1, any = -1;
    const char *name;
    size_t len;
    double q;
    for (const char *p = next_element(accept_encoding, &name, &len, &q); p;
         p = next_element(p, &name, &len, &q)) {
        if ((len == 4 && strncasecmp(name, "gzip", 4) == 0) ||
            (len == 6 && strncasecmp(name, "x-gzip", 6) == 0))
            gz = q;
        else if (len == 8 && strncasecmp(name, "identity", 8) == 0)
            id = q;
        else if (len == 1 && *name == '*')
            any = q;
    }
    *gzip = gz >= 0 ? gz > 0 : any > 0;
    *identity = id >= 0 ? id > 0 : any != 0; /* absent, or "*" not refused */
}
