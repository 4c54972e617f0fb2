/* POST /v1/officials, PUT/PATCH/DELETE /v1/officials/{id}: the official with aliases, positions
 * and source spans. Deleting one that events or agreements still name is a 409. */
#include "jvdr/write/officials.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/write/engine.h"
#include "jvdr/write/fields.h"

static const struct field position_fields[] = {
    {"title", FIELD_STRING, FIELD_REQUIRED, 200, NULL, NULL, 0, NULL},
    {"organisation", FIELD_STRING, FIELD_NULLABLE, 200, NULL, NULL, 0, NULL},
    {"country", FIELD_COUNTRY, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"date_from", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"date_to", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"as_of", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"note", FIELD_STRING, FIELD_NULLABLE, 1000, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

const struct field official_fields[] = {
    {"id", FIELD_ID, 0, 0, NULL, NULL, 0, NULL},
    {"name", FIELD_STRING, FIELD_REQUIRED, 200, NULL, NULL, 0, NULL},
    {"name_diacritics", FIELD_STRING, FIELD_NULLABLE, 200, NULL, NULL, 0, NULL},
    {"country", FIELD_COUNTRY, FIELD_REQUIRED, 0, NULL, NULL, 0, NULL},
    {"aliases", FIELD_VALUES, 0, 50, NULL, NULL, FIELD_STRING, NULL},
    {"summary", FIELD_STRING, FIELD_NULLABLE, 4000, NULL, NULL, 0, NULL},
    {"positions", FIELD_OBJECTS, 0, 50, NULL, position_fields, 0, NULL},
    {"sources", FIELD_OBJECTS, 0, 50, NULL, source_ref_fields, 0, NULL},
    {"events", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"events_total", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"agreements", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"agreements_total", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

static enum jvdr_err official_store(struct db *db, json_t *o, const char *id, bool exists)
{
    json_t *idv = json_string(id);
    json_t *fields[] = {json_object_get(o, "name"), json_object_get(o, "name_diacritics"),
                        json_object_get(o, "country"), json_object_get(o, "summary"), idv};
    enum jvdr_err code = idv ? JVDR_OK : JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code =
            write_exec(db,
                       exists ? "UPDATE officials SET name = ?, name_diacritics = ?, country = ?, "
                                "summary = ? WHERE id = ?"
                              : "INSERT INTO officials (name, name_diacritics, country, summary, "
                                "id) VALUES (?, ?, ?, ?, ?)",
                       fields, 5);
    if (exists && code == JVDR_OK)
        code = write_exec(db, "DELETE FROM official_aliases WHERE official_id = ?", &idv, 1);
    if (exists && code == JVDR_OK)
        code = write_exec(db, "DELETE FROM positions WHERE official_id = ?", &idv, 1);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(o, "aliases"), i, item)
    {
        json_t *values[] = {idv, item};
        if (code == JVDR_OK)
            code = write_exec(db, "INSERT INTO official_aliases (official_id, alias) VALUES (?, ?)",
                              values, 2);
    }
    json_array_foreach(json_object_get(o, "positions"), i, item)
    {
        json_t *seq = json_integer((json_int_t)i + 1);
        json_t *values[] = {idv,
                            seq,
                            json_object_get(item, "title"),
                            json_object_get(item, "organisation"),
                            json_object_get(item, "country"),
                            json_object_get(item, "date_from"),
                            json_object_get(item, "date_to"),
                            json_object_get(item, "as_of"),
                            json_object_get(item, "note")};
        if (code == JVDR_OK)
            code =
                write_exec(db,
                           "INSERT INTO positions (official_id, seq, title, organisation, country, "
                           "date_from, date_to, as_of, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           values, 9);
        json_decref(seq);
    }
    if (code == JVDR_OK)
        code = store_sources(db, o, idv, "official_sources", "official_id", exists);
    json_decref(idv);
    return code;
}

static const struct write_blocker official_blockers[] = {
    {"events", "SELECT event_id FROM event_participants WHERE official_id = ? ORDER BY event_id"},
    {"agreements",
     "SELECT agreement_id FROM agreement_signatories WHERE official_id = ? ORDER BY agreement_id"},
    {NULL, NULL},
};

const struct write_spec official_write_spec = {
    .kind = "official",
    .table = "officials",
    .collection = "/v1/officials",
    .name_field = "name",
    .fields = official_fields,
    .detail_sql = official_detail_sql,
    .check = check_sources_and_dates,
    .store = official_store,
    .blockers = official_blockers,
};

enum jvdr_err officials_create(struct request *req, struct response *res)
{
    return write_create(req, res, &official_write_spec);
}

enum jvdr_err officials_replace(struct request *req, struct response *res)
{
    return write_replace(req, res, &official_write_spec);
}

enum jvdr_err officials_patch(struct request *req, struct response *res)
{
    return write_patch(req, res, &official_write_spec);
}

enum jvdr_err officials_delete(struct request *req, struct response *res)
{
    return write_delete(req, res, &official_write_spec);
}
