/* The whole API surface at a glance: method, path pattern, handler, body limit, log label, what
 * the answers show, for lists their CSV columns, and for writes the scopes their writer needs.
 * tests/unit/service/test_routes.c checks it against the OpenAPI document path by path. */
#include "jvdr/service/routes.h"

#include "jvdr/http/scopes.h"
#include "jvdr/read/agreements.h"
#include "jvdr/read/changes.h"
#include "jvdr/read/events.h"
#include "jvdr/read/officials.h"
#include "jvdr/read/proposals.h"
#include "jvdr/read/search.h"
#include "jvdr/read/source_text.h"
#include "jvdr/read/sources.h"
#include "jvdr/read/timeline.h"
#include "jvdr/service/meta.h"
#include "jvdr/store/source_text.h"
#include "jvdr/write/agreements.h"
#include "jvdr/write/events.h"
#include "jvdr/write/officials.h"
#include "jvdr/write/revert.h"
#include "jvdr/write/source_text.h"
#include "jvdr/write/sources.h"

/* Body limits: the configured --max-body caps these. */
#define WRITE_BODY (64u << 20)

const struct route jvdr_routes[] = {
    {HTTP_GET, "/", meta_index, 0, "index", ROUTE_NO_DB | ROUTE_CACHE, NULL, NULL, 0},
    {HTTP_GET, "/openapi.json", meta_openapi, 0, "openapi", ROUTE_NO_DB | ROUTE_CACHE, NULL, NULL,
     0},
    {HTTP_GET, "/healthz", meta_healthz, 0, "healthz", ROUTE_NO_DB | ROUTE_UNLIMITED, NULL, NULL,
     0},
    {HTTP_GET, "/readyz", meta_readyz, 0, "readyz", ROUTE_UNLIMITED, NULL, NULL, 0},
    {HTTP_GET, "/metrics", meta_metrics, 0, "metrics", ROUTE_NO_DB | ROUTE_UNLIMITED, NULL, NULL,
     0},
    {HTTP_GET, "/v1/events", events_list, 0, "events.list", ROUTE_CACHE | ROUTE_CSV | ROUTE_EXPORT,
     "event", event_columns, 0},
    {HTTP_POST, "/v1/events", events_create, WRITE_BODY, "events.create", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_GET, "/v1/events/{id}", events_get, 0, "events.get", ROUTE_CACHE, "event", NULL, 0},
    {HTTP_PUT, "/v1/events/{id}", events_replace, WRITE_BODY, "events.replace", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_PATCH, "/v1/events/{id}", events_patch, WRITE_BODY, "events.patch", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_DELETE, "/v1/events/{id}", events_delete, 0, "events.delete", 0, NULL, NULL,
     SCOPE_RECORDS_DELETE},
    {HTTP_GET, "/v1/stats", events_stats, 0, "stats", ROUTE_CACHE, "event official", NULL, 0},
    {HTTP_GET, "/v1/timeline", timeline_list, 0, "timeline", ROUTE_CACHE | ROUTE_CSV | ROUTE_EXPORT,
     "event agreement", timeline_columns, 0},
    {HTTP_GET, "/v1/search", search_get, 0, "search", ROUTE_CACHE | ROUTE_CSV,
     "event official agreement source", search_columns, 0},
    {HTTP_GET, "/v1/changes", changes_list, 0, "changes", ROUTE_CACHE | ROUTE_CSV | ROUTE_LIVE,
     "change", change_columns, 0},
    {HTTP_POST, "/v1/changes/{cursor}/revert", changes_revert, 0, "changes.revert", 0, NULL, NULL,
     0},
    {HTTP_GET, "/v1/officials", officials_list, 0, "officials.list",
     ROUTE_CACHE | ROUTE_CSV | ROUTE_EXPORT, "official", official_columns, 0},
    {HTTP_POST, "/v1/officials", officials_create, WRITE_BODY, "officials.create", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_GET, "/v1/officials/{id}", officials_get, 0, "officials.get", ROUTE_CACHE, "official",
     NULL, 0},
    {HTTP_PUT, "/v1/officials/{id}", officials_replace, WRITE_BODY, "officials.replace", 0, NULL,
     NULL, SCOPE_RECORDS_WRITE},
    {HTTP_PATCH, "/v1/officials/{id}", officials_patch, WRITE_BODY, "officials.patch", 0, NULL,
     NULL, SCOPE_RECORDS_WRITE},
    {HTTP_DELETE, "/v1/officials/{id}", officials_delete, 0, "officials.delete", 0, NULL, NULL,
     SCOPE_RECORDS_DELETE},
    {HTTP_GET, "/v1/agreements", agreements_list, 0, "agreements.list",
     ROUTE_CACHE | ROUTE_CSV | ROUTE_EXPORT, "agreement", agreement_columns, 0},
    {HTTP_POST, "/v1/agreements", agreements_create, WRITE_BODY, "agreements.create", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_GET, "/v1/agreements/{id}", agreements_get, 0, "agreements.get", ROUTE_CACHE, "agreement",
     NULL, 0},
    {HTTP_PUT, "/v1/agreements/{id}", agreements_replace, WRITE_BODY, "agreements.replace", 0, NULL,
     NULL, SCOPE_RECORDS_WRITE},
    {HTTP_PATCH, "/v1/agreements/{id}", agreements_patch, WRITE_BODY, "agreements.patch", 0, NULL,
     NULL, SCOPE_RECORDS_WRITE},
    {HTTP_DELETE, "/v1/agreements/{id}", agreements_delete, 0, "agreements.delete", 0, NULL, NULL,
     SCOPE_RECORDS_DELETE},
    {HTTP_GET, "/v1/sources", sources_list, 0, "sources.list",
     ROUTE_CACHE | ROUTE_CSV | ROUTE_EXPORT, "source", source_columns, 0},
    {HTTP_POST, "/v1/sources", sources_create, WRITE_BODY, "sources.create", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_GET, "/v1/sources/{id}", sources_get, 0, "sources.get", ROUTE_CACHE, "source", NULL, 0},
    {HTTP_PUT, "/v1/sources/{id}", sources_replace, WRITE_BODY, "sources.replace", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_PATCH, "/v1/sources/{id}", sources_patch, WRITE_BODY, "sources.patch", 0, NULL, NULL,
     SCOPE_RECORDS_WRITE},
    {HTTP_DELETE, "/v1/sources/{id}", sources_delete, 0, "sources.delete", 0, NULL, NULL,
     SCOPE_RECORDS_DELETE},
    {HTTP_GET, "/v1/sources/{id}/text", sources_text_get, 0, "sources.text",
     ROUTE_CACHE | ROUTE_TEXT, "source", NULL, 0},
    {HTTP_PUT, "/v1/sources/{id}/text", sources_text_replace, SOURCE_TEXT_MAX,
     "sources.text.replace", 0, NULL, NULL, SCOPE_TEXTS_WRITE},
    {HTTP_GET, "/v1/sources/{id}/mentions", sources_mentions, 0, "sources.mentions",
     ROUTE_CACHE | ROUTE_EXPORT, "source", NULL, 0},
    {HTTP_GET, "/v1/sources/{id}/proposals", sources_proposals, 0, "sources.proposals", ROUTE_CACHE,
     "source", NULL, 0},
    {0, NULL, NULL, 0, NULL, 0, NULL, NULL, 0},
};
