/* Writes, the same way for every resource: a body validated against the resource's fields, one
 * IMMEDIATE transaction per request (writers queue on the store's lock), If-Match against the
 * record's current ETag, references checked, an audit row with the record before and after, and
 * the answer only once the commit is on disk. Each resource supplies a write_spec. */
#ifndef JVDR_WRITE_ENGINE_H
#define JVDR_WRITE_ENGINE_H

#include <jansson.h>
#include <stdbool.h>

#include "jvdr/http/request.h"
#include "jvdr/write/validate.h"

struct arena;
struct audit_entry;
struct db;
struct store_changes;

/* A query finding records that still name the one being deleted: one '?' for its id, one text
 * column of ids. label says what they are ("events"). */
struct write_blocker {
    const char *label;
    const char *sql;
};

struct write_spec {
    const char *kind;       /* "event": in the audit trail and messages */
    const char *table;      /* "events" */
    const char *collection; /* "/v1/events", for Location */
    const char *name_field; /* "title" or "name": a POST without id derives one from it */
    const struct field *fields;
    const char *detail_sql; /* the GET representation, one '?' for the id */
    /* Cross-field checks beyond the field table (may be NULL). */
    void (*check)(struct validation *v, json_t *record);
    /* Checks against the stored data, inside the write's transaction on db, for what the schema
     * would refuse otherwise (a unique index across records): each an error naming the field and
     * the record it conflicts with. id is the record's, NULL for a creation whose id is not
     * chosen yet (may be NULL). */
    void (*check_stored)(struct db *db, struct validation *v, json_t *record, const char *id);
    /* Writes record's rows for id; exists says whether the record is being replaced. */
    enum jvdr_err (*store)(struct db *db, json_t *record, const char *id, bool exists);
    const struct write_blocker *blockers; /* ending in {NULL} */
    /* The record's document text (sources), kept in the audit trail when it is deleted, so that
     * a revert brings it back; one '?' for the id (NULL: the record has none). */
    const char *text_sql;
};

enum jvdr_err write_create(struct request *req, struct response *res,
                           const struct write_spec *spec);
enum jvdr_err write_replace(struct request *req, struct response *res,
                            const struct write_spec *spec);
enum jvdr_err write_patch(struct request *req, struct response *res, const struct write_spec *spec);
enum jvdr_err write_delete(struct request *req, struct response *res,
                           const struct write_spec *spec);

/* The parts of a write, for bulk loads (write/bulk.c) to run one record at a time inside their own
 * transaction, exactly as a single write runs them. */

/* The record's fields and cross-field checks, without the database; errors appended to v. */
void write_check_fields(const struct write_spec *spec, json_t *record, struct validation *v);

/* With the transaction held on db: references, spans against their documents' text (placing
 * those given by their words) and the spec's checks against other records. */
void write_check_stored(struct db *db, const struct write_spec *spec, json_t *record,
                        const char *id, struct validation *v);

/* Inside a write transaction (req->db the writer), the checks a single write makes, answering as
 * it does: record validated as write_check_fields and write_check_stored do (422 listing every
 * error); id deletable (409 naming the records that still refer to it). */
enum jvdr_err write_validate(struct request *req, const struct write_spec *spec, json_t *record,
                             const char *id);
enum jvdr_err write_check_blockers(struct request *req, const struct write_spec *spec,
                                   const char *id);

/* Deletes id from spec's table and records it as audit_as says (its text kept when the spec has
 * one); *cursor (may be NULL) is the change's cursor. Inside the caller's write transaction. */
enum jvdr_err write_remove(struct db *db, const struct write_spec *spec, const char *id,
                           const struct audit_entry *audit_as, long long *cursor);

/* Records in db's audit trail that req's writer did action ("create", "replace", "update") to
 * spec's record id, as before and after show it (either may be NULL). */
enum jvdr_err write_audit(struct db *db, const struct request *req, const struct write_spec *spec,
                          const char *action, const char *id, const char *before,
                          const char *after);

/* The one column sql (one '?' for id) selects, copied (malloc'd) into *out; NULL when the value
 * is NULL. JVDR_E_NOT_FOUND when there is no row. */
enum jvdr_err write_select_text(struct db *db, const char *sql, const char *id, char **out,
                                size_t *len);

/* Whether spec's table holds id. */
bool write_exists(struct db *db, const struct write_spec *spec, const char *id);

/* An unused id made from name (a record POSTed without one), in arena; NULL when out of memory. */
const char *write_new_id(struct db *db, struct arena *arena, const struct write_spec *spec,
                         const char *name);

/* The record's GET representation into *text (malloc'd), or JVDR_E_NOT_FOUND. */
enum jvdr_err write_load(struct db *db, const struct write_spec *spec, const char *id, char **text,
                         size_t *len);

/* Appends the facts of the record and of the records whose details show it (store/facts.h). */
enum jvdr_err write_facts(struct db *db, const struct write_spec *spec, const char *id,
                          struct store_changes *facts);

/* Runs sql with values bound in order (strings as text, integers, booleans as 0/1, NULL or a
 * missing member as NULL). For store functions. */
enum jvdr_err write_exec(struct db *db, const char *sql, json_t *const *values, int n);

#endif
