/* Bulk loads; see include/jvdr/write/bulk.h. */
#define _GNU_SOURCE /* strcasestr */
#include "jvdr/write/bulk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/ndjson.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/body.h"
#include "jvdr/http/params.h"
#include "jvdr/http/site.h"
#include "jvdr/store/db.h"
#include "jvdr/store/store.h"
#include "jvdr/write/engine.h"

/* Up to this many records, a load tells the cache and the index of events exactly what it
 * changed; past it, that everything may have (cheaper than the facts of 100,000 records). */
#define BULK_EXACT_FACTS 1000

#define NDJSON "application/x-ndjson"

struct bulk {
    struct body_sink sink; /* first: the sink is the load */
    const struct write_spec *spec;
    struct ndjson_reader reader;
    FILE *spool;         /* the lines that passed, each as "<line number> <JSON>\n" */
    json_t *errors;      /* the first BULK_MAX_ERRORS, each {line, pointer, detail} */
    size_t error_count;  /* all of them */
    size_t bad_lines;    /* lines with at least one */
    size_t records;      /* lines spooled */
    enum jvdr_err fatal; /* out of memory, or the spool could not be written */
};

static void add_error(struct bulk *b, size_t line, const char *pointer, const char *detail)
{
    if (b->error_count++ >= BULK_MAX_ERRORS)
        return;
    json_t *e = json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line, "pointer", pointer, "detail",
                          detail);
    if (!e || json_array_append_new(b->errors, e) != 0)
        b->fatal = JVDR_E_NOMEM;
}

/* Appends a validation's errors (each {pointer, detail}) as the line's. */
static void add_errors(struct bulk *b, size_t line, json_t *errors)
{
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
    {
        add_error(b, line, json_string_value(json_object_get(e, "pointer")),
                  json_string_value(json_object_get(e, "detail")));
    }
}

/* One line as it arrives: checked alone, and kept if it passes. */
static void on_line(void *context, size_t number, const char *text, size_t len, bool overlong)
{
    struct bulk *b = context;
    if (b->fatal)
        return;
    if (overlong) {
        b->bad_lines++;
        add_error(b, number, "", "is longer than a record may be (JVDR_MAX_BODY bytes)");
        return;
    }
    struct arena *arena = arena_new();
    struct validation v;
    if (!arena || validate_init(&v, arena) != 0) {
        arena_free(arena);
        b->fatal = JVDR_E_NOMEM;
        return;
    }
    const char *why = NULL;
    json_t *record = body_parse_line(text, len, arena, &why);
    if (record)
        write_check_fields(b->spec, record, &v);
    if (!record || !validate_ok(&v)) {
        b->bad_lines++;
        if (!record)
            add_error(b, number, "", why);
        else
            add_errors(b, number, v.errors);
    } else if (fprintf(b->spool, "%zu ", number) < 0 || fwrite(text, 1, len, b->spool) != len ||
               fputc('\n', b->spool) == EOF) {
        b->fatal = errno == ENOSPC ? JVDR_E_STORAGE_FULL : JVDR_E_INTERNAL;
    } else {
        b->records++;
    }
    json_decref(record);
    validate_cleanup(&v);
    arena_free(arena);
}

static enum jvdr_err bulk_feed(struct body_sink *sink, const char *data, size_t len)
{
    struct bulk *b = (struct bulk *)sink;
    ndjson_feed(&b->reader, data, len);
    if (!ndjson_ok(&b->reader))
        b->fatal = JVDR_E_NOMEM;
    return b->fatal;
}

static void bulk_end(struct body_sink *sink)
{
    struct bulk *b = (struct bulk *)sink;
    ndjson_end(&b->reader);
    if (fflush(b->spool) != 0 && !b->fatal)
        b->fatal = errno == ENOSPC ? JVDR_E_STORAGE_FULL : JVDR_E_INTERNAL;
}

static void bulk_close(struct body_sink *sink)
{
    struct bulk *b = (struct bulk *)sink;
    ndjson_cleanup(&b->reader);
    if (b->spool)
        fclose(b->spool); /* an anonymous file: gone with it */
    json_decref(b->errors);
    free(b);
}

static enum jvdr_err bulk_run(struct body_sink *sink, struct request *req, struct response *res);

