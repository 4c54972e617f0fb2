/* The ISO 3166-1 alpha-2 codes, for validating what analysts write. */
#ifndef JVDR_BASE_COUNTRY_H
#define JVDR_BASE_COUNTRY_H

#include <stdbool.h>

/* True when code is an assigned ISO 3166-1 alpha-2 code (upper case). */
bool country_known(const char *code);

#endif
