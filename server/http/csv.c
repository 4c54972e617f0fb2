/* CSV of list answers; see include/jvdr/http/csv.h. */
#include "jvdr/http/csv.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Appends one value's text, unquoted: a scalar as itself, a record by its id, an array's elements
 * joined with ';', null as nothing. */
static void value_text(struct buf *out, json_t *value, bool nested)
{
    switch (json_typeof(value)) {
    case JSON_STRING:
        buf_append(out, json_string_value(value), json_string_length(value));
        break;
    case JSON_INTEGER:
        buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        break;
    case JSON_REAL:
        buf_printf(out, "%.17g", json_real_value(value));
        break;
    case JSON_TRUE:
        buf_puts(out, "true");
        break;
    case JSON_FALSE:
        buf_puts(out, "false");
        break;
    case JSON_NULL:
        break;
    case JSON_OBJECT: {
        json_t *id = json_object_get(value, "id");
        if (json_is_string(id)) {
            value_text(out, id, true);
        } else { /* not a record: its JSON, whole */
            char *text = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);
            buf_puts(out, text ? text : "");
            free(text);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *element;
        json_array_foreach(value, i, element)
        {
            if (i)
                buf_puts(out, ";");
            if (nested && json_is_array(element)) { /* deeper arrays: as JSON */
                char *text = json_dumps(element, JSON_COMPACT);
                buf_puts(out, text ? text : "");
                free(text);
            } else {
                value_text(out, element, true);
            }
        }
        break;
    }
    }
}

/* Appends a cell: quoted when it holds a separator, a quote or a line break; made inert (a leading
 * apostrophe, quoted) when a spreadsheet would read it as a formula. */
static void put_cell(struct buf *out, const char *text, size_t len)
{
    bool inert = len > 0 && strchr("=+-@\t\r", text[0]) != NULL;
    bool quote = inert;
    for (size_t i = 0; i < len && !quote; i++)
        quote = text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
    if (!quote) {
        buf_append(out, text, len);
        return;
    }
    buf_puts(out, inert ? "\"'" : "\"");
    for (const char *p = text, *end = text + len; p < end;) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        size_t n = q ? (size_t)(q - p) + 1 : (size_t)(end - p);
        buf_append(out, p, n);
        if (q)
            buf_puts(out, "\""); /* a quote doubled */
        p += n;
    }
    buf_puts(out, "\"");
}

void csv_header(struct buf *out, const char *const *columns)
{
    for (const char *const *c = columns; *c; c++) {
        if (c != columns)
            buf_puts(out, ",");
        put_cell(out, *c, strlen(*c));
    }
    buf_puts(out, "\r\n");
}

/* Appends the row of a parsed record. */
static void record_row(struct buf *out, json_t *record, const char *const *columns)
{
    struct buf cell;
    buf_init(&cell);
    for (const char *const *c = columns; *c; c++) {
        if (c != columns)
            buf_puts(out, ",");
        cell.len = 0;
        json_t *value = json_object_get(record, *c);
        if (value)
            value_text(&cell, value, false);
        put_cell(out, cell.len ? cell.data : "", cell.len);
        out->failed |= cell.failed;
    }
    buf_cleanup(&cell);
    buf_puts(out, "\r\n");
}

bool csv_row(struct buf *out, const char *json, size_t len, const char *const *columns)
{
    json_t *record = json_loadb(json, len, 0, NULL);
    bool ok = json_is_object(record);
    if (ok)
        record_row(out, record, columns);
    json_decref(record);
    return ok;
}

enum jvdr_err csv_from_list(const char *json, size_t len, const char *const *columns, char **out,
                            size_t *out_len)
{
    *out = NULL;
    json_t *answer = json_loadb(json, len, 0, NULL);
    json_t *items = json_object_get(answer, "items");
    if (!json_is_array(items)) {
        json_decref(answer);
        return JVDR_E_INTERNAL;
    }
    struct buf b;
    buf_init(&b);
    csv_header(&b, columns);
    size_t i;
    json_t *record;
    json_array_foreach(items, i, record)
    {
        if (json_is_object(record))
            record_row(&b, record, columns);
    }
    json_decref(answer);
    *out = buf_take(&b, out_len);
    return *out ? JVDR_OK : JVDR_E_NOMEM;
}