struct body_sink *bulk_open(struct request *req, const struct write_spec *spec, enum jvdr_err *code)
{
    *code = JVDR_OK;
    const char *type = request_header(req, "Content-Type");
    if (!spec || !type || strncasecmp(type, NDJSON, strlen(NDJSON)) != 0)
        return NULL; /* a single record's POST, held and checked as ever */
    /* Refused before a byte of the body is read: its type, its writer, the store. */
    if ((*code = body_expect_type(req, NDJSON)) != JVDR_OK)
        return NULL;
    if (req->site->store->readonly) {
        *code = request_fail(req, JVDR_E_FORBIDDEN,
                             "the database is read-only: this service serves reads only");
        return NULL;
    }
    if ((*code = auth_check(&req->site->auth, req, req->route->scopes)) != JVDR_OK)
        return NULL;
    struct bulk *b = calloc(1, sizeof *b);
    int fd = b ? store_spool_file(req->site->store) : -1;
    if (b)
        b->spool = fd >= 0 ? fdopen(fd, "w+") : NULL;
    if (b)
        b->errors = json_array();
    if (!b || !b->spool || !b->errors) {
        *code = request_fail(req, fd < 0 && errno == ENOSPC ? JVDR_E_STORAGE_FULL : JVDR_E_BUSY,
                             "no room for the load's temporary file: try again later");
        if (fd >= 0 && b && !b->spool)
            close(fd);
        if (b) {
            b->sink.close = bulk_close;
            ndjson_init(&b->reader, 0, on_line, b);
            bulk_close(&b->sink);
        }
        return NULL;
    }
    b->sink = (struct body_sink){bulk_feed, bulk_end, bulk_run, bulk_close};
    b->spec = spec;
    ndjson_init(&b->reader, req->site->config->max_body, on_line, b);
    return &b->sink;
}

enum bulk_prefer { PREFER_NONE, PREFER_MERGE, PREFER_IGNORE };

/* Prefer's resolution (Prefer: resolution=merge-duplicates or ignore-duplicates, as PostgREST
 * spells it); other preferences are ignored. */
static enum jvdr_err prefer_of(struct request *req, enum bulk_prefer *prefer)
{
    *prefer = PREFER_NONE;
    const char *value = request_header_list(req, "Prefer");
    bool merge = value && strcasestr(value, "resolution=merge-duplicates");
    bool ignore = value && strcasestr(value, "resolution=ignore-duplicates");
    if (merge && ignore)
        return request_fail(req, JVDR_E_BAD_REQUEST,
                            "Prefer asks both to merge and to ignore duplicates: choose one");
    *prefer = merge ? PREFER_MERGE : ignore ? PREFER_IGNORE : PREFER_NONE;
    return JVDR_OK;
}

/* What a load did, for its answer. */
struct tally {
    size_t created, replaced, unchanged, skipped, conflicts;
};

/* The load's refusal: every error (up to BULK_MAX_ERRORS) and their count. */
static enum jvdr_err refuse(struct request *req, struct bulk *b, enum jvdr_err code,
                            const char *what)
{
    request_problem_extra(req, "errors", json_incref(b->errors));
    request_problem_extra(req, "error_count", json_integer((json_int_t)b->error_count));
    return request_fail(req, code, "%zu line%s %s; nothing was written", b->bad_lines,
                        b->bad_lines == 1 ? "" : "s", what);
}

/* One record of the load, line `line`, inside the transaction on db. */
static enum jvdr_err load_one(struct request *req, struct db *db, struct bulk *b, size_t line,
                              json_t *record, enum bulk_prefer prefer, struct tally *t,
                              struct store_changes *facts)
{
    const struct write_spec *spec = b->spec;
    struct arena *arena = arena_new();
    struct validation v;
    if (!arena || validate_init(&v, arena) != 0) {
        arena_free(arena);
        return JVDR_E_NOMEM;
    }
    const char *given = json_string_value(json_object_get(record, "id"));
    write_check_fields(spec, record, &v); /* passed as it arrived; gathers the references again */
    if (validate_ok(&v))
        write_check_stored(db, spec, record, given, &v);
    enum jvdr_err code = JVDR_OK;
    char *before = NULL, *after = NULL;
    size_t before_len = 0, after_len = 0;
    bool exists = validate_ok(&v) && given && write_exists(db, spec, given);
    if (!validate_ok(&v)) {
        b->bad_lines++;
        add_errors(b, line, v.errors);
    } else if (exists && prefer == PREFER_NONE) {
        t->conflicts++;
        b->bad_lines++;
        add_error(b, line, "/id",
                  arena_printf(arena,
                               "%s %s with the id '%s' exists: send Prefer: "
                               "resolution=merge-duplicates to replace it, or "
                               "resolution=ignore-duplicates to skip it",
                               strchr("aeiou", spec->kind[0]) ? "an" : "a", spec->kind, given));
    } else if (exists && prefer == PREFER_IGNORE) {
        t->skipped++;
    } else { /* written even after a line failed (all is rolled back then), so that the later
              * lines are checked against the records before them, duplicates included */
        const char *id =
            given ? given
                  : write_new_id(db, arena, spec,
                                 json_string_value(json_object_get(record, spec->name_field)));
        if (!id)
            code = JVDR_E_NOMEM;
        if (code == JVDR_OK && exists)
            code = write_load(db, spec, id, &before, &before_len);
        if (code == JVDR_OK && exists && facts)
            code = write_facts(db, spec, id, facts);
        if (code == JVDR_OK)
            code = spec->store(db, record, id, exists);
        if (code == JVDR_OK)
            code = write_load(db, spec, id, &after, &after_len);
        bool same = exists && code == JVDR_OK && before_len == after_len &&
                    memcmp(before, after, after_len) == 0;
        if (code == JVDR_OK && !same)
            code = write_audit(db, req, spec, exists ? "replace" : "create", id, before, after);
        if (code == JVDR_OK && facts)
            code = write_facts(db, spec, id, facts);
        if (code == JVDR_OK && !same)
            code = db_search_defer_note(db, spec->kind, id);
        if (code == JVDR_OK)
            *(same ? &t->unchanged : exists ? &t->replaced : &t->created) += 1;
    }
    free(before);
    free(after);
    validate_cleanup(&v);
    arena_free(arena);
    return code;
}

