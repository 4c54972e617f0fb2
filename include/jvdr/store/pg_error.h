/* PostgreSQL's failures as the service's errors, by SQLSTATE. */
#ifndef JVDR_STORE_PG_ERROR_H
#define JVDR_STORE_PG_ERROR_H

#include <libpq-fe.h>

#include "jvdr/base/error.h"

/* The service's error for a failed result: serialization and deadlock failures, lock timeouts
 * and a lost connection JVDR_E_BUSY (retry), unique and foreign-key violations JVDR_E_CONFLICT,
 * a full disk JVDR_E_STORAGE_FULL, a read-only transaction JVDR_E_FORBIDDEN, a cancelled
 * statement JVDR_E_TIMEOUT, the rest JVDR_E_INTERNAL. */
enum jvdr_err pg_error(const PGresult *res);

#endif
