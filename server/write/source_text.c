/* A document's text replaced; see include/jvdr/write/source_text.h. */
#define _GNU_SOURCE /* strcasestr */
#include "jvdr/write/source_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/body.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/store/audit.h"
#include "jvdr/store/db.h"
#include "jvdr/store/facts.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/store/source_text.h"
#include "jvdr/store/span_carry.h"
#include "jvdr/store/store.h"
#include "jvdr/write/engine.h"

static enum jvdr_err fail(const struct text_put *put, struct text_put_outcome *out,
                          enum jvdr_err code, const char *detail)
{
    out->detail = arena_strdup(put->arena, detail);
    return code;
}

static enum jvdr_err collect_facts(struct db *db, const char *id, struct store_changes *facts)
{
    enum jvdr_err code = store_record_facts(db, "source", id, facts);
    if (code == JVDR_OK)
        code = store_shown_facts(db, "source", id, facts);
    return code == JVDR_OK && facts->failed ? JVDR_E_NOMEM : code;
}

/* A document's first text: the spans written before it (offsets only) must fit in it. */
static enum jvdr_err check_first_text(const struct text_put *put, struct text_put_outcome *out,
                                      struct db *db)
{
    long long length = source_text_code_points(put->text, put->len);
    enum jvdr_err code = source_text_broken(db, put->id, length, &out->broken);
    if (code == JVDR_OK && json_array_size(out->broken) > 0)
        code = fail(put, out, JVDR_E_CONFLICT,
                    arena_printf(put->arena,
                                 "the new text is %lld code point%s long, and %zu span%s citing "
                                 "this source would end past it (see broken); correct or remove "
                                 "those spans first",
                                 length, length == 1 ? "" : "s", json_array_size(out->broken),
                                 json_array_size(out->broken) == 1 ? "" : "s"));
    return code;
}

/* A corrected text: every span citing the document carried onto it by its words. */
static enum jvdr_err carry_spans(const struct text_put *put, struct text_put_outcome *out,
                                 struct db *db, const char *current, size_t current_len,
                                 struct store_changes *facts)
{
    struct span_carry carry;
    enum jvdr_err code =
        span_carry(db, put->id, current, current_len, put->text, put->len, put->lenient, &carry);
    out->carried = carry.report;
    out->orphans = carry.orphans;
    size_t n = json_array_size(carry.orphans), i;
    json_t *orphan;
    /* A record that lost every span into the document no longer cites it (its counts, ?source=):
     * the index of events reads such records again. kind is one of the three static names. */
    static const char *const kinds[] = {"event", "official", "agreement"};
    const char *last_kind = "", *last_id = ""; /* a record's orphans come together: named once */
    json_array_foreach(code == JVDR_OK ? carry.orphans : NULL, i, orphan)
    {
        const char *kind = json_string_value(json_object_get(orphan, "kind"));
        const char *record = json_string_value(json_object_get(orphan, "id"));
        if (!kind || !record || (strcmp(kind, last_kind) == 0 && strcmp(record, last_id) == 0))
            continue;
        last_kind = kind;
        last_id = record;
        for (size_t k = 0; k < 3; k++)
            if (strcmp(kind, kinds[k]) == 0)
                store_changes_add(facts, kinds[k], "id", record);
    }
    if (code == JVDR_E_CONFLICT)
        code = fail(put, out, code,
                    arena_printf(put->arena,
                                 "%zu span%s citing this source quote%s words the new text no "
                                 "longer holds (see orphans); correct the text, or send Prefer: "
                                 "handling=lenient to store it and keep %s as orphans beside "
                                 "the spans",
                                 n, n == 1 ? "" : "s", n == 1 ? "s" : "", n == 1 ? "it" : "them"));
    return code;
}

