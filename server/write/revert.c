/* POST /v1/changes/{cursor}/revert: undo; see include/jvdr/write/revert.h. A change's before is
 * the record as GET showed it, so putting it back is the write that stores that representation:
 * a delete when there was none, a create when the record is gone, else a replacement; a
 * document's text comes back from the texts the audit kept. The revert is recorded as that write,
 * naming the change it reverts, so that a revert of a revert applies the original again. */
#include "jvdr/write/revert.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/etag.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/params.h"
#include "jvdr/http/scopes.h"
#include "jvdr/http/site.h"
#include "jvdr/store/audit.h"
#include "jvdr/store/change_rows.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"
#include "jvdr/store/source_text.h"
#include "jvdr/store/store.h"
#include "jvdr/write/agreements.h"
#include "jvdr/write/engine.h"
#include "jvdr/write/events.h"
#include "jvdr/write/officials.h"
#include "jvdr/write/source_text.h"
#include "jvdr/write/sources.h"
#include "jvdr/write/spans.h"

/* The change being reverted, as the audit trail holds it (malloc'd strings). */
struct change {
    long long cursor;
    char *kind, *id, *before;
    bool has_texts; /* the audit kept the document's text before and after */
    bool has_after; /* the record existed after the change */
    char *text_before;
    size_t text_before_len;
    const struct write_spec *spec;
};

static void change_cleanup(struct change *c)
{
    free(c->kind);
    free(c->id);
    free(c->before);
    free(c->text_before);
}

static const struct write_spec *spec_of(const char *kind)
{
    static const struct write_spec *const specs[] = {&event_write_spec, &official_write_spec,
                                                     &agreement_write_spec, &source_write_spec};
    for (size_t i = 0; kind && i < sizeof specs / sizeof specs[0]; i++)
        if (strcmp(specs[i]->kind, kind) == 0)
            return specs[i];
    return NULL;
}

