/* libFuzzer harness: write bodies — JSON parsing with the service's limits, merge patches, and
 * validation against every resource's fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/http/body.h"
#include "jvdr/write/fields.h"
#include "jvdr/write/validate.h"

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
        /* A merge patch applied to a copy of itself leaves no member the patch set to null. */
        json_t *copy = json_deep_copy(record);
        body_merge_patch(copy, record);
        const char *key;
        json_t *value;
        json_object_foreach(record, key, value)
        {
            if (json_is_null(value) && json_object_get(copy, key))
                abort();
        }
        json_decref(copy);
    }
    arena_free(arena);
    return 0;
}
