/* What a writer may do: the scopes a token grants and a write needs. records:write creates and
 * changes records (one at a time or in bulk), records:delete deletes them, texts:write replaces a
 * document's text, admin does all three. Names are OAuth 2.0 scope tokens; a set is a bit mask. */
#ifndef JVDR_HTTP_SCOPES_H
#define JVDR_HTTP_SCOPES_H

#include <stddef.h>

#define SCOPE_RECORDS_WRITE 1u
#define SCOPE_RECORDS_DELETE 2u
#define SCOPE_TEXTS_WRITE 4u
#define SCOPE_ADMIN 8u
/* Everything: a static token configured without scopes, as before scopes existed. */
#define SCOPE_ALL (SCOPE_RECORDS_WRITE | SCOPE_RECORDS_DELETE | SCOPE_TEXTS_WRITE | SCOPE_ADMIN)

/* The bit of the scope named by the len bytes at name; 0 for a name jvdr does not know. */
unsigned scope_from_name(const char *name, size_t len);

/* The name of one scope bit ("records:write"); NULL for anything else. */
const char *scope_name(unsigned scope);

/* Whether granted allows every scope in needed (admin allows all). */
int scope_allows(unsigned granted, unsigned needed);

/* The scopes of text, names separated by any of separators; unknown names add nothing, and
 * *unknown (may be NULL) is set to the first one's offset, or -1. */
unsigned scope_parse(const char *text, size_t len, const char *separators, long *unknown);

#endif
