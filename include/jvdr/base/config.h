/* Run-time settings: defaults, then JVDR_* environment variables, then command-line flags (flags
 * win). The settings are a table (config.c), so --help, the README and validation agree. */
#ifndef JVDR_BASE_CONFIG_H
#define JVDR_BASE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct config {
    const char *bind; /* numeric IPv4 or IPv6 address */
    unsigned port;    /* 0 picks an ephemeral port */
    const char *db_path;
    const char *index_file;    /* the saved index of events; "": the store's default */
    unsigned threads;          /* HTTP threads: read requests, answer from the cache */
    unsigned render_threads;   /* threads rendering the rest, each with its own SQLite connection */
    unsigned render_queue;     /* requests waiting for a render thread before 503 */
    unsigned query_timeout_ms; /* a render's time budget; 0: none */
    unsigned timeout_seconds;  /* idle connection timeout */
    unsigned max_exports;      /* collections streamed at once, each on its own snapshot */
    unsigned max_streams;      /* live change streams open at once */
    unsigned max_streams_per_client; /* ... from one client address */
    unsigned long stream_backlog;    /* bytes a live stream may fall behind before it is dropped */
    unsigned stream_heartbeat;       /* seconds between a stream's keep-alive comments */
    unsigned max_connections;
    unsigned max_connections_per_ip;
    unsigned long max_body;       /* bytes */
    unsigned long max_bulk_body;  /* bytes of a bulk load (NDJSON), spooled as it arrives */
    const char *cors_origins;     /* "" (none), "*" or a comma-separated list of origins */
    const char *log_format;       /* "json" or "text" */
    const char *access_log;       /* "on", "errors" or "off" */
    const char *api_token;        /* "[label:]token[,...]"; never logged */
    const char *api_token_file;   /* a file of "[label:]token" lines (container secrets) */
    const char *jwks_file;        /* a JWK Set: JWTs signed by its keys may write */
    const char *jwt_issuer;       /* the iss those JWTs must carry */
    const char *jwt_audience;     /* an aud they must carry */
    const char *jwt_scope_claim;  /* where their scopes are: a dotted path ("scope") */
    unsigned jwt_leeway;          /* seconds exp and nbf may be off by */
    bool require_if_match;        /* PUT, PATCH and DELETE without If-Match answer 428 */
    const char *trusted_proxies;  /* addresses/CIDRs whose forwarding headers are believed */
    unsigned shutdown_seconds;    /* how long requests in flight may take after SIGTERM */
    bool cache;                   /* keep rendered GET answers until the data they show changes */
    const char *rate_limit;       /* "off", "RATE" or "RATE,BURST": requests a second per client */
    const char *write_rate_limit; /* the same for writes, from a bucket of their own */
    bool event_index;             /* /v1/stats from the in-memory index of events, not SQL */
    unsigned search_exact_total;  /* /v1/search's matches counted exactly; past it, estimated */
    unsigned search_common_rows;  /* rows a word needs for a bitmap in the index of events */
    unsigned search_confirm_rows; /* a list's narrowed phrase: rows confirmed before estimating */
};

/* Fills every field with its default. */
void config_defaults(struct config *cfg);

/* Applies the JVDR_* variables of the environment. Returns 0, or -1 with a one-line message
 * naming the variable in err. */
int config_from_env(struct config *cfg, char *err, size_t errlen);

/* Applies --flag VALUE / --flag=VALUE arguments from argv[first] on; sets *help for --help.
 * Returns 0, or -1 with a one-line message naming the flag in err. Strings point into argv. */
int config_from_args(struct config *cfg, int argc, char **argv, int first, bool *help, char *err,
                     size_t errlen);

/* Prints the flags, their variables and defaults. */
void config_usage(FILE *out, const char *program);

/* Parses a rate limit setting: "off" (*rate 0), "RATE" or "RATE,BURST" (requests a second and the
 * bucket's size; BURST defaults to twice RATE). Returns 0, or -1 for anything else. */
int config_rate(const char *text, double *rate, double *burst);

/* True when origin is allowed by the cors_origins setting. */
bool config_origin_allowed(const struct config *cfg, const char *origin);

#endif
