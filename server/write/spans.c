/* Spans against their documents' text; see include/jvdr/write/spans.h. */
#include "jvdr/write/spans.h"

#include <stdio.h>

#include "jvdr/base/arena.h"
#include "jvdr/store/source_text.h"

void spans_check_against_text(struct db *db, struct validation *v, json_t *record)
{
    size_t i, j;
    json_t *ref, *span;
    json_array_foreach(json_object_get(record, "sources"), i, ref)
    {
        const char *id = json_string_value(json_object_get(ref, "id"));
        long long length = -1;
        if (!id || source_text_length(db, id, &length) != JVDR_OK || length < 0)
            continue; /* no such source (reported as a reference) or no text yet */
        json_array_foreach(json_object_get(ref, "spans"), j, span)
        {
            json_int_t start = json_integer_value(json_object_get(span, "start"));
            json_int_t end = json_integer_value(json_object_get(span, "end"));
            if (end <= length)
                continue;
            bool from_start = start >= length;
            char pointer[64];
            snprintf(pointer, sizeof pointer, "/sources/%zu/spans/%zu/%s", i, j,
                     from_start ? "start" : "end");
            validate_error(v, pointer,
                           arena_printf(v->arena,
                                        "%s at %lld, past the end of the document's text, which "
                                        "is %lld code point%s long",
                                        from_start ? "starts" : "ends",
                                        (long long)(from_start ? start : end), length,
                                        length == 1 ? "" : "s"));
        }
    }
}
