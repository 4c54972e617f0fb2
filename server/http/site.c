/* The shared state requests are served from; see include/jvdr/http/site.h. */
#include "jvdr/http/site.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* The response cache's bounds: thousands of distinct reads, tens of megabytes. */
#define SITE_CACHE_ENTRIES 8192
#define SITE_CACHE_BYTES ((size_t)64 << 20)

enum jvdr_err site_init(struct site *site, const struct config *cfg, const struct route *routes,
                        struct store *store, char *err, size_t errlen)
{
    memset(site, 0, sizeof *site);
    site->config = cfg;
    site->routes = routes;
    site->store = store;
    if (getrandom(&site->request_id_prefix, sizeof site->request_id_prefix, 0) < 0)
        site->request_id_prefix = (uint32_t)time(NULL);
    if (auth_init(&site->auth, cfg, err, errlen) != 0)
        return JVDR_E_BAD_REQUEST;
    char reason[160];
    if (cidr_list_parse(&site->trusted_proxies, cfg->trusted_proxies, reason, sizeof reason) != 0) {
        snprintf(err, errlen, "JVDR_TRUSTED_PROXIES: %s", reason);
        return JVDR_E_BAD_REQUEST;
    }
    if (metrics_init(&site->metrics, routes) != 0 ||
        cache_init(&site->cache, SITE_CACHE_ENTRIES, SITE_CACHE_BYTES) != 0) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    double rate = 0, burst = 0, write_rate = 0, write_burst = 0;
    if (config_rate(cfg->rate_limit, &rate, &burst) != 0 ||
        config_rate(cfg->write_rate_limit, &write_rate, &write_burst) != 0) {
        snprintf(err, errlen, "JVDR_RATE_LIMIT: not 'off', 'RATE' or 'RATE,BURST'");
        return JVDR_E_BAD_REQUEST;
    }
    if (rate_limit_init(&site->reads, rate, burst) != 0 ||
        rate_limit_init(&site->writes, write_rate, write_burst) != 0) {
        snprintf(err, errlen, "out of memory");
        return JVDR_E_NOMEM;
    }
    if (access_log_init(&site->access_log, cfg, STDOUT_FILENO) != 0) {
        snprintf(err, errlen, "cannot start the access log's flusher thread");
        return JVDR_E_INTERNAL;
    }
    return JVDR_OK;
}

void site_cleanup(struct site *site)
{
    auth_cleanup(&site->auth);
    cidr_list_cleanup(&site->trusted_proxies);
    metrics_cleanup(&site->metrics);
    cache_cleanup(&site->cache);
    rate_limit_cleanup(&site->reads);
    rate_limit_cleanup(&site->writes);
    access_log_cleanup(&site->access_log);
}

void site_data_changed(void *site, const struct store_change *changes, size_t count)
{
    struct cache *cache = &((struct site *)site)->cache;
    if (!changes) {
        cache_invalidate(cache);
        return;
    }
    /* Every answer about a kind as a whole (its lists unfiltered, its facets...) moves with any
     * change of one of its records; answers narrowed to some facts move with those facts; a
     * detail showing a changed record moves alone ("shown": (kind, "id", "*") for all of them). */
    cache_bump(cache, cache_tag("change", "", "")); /* the audit trail gained a row */
    for (size_t i = 0; i < count; i++) {
        const struct store_change *c = &changes[i];
        if (strcmp(c->field, "shown") == 0) {
            cache_bump(cache, cache_tag(c->kind, "id", c->value)); /* the detail alone */
            continue;
        }
        cache_bump(cache, cache_tag(c->kind, c->field, c->value));
        if (strcmp(c->field, "id") == 0)
            cache_bump(cache, cache_tag(c->kind, "", ""));
    }
}
