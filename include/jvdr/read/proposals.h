/* GET /v1/sources/{id}/proposals: what a document reports, read against the knowledge base, as
 * records to create and citations to add (read/proposals.c); 404 as for its text. */
#ifndef JVDR_READ_PROPOSALS_H
#define JVDR_READ_PROPOSALS_H

#include "jvdr/http/request.h"

enum jvdr_err sources_proposals(struct request *req, struct response *res);

/* The queries for events the knowledge base holds that a proposed event may be, by id (at most
 * 1,000 each): by a participant (?1), also within dates (?2, ?3); by type (?1) within dates; among
 * those citing the document (?1). tests/integration/test_query_plans.c reads their plans. */
extern const char proposal_candidates_by_official_sql[];
extern const char proposal_candidates_by_official_dated_sql[];
extern const char proposal_candidates_by_type_dated_sql[];
extern const char proposal_candidates_by_source_sql[];

#endif
