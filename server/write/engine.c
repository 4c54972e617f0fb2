/* Create, replace, patch and delete for any resource; see include/jvdr/write/engine.h. */
#include "jvdr/write/engine.h"

#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/etag.h"
#include "jvdr/base/slug.h"
#include "jvdr/http/body.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/store/audit.h"
#include "jvdr/store/db.h"
#include "jvdr/store/store.h"
#include "jvdr/write/spans.h"

enum jvdr_err write_exec(struct db *db, const char *sql, json_t *const *values, int n)
{
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    for (int i = 0; i < n; i++) {
        json_t *v = values[i];
        if (json_is_string(v))
            stmt_bind_textn(stmt, i + 1, json_string_value(v), json_string_length(v));
        else if (json_is_integer(v))
            stmt_bind_int64(stmt, i + 1, json_integer_value(v));
        else if (json_is_boolean(v))
            stmt_bind_int64(stmt, i + 1, json_is_true(v));
        else
            stmt_bind_null(stmt, i + 1);
    }
    int rc = stmt_step(stmt);
    db_stmt_done(stmt);
    return rc == DB_DONE || rc == DB_ROW ? JVDR_OK : db_error(rc);
}

enum jvdr_err write_select_text(struct db *db, const char *sql, const char *id, char **out,
                                size_t *len)
{
    *out = NULL;
    *len = 0;
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    enum jvdr_err code = rc == DB_ROW ? JVDR_OK : rc == DB_DONE ? JVDR_E_NOT_FOUND : db_error(rc);
    if (rc == DB_ROW && !stmt_is_null(stmt, 0) && !(*out = stmt_text_copy(stmt, 0, len)))
        code = JVDR_E_NOMEM;
    db_stmt_done(stmt);
    return code;
}

enum jvdr_err write_load(struct db *db, const struct write_spec *spec, const char *id, char **text,
                         size_t *len)
{
    *text = NULL;
    struct stmt *stmt = db_stmt(db, spec->detail_sql);
    if (!stmt)
        return JVDR_E_INTERNAL;
    stmt_bind_text(stmt, 1, id);
    int rc = stmt_step(stmt);
    enum jvdr_err code = JVDR_OK;
    if (rc == DB_ROW) {
        if (!(*text = stmt_text_copy(stmt, 0, len)))
            code = JVDR_E_NOMEM;
    } else {
        code = rc == DB_DONE ? JVDR_E_NOT_FOUND : db_error(rc);
    }
    db_stmt_done(stmt);
    return code;
}

/* The record's GET representation into *text (malloc'd), or JVDR_E_NOT_FOUND saying so. */
static enum jvdr_err load_current(struct request *req, const struct write_spec *spec,
                                  const char *id, char **text, size_t *len)
{
    enum jvdr_err code = write_load(req->db, spec, id, text, len);
    return code == JVDR_E_NOT_FOUND
               ? request_fail(req, code, "no %s has the id '%s'", spec->kind, id)
               : code;
}

/* The preconditions against the current representation (RFC 9110 section 13.1): If-Match must
 * list its ETag (or '*'), If-None-Match must not ('*' lists any, so it refuses every existing
 * record: create-only-if-absent), else 412; 428 when If-Match is missing and the service
 * requires it. */
static enum jvdr_err check_if_match(struct request *req, const char *current, size_t len)
{
    const char *if_match = request_header_list(req, "If-Match");
    const char *if_none_match = request_header_list(req, "If-None-Match");
    if (!if_match && req->site->config->require_if_match)
        return request_fail(req, JVDR_E_PRECONDITION_REQUIRED,
                            "send If-Match with the ETag from your last GET of this record");
    char tag[ETAG_SIZE];
    etag_compute(current, len, tag);
    if (if_match && !etag_matches_current(if_match, tag))
        return request_fail(req, JVDR_E_PRECONDITION,
                            "the record has changed since the ETag you sent (it is now %s)", tag);
    if (if_none_match && etag_listed(if_none_match, tag, true))
        return request_fail(req, JVDR_E_PRECONDITION,
                            "the record exists (it is now %s) and If-None-Match lists it%s", tag,
                            strstr(if_none_match, "*") ? " ('*' lists any)" : "");
    return JVDR_OK;
}

