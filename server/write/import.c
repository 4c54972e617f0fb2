/* Loading source documents' text; see include/jvdr/store/import.h. */
#include "jvdr/write/import.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/store/db.h"
#include "jvdr/store/source_text.h"
#include "jvdr/store/store.h"
#include "jvdr/write/source_text.h"

/* Past this a file is not read whole (the text limit is checked once it is). */
#define IMPORT_MAX_FILE (SOURCE_TEXT_MAX + 1)

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

/* A source that names a file, with the file's text once read. */
struct pending {
    char *id;
    char *path;
    char *text;
    size_t len;
};

/* The sources naming a file, in id order, read into *out (malloc'd, *n of them). */
static enum jvdr_err list_sources(struct store *store, struct pending **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    struct db *db = NULL;
    enum jvdr_err code = store_db(store, &db);
    struct stmt *stmt =
        code == JVDR_OK
            ? db_stmt(db, "SELECT id, file_name FROM sources WHERE file_name IS NOT NULL "
                          "ORDER BY id")
            : NULL;
    if (!stmt)
        return code == JVDR_OK ? JVDR_E_INTERNAL : code;
    size_t cap = 0;
    int rc;
    while (code == JVDR_OK && (rc = stmt_step(stmt)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            struct pending *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                code = JVDR_E_NOMEM;
                break;
            }
            *out = grown;
        }
        struct pending *p = &(*out)[(*n)++];
        memset(p, 0, sizeof *p);
        p->id = strdup(stmt_text(stmt, 0));
        p->path = strdup(stmt_text(stmt, 1));
        if (!p->id || !p->path)
            code = JVDR_E_NOMEM;
    }
    if (code == JVDR_OK && rc != DB_DONE)
        code = db_error(rc);
    db_stmt_done(stmt);
    return code;
}

static void free_pending(struct pending *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].id);
        free(list[i].path);
        free(list[i].text);
    }
    free(list);
}

/* Reads every file and checks it as a document's text; false when one is unfit. */
static bool read_all(struct pending *list, size_t n, const char *dir, FILE *log)
{
    bool fit = true;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, list[i].path);
        list[i].text = read_file(path, &list[i].len);
        if (!list[i].text && errno == EFBIG) {
            fprintf(log, "import-sources: %s: too large for a document's text; nothing imported\n",
                    path);
            fit = false;
        } else if (!list[i].text) {
            fprintf(log, "import-sources: %s: skipped, %s\n", path, strerror(errno));
            continue;
        }
        enum source_text_fault fault = source_text_check(list[i].text, list[i].len);
        if (fault != SOURCE_TEXT_FINE) {
            fprintf(log, "import-sources: %s: %s; nothing imported\n", path,
                    fault == SOURCE_TEXT_LARGE   ? "too large for a document's text"
                    : fault == SOURCE_TEXT_EMPTY ? "empty"
                                                 : "not valid UTF-8 text without NUL bytes");
            fit = false;
        }
    }
    return fit;
}

enum jvdr_err import_sources(struct store *store, const char *dir, FILE *log, int *loaded)
{
    *loaded = 0;
    struct pending *list = NULL;
    size_t n = 0;
    enum jvdr_err code = list_sources(store, &list, &n);
    if (code == JVDR_OK && !read_all(list, n, dir, log))
        code = JVDR_E_INVALID;
    struct arena *arena = code == JVDR_OK ? arena_new() : NULL;
    if (code == JVDR_OK && !arena)
        code = JVDR_E_NOMEM;
    bool refused = false;
    for (size_t i = 0; code == JVDR_OK && i < n; i++) {
        if (!list[i].text)
            continue;
        struct text_put put = {.store = store,
                               .arena = arena,
                               .id = list[i].id,
                               .text = list[i].text,
                               .len = list[i].len,
                               .actor = "import-sources",
                               .writer = "{\"method\":\"command\",\"label\":\"import-sources\"}"};
        struct text_put_outcome out;
        enum jvdr_err one = source_text_put(&put, &out);
        json_decref(out.carried);
        if (one == JVDR_OK) {
            json_decref(out.broken); /* empty */
            json_decref(out.orphans);
            fprintf(log, "import-sources: %s/%s -> source %s (%zu bytes)\n", dir, list[i].path,
                    list[i].id, list[i].len);
            (*loaded)++;
            continue;
        }
        fprintf(log, "import-sources: source %s: refused: %s\n", list[i].id,
                out.detail ? out.detail : "the store failed");
        size_t k;
        json_t *span;
        json_array_foreach(out.broken, k, span)
        {
            fprintf(log, "import-sources:   %s %s%s ends at %lld\n",
                    json_string_value(json_object_get(span, "kind")),
                    json_string_value(json_object_get(span, "id")),
                    json_string_value(json_object_get(span, "pointer")),
                    (long long)json_integer_value(json_object_get(span, "end")));
        }
        json_array_foreach(out.orphans, k, span)
        {
            fprintf(log, "import-sources:   %s %s%s: \"%s\" is no longer in the text\n",
                    json_string_value(json_object_get(span, "kind")),
                    json_string_value(json_object_get(span, "id")),
                    json_string_value(json_object_get(span, "pointer")),
                    json_string_value(json_object_get(span, "exact")));
        }
        json_decref(out.broken);
        json_decref(out.orphans);
        if (one == JVDR_E_CONFLICT)
            refused = true; /* this one only: the others go on */
        else
            code = one; /* the store itself failed: stop */
    }
    arena_free(arena);
    free_pending(list, n);
    return code == JVDR_OK && refused ? JVDR_E_CONFLICT : code;
}
