/* The audit trail (/v1/changes): one row per acknowledged write, inside its transaction. */
#ifndef JVDR_STORE_AUDIT_H
#define JVDR_STORE_AUDIT_H

#include "jvdr/base/error.h"

struct db;

/* Records that actor did action ("create", "replace", "update" or "delete") to record kind/id,
 * with its representations before and after (either NULL) and the request's id (may be NULL). */
enum jvdr_err store_audit(struct db *db, const char *actor, const char *action, const char *kind,
                          const char *id, const char *before, const char *after,
                          const char *request_id);

#endif