/* Every id the body names must exist (checked inside the transaction). */
static void check_references(struct db *db, struct validation *v)
{
    static const struct {
        const char *table, *sql, *kind;
    } lookups[] = {
        {"officials", "SELECT 1 FROM officials WHERE id = ?", "official"},
        {"events", "SELECT 1 FROM events WHERE id = ?", "event"},
        {"agreements", "SELECT 1 FROM agreements WHERE id = ?", "agreement"},
        {"sources", "SELECT 1 FROM sources WHERE id = ?", "source"},
    };
    for (size_t r = 0; r < v->nrefs; r++) {
        for (size_t k = 0; k < sizeof lookups / sizeof lookups[0]; k++) {
            if (strcmp(lookups[k].table, v->refs[r].table) != 0)
                continue;
            struct stmt *stmt = db_stmt(db, lookups[k].sql);
            if (!stmt)
                continue;
            stmt_bind_text(stmt, 1, v->refs[r].id);
            if (stmt_step(stmt) != DB_ROW)
                validate_error(v, v->refs[r].pointer,
                               arena_printf(v->arena, "no %s has the id '%s'", lookups[k].kind,
                                            v->refs[r].id));
            db_stmt_done(stmt);
        }
    }
}

void write_check_fields(const struct write_spec *spec, json_t *record, struct validation *v)
{
    validate_object(v, record, spec->fields, "");
    if (spec->check)
        spec->check(v, record);
}

void write_check_stored(struct db *db, const struct write_spec *spec, json_t *record,
                        const char *id, struct validation *v)
{
    check_references(db, v);
    if (validate_ok(v))
        spans_resolve_quotes(db, v, record);
    if (validate_ok(v))
        spans_check_against_text(db, v, record);
    if (validate_ok(v) && spec->check_stored)
        spec->check_stored(db, v, record, id);
}

enum jvdr_err write_validate(struct request *req, const struct write_spec *spec, json_t *record,
                             const char *id)
{
    struct validation v;
    if (validate_init(&v, req->arena) != 0)
        return JVDR_E_NOMEM;
    write_check_fields(spec, record, &v);
    if (validate_ok(&v))
        write_check_stored(req->db, spec, record, id, &v);
    if (validate_ok(&v)) {
        validate_cleanup(&v);
        return JVDR_OK;
    }
    size_t n = json_array_size(v.errors);
    request_problem_extra(req, "errors", v.errors);
    v.errors = NULL;
    return request_fail(req, JVDR_E_INVALID, "the %s has %zu invalid field%s", spec->kind, n,
                        n == 1 ? "" : "s");
}

struct table_of {
    struct db *db;
    const struct write_spec *spec;
};

static bool stored(const char *id, void *context)
{
    const struct table_of *in = context;
    return write_exists(in->db, in->spec, id);
}

/* An id from the record's title (base/slug.h), unique in its table. */
const char *write_new_id(struct db *db, struct arena *arena, const struct write_spec *spec,
                         const char *name)
{
    return slug_unique(arena, name, stored, &(struct table_of){db, spec});
}

bool write_exists(struct db *db, const struct write_spec *spec, const char *id)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?", spec->table); /* a fixed name */
    struct stmt *stmt = db_stmt(db, sql);
    if (!stmt)
        return true; /* cannot tell: do not reuse the id */
    stmt_bind_text(stmt, 1, id);
    bool exists = stmt_step(stmt) == DB_ROW;
    db_stmt_done(stmt);
    return exists;
}

enum jvdr_err write_audit(struct db *db, const struct request *req, const struct write_spec *spec,
                          const char *action, const char *id, const char *before, const char *after)
{
    return store_audit(db,
                       &(struct audit_entry){.actor = req->actor,
                                             .writer = req->writer,
                                             .action = action,
                                             .kind = spec->kind,
                                             .id = id,
                                             .before = before,
                                             .after = after,
                                             .request_id = req->request_id},
                       NULL);
}

enum jvdr_err write_facts(struct db *db, const struct write_spec *spec, const char *id,
                          struct store_changes *facts)
{
    enum jvdr_err code = store_record_facts(db, spec->kind, id, facts);
    if (code == JVDR_OK)
        code = store_shown_facts(db, spec->kind, id, facts);
    return code == JVDR_OK && facts->failed ? JVDR_E_NOMEM : code;
}

static enum jvdr_err collect_facts(struct request *req, const struct write_spec *spec,
                                   const char *id, struct store_changes *facts)
{
    return write_facts(req->db, spec, id, facts);
}

/* Starts the write's transaction; req->db is the store's writer connection until finish_write. */
static enum jvdr_err begin_write(struct request *req)
{
    struct db *writer = NULL;
    enum jvdr_err code = store_write_begin(req->site->store, &writer);
    if (code == JVDR_OK)
        req->db = writer;
    return code;
}

/* Ends the write: commits (when code is JVDR_OK) telling the store what changed — the facts
 * collected before the change and those of the record and the records showing it now — or rolls
 * back; then gives req back its reader connection. */
