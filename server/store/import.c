/* Loading source documents' text; see include/jvdr/store/import.h. */
#include "jvdr/store/import.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/store/db.h"

#define IMPORT_MAX_FILE ((size_t)16 * 1024 * 1024)

/* Reads a whole file into a malloc'd, NUL-terminated buffer; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t used = 0, cap = 0;
    while (true) {
        if (used + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *grown = cap <= IMPORT_MAX_FILE ? realloc(data, cap) : NULL;
            if (!grown) {
                free(data);
                fclose(f);
                errno = EFBIG;
                return NULL;
            }
            data = grown;
        }
        size_t n = fread(data + used, 1, cap - used - 1, f);
        used += n;
        if (n == 0)
            break;
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        errno = EIO;
        return NULL;
    }
    data[used] = '\0';
    *len = used;
    return data;
}

/* True when data is valid UTF-8 without NUL bytes (jansson's string check). */
static bool utf8_text(const char *data, size_t len)
{
    if (memchr(data, '\0', len))
        return false;
    json_t *s = json_stringn(data, len);
    json_decref(s);
    return s != NULL;
}

enum jvdr_err import_sources(struct db *db, const char *dir, FILE *log, int *loaded)
{
    sqlite3 *handle = db_handle(db);
    enum jvdr_err code = JVDR_OK;
    *loaded = 0;
    int rc = sqlite3_exec(handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        fprintf(log, "import-sources: cannot start a transaction: %s\n", sqlite3_errmsg(handle));
        return db_error(rc);
    }
    sqlite3_stmt *list = db_stmt(db, "SELECT id, file_name FROM sources "
                                     "WHERE file_name IS NOT NULL ORDER BY id");
    sqlite3_stmt *store = db_stmt(db, "UPDATE sources SET text = ? WHERE id = ?");
    if (!list || !store) {
        code = JVDR_E_INTERNAL;
        goto out;
    }
    while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(list, 0);
        const char *file = (const char *)sqlite3_column_text(list, 1);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, file);
        size_t len = 0;
        char *text = read_file(path, &len);
        if (!text) {
            fprintf(log, "import-sources: %s: skipped, %s\n", path, strerror(errno));
            continue;
        }
        if (!utf8_text(text, len)) {
            fprintf(log, "import-sources: %s: not valid UTF-8 text; nothing imported\n", path);
            free(text);
            code = JVDR_E_INVALID;
            goto out;
        }
        sqlite3_bind_text(store, 1, text, (int)len, free);
        sqlite3_bind_text(store, 2, id, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(store);
        db_stmt_done(store);
        if (rc != SQLITE_DONE) {
            code = db_error(rc);
            goto out;
        }
        fprintf(log, "import-sources: %s -> source %s (%zu bytes)\n", path, id, len);
        (*loaded)++;
    }
    if (rc != SQLITE_DONE)
        code = db_error(rc);
out:
    db_stmt_done(list);
    if (code == JVDR_OK && sqlite3_exec(handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        code = JVDR_E_INTERNAL;
    if (code != JVDR_OK) {
        sqlite3_exec(handle, "ROLLBACK", NULL, NULL, NULL);
        *loaded = 0;
    }
    return code;
}
