/* The whole API surface at a glance: method, path pattern, handler, body limit, log label.
 * tests/unit/test_routes.c checks it against the OpenAPI document path by path. */
#include "jvdr/resources.h"
#include "jvdr/router.h"
#include "jvdr/search.h"

const struct route jvdr_routes[] = {
    {HTTP_GET, "/", meta_index, 0, "index"},
    {HTTP_GET, "/openapi.json", meta_openapi, 0, "openapi"},
    {HTTP_GET, "/healthz", meta_healthz, 0, "healthz"},
    {HTTP_GET, "/readyz", meta_readyz, 0, "readyz"},
    {HTTP_GET, "/v1/events", events_list, 0, "events.list"},
    {HTTP_GET, "/v1/events/{id}", events_get, 0, "events.get"},
    {HTTP_GET, "/v1/stats", events_stats, 0, "stats"},
    {HTTP_GET, "/v1/timeline", timeline_list, 0, "timeline"},
    {HTTP_GET, "/v1/search", search_get, 0, "search"},
    {HTTP_GET, "/v1/officials", officials_list, 0, "officials.list"},
    {HTTP_GET, "/v1/officials/{id}", officials_get, 0, "officials.get"},
    {HTTP_GET, "/v1/agreements", agreements_list, 0, "agreements.list"},
    {HTTP_GET, "/v1/agreements/{id}", agreements_get, 0, "agreements.get"},
    {HTTP_GET, "/v1/sources", sources_list, 0, "sources.list"},
    {HTTP_GET, "/v1/sources/{id}", sources_get, 0, "sources.get"},
    {0, NULL, NULL, 0, NULL},
};
