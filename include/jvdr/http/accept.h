/* Content negotiation on Accept (RFC 9110 12.5.1): whether a media type is among those a client
 * takes. */
#ifndef JVDR_HTTP_ACCEPT_H
#define JVDR_HTTP_ACCEPT_H

#include <stdbool.h>

/* Whether the Accept header value accept (NULL: absent, takes anything) allows type ("a/b"):
 * a media range naming it (the type itself, its top-level type with any subtype, or any type)
 * with a q-value above zero, the most specific range deciding. */
bool accept_allows(const char *accept, const char *type);

#endif
