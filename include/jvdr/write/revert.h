/* Undo: POST /v1/changes/{cursor}/revert puts the record that change touched back as it was
 * before it, in one write transaction, through the checks of the write that does so (422 for a
 * reference that no longer resolves, 409 for records that still refer to one being deleted and
 * for a text whose cited words would be lost, unless Prefer: handling=lenient). A deleted record
 * comes back with its relations, spans and document text; an update is reversed; a creation is
 * deleted; a replaced document text comes back. Spans come back re-anchored by their words
 * (write/spans.h). Refused with 409 (later_changes naming them) when the record has changed since,
 * unless If-Match names its current ETag (412 when it does not). Recorded in /v1/changes as the
 * write it performs with reverts naming the change; so a revert of a revert applies the original
 * change again. Answers 200 with that change, and the record's ETag when it exists. */
#ifndef JVDR_WRITE_REVERT_H
#define JVDR_WRITE_REVERT_H

#include "jvdr/base/error.h"
#include "jvdr/http/request.h"

enum jvdr_err changes_revert(struct request *req, struct response *res);

#endif