static enum jvdr_err load_change(struct request *req, long long cursor, struct change *c)
{
    memset(c, 0, sizeof *c);
    c->cursor = cursor;
    struct stmt *stmt = db_stmt(req->db, "SELECT changes.kind, changes.record_id, changes.before, "
                                         "change_texts.seq IS NOT NULL, change_texts.text_before, "
                                         "changes.after IS NOT NULL "
                                         "FROM changes LEFT JOIN change_texts "
                                         "ON change_texts.seq = changes.seq WHERE changes.seq = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_int64(stmt, 1, cursor);
    int rc = stmt_step(stmt);
    enum jvdr_err code = JVDR_OK;
    if (rc == DB_ROW) {
        c->kind = stmt_text_copy(stmt, 0, NULL);
        c->id = stmt_text_copy(stmt, 1, NULL);
        c->before = stmt_text_copy(stmt, 2, NULL);
        c->has_texts = stmt_int64(stmt, 3) != 0;
        c->text_before = stmt_text_copy(stmt, 4, &c->text_before_len);
        c->has_after = stmt_int64(stmt, 5) != 0;
        if (!c->kind || !c->id || (!stmt_is_null(stmt, 2) && !c->before) ||
            (!stmt_is_null(stmt, 4) && !c->text_before))
            code = JVDR_E_NOMEM;
    } else {
        code = rc == DB_DONE
                   ? request_fail(req, JVDR_E_NOT_FOUND, "no change has the cursor %lld", cursor)
                   : db_error(rc);
    }
    db_stmt_done(stmt);
    if (code == JVDR_OK && !(c->spec = spec_of(c->kind)))
        code = JVDR_E_INTERNAL;
    return code;
}

/* The cursors of the changes to the same record after c, oldest first (at most 100). */
static enum jvdr_err later_changes(struct request *req, const struct change *c, json_t **later)
{
    *later = json_array();
    struct stmt *stmt = db_stmt(req->db, "SELECT seq FROM changes WHERE kind = ? AND record_id = ? "
                                         "AND seq > ? ORDER BY seq LIMIT 100");
    if (!*later || !stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, c->kind);
    stmt_bind_text(stmt, 2, c->id);
    stmt_bind_int64(stmt, 3, c->cursor);
    int rc;
    while ((rc = stmt_step(stmt)) == DB_ROW)
        json_array_append_new(*later, json_integer(stmt_int64(stmt, 0)));
    db_stmt_done(stmt);
    return rc == DB_DONE ? JVDR_OK : db_error(rc);
}

/* Refuses (409) a revert of a change the record has had others since, unless If-Match names the
 * record as it is now (else 412). */
static enum jvdr_err check_unchanged(struct request *req, const struct change *c,
                                     const char *current, size_t current_len)
{
    const char *if_match = request_header_list(req, "If-Match");
    if (if_match) {
        char tag[ETAG_SIZE] = "";
        if (current)
            etag_compute(current, current_len, tag);
        if (!current || !etag_matches_current(if_match, tag))
            return request_fail(req, JVDR_E_PRECONDITION,
                                current ? "the %s '%s' has changed since the ETag you sent (it "
                                          "is now %s)"
                                        : "the %s '%s' does not exist now%s",
                                c->kind, c->id, tag);
        return JVDR_OK;
    }
    json_t *later = NULL;
    enum jvdr_err code = later_changes(req, c, &later);
    if (code == JVDR_OK && json_array_size(later) > 0) {
        size_t n = json_array_size(later);
        request_problem_extra(req, "later_changes", later);
        return request_fail(req, JVDR_E_CONFLICT,
                            "the %s '%s' has changed %zu time%s since this change (see "
                            "later_changes); send If-Match with its current ETag to revert it "
                            "anyway",
                            c->kind, c->id, n, n == 1 ? "" : "s");
    }
    json_decref(later);
    return code;
}

/* What the revert did, for the answer: the change it recorded and the record now. */
struct outcome {
    long long cursor;
    char *after; /* NULL when the revert deleted the record */
    size_t after_len;
};

/* Puts back a document's earlier text: a text write like any, its spans carried by their words. */
static enum jvdr_err put_text_back(struct request *req, const struct change *c,
                                   struct store_changes *facts, struct outcome *out)
{
    if (!c->text_before)
        return request_fail(req, JVDR_E_CONFLICT,
                            "this change loaded the first text of the source '%s'; a loaded "
                            "text can be corrected but not unloaded",
                            c->id);
    struct text_put put = {
        .arena = req->arena,
        .id = c->id,
        .text = c->text_before,
        .len = c->text_before_len,
        .actor = req->actor,
        .writer = req->writer,
        .request_id = req->request_id,
        .lenient = source_text_prefers_lenient(request_header_list(req, "Prefer")),
        .reverts = c->cursor,
    };
    struct text_put_outcome text = {0};
    enum jvdr_err code = source_text_put_locked(&put, &text, req->db, facts);
    json_decref(text.carried);
    json_decref(text.broken);
    if (text.orphans && code == JVDR_E_CONFLICT)
        request_problem_extra(req, "orphans", text.orphans);
    else
        json_decref(text.orphans);
    if (code != JVDR_OK)
        return text.detail ? request_fail(req, code, "%s", text.detail) : code;
    out->cursor = text.cursor;
    return write_load(req->db, c->spec, c->id, &out->after, &out->after_len);
}

/* Stores the record as c's before shows it: a creation when it is gone, else a replacement. */
static enum jvdr_err put_record_back(struct request *req, const struct change *c,
                                     const char *current, struct store_changes *facts,
                                     struct outcome *out)
{
    json_t *record = json_loads(c->before, 0, NULL);
    if (!record)
        return JVDR_E_INTERNAL;
    spans_reanchor(req->db, record);
    enum jvdr_err code = write_validate(req, c->spec, record, c->id);
    if (code == JVDR_OK && current)
        code = write_facts(req->db, c->spec, c->id, facts);
    if (code == JVDR_OK)
        code = c->spec->store(req->db, record, c->id, current != NULL);
    /* A deleted document comes back with the text the audit kept of it. */
    bool text_back = code == JVDR_OK && !current && c->has_texts && c->text_before;
    if (text_back)
        code = source_text_store(req->db, c->id, c->text_before, c->text_before_len);
    if (code == JVDR_OK)
        code = write_load(req->db, c->spec, c->id, &out->after, &out->after_len);
    if (code == JVDR_OK)
        code = store_audit(req->db,
                           &(struct audit_entry){.actor = req->actor,
                                                 .writer = req->writer,
                                                 .action = current ? "replace" : "create",
                                                 .kind = c->kind,
                                                 .id = c->id,
                                                 .before = current,
                                                 .after = out->after,
                                                 .request_id = req->request_id,
                                                 .reverts = c->cursor,
                                                 .keeps_text = text_back,
                                                 .text_after = text_back ? c->text_before : NULL,
                                                 .text_after_len = c->text_before_len},
                           &out->cursor);
    json_decref(record);
    return code;
}

/* Deletes the record c created, as a DELETE would (409 while others refer to it). */
static enum jvdr_err take_record_back(struct request *req, const struct change *c,
                                      const char *current, struct store_changes *facts,
                                      struct outcome *out)
{
    if (!current)
        return request_fail(req, JVDR_E_CONFLICT, "the %s '%s' is already deleted", c->kind, c->id);
    enum jvdr_err code = write_check_blockers(req, c->spec, c->id);
    if (code == JVDR_OK)
        code = write_facts(req->db, c->spec, c->id, facts);
    if (code == JVDR_OK)
        code = write_remove(req->db, c->spec, c->id,
                            &(struct audit_entry){.actor = req->actor,
                                                  .writer = req->writer,
                                                  .action = "delete",
                                                  .kind = c->kind,
                                                  .id = c->id,
                                                  .before = current,
                                                  .request_id = req->request_id,
                                                  .reverts = c->cursor},
                            &out->cursor);
    return code;
}

/* The change the revert recorded, as /v1/changes lists it (malloc'd JSON). */
static enum jvdr_err change_json(struct db *db, long long cursor, char **json, size_t *len)
{
    struct stmt *stmt = db_stmt(db, "SELECT " CHANGE_JSON_SQL " FROM changes WHERE seq = ?");
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_int64(stmt, 1, cursor);
    int rc = stmt_step(stmt);
    *json = rc == DB_ROW ? stmt_text_copy(stmt, 0, len) : NULL;
    db_stmt_done(stmt);
    return rc != DB_ROW ? db_error(rc) : *json ? JVDR_OK : JVDR_E_NOMEM;
}

/* The scopes of the write that reverts c (current: the record now, NULL when deleted), as they
 * are the branches of revert_locked: a text put back, a record put back (with the text it had,
 * when it comes back from deletion), or a creation taken back. */
static unsigned scopes_needed(const struct change *c, const char *current)
{
    if (c->has_texts && c->before && c->has_after && current)
        return SCOPE_TEXTS_WRITE;
    if (c->before)
        return SCOPE_RECORDS_WRITE |
               (!current && c->has_texts && c->text_before ? SCOPE_TEXTS_WRITE : 0);
    return SCOPE_RECORDS_DELETE;
}

/* The revert inside its write transaction (req->db the writer). */
static enum jvdr_err revert_locked(struct request *req, long long cursor,
                                   struct store_changes *facts, struct outcome *out, char **change,
                                   size_t *change_len)
{
    struct change c;
    char *current = NULL;
    size_t current_len = 0;
    enum jvdr_err code = load_change(req, cursor, &c);
    if (code == JVDR_OK) {
        code = write_load(req->db, c.spec, c.id, &current, &current_len);
        if (code == JVDR_E_NOT_FOUND)
            code = JVDR_OK; /* current stays NULL: deleted */
    }
    if (code == JVDR_OK)
        code = auth_require(req, scopes_needed(&c, current));
    if (code == JVDR_OK)
        code = check_unchanged(req, &c, current, current_len);
    /* A text's change has the source both before and after it, and its texts kept; a source
     * deleted or created (by a revert) keeps its text too, but lacks one side. */
    if (code == JVDR_OK && c.has_texts && c.before && c.has_after && current)
        code = put_text_back(req, &c, facts, out);
    else if (code == JVDR_OK && c.before)
        code = put_record_back(req, &c, current, facts, out);
    else if (code == JVDR_OK)
        code = take_record_back(req, &c, current, facts, out);
    if (code == JVDR_OK)
        code = write_facts(req->db, c.spec, c.id, facts); /* deleted: its id alone */
    if (code == JVDR_OK)
        code = change_json(req->db, out->cursor, change, change_len);
    free(current);
    change_cleanup(&c);
    return code;
}

enum jvdr_err changes_revert(struct request *req, struct response *res)
{
    const char *given = req->captures[0];
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    if (code != JVDR_OK)
        return code;
    /* As /v1/changes lists them: 1 to 2^53 - 1, the integers JSON readers hold exactly. */
    char *end = NULL;
    long long cursor = given && *given >= '1' && *given <= '9' && strlen(given) <= 16
                           ? strtoll(given, &end, 10)
                           : 0;
    if (cursor <= 0 || cursor > 9007199254740991LL || !end || *end)
        return request_fail(req, JVDR_E_BAD_REQUEST,
                            "a change's cursor is an integer from 1 to 9007199254740991, without "
                            "leading zeros, as /v1/changes lists it");

    struct db *reader = req->db, *writer = NULL;
    struct store_changes facts;
    store_changes_init(&facts, req->arena);
    if ((code = store_write_begin(req->site->store, &writer)) != JVDR_OK)
        return code;
    req->db = writer;
    struct outcome out = {0};
    char *change = NULL;
    size_t change_len = 0;
    code = revert_locked(req, cursor, &facts, &out, &change, &change_len);
    code = store_write_end(req->site->store, writer, code, facts.items, facts.count);
    req->db = reader;
    if (code == JVDR_OK) {
        response_body(res, 200, "application/json", change, change_len);
        change = NULL;
        if (out.after) {
            char tag[ETAG_SIZE];
            etag_compute(out.after, out.after_len, tag);
            response_header(res, "ETag", arena_strdup(req->arena, tag));
        }
    }
    free(change);
    free(out.after);
    return code;
}