enum jvdr_err source_text_put_locked(const struct text_put *put, struct text_put_outcome *out,
                                     struct db *db, struct store_changes *facts)
{
    char *before = NULL, *after = NULL, *current = NULL;
    size_t before_len = 0, after_len = 0, current_len = 0;
    enum jvdr_err code = write_select_text(db, source_detail_sql, put->id, &before, &before_len);
    if (code == JVDR_E_NOT_FOUND)
        return fail(put, out, code, arena_printf(put->arena, "no source has the id '%s'", put->id));
    if (code == JVDR_OK)
        code = write_select_text(db, "SELECT text FROM sources WHERE id = ?", put->id, &current,
                                 &current_len);
    out->created = current == NULL;
    if (code == JVDR_OK && put->if_match) {
        char tag[ETAG_SIZE];
        etag_compute(current ? current : "", current_len, tag);
        if (!current || !etag_matches_current(put->if_match, tag))
            code = fail(put, out, JVDR_E_PRECONDITION,
                        current ? arena_printf(put->arena,
                                               "the text has changed since the ETag you sent "
                                               "(it is now %s)",
                                               tag)
                                : "the source has no text yet: send no If-Match to load one");
    } else if (code == JVDR_OK && current && put->require_if_match && !put->if_none_match) {
        code = fail(put, out, JVDR_E_PRECONDITION_REQUIRED,
                    "send If-Match with the ETag from your last GET of this text");
    }
    if (code == JVDR_OK && current && put->if_none_match) {
        char tag[ETAG_SIZE];
        etag_compute(current, current_len, tag);
        if (etag_listed(put->if_none_match, tag, true))
            code = fail(put, out, JVDR_E_PRECONDITION,
                        arena_printf(put->arena,
                                     "the source has a text (it is now %s) and If-None-Match "
                                     "lists it",
                                     tag));
    }
    if (code == JVDR_OK)
        code = collect_facts(db, put->id, facts);
    if (code == JVDR_OK && current)
        code = carry_spans(put, out, db, current, current_len, facts);
    else if (code == JVDR_OK)
        code = check_first_text(put, out, db);
    if (code == JVDR_OK)
        code = source_text_store(db, put->id, put->text, put->len);
    if (code == JVDR_OK)
        code = write_select_text(db, source_detail_sql, put->id, &after, &after_len);
    char *spans = code == JVDR_OK && out->carried ? json_dumps(out->carried, JSON_COMPACT) : NULL;
    if (code == JVDR_OK && out->carried && !spans)
        code = JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = store_audit(db,
                           &(struct audit_entry){.actor = put->actor,
                                                 .writer = put->writer,
                                                 .action = "update",
                                                 .kind = "source",
                                                 .id = put->id,
                                                 .before = before,
                                                 .after = after,
                                                 .request_id = put->request_id,
                                                 .spans = spans,
                                                 .reverts = put->reverts,
                                                 .keeps_text = true,
                                                 .text_before = current,
                                                 .text_before_len = current_len,
                                                 .text_after = put->text,
                                                 .text_after_len = put->len},
                           &out->cursor);
    free(spans);
    if (code == JVDR_OK)
        code = collect_facts(db, put->id, facts);
    free(before);
    free(after);
    free(current);
    return code;
}

enum jvdr_err source_text_put(const struct text_put *put, struct text_put_outcome *out)
{
    memset(out, 0, sizeof *out);
    switch (source_text_check(put->text, put->len)) {
    case SOURCE_TEXT_LARGE:
        return fail(
            put, out, JVDR_E_TOO_LARGE,
            arena_printf(put->arena, "a document's text is at most %zu bytes", SOURCE_TEXT_MAX));
    case SOURCE_TEXT_EMPTY:
        return fail(put, out, JVDR_E_BAD_REQUEST, "the text is empty");
    case SOURCE_TEXT_NUL:
        return fail(put, out, JVDR_E_BAD_REQUEST, "the text holds a NUL byte");
    case SOURCE_TEXT_NOT_UTF8:
        return fail(put, out, JVDR_E_BAD_REQUEST, "the text is not valid UTF-8");
    case SOURCE_TEXT_FINE:
        break;
    }
    struct db *db = NULL;
    enum jvdr_err code = store_write_begin(put->store, &db);
    if (code != JVDR_OK)
        return code;
    struct store_changes facts;
    store_changes_init(&facts, put->arena);
    code = source_text_put_locked(put, out, db, &facts);
    code = store_write_end(put->store, db, code, facts.items, facts.count);
    if (code == JVDR_OK)
        etag_compute(put->text, put->len, out->etag);
    return code;
}

