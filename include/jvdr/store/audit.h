/* The audit trail (/v1/changes): one row per acknowledged write, inside its transaction. */
#ifndef JVDR_STORE_AUDIT_H
#define JVDR_STORE_AUDIT_H

#include "jvdr/base/error.h"

struct db;

/* Records that actor did action ("create", "replace", "update" or "delete") to record kind/id,
 * with its representations before and after (either NULL), the request's id (may be NULL) and,
 * for a document's new text, what it did to the spans citing it (JSON, span_carry.h; else NULL). */
enum jvdr_err store_audit(struct db *db, const char *actor, const char *action, const char *kind,
                          const char *id, const char *before, const char *after,
                          const char *request_id, const char *spans);

#endif
