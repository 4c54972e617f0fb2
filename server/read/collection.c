/* A collection's GET; see include/jvdr/read/collection.h. */
#include "jvdr/read/collection.h"

#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/read/export.h"
#include "jvdr/read/items_by_id.h"

enum jvdr_err collection_respond(struct request *req, struct response *res,
                                 const struct list_spec *spec)
{
    return req->export ? listing_export(req, res, spec) : listing_respond(req, res, spec);
}

bool collection_index_sort(const char *sort, const char *const *names, int n, int *order,
                           bool *descending)
{
    *order = 0;
    *descending = sort && sort[0] == '-';
    if (!sort)
        return true;
    for (int s = 0; s < n; s++)
        if (strcmp(sort + *descending, names[s]) == 0) {
            *order = s;
            return true;
        }
    return false;
}

enum jvdr_err collection_respond_ids(struct request *req, struct response *res,
                                     const struct list_spec *spec, const char *select,
                                     enum jvdr_err code, const char *const *ids, size_t n,
                                     long long total, bool estimated, unsigned long limit,
                                     unsigned long offset)
{
    if (code == JVDR_E_BAD_PARAM || code == JVDR_E_NOT_FOUND)
        return collection_respond(req, res, spec);
    if (code != JVDR_OK)
        return code;
    char **items = arena_alloc(req->arena, (n ? n : 1) * sizeof *items);
    if (!items)
        return JVDR_E_NOMEM;
    if (!items_by_id(req, select, NULL, NULL, ids, n, items))
        return collection_respond(req, res, spec);
    if (estimated) /* marked; an exact total's answer is the list SQL's, byte for byte */
        return listing_answer_estimate(req, res, spec, items, n, total, true, limit, offset);
    return listing_answer_items(req, res, spec, items, n, total, limit, offset);
}
