/* Field-by-field validation of write bodies; see include/jvdr/write/validate.h. */
#include "jvdr/write/validate.h"

#include <ctype.h>
#include <string.h>

#include "jvdr/base/arena.h"
#include "jvdr/base/country.h"
#include "jvdr/base/date.h"
#include "jvdr/http/params.h"

int validate_init(struct validation *v, struct arena *arena)
{
    memset(v, 0, sizeof *v);
    v->arena = arena;
    v->errors = json_array();
    return v->errors ? 0 : -1;
}

void validate_cleanup(struct validation *v)
{
    json_decref(v->errors);
    v->errors = NULL;
}

void validate_error(struct validation *v, const char *pointer, const char *detail)
{
    json_t *e = json_pack("{s:s, s:s}", "pointer", pointer, "detail", detail);
    if (e)
        json_array_append_new(v->errors, e);
}

bool validate_ok(const struct validation *v)
{
    return json_array_size(v->errors) == 0;
}

/* prefix + "/" + name, with ~ and / escaped as RFC 6901 asks. */
static const char *pointer_to(struct arena *arena, const char *prefix, const char *name)
{
    size_t extra = 0;
    for (const char *p = name; *p; p++)
        extra += *p == '~' || *p == '/';
    size_t plen = strlen(prefix), nlen = strlen(name);
    char *out = arena_alloc(arena, plen + nlen + extra + 2);
    if (!out)
        return "";
    memcpy(out, prefix, plen);
    size_t o = plen;
    out[o++] = '/';
    for (const char *p = name; *p; p++) {
        if (*p == '~' || *p == '/') {
            out[o++] = '~';
            out[o++] = *p == '~' ? '0' : '1';
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    return out;
}

/* Number of Unicode code points in valid UTF-8 text. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static bool party_name(const char *s)
{
    size_t len = strlen(s);
    if (len == 2)
        return country_known(s);
    if (len < 3 || len > 16)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isupper((unsigned char)s[i]))
            return false;
    return true;
}

/* Checks one scalar value of type t at pointer. */
static void validate_scalar(struct validation *v, const struct field *f, enum field_type t,
                            json_t *value, const char *pointer)
{
    const char *s = json_string_value(value);
    switch (t) {
    case FIELD_BOOL:
        if (!json_is_boolean(value))
            validate_error(v, pointer, "must be true or false");
        return;
    case FIELD_OFFSET:
        if (!json_is_integer(value) || json_integer_value(value) < 0 ||
            json_integer_value(value) > VALIDATE_OFFSET_MAX)
            validate_error(v, pointer, "must be a whole number from 0 to 10000000");
        return;
    default:
        break;
    }
    if (!s) {
        validate_error(v, pointer, "must be a string");
        return;
    }
    switch (t) {
    case FIELD_STRING: {
        size_t len = utf8_length(s);
        size_t max = f->max ? f->max : 200;
        if (len == 0 || len > max)
            validate_error(v, pointer, arena_printf(v->arena, "must be 1 to %zu characters", max));
        else if (strpbrk(s, "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
                            "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"))
            validate_error(v, pointer, "must not contain control characters");
        return;
    }
    case FIELD_ID:
        if (!id_valid(s)) {
            validate_error(v, pointer,
                           "must be an id: 1 to 100 lower-case letters, digits and "
                           "single hyphens, not at either end");
        } else if (f->references && v->nrefs < VALIDATE_MAX_REFERENCES) {
            v->refs[v->nrefs].table = f->references;
            v->refs[v->nrefs].id = s;
            v->refs[v->nrefs].pointer = pointer;
            v->nrefs++;
        } else if (f->references) {
            validate_error(v, pointer, "too many references in one request");
        }
        return;
    case FIELD_ENUM:
        for (const char *const *e = f->values; *e; e++)
            if (strcmp(*e, s) == 0)
                return;
        {
            char *list = arena_strdup(v->arena, f->values[0]);
            for (const char *const *e = f->values + 1; list && *e; e++)
                list = arena_printf(v->arena, "%s, %s", list, *e);
            validate_error(v, pointer,
                           list ? arena_printf(v->arena, "must be one of: %s", list)
                                : "is not an allowed value");
        }
        return;
    case FIELD_WORD:
        if (!*s || strlen(s) > 64 ||
            strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(s))
            validate_error(v, pointer, "must be a word of lower-case letters, digits and '-'");
        return;
    case FIELD_DATE:
        if (date_parse(s) == DATE_INVALID)
            validate_error(v, pointer, "must be a real date written YYYY, YYYY-MM or YYYY-MM-DD");
        return;
    case FIELD_COUNTRY:
        if (!country_known(s))
            validate_error(v, pointer, "must be an assigned ISO 3166-1 alpha-2 code, e.g. VN");
        return;
    case FIELD_PARTY:
        if (!party_name(s))
            validate_error(v, pointer,
                           "must be an ISO 3166-1 alpha-2 code or an organisation's "
                           "short name in capitals, e.g. ASEAN");
        return;
    default:
        validate_error(v, pointer, "cannot be checked");
        return;
    }
}

/* Checks an array field: its size, each item, and that scalar items are distinct. */
static void validate_array(struct validation *v, const struct field *f, json_t *value,
                           const char *pointer)
{
    if (!json_is_array(value)) {
        validate_error(v, pointer, "must be an array");
        return;
    }
    size_t max = f->max ? f->max : 100;
    if (json_array_size(value) > max) {
        validate_error(v, pointer, arena_printf(v->arena, "must have at most %zu items", max));
        return;
    }
    size_t i;
    json_t *item;
    json_array_foreach(value, i, item)
    {
        const char *at = arena_printf(v->arena, "%s/%zu", pointer, i);
        if (!at)
            return;
        if (f->type == FIELD_OBJECTS) {
            if (json_is_object(item))
                validate_object(v, item, f->fields, at);
            else
                validate_error(v, at, "must be an object");
            continue;
        }
        /* max counts the array's items, not an item's characters (the item's own default). */
        struct field each = *f;
        each.max = 0;
        validate_scalar(v, &each, f->item, item, at);
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(value, j), item))
                validate_error(v, at, "repeats an earlier item");
    }
}

void validate_object(struct validation *v, json_t *object, const struct field *fields,
                     const char *prefix)
{
    const char *key;
    json_t *value;
    json_object_foreach(object, key, value)
    {
        const struct field *f = fields;
        while (f->name && strcmp(f->name, key) != 0)
            f++;
        if (!f->name)
            validate_error(v, pointer_to(v->arena, prefix, key), "is not a field of this record");
    }
    for (const struct field *f = fields; f->name; f++) {
        if (f->type == FIELD_READ_ONLY)
            continue;
        json_t *member = json_object_get(object, f->name);
        const char *pointer = pointer_to(v->arena, prefix, f->name);
        if (!member) {
            if (f->flags & FIELD_REQUIRED)
                validate_error(v, pointer, "is required");
            continue;
        }
        if (json_is_null(member)) {
            if (!(f->flags & FIELD_NULLABLE))
                validate_error(v, pointer, "must not be null");
            continue;
        }
        if (f->type == FIELD_OBJECTS || f->type == FIELD_VALUES)
            validate_array(v, f, member, pointer);
        else
            validate_scalar(v, f, f->type, member, pointer);
    }
}
