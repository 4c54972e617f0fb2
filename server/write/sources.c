/* POST /v1/sources, PUT/PATCH/DELETE /v1/sources/{id}: a document's description. Its text is
 * loaded by `jvdr import-sources`, never through the API; deleting a source that spans still
 * cite is a 409. */
#include "jvdr/write/sources.h"

#include <string.h>

#include "jvdr/store/record_sql.h"
#include "jvdr/write/engine.h"
#include "jvdr/write/fields.h"

const struct field source_fields[] = {
    {"id", FIELD_ID, 0, 0, NULL, NULL, 0, NULL},
    {"title", FIELD_STRING, FIELD_REQUIRED, 300, NULL, NULL, 0, NULL},
    {"publisher", FIELD_STRING, FIELD_NULLABLE, 200, NULL, NULL, 0, NULL},
    {"url", FIELD_STRING, FIELD_NULLABLE, 2000, NULL, NULL, 0, NULL},
    {"author", FIELD_STRING, FIELD_NULLABLE, 200, NULL, NULL, 0, NULL},
    {"date", FIELD_DATE, FIELD_NULLABLE, 0, NULL, NULL, 0, NULL},
    {"date_qualifier", FIELD_ENUM, FIELD_NULLABLE, 0, date_qualifiers, NULL, 0, NULL},
    {"date_inferred", FIELD_BOOL, 0, 0, NULL, NULL, 0, NULL},
    {"date_note", FIELD_STRING, FIELD_NULLABLE, 1000, NULL, NULL, 0, NULL},
    {"file_name", FIELD_STRING, FIELD_NULLABLE, 255, NULL, NULL, 0, NULL},
    {"summary", FIELD_STRING, FIELD_NULLABLE, 4000, NULL, NULL, 0, NULL},
    {"note", FIELD_STRING, FIELD_NULLABLE, 1000, NULL, NULL, 0, NULL},
    {"date_precision", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"text_loaded", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"text", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"events", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"events_total", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"officials", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"officials_total", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"agreements", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {"agreements_total", FIELD_READ_ONLY, 0, 0, NULL, NULL, 0, NULL},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL},
};

/* An absolute http or https URL: a scheme, a host, no white space or control characters. */
static bool web_address(const char *url)
{
    size_t scheme = strncmp(url, "https://", 8) == 0 ? 8 : strncmp(url, "http://", 7) == 0 ? 7 : 0;
    if (!scheme || !url[scheme] || url[scheme] == '/')
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return false;
    return true;
}

/* A file name import-sources opens inside its directory: no path, no hidden files. */
static void source_check(struct validation *v, json_t *record)
{
    check_sources_and_dates(v, record);
    const char *url = json_string_value(json_object_get(record, "url"));
    if (url && !web_address(url))
        validate_error(v, "/url",
                       "must be an absolute http:// or https:// address with a host, without "
                       "spaces");
    const char *file = json_string_value(json_object_get(record, "file_name"));
    if (file &&
        (file[0] == '.' ||
         strspn(file, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
             strlen(file)))
        validate_error(v, "/file_name",
                       "must be a plain file name: letters, digits, '.', '_' and '-', not "
                       "starting with '.'");
}

static enum jvdr_err source_store(struct db *db, json_t *s, const char *id, bool exists)
{
    json_t *idv = json_string(id);
    json_t *inferred = json_object_get(s, "date_inferred");
    json_t *no = json_false();
    json_t *fields[] = {json_object_get(s, "title"),     json_object_get(s, "publisher"),
                        json_object_get(s, "url"),       json_object_get(s, "author"),
                        json_object_get(s, "date"),      json_object_get(s, "date_qualifier"),
                        inferred ? inferred : no,        json_object_get(s, "date_note"),
                        json_object_get(s, "file_name"), json_object_get(s, "summary"),
                        json_object_get(s, "note"),      idv};
    enum jvdr_err code = idv ? JVDR_OK : JVDR_E_NOMEM;
    if (code == JVDR_OK)
        code =
            write_exec(db,
                       exists ? "UPDATE sources SET title = ?, publisher = ?, url = ?, author = ?, "
                                "date = ?, date_qualifier = ?, date_inferred = ?, date_note = ?, "
                                "file_name = ?, summary = ?, note = ? WHERE id = ?"
                              : "INSERT INTO sources (title, publisher, url, author, date, "
                                "date_qualifier, date_inferred, date_note, file_name, summary, "
                                "note, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       fields, 12);
    json_decref(idv);
    return code;
}

static const struct write_blocker source_blockers[] = {
    {"events", "SELECT DISTINCT event_id FROM event_sources WHERE source_id = ? ORDER BY 1"},
    {"officials",
     "SELECT DISTINCT official_id FROM official_sources WHERE source_id = ? ORDER BY 1"},
    {"agreements",
     "SELECT DISTINCT agreement_id FROM agreement_sources WHERE source_id = ? ORDER BY 1"},
    {NULL, NULL},
};

/* A file holds one source's text (sources.file_name is unique). */
static void source_check_stored(struct db *db, struct validation *v, json_t *record, const char *id)
{
    check_taken(db, v, "SELECT id FROM sources WHERE file_name = ? AND id <> ?",
                json_string_value(json_object_get(record, "file_name")), id, "/file_name",
                "is the file of the source", " already: a file holds one source's text");
}

const struct write_spec source_write_spec = {
    .kind = "source",
    .table = "sources",
    .collection = "/v1/sources",
    .name_field = "title",
    .fields = source_fields,
    .detail_sql = source_detail_sql,
    .check = source_check,
    .check_stored = source_check_stored,
    .store = source_store,
    .blockers = source_blockers,
    .text_sql = "SELECT text FROM sources WHERE id = ?",
};

enum jvdr_err sources_create(struct request *req, struct response *res)
{
    return write_create(req, res, &source_write_spec);
}

enum jvdr_err sources_replace(struct request *req, struct response *res)
{
    return write_replace(req, res, &source_write_spec);
}

enum jvdr_err sources_patch(struct request *req, struct response *res)
{
    return write_patch(req, res, &source_write_spec);
}

enum jvdr_err sources_delete(struct request *req, struct response *res)
{
    return write_delete(req, res, &source_write_spec);
}
