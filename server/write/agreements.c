/* POST /v1/agreements, PUT/PATCH/DELETE /v1/agreements/{id}: the agreement with parties,
 * signatories and source spans. Which events concern it is written with those events. */
#include "jvdr/write/agreements.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/write/engine.h"
#include "jvdr/write/fields.h"

static const char *const agreement_types[] = {
    "agreement",  "memorandum", "joint-statement", "partnership", "declaration",
    "convention", "vision",     "initiative",      "strategy",    "code-of-conduct",
    "framework",  "outlook",    "grouping",        NULL};
static const char *const agreement_statuses[] = {
    "proposed", "under-negotiation", "agreed", "signed", "in-force", "adopted", "active", NULL};

static const struct field signatory_fields[] = {
    {"id", FIELD_ID, FIELD_REQUIRED, 0, NULL, NULL, 0, "officials"},
    {"name", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"country", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

const struct field agreement_fields[] = {
    {"id", FIELD_ID, 0, 0, NULL, NULL, 0, NULL},
    {"title", FIELD_STRING, FIELD_REQUIRED, 300, NULL, NULL, 0, NULL},
    {"aliases", FIELD_VALUES, 0, 50, NULL, NULL, FIELD_STRING, NULL},
    {"type", FIELD_ENUM, FIELD_REQUIRED, 0, agreement_types, NULL, 0, NULL},
    {"status", FIELD_ENUM, FIELD_REQUIRED, 0, agreement_statuses, NULL, 0, NULL},
    {"date", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"date_qualifier", FIELD_ENUM, FIELD_NULLABLE, 0, date_qualifiers, NULL, 0, NULL},
    {"date_note", FIELD_STRING, FIELD_NULLABLE, 1000, NULL, NULL, 0, NULL},
    {"summary", FIELD_STRING, FIELD_NULLABLE, 4000, NULL, NULL, 0, NULL},
    {"parties", FIELD_VALUES, 0, 50, NULL, NULL, FIELD_PARTY, NULL},
    {"signatories", FIELD_OBJECTS, 0, 50, NULL, signatory_fields, 0, NULL},
    {"sources", FIELD_OBJECTS, 0, 50, NULL, source_ref_fields, 0, NULL},
    {"date_precision", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"signed_at", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"events", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"events_total", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

static void agreement_check(struct validation *v, json_t *record)
{
    check_sources_and_dates(v, record);
    json_t *signatories = json_object_get(record, "signatories");
    size_t i;
    json_t *item;
    json_array_foreach(signatories, i, item)
    {
        for (size_t k = 0; k < i; k++)
            if (json_equal(json_object_get(json_array_get(signatories, k), "id"),
                           json_object_get(item, "id"))) {
                char pointer[64];
                snprintf(pointer, sizeof pointer, "/signatories/%zu/id", i);
                validate_error(v, pointer, "repeats an earlier item");
                break;
            }
    }
}

static enum jvdr_err agreement_store(struct db *db, json_t *a, const char *id, bool exists)
{
    json_t *idv = json_string(id);
    json_t *fields[] = {json_object_get(a, "title"),          json_object_get(a, "type"),
                        json_object_get(a, "status"),         json_object_get(a, "date"),
                        json_object_get(a, "date_qualifier"), json_object_get(a, "date_note"),
                        json_object_get(a, "summary"),        idv};
    enum jvdr_err code = idv ? JVDR_OK : JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code =
            write_exec(db,
                       exists ? "UPDATE agreements SET title = ?, type = ?, status = ?, date = ?, "
                                "date_qualifier = ?, date_note = ?, summary = ? WHERE id = ?"
                              : "INSERT INTO agreements (title, type, status, date, "
                                "date_qualifier, date_note, summary, id) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       fields, 8);
    if (exists && code == JVDR_OK)
        code = write_exec(db, "DELETE FROM agreement_parties WHERE agreement_id = ?", &idv, 1);
    if (exists && code == JVDR_OK)
        code = write_exec(db, "DELETE FROM agreement_signatories WHERE agreement_id = ?", &idv, 1);
    if (exists && code == JVDR_OK)
        code = write_exec(db, "DELETE FROM agreement_aliases WHERE agreement_id = ?", &idv, 1);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(a, "aliases"), i, item)
    {
        json_t *values[] = {idv, item};
        if (code == JVDR_OK)
            code = write_exec(
                db, "INSERT INTO agreement_aliases (agreement_id, alias) VALUES (?, ?)", values, 2);
    }
    json_array_foreach(json_object_get(a, "parties"), i, item)
    {
        json_t *values[] = {idv, item};
        if (code == JVDR_OK)
            code = write_exec(
                db, "INSERT INTO agreement_parties (agreement_id, party) VALUES (?, ?)", values, 2);
    }
    json_array_foreach(json_object_get(a, "signatories"), i, item)
    {
        json_t *values[] = {idv, json_object_get(item, "id")};
        if (code == JVDR_OK)
            code = write_exec(db,
                              "INSERT INTO agreement_signatories (agreement_id, official_id) "
                              "VALUES (?, ?)",
                              values, 2);
    }
    if (code == JVDR_OK)
        code = store_sources(db, a, idv, "agreement_sources", "agreement_id", exists);
    json_decref(idv);
    return code;
}

static const struct write_blocker agreement_blockers[] = {
    {"events", "SELECT event_id FROM event_agreements WHERE agreement_id = ? ORDER BY event_id"},
    {NULL, NULL},
};

const struct write_spec agreement_write_spec = {
    .kind = "agreement",
    .table = "agreements",
    .collection = "/v1/agreements",
    .name_field = "title",
    .fields = agreement_fields,
    .detail_sql = agreement_detail_sql,
    .check = agreement_check,
    .store = agreement_store,
    .blockers = agreement_blockers,
};

enum jvdr_err agreements_create(struct request *req, struct response *res)
{
    return write_create(req, res, &agreement_write_spec);
}

enum jvdr_err agreements_replace(struct request *req, struct response *res)
{
    return write_replace(req, res, &agreement_write_spec);
}

enum jvdr_err agreements_patch(struct request *req, struct response *res)
{
    return write_patch(req, res, &agreement_write_spec);
}

enum jvdr_err agreements_delete(struct request *req, struct response *res)
{
    return write_delete(req, res, &agreement_write_spec);
}
