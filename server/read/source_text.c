/* A document's text; see include/jvdr/read/source_text.h. */
#include "jvdr/read/source_text.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/http/params.h"
#include "jvdr/store/db.h"

enum jvdr_err source_text_read(struct request *req, const char *id, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    if (!id_valid(id))
        return request_fail(req, JVDR_E_NOT_FOUND,
                            "no source has this id (ids are lower-case letters, digits and '-')");
    request_depends(req, "source", "id", id);
    struct stmt *stmt = db_stmt(req->db, "SELECT text FROM sources WHERE id = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    enum jvdr_err code = JVDR_OK;
    if (rc == DB_DONE)
        code = request_fail(req, JVDR_E_NOT_FOUND, "no source has the id '%s'", id);
    else if (rc != DB_ROW)
        code = db_error(rc);
    else if (stmt_is_null(stmt, 0))
        code = request_fail(req, JVDR_E_NOT_FOUND,
                            "the source '%s' has no text loaded yet (PUT it to "
                            "/v1/sources/%s/text)",
                            id, id);
    if (code == JVDR_OK && !(*text = stmt_text_copy(stmt, 0, len)))
        code = JVDR_E_NOMEM;
    db_stmt_done(stmt);
    return code;
}

enum jvdr_err sources_text_get(struct request *req, struct response *res)
{
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    char *text = NULL;
    size_t len = 0;
    if (code == JVDR_OK)
        code = source_text_read(req, req->captures[0], &text, &len);
    if (code == JVDR_OK)
        response_body(res, 200, "text/plain; charset=utf-8", text, len);
    return code;
}
