/* The whole API as one table: every {methods, pattern, handler, body limit, name, flags} row the
 * router matches, ending in a sentinel. The HTTP layer receives it through struct site. */
#ifndef JVDR_SERVICE_ROUTES_H
#define JVDR_SERVICE_ROUTES_H

#include "jvdr/http/router.h"

extern const struct route jvdr_routes[];

#endif