/* text/plain, in UTF-8 when a charset is named at all. */
static enum jvdr_err expect_plain_utf8(struct request *req)
{
    enum jvdr_err code = body_expect_type(req, "text/plain");
    if (code != JVDR_OK)
        return code;
    const char *type = request_header(req, "Content-Type");
    const char *charset = type ? strcasestr(type, "charset=") : NULL;
    if (!charset)
        return JVDR_OK;
    charset += 8;
    if (*charset == '"')
        charset++;
    if (strncasecmp(charset, "utf-8", 5) == 0 && strchr("\"; \t", charset[5]))
        return JVDR_OK;
    return request_fail(req, JVDR_E_MEDIA_TYPE,
                        "a document's text is sent as text/plain; charset=utf-8");
}

bool source_text_prefers_lenient(const char *prefer)
{
    for (const char *p = prefer; p && *p;) {
        p += strspn(p, " \t,");
        size_t len = strcspn(p, ",;= \t");
        if (len == 8 && strncasecmp(p, "handling", 8) == 0) {
            const char *v = p + len + strspn(p + len, " \t");
            if (*v == '=') {
                v++;
                v += strspn(v, " \t");
                bool quoted = *v == '"';
                v += quoted;
                if (strncasecmp(v, "lenient", 7) == 0 &&
                    (quoted ? v[7] == '"' : strchr(",; \t", v[7]) != NULL))
                    return true;
            }
        }
        p = strchr(p, ',');
    }
    return false;
}

enum jvdr_err sources_text_replace(struct request *req, struct response *res)
{
    const char *id = req->captures[0];
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    if (code == JVDR_OK)
        code = expect_plain_utf8(req);
    if (code != JVDR_OK)
        return code;
    if (!id_valid(id))
        return request_fail(req, JVDR_E_NOT_FOUND, "no source has this id");
    struct text_put put = {
        .store = req->site->store,
        .arena = req->arena,
        .id = id,
        .text = req->body,
        .len = req->body_len,
        .actor = req->actor,
        .writer = req->writer,
        .request_id = req->request_id,
        .if_match = request_header_list(req, "If-Match"),
        .if_none_match = request_header_list(req, "If-None-Match"),
        .require_if_match = req->site->config->require_if_match,
        .lenient = source_text_prefers_lenient(request_header_list(req, "Prefer")),
    };
    struct text_put_outcome out;
    code = source_text_put(&put, &out);
    json_decref(out.carried);
    if (out.broken && code == JVDR_E_CONFLICT)
        request_problem_extra(req, "broken", out.broken);
    else
        json_decref(out.broken);
    if (out.orphans && code == JVDR_E_CONFLICT)
        request_problem_extra(req, "orphans", out.orphans);
    else
        json_decref(out.orphans);
    if (code != JVDR_OK)
        return out.detail ? request_fail(req, code, "%s", out.detail) : code;
    response_body(res, out.created ? 201 : 204, NULL, NULL, 0);
    if (put.lenient)
        response_header(res, "Preference-Applied", "handling=lenient");
    response_header(res, "ETag", arena_strdup(req->arena, out.etag));
    if (out.created)
        response_header(res, "Location",
                        arena_printf(req->arena, "%s/v1/sources/%s/text",
                                     req->base_url ? req->base_url : "", id));
    return JVDR_OK;
}
