/* Scope names and sets; see include/jvdr/http/scopes.h. */
#include "jvdr/http/scopes.h"

#include <string.h>

static const struct {
    unsigned bit;
    const char *name;
} scopes[] = {
    {SCOPE_RECORDS_WRITE, "records:write"},
    {SCOPE_RECORDS_DELETE, "records:delete"},
    {SCOPE_TEXTS_WRITE, "texts:write"},
    {SCOPE_ADMIN, "admin"},
};

unsigned scope_from_name(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
        if (strlen(scopes[i].name) == len && memcmp(scopes[i].name, name, len) == 0)
            return scopes[i].bit;
    return 0;
}

const char *scope_name(unsigned scope)
{
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
        if (scopes[i].bit == scope)
            return scopes[i].name;
    return NULL;
}

int scope_allows(unsigned granted, unsigned needed)
{
    return (granted & SCOPE_ADMIN) || (granted & needed) == needed;
}

unsigned scope_parse(const char *text, size_t len, const char *separators, long *unknown)
{
    unsigned set = 0;
    if (unknown)
        *unknown = -1;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\0' && !strchr(separators, text[i]))
            i++;
        if (i > start) {
            unsigned bit = scope_from_name(text + start, i - start);
            if (!bit && unknown && *unknown < 0)
                *unknown = (long)start;
            set |= bit;
        }
        i++;
    }
    return set;
}
