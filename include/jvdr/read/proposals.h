/* GET /v1/sources/{id}/proposals: what a document reports, read against the knowledge base, as
 * records to create and citations to add (read/proposals.c); 404 as for its text. */
#ifndef JVDR_READ_PROPOSALS_H
#define JVDR_READ_PROPOSALS_H

#include "jvdr/http/request.h"

enum jvdr_err sources_proposals(struct request *req, struct response *res);

#endif
