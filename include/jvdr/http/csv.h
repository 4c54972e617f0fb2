/* CSV (RFC 4180) for spreadsheets: a header row naming the columns, then a row per record, CRLF
 * line ends, quoting where a cell needs it. A cell is the record's field: arrays joined with ';',
 * a nested record by its id, null empty. A cell that a spreadsheet would take for a formula
 * (starting with '=', '+', '-', '@', a tab or a carriage return) is made inert with a leading
 * apostrophe and quoted, as OWASP's advice on CSV injection says. */
#ifndef JVDR_HTTP_CSV_H
#define JVDR_HTTP_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/buf.h"
#include "jvdr/base/error.h"

/* Appends the header row of columns (ending in NULL). */
void csv_header(struct buf *out, const char *const *columns);

/* Appends the row of one record given as JSON text (an object). False when it is not one. */
bool csv_row(struct buf *out, const char *json, size_t len, const char *const *columns);

/* The CSV of a list answer ({"items": [...], ...}) into *out (malloc'd, *out_len bytes). Returns
 * JVDR_OK, JVDR_E_NOMEM, or JVDR_E_INTERNAL when the JSON is not such an answer. */
enum jvdr_err csv_from_list(const char *json, size_t len, const char *const *columns, char **out,
                            size_t *out_len);

#endif
