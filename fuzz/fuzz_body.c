/* libFuzzer harness: write bodies — JSON parsing with the service's limits, merge patches, and
 * validation against every resource's fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../server/write_fields.h"
#include "jvdr/arena.h"
#include "jvdr/body.h"
#include "jvdr/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *arena = arena_new();
    struct request req;
    memset(&req, 0, sizeof req);
    req.arena = arena;
    req.body = (const char *)data;
    req.body_len = size;
    json_t *record = NULL;
    if (body_parse_object(&req, &record) == JVDR_OK) {
        const struct field *tables[] = {event_fields, official_fields, agreement_fields,
                                        source_fields};
        for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
            struct validation v;
            if (validate_init(&v, arena) != 0)
                break;
            validate_object(&v, record, tables[t], "");
            check_sources_and_dates(&v, record);
            validate_cleanup(&v);
        }
        json_t *copy = json_deep_copy(record);
        body_merge_patch(copy, record); /* a patch applied to itself */
        if (!json_equal(copy, record) && json_object_size(copy) >= json_object_size(record))
            ; /* nulls remove members: sizes may differ, nothing to assert beyond not crashing */
        json_decref(copy);
    }
    arena_free(arena);
    return 0;
}
