/* Validating write bodies against a resource's fields, declared as data. Every problem is
 * collected (not just the first) as {"pointer": "/participants/0/id", "detail": "..."}, and ids
 * that must name existing records are gathered for the caller to check inside its transaction. */
#ifndef JVDR_WRITE_VALIDATE_H
#define JVDR_WRITE_VALIDATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct arena;

enum field_type {
    FIELD_STRING,  /* text of 1..max characters */
    FIELD_ID,      /* a record id; with `references`, one that must exist */
    FIELD_ENUM,    /* one of `values` */
    FIELD_WORD,    /* a vocabulary word [a-z0-9-], 1..64 */
    FIELD_DATE,    /* ISO date at year, month or day precision, a real calendar date */
    FIELD_COUNTRY, /* an assigned ISO 3166-1 alpha-2 code */
    FIELD_PARTY,   /* a country code, or an organisation's short name in capitals (ASEAN) */
    FIELD_BOOL,
    FIELD_OFFSET,    /* a whole number from 0 to 10,000,000 */
    FIELD_OBJECTS,   /* an array of objects, each checked against `fields` */
    FIELD_VALUES,    /* an array of distinct scalars, each checked as `item` */
    FIELD_READ_ONLY, /* shown by GET, accepted and ignored on write */
};

/* The largest character offset a span may name. */
#define VALIDATE_OFFSET_MAX 10000000

#define FIELD_REQUIRED 1u
#define FIELD_NULLABLE 2u

struct field {
    const char *name;
    enum field_type type;
    unsigned flags;
    size_t max;                 /* longest string, or most array items */
    const char *const *values;  /* FIELD_ENUM: NULL-terminated */
    const struct field *fields; /* FIELD_OBJECTS: the item's fields, ending in {NULL} */
    enum field_type item;       /* FIELD_VALUES: each item's type */
    const char *references;     /* FIELD_ID: the table whose id it names */
};

#define VALIDATE_MAX_REFERENCES 256

struct reference {
    const char *table; /* from a field spec, never from the client */
    const char *id;
    const char *pointer;
};

struct validation {
    struct arena *arena;
    json_t *errors; /* array of {"pointer", "detail"} */
    struct reference refs[VALIDATE_MAX_REFERENCES];
    size_t nrefs;
};

/* Starts a validation whose strings live in arena. Returns 0, or -1 when out of memory. */
int validate_init(struct validation *v, struct arena *arena);

/* Releases the errors array (if not handed over). */
void validate_cleanup(struct validation *v);

/* Checks object against fields under the JSON pointer prefix ("" for the body). Unknown members
 * are errors; FIELD_READ_ONLY members are ignored. */
void validate_object(struct validation *v, json_t *object, const struct field *fields,
                     const char *prefix);

/* Records an error at pointer. */
void validate_error(struct validation *v, const char *pointer, const char *detail);

/* True when no error was recorded. */
bool validate_ok(const struct validation *v);

#endif