static enum jvdr_err finish_write(struct request *req, struct db *reader,
                                  const struct write_spec *spec, enum jvdr_err code, const char *id,
                                  struct store_changes *facts)
{
    if (code == JVDR_OK)
        code = collect_facts(req, spec, id, facts); /* deleted: its id alone */
    code = store_write_end(req->site->store, req->db, code, facts->items, facts->count);
    req->db = reader;
    return code;
}

/* Answers status with the record's representation and its ETag (and Location for a 201). */
static void respond_record(struct request *req, struct response *res, const struct write_spec *spec,
                           int status, const char *id, char *after, size_t len)
{
    char tag[ETAG_SIZE];
    etag_compute(after, len, tag);
    response_body(res, status, "application/json", after, len);
    response_header(res, "ETag", arena_strdup(req->arena, tag));
    if (status == 201)
        response_header(res, "Location",
                        arena_printf(req->arena, "%s%s/%s", req->base_url ? req->base_url : "",
                                     spec->collection, id));
}

enum jvdr_err write_create(struct request *req, struct response *res, const struct write_spec *spec)
{
    if (req->sink) /* many records, one a line (write/bulk.c) */
        return req->sink->run(req->sink, req, res);
    json_t *record = NULL;
    enum jvdr_err code = body_expect_type(req, "application/json");
    if (code == JVDR_OK)
        code = body_parse_object(req, &record);
    if (code != JVDR_OK)
        return code;
    const char *given = json_string_value(json_object_get(record, "id"));
    const char *name = json_string_value(json_object_get(record, spec->name_field));
    char *after = NULL;
    size_t len = 0;
    const char *id = given;

    struct db *reader = req->db;
    struct store_changes facts;
    store_changes_init(&facts, req->arena);
    if ((code = begin_write(req)) != JVDR_OK)
        return code;
    code = write_validate(req, spec, record, given);
    if (code == JVDR_OK && given && write_exists(req->db, spec, given))
        code = request_fail(req, JVDR_E_CONFLICT, "%s %s with the id '%s' already exists",
                            strchr("aeiou", spec->kind[0]) ? "an" : "a", spec->kind, given);
    if (code == JVDR_OK && !given && !(id = write_new_id(req->db, req->arena, spec, name)))
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = spec->store(req->db, record, id, false);
    if (code == JVDR_OK)
        code = load_current(req, spec, id, &after, &len);
    if (code == JVDR_OK)
        code = write_audit(req->db, req, spec, "create", id, NULL, after);
    code = finish_write(req, reader, spec, code, id, &facts);
    if (code != JVDR_OK) {
        free(after);
        return code;
    }
    respond_record(req, res, spec, 201, id, after, len);
    return JVDR_OK;
}

/* PUT and PATCH: patch is NULL for a replacement by the body. */
static enum jvdr_err write_update(struct request *req, struct response *res,
                                  const struct write_spec *spec, bool patch)
{
    const char *id = req->captures[0];
    json_t *body = NULL, *record = NULL;
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    if (code == JVDR_OK)
        code = body_expect_type(req, patch ? "application/merge-patch+json" : "application/json");
    if (code == JVDR_E_MEDIA_TYPE && patch)
        response_header(res, "Accept-Patch", "application/merge-patch+json");
    if (code == JVDR_OK)
        code = body_parse_object(req, &body);
    if (code != JVDR_OK)
        return code;
    if (!id_valid(id))
        return request_fail(req, JVDR_E_NOT_FOUND, "no %s has this id", spec->kind);

    char *before = NULL, *after = NULL;
    size_t before_len = 0, after_len = 0;
    struct db *reader = req->db;
    struct store_changes facts;
    store_changes_init(&facts, req->arena);
    if ((code = begin_write(req)) != JVDR_OK)
        return code;
    code = load_current(req, spec, id, &before, &before_len);
    if (code == JVDR_OK)
        code = check_if_match(req, before, before_len);
    if (code == JVDR_OK)
        code = collect_facts(req, spec, id, &facts);
    if (code == JVDR_OK && patch) {
        record = json_loads(before, 0, NULL);
        if (!record)
            code = JVDR_E_INTERNAL;
        else
            body_merge_patch(record, body);
    } else if (code == JVDR_OK) {
        record = json_incref(body);
    }
    if (code == JVDR_OK) {
        const char *named = json_string_value(json_object_get(record, "id"));
        if (named && strcmp(named, id) != 0) {
            json_t *errors = json_pack("[{s:s, s:s}]", "pointer", "/id", "detail",
                                       "must match the id in the path (ids cannot change)");
            request_problem_extra(req, "errors", errors);
            code = request_fail(req, JVDR_E_INVALID, "the body names another %s", spec->kind);
        }
    }
    if (code == JVDR_OK)
        code = write_validate(req, spec, record, id);
    if (code == JVDR_OK)
        code = spec->store(req->db, record, id, true);
    if (code == JVDR_OK)
        code = load_current(req, spec, id, &after, &after_len);
    if (code == JVDR_OK)
        code = write_audit(req->db, req, spec, patch ? "update" : "replace", id, before, after);
    code = finish_write(req, reader, spec, code, id, &facts);
    json_decref(record);
    free(before);
    if (code != JVDR_OK) {
        free(after);
        return code;
    }
    respond_record(req, res, spec, 200, id, after, after_len);
    return JVDR_OK;
}