/* Every spooled record through load_one, in the order of the body. */
static enum jvdr_err load_all(struct request *req, struct db *db, struct bulk *b,
                              enum bulk_prefer prefer, struct tally *t, struct store_changes *facts)
{
    if (fseek(b->spool, 0, SEEK_SET) != 0)
        return JVDR_E_INTERNAL;
    char *text = NULL;
    size_t cap = 0;
    ssize_t n;
    enum jvdr_err code = JVDR_OK;
    while (code == JVDR_OK && (n = getline(&text, &cap, b->spool)) > 0) {
        char *json = NULL;
        size_t line = strtoul(text, &json, 10);
        json_t *record = json_loadb(json + 1, (size_t)n - (size_t)(json + 1 - text) - 1,
                                    JSON_REJECT_DUPLICATES, NULL);
        code = record ? load_one(req, db, b, line, record, prefer, t, facts) : JVDR_E_INTERNAL;
        json_decref(record);
    }
    free(text);
    return code;
}

/* The load, once its body is in (the write thread, from the collection's POST). */
static enum jvdr_err bulk_run(struct body_sink *sink, struct request *req, struct response *res)
{
    struct bulk *b = (struct bulk *)sink;
    enum bulk_prefer prefer;
    enum jvdr_err code = params_check(req, (const char *const[]){NULL});
    if (code == JVDR_OK)
        code = prefer_of(req, &prefer);
    if (code != JVDR_OK)
        return code;
    if (b->fatal)
        return b->fatal;
    if (b->error_count)
        return refuse(req, b, JVDR_E_INVALID, "are not records this collection takes");

    struct tally t = {0};
    bool exact = b->records <= BULK_EXACT_FACTS;
    struct store_changes facts;
    store_changes_init(&facts, req->arena);
    struct db *db = NULL;
    if ((code = store_write_begin(req->site->store, &db)) != JVDR_OK)
        return code;
    /* The search index is kept current once, at the end (FTS5 would write a segment per row). */
    code = db_search_defer(db);
    if (code == JVDR_OK)
        code = db_batch(db, true);
    if (code == JVDR_OK)
        code = load_all(req, db, b, prefer, &t, exact ? &facts : NULL);
    enum jvdr_err sent = db_batch(db, false);
    if (code == JVDR_OK)
        code = sent;
    bool refused = code == JVDR_OK && b->error_count;
    enum jvdr_err indexed = db_search_catch_up(db, code == JVDR_OK && !refused);
    if (code == JVDR_OK)
        code = indexed;
    if (refused)
        code = JVDR_E_CONFLICT; /* rolled back */
    code = store_write_end(req->site->store, db, code, exact ? facts.items : NULL,
                           exact ? facts.count : 0);
    if (refused)
        return t.conflicts == b->bad_lines
                   ? refuse(req, b, JVDR_E_CONFLICT, "name records that exist")
                   : refuse(req, b, JVDR_E_INVALID, "are not records this collection takes");
    if (code != JVDR_OK)
        return code;
    json_t *answer = json_pack("{s:I, s:I, s:I, s:I}", "created", (json_int_t)t.created, "replaced",
                               (json_int_t)t.replaced, "unchanged", (json_int_t)t.unchanged,
                               "skipped", (json_int_t)t.skipped);
    return answer ? response_json(res, 200, answer) : JVDR_E_NOMEM;
}
