/* The ISO 3166-1 alpha-2 codes, for validating what analysts write. */
#ifndef JVDR_BASE_COUNTRY_H
#define JVDR_BASE_COUNTRY_H

#include <stdbool.h>
#include <stddef.h>

/* True when code is an assigned ISO 3166-1 alpha-2 code (upper case). */
bool country_known(const char *code);

/* A name a text may call a country by. */
struct country_name {
    const char *code, *name;
};

/* Every country's English names (several rows per code: "Viet Nam", "Vietnam"), ending in a row
 * of NULLs (server/base/country_names.c). */
extern const struct country_name country_names[];

#endif
