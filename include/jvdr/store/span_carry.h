/* The spans citing a document carried onto its corrected text (base/anchor.h places them), inside
 * the text's write transaction: each kept, moved, corrected (its new words recorded) or orphaned,
 * two of one record that land on the same words made one, and what happened to each reported by
 * record kind, id and JSON pointer. */
#ifndef JVDR_STORE_SPAN_CARRY_H
#define JVDR_STORE_SPAN_CARRY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "jvdr/base/error.h"

struct db;

struct span_carry {
    /* What happened, for the text's entry in /v1/changes (new reference, NULL when nothing
     * moved): {"moved": [...], "corrected": [...], "orphaned": [...], "merged": [...]}, each
     * member present only when it has entries. A moved or corrected span is named by its pointer
     * in the record after the change; an orphaned or merged one by its pointer before. */
    json_t *report;
    /* The orphans alone, [{kind, id, pointer, exact}] (new reference, NULL when none). */
    json_t *orphans;
    long long edits; /* code points inserted and deleted; -1 when past the difference's bounds */
};

/* Carries the spans citing source id from old_text to new_text (both whole, valid UTF-8; the
 * caller stores new_text). With orphans, and keep_orphans false, nothing is written and
 * JVDR_E_CONFLICT is returned with out->orphans listing them; with keep_orphans, each leaves its
 * record's spans for its orphans (shown beside them). out is filled either way. */
enum jvdr_err span_carry(struct db *db, const char *id, const char *old_text, size_t old_len,
                         const char *new_text, size_t new_len, bool keep_orphans,
                         struct span_carry *out);

#endif
