/* Files compiled into the binary at build time (scripts/embed.cmake), so that jvdr runs from any
 * working directory without its source tree. */
#ifndef JVDR_BASE_EMBEDDED_H
#define JVDR_BASE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name; /* file name without directory, e.g. "0001_schema.sql" */
    const char *data; /* NUL-terminated contents */
    size_t size;      /* bytes, without the terminating NUL */
};

/* The SQL migrations, sorted by file name (and so by number), ending in a {NULL} row. */
extern const struct embedded_file embedded_migrations[];

/* The PostgreSQL store's own migrations (migrations/postgresql/), sorted likewise. */
extern const struct embedded_file embedded_pg_migrations[];

/* One row, openapi/openapi.json, then the {NULL} row. */
extern const struct embedded_file embedded_openapi[];

#endif
