/* A collection's GET; see include/jvdr/read/collection.h. */
#include "jvdr/read/collection.h"

#include "jvdr/read/export.h"

enum jvdr_err collection_respond(struct request *req, struct response *res,
                                 const struct list_spec *spec)
{
    return req->export ? listing_export(req, res, spec) : listing_respond(req, res, spec);
}
