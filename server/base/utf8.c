/* UTF-8 checked by jansson, whose strings must be valid; see include/jvdr/base/utf8.h. */
#include "jvdr/base/utf8.h"

#include <jansson.h>

bool utf8_is_valid(const char *text, size_t len)
{
    json_t *s = json_stringn(text, len); /* NULL when invalid */
    json_decref(s);
    return s != NULL;
}
