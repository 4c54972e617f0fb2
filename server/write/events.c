/* POST /v1/events, PUT/PATCH/DELETE /v1/events/{id}: the event's fields and the relations written
 * with it (countries, topics, participants, agreements, source spans). */
#include "jvdr/write/events.h"

#include <stdio.h>
#include <string.h>

#include "jvdr/base/date.h"
#include "jvdr/store/record_sql.h"
#include "jvdr/write/engine.h"
#include "jvdr/write/fields.h"

static const char *const event_types[] = {"meeting",    "visit",         "dialogue", "consultation",
                                          "workshop",   "signing",       "transfer", "conference",
                                          "exhibition", "commemoration", "exercise", "port-call",
                                          "dispatch",   "incident",      NULL};
static const char *const event_statuses[] = {"held", "planned", "proposed", NULL};
static const char *const relations[] = {"signed",      "adopted",    "discussed",
                                        "implemented", "referenced", NULL};

static const struct field participant_fields[] = {
    {"id", FIELD_ID, FIELD_REQUIRED, 0, NULL, NULL, 0, "officials"},
    {"role", FIELD_STRING, FIELD_NULLABLE, 200, NULL, NULL, 0, NULL},
    {"name", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"country", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

static const struct field event_agreement_fields[] = {
    {"id", FIELD_ID, FIELD_REQUIRED, 0, NULL, NULL, 0, "agreements"},
    {"relation", FIELD_ENUM, FIELD_REQUIRED, 0, relations, NULL, 0, NULL},
    {"title", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"type", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

const struct field event_fields[] = {
    {"id", FIELD_ID, 0, 0, NULL, NULL, 0, NULL},
    {"title", FIELD_STRING, FIELD_REQUIRED, 300, NULL, NULL, 0, NULL},
    {"type", FIELD_ENUM, FIELD_REQUIRED, 0, event_types, NULL, 0, NULL},
    {"status", FIELD_ENUM, 0, 0, event_statuses, NULL, 0, NULL},
    {"date", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"date_qualifier", FIELD_ENUM, FIELD_NULLABLE, 0, date_qualifiers, NULL, 0, NULL},
    {"date_note", FIELD_STRING, FIELD_NULLABLE, 1000, NULL, NULL, 0, NULL},
    {"end_date", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"location", FIELD_STRING, FIELD_NULLABLE, 200, NULL, NULL, 0, NULL},
    {"host_country", FIELD_COUNTRY, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"countries", FIELD_VALUES, 0, 50, NULL, NULL, FIELD_COUNTRY, NULL},
    {"topics", FIELD_VALUES, 0, 50, NULL, NULL, FIELD_WORD, NULL},
    {"summary", FIELD_STRING, FIELD_NULLABLE, 4000, NULL, NULL, 0, NULL},
    {"participants", FIELD_OBJECTS, 0, 100, NULL, participant_fields, 0, NULL},
    {"agreements", FIELD_OBJECTS, 0, 100, NULL, event_agreement_fields, 0, NULL},
    {"sources", FIELD_OBJECTS, 0, 50, NULL, source_ref_fields, 0, NULL},
    {"date_precision", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

/* Repeated ids in an array of objects, by member "id". */
static void check_distinct_ids(struct validation *v, json_t *items, const char *name)
{
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        for (size_t k = 0; k < i; k++) {
            if (json_equal(json_object_get(json_array_get(items, k), "id"),
                           json_object_get(item, "id"))) {
                char pointer[64];
                snprintf(pointer, sizeof pointer, "/%s/%zu/id", name, i);
                validate_error(v, pointer, "repeats an earlier item");
                break;
            }
        }
    }
}

static void event_check(struct validation *v, json_t *record)
{
    check_sources_and_dates(v, record);
    check_distinct_ids(v, json_object_get(record, "participants"), "participants");
    check_distinct_ids(v, json_object_get(record, "agreements"), "agreements");
    const char *date = json_string_value(json_object_get(record, "date"));
    const char *end = json_string_value(json_object_get(record, "end_date"));
    char first[11], last[11], end_first[11], end_last[11];
    if (end && !date)
        validate_error(v, "/end_date", "needs a date to end after");
    else if (end && date_interval(date, first, last) && date_interval(end, end_first, end_last) &&
             (date_parse(end) != DATE_DAY || strcmp(end_first, first) < 0))
        validate_error(v, "/end_date", "must be a day (YYYY-MM-DD) on or after the date");
}

/* An agreement is signed at one event (the unique index agreement_signed_once). */
static void event_check_stored(struct db *db, struct validation *v, json_t *record, const char *id)
{
    size_t i;
    json_t *agreement;
    json_array_foreach(json_object_get(record, "agreements"), i, agreement)
    {
        const char *relation = json_string_value(json_object_get(agreement, "relation"));
        if (!relation || strcmp(relation, "signed") != 0)
            continue;
        char pointer[64];
        snprintf(pointer, sizeof pointer, "/agreements/%zu/relation", i);
        check_taken(db, v,
                    "SELECT event_id FROM event_agreements WHERE agreement_id = ? AND "
                    "relation = 'signed' AND event_id <> ?",
                    json_string_value(json_object_get(agreement, "id")), id, pointer,
                    "the agreement is recorded as signed at the event",
                    " already: an agreement is signed once (refer to it there with another "
                    "relation)");
    }
}

static enum jvdr_err event_store(struct db *db, json_t *e, const char *id, bool exists)
{
    json_t *idv = json_string(id);
    json_t *status = json_object_get(e, "status");
    json_t *fields[] = {json_object_get(e, "title"),
                        json_object_get(e, "type"),
                        status ? status : json_string("held"),
                        json_object_get(e, "date"),
                        json_object_get(e, "date_qualifier"),
                        json_object_get(e, "end_date"),
                        json_object_get(e, "date_note"),
                        json_object_get(e, "location"),
                        json_object_get(e, "host_country"),
                        json_object_get(e, "summary"),
                        idv};
    enum jvdr_err code = idv ? JVDR_OK : JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code = write_exec(db,
                          exists ? "UPDATE events SET title = ?, type = ?, status = ?, date = ?, "
                                   "date_qualifier = ?, end_date = ?, date_note = ?, location = ?, "
                                   "host_country = ?, summary = ? WHERE id = ?"
                                 : "INSERT INTO events (title, type, status, date, date_qualifier, "
                                   "end_date, date_note, location, host_country, summary, id) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          fields, 11);
    if (!status)
        json_decref(fields[2]);
    static const char *const clear[] = {"DELETE FROM event_countries WHERE event_id = ?",
                                        "DELETE FROM event_topics WHERE event_id = ?",
                                        "DELETE FROM event_participants WHERE event_id = ?",
                                        "DELETE FROM event_agreements WHERE event_id = ?"};
    for (size_t i = 0; exists && code == JVDR_OK && i < 4; i++)
        code = write_exec(db, clear[i], &idv, 1);
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(e, "countries"), i, item)
    {
        json_t *values[] = {idv, item};
        if (code == JVDR_OK)
            code = write_exec(db, "INSERT INTO event_countries (event_id, country) VALUES (?, ?)",
                              values, 2);
    }
    json_array_foreach(json_object_get(e, "topics"), i, item)
    {
        json_t *values[] = {idv, item};
        if (code == JVDR_OK)
            code = write_exec(db, "INSERT INTO event_topics (event_id, topic) VALUES (?, ?)",
                              values, 2);
    }
    json_array_foreach(json_object_get(e, "participants"), i, item)
    {
        json_t *values[] = {idv, json_object_get(item, "id"), json_object_get(item, "role")};
        if (code == JVDR_OK)
            code = write_exec(db,
                              "INSERT INTO event_participants (event_id, official_id, role) "
                              "VALUES (?, ?, ?)",
                              values, 3);
    }
    json_array_foreach(json_object_get(e, "agreements"), i, item)
    {
        json_t *values[] = {idv, json_object_get(item, "id"), json_object_get(item, "relation")};
        if (code == JVDR_OK)
            code = write_exec(db,
                              "INSERT INTO event_agreements (event_id, agreement_id, relation) "
                              "VALUES (?, ?, ?)",
                              values, 3);
    }
    if (code == JVDR_OK)
        code = store_sources(db, e, idv, "event_sources", "event_id", exists);
    json_decref(idv);
    return code;
}

const struct write_spec event_write_spec = {
    .kind = "event",
    .table = "events",
    .collection = "/v1/events",
    .name_field = "title",
    .fields = event_fields,
    .detail_sql = event_detail_sql,
    .check = event_check,
    .check_stored = event_check_stored,
    .store = event_store,
    .blockers = NULL,
};

enum jvdr_err events_create(struct request *req, struct response *res)
{
    return write_create(req, res, &event_write_spec);
}

enum jvdr_err events_replace(struct request *req, struct response *res)
{
    return write_replace(req, res, &event_write_spec);
}

enum jvdr_err events_patch(struct request *req, struct response *res)
{
    return write_patch(req, res, &event_write_spec);
}

enum jvdr_err events_delete(struct request *req, struct response *res)
{
    return write_delete(req, res, &event_write_spec);
}
