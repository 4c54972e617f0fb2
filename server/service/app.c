/* Wiring at start-up: the configuration, the site with the API's routes, and the store whose
 * commits empty the response cache. */
#include "jvdr/service/app.h"

#include <stdio.h>
#include <string.h>

#include "jvdr/http/server.h"
#include "jvdr/service/routes.h"
#include "jvdr/store/change_feed.h"
#include "jvdr/write/agreements.h"
#include "jvdr/write/bulk.h"
#include "jvdr/write/events.h"
#include "jvdr/write/officials.h"
#include "jvdr/write/sources.h"

/* A POST to a collection may be a bulk load of its records (write/bulk.h). */
static struct body_sink *open_sink(struct request *req, enum jvdr_err *code)
{
    static const struct {
        route_handler create;
        const struct write_spec *spec;
    } collections[] = {
        {events_create, &event_write_spec},
        {officials_create, &official_write_spec},
        {agreements_create, &agreement_write_spec},
        {sources_create, &source_write_spec},
    };
    *code = JVDR_OK;
    for (size_t i = 0; i < sizeof collections / sizeof collections[0]; i++)
        if (req->route && req->route->handler == collections[i].create)
            return bulk_open(req, collections[i].spec, code);
    return NULL;
}

enum jvdr_err app_init(struct app *app, const struct config *cfg, char *err, size_t errlen)
{
    memset(app, 0, sizeof *app);
    app->config = *cfg;
    enum jvdr_err code = site_init(&app->site, &app->config, jvdr_routes, &app->store, err, errlen);
    app->site.open_sink = open_sink; /* POST of application/x-ndjson to a collection */
    if (code == JVDR_OK)
        code = store_open(&app->store, app->config.db_path, err, errlen);
    if (code == JVDR_OK)
        code = store_set_index_file(&app->store, app->config.index_file);
    if (code == JVDR_OK) {
        app->store.max_snapshots = app->config.max_exports;
        app->store.events.terms_floor = app->config.search_common_rows;
        app->store.events.confirm_rows = app->config.search_confirm_rows;
    }
    if (code == JVDR_OK) {
        store_on_commit(&app->store, site_data_changed, &app->site);
        code = store_listen_start(&app->store);
    }
    if (code == JVDR_OK) {
        const struct config *c = &app->config;
        struct feed_limits limits = {c->max_streams, c->max_streams_per_client, c->stream_backlog,
                                     c->stream_heartbeat * 1000u};
        code = change_feed_start(&app->store, &limits);
        if (code != JVDR_OK)
            snprintf(err, errlen, "cannot start the change feed");
    }
    return code;
}

void app_cleanup(struct app *app)
{
    change_feed_end_all(app->store.feed);
    if (app->server) {
        http_stop(app->server);
        app->server = NULL;
    }
    change_feed_stop(&app->store);  /* its streams' connections are closed */
    store_listen_stop(&app->store); /* it tells the site's cache, which goes first */
    site_cleanup(&app->site);
    store_close(&app->store);
}
