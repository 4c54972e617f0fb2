/* Content negotiation (RFC 9110 12.5): which media type and which content coding a client takes,
 * from its Accept and Accept-Encoding headers, q-values honoured. */
#ifndef JVDR_HTTP_ACCEPT_H
#define JVDR_HTTP_ACCEPT_H

#include <stdbool.h>
#include <stddef.h>

/* The q-value (0 to 1) Accept (NULL: absent, takes anything) gives type ("a/b"): that of the most
 * specific range naming it (the type itself, its top-level type with any subtype, or any type),
 * 0 when none does. */
double accept_quality(const char *accept, const char *type);

/* Whether Accept allows type: accept_quality above zero. */
bool accept_allows(const char *accept, const char *type);

/* The one of types (n of them, in the server's order of preference) Accept rates highest, ties
 * going to the earlier; -1 when it allows none. */
int accept_choose(const char *accept, const char *const *types, size_t n);

/* What Accept-Encoding (NULL: absent) allows: gzip (or x-gzip, or "*") with a q-value above zero;
 * identity unless refused by "identity;q=0", or by "*;q=0" without identity listed. */
void accept_codings(const char *accept_encoding, bool *gzip, bool *identity);

#endif
