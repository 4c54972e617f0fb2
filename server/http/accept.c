/* Accept; see include/jvdr/http/accept.h. */
#include "jvdr/http/accept.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The q-value among an element's parameters (1 when absent). */
static double q_of(const char *params, size_t n)
{
    for (const char *p = params; p < params + n; p++)
        if ((*p == 'q' || *p == 'Q') && p + 1 < params + n && p[1] == '=' &&
            (p == params || p[-1] == ';' || p[-1] == ' '))
            return strtod(p + 2, NULL);
    return 1.0;
}

bool accept_allows(const char *accept, const char *type)
{
    if (!accept)
        return true;
    size_t slash = strcspn(type, "/");
    int best = -1; /* how specific the deciding range is: 0 any type, 1 any subtype, 2 exact */
    double q = 0;
    for (const char *p = accept; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        size_t range = strcspn(p, ";, \t");
        if (range > n)
            range = n;
        int specific = -1;
        if (range == 3 && strncmp(p, "*/*", 3) == 0)
            specific = 0;
        else if (range == slash + 2 && strncasecmp(p, type, slash + 1) == 0 && p[slash + 1] == '*')
            specific = 1;
        else if (range == strlen(type) && strncasecmp(p, type, range) == 0)
            specific = 2;
        if (specific > best) {
            best = specific;
            q = q_of(p + range, n - range);
        }
        p += n;
    }
    return best >= 0 && q > 0;
}
