/* PostgreSQL's failures as the service's errors; see include/jvdr/store/pg_error.h. */
#include "jvdr/store/pg_error.h"

#include <string.h>

enum jvdr_err pg_error(const PGresult *res)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (!state)
        return JVDR_E_BUSY; /* no SQLSTATE: the connection itself failed */
    static const struct {
        const char *prefix;
        enum jvdr_err code;
    } map[] = {
        {"40001", JVDR_E_BUSY},     /* serialization failure */
        {"40P01", JVDR_E_BUSY},     /* deadlock */
        {"55P03", JVDR_E_BUSY},     /* lock not available */
        {"57P", JVDR_E_BUSY},       /* the server is shutting down or restarting */
        {"08", JVDR_E_BUSY},        /* connection exceptions */
        {"23505", JVDR_E_CONFLICT}, /* unique violation */
        {"23503", JVDR_E_CONFLICT}, /* foreign-key violation */
        {"53100", JVDR_E_STORAGE_FULL},
        {"25006", JVDR_E_FORBIDDEN}, /* read-only transaction (a standby) */
        {"57014", JVDR_E_TIMEOUT},   /* statement cancelled */
        {"53200", JVDR_E_NOMEM},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(state, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].code;
    return JVDR_E_INTERNAL;
}
