/* The audit trail (/v1/changes): one row per acknowledged write, inside its transaction. */
#ifndef JVDR_STORE_AUDIT_H
#define JVDR_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct db;

/* One acknowledged write. */
struct audit_entry {
    const char *actor;      /* the token's label (or the JWT's subject) */
    const char *writer;     /* who, as JSON: how authenticated, and as whom (http/auth.h) */
    const char *action;     /* "create", "replace", "update" or "delete" */
    const char *kind, *id;  /* the record written */
    const char *before;     /* its representation before (NULL: it did not exist) */
    const char *after;      /* and after (NULL: deleted) */
    const char *request_id; /* may be NULL */
    const char *spans;      /* for a document's new text, what it did to the spans citing it
                               (JSON, span_carry.h); else NULL */
    long long reverts;      /* the cursor of the change this write reverts; 0 for none */
    /* A document's text before and after the write, kept for undo when the write replaced or
     * removed one (keeps_text); either may be NULL (no text then). */
    bool keeps_text;
    const char *text_before, *text_after;
    size_t text_before_len, text_after_len;
};

/* Records the write; *cursor (may be NULL) is its cursor in /v1/changes. */
enum jvdr_err store_audit(struct db *db, const struct audit_entry *entry, long long *cursor);

#endif