enum jvdr_err write_replace(struct request *req, struct response *res,
                            const struct write_spec *spec)
{
    return write_update(req, res, spec, false);
}

enum jvdr_err write_patch(struct request *req, struct response *res, const struct write_spec *spec)
{
    return write_update(req, res, spec, true);
}

enum jvdr_err write_check_blockers(struct request *req, const struct write_spec *spec,
                                   const char *id)
{
    json_t *refs = json_object();
    if (!refs)
        return JVDR_E_NOMEM;
    size_t total = 0;
    for (const struct write_blocker *b = spec->blockers; b && b->label; b++) {
        struct stmt *stmt = db_stmt(req->db, b->sql);
        if (!stmt) {
            json_decref(refs);
            return JVDR_E_INTERNAL;
        }
        stmt_bind_text(stmt, 1, id);
        json_t *ids = json_array();
        while (stmt_step(stmt) == DB_ROW)
            json_array_append_new(ids, json_string(stmt_text(stmt, 0)));
        db_stmt_done(stmt);
        total += json_array_size(ids);
        if (json_array_size(ids))
            json_object_set_new(refs, b->label, ids);
        else
            json_decref(ids);
    }
    if (total == 0) {
        json_decref(refs);
        return JVDR_OK;
    }
    request_problem_extra(req, "references", refs);
    return request_fail(req, JVDR_E_CONFLICT,
                        "the %s '%s' is still referred to by %zu record%s (see references); "
                        "change or delete those first",
                        spec->kind, id, total, total == 1 ? "" : "s");
}

enum jvdr_err write_remove(struct db *db, const struct write_spec *spec, const char *id,
                           const struct audit_entry *audit_as, long long *cursor)
{
    struct audit_entry entry = *audit_as;
    char *text = NULL;
    size_t len = 0;
    enum jvdr_err code = JVDR_OK;
    if (spec->text_sql) {
        entry.keeps_text = true;
        code = write_select_text(db, spec->text_sql, id, &text, &len);
        entry.text_before = text;
        entry.text_before_len = len;
    }
    if (code == JVDR_OK) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", spec->table); /* a fixed name */
        json_t *idv = json_string(id);
        code = idv ? write_exec(db, sql, &idv, 1) : JVDR_E_NOMEM;
        json_decref(idv);
    }
    if (code == JVDR_OK)
        code = store_audit(db, &entry, cursor);
    free(text);
    return code;
}

enum jvdr_err write_delete(struct request *req, struct response *res, const struct write_spec *spec)
{
    const char *id = req->captures[0];
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    if (code != JVDR_OK)
        return code;
    if (!id_valid(id))
        return request_fail(req, JVDR_E_NOT_FOUND, "no %s has this id", spec->kind);
    char *before = NULL;
    size_t len = 0;
    struct db *reader = req->db;
    struct store_changes facts;
    store_changes_init(&facts, req->arena);
    if ((code = begin_write(req)) != JVDR_OK)
        return code;
    code = load_current(req, spec, id, &before, &len);
    if (code == JVDR_OK)
        code = check_if_match(req, before, len);
    if (code == JVDR_OK)
        code = write_check_blockers(req, spec, id);
    if (code == JVDR_OK)
        code = collect_facts(req, spec, id, &facts);
    if (code == JVDR_OK)
        code = write_remove(req->db, spec, id,
                            &(struct audit_entry){.actor = req->actor,
                                                  .writer = req->writer,
                                                  .action = "delete",
                                                  .kind = spec->kind,
                                                  .id = id,
                                                  .before = before,
                                                  .request_id = req->request_id},
                            NULL);
    code = finish_write(req, reader, spec, code, id, &facts);
    free(before);
    if (code == JVDR_OK)
        response_body(res, 204, NULL, NULL, 0);
    return code;
}
