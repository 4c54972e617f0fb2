/* What every request is served from: the configuration, the API's route table, the store, and
 * the HTTP layer's shared state (tokens, trusted proxies, metrics, the response cache, the access
 * log, request ids). One per process; the service fills it at start-up and the HTTP layer hands it
 * to each request as req->site. Read-only while serving, but for the parts that are thread-safe. */
#ifndef JVDR_HTTP_SITE_H
#define JVDR_HTTP_SITE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "jvdr/base/cidr.h"
#include "jvdr/base/config.h"
#include "jvdr/base/log.h"
#include "jvdr/http/auth.h"
#include "jvdr/http/cache.h"
#include "jvdr/http/metrics.h"
#include "jvdr/http/rate_limit.h"
#include "jvdr/http/router.h"
#include "jvdr/store/store.h"

struct site {
    const struct config *config; /* borrowed */
    const struct route *routes;  /* the API, ending in a row whose pattern is NULL; borrowed */
    struct store *store;         /* borrowed */
    struct auth auth;
    struct cidr_list trusted_proxies;
    struct metrics metrics;
    struct cache cache;
    struct rate_limit reads, writes; /* per-client buckets (JVDR_RATE_LIMIT, ..._WRITE_...) */
    struct access_log access_log;    /* one line per request, batched per thread */
    atomic_bool stopping;            /* set on SIGTERM: answers then close their connections */
    /* Set by the service: where a request's body goes as it arrives instead of being held (req
     * has its route, method and headers), or NULL to hold it as usual; *code set (with
     * request_fail) to refuse the request at once. */
    struct body_sink *(*open_sink)(struct request *req, enum jvdr_err *code);
    uint32_t request_id_prefix;       /* random per process */
    atomic_uint_fast64_t request_ids; /* counter: ids are prefix + count, unique and cheap */
};

/* Fills site for cfg, routes and store (all borrowed, outliving the site): loads the tokens,
 * parses the trusted proxies, sizes the metrics and the cache. Returns JVDR_OK, or an error with
 * a one-line reason in err (site_cleanup must still be called). */
enum jvdr_err site_init(struct site *site, const struct config *cfg, const struct route *routes,
                        struct store *store, char *err, size_t errlen);

void site_cleanup(struct site *site);

/* Marks stale the cached answers that depend on a changed fact (everything when changes is NULL):
 * each fact's tag, the whole kind of every changed record, and the audit trail. A store commit
 * hook; context is the site. */
void site_data_changed(void *site, const struct store_change *changes, size_t count);

#endif
