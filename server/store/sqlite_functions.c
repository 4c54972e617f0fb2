/* SQL functions of the SQLite engine; see include/jvdr/store/sqlite_functions.h. */
#include "jvdr/store/sqlite_functions.h"

#include <stdlib.h>

#include "jvdr/base/fold.h"

static void fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    int len = sqlite3_value_bytes(argv[0]);
    if (!text) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    char *out = malloc((size_t)len + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    size_t n = fold_utf8(text, (size_t)len, out);
    sqlite3_result_text(ctx, out, (int)n, free);
}

int sqlite_functions_register(sqlite3 *handle)
{
    return sqlite3_create_function_v2(handle, "fold", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                      fold_sql, NULL, NULL, NULL);
}
