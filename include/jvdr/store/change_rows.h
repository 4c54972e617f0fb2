/* A change of the audit trail (the changes table, migrations/0004_changes.sql) as the API shows
 * it: the one SQL expression that renders a row, for the list (GET /v1/changes) and the live
 * stream alike, so that an event of the stream is the same object as an item of the list. */
#ifndef JVDR_STORE_CHANGE_ROWS_H
#define JVDR_STORE_CHANGE_ROWS_H

/* A change's fields; a text's replacement adds what it did to the spans citing it. */
#define CHANGE_FIELDS_SQL                                                                          \
    "'cursor', seq, 'at', at, 'actor', actor, 'writer', json(writer), 'action', action, "          \
    "'kind', kind, 'id', record_id, 'request_id', request_id, 'before', json(before), "            \
    "'after', json(after)"

/* The JSON object of the row in the changes table being selected: spans only on a text's
 * replacement, reverts only on a revert. */
#define CHANGE_JSON_SQL                                                                            \
    "CASE WHEN spans IS NULL AND reverts IS NULL THEN json_object(" CHANGE_FIELDS_SQL ") "         \
    "WHEN reverts IS NULL THEN json_object(" CHANGE_FIELDS_SQL ", 'spans', json(spans)) "          \
    "WHEN spans IS NULL THEN json_object(" CHANGE_FIELDS_SQL ", 'reverts', reverts) "              \
    "ELSE json_object(" CHANGE_FIELDS_SQL ", 'spans', json(spans), 'reverts', reverts) END"

#endif
