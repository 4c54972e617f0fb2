/* The settings table and its parsers: each setting has a flag, an environment variable, a default
 * and a validator, so that every source of configuration is checked the same way. */
#include "jvdr/base/config.h"
#include "jvdr/base/cidr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum setting_kind {
    SETTING_ADDRESS,
    SETTING_UINT,
    SETTING_STRING,
    SETTING_OPTIONAL_STRING,
    SETTING_BOOL,
    SETTING_LOG_FORMAT,
    SETTING_ACCESS_LOG,
    SETTING_ORIGINS,
    SETTING_PROXIES,
    SETTING_RATE,
};

struct setting {
    const char *flag; /* without the leading "--" */
    const char *env;
    const char *fallback;
    enum setting_kind kind;
    size_t offset;
    unsigned long min, max; /* for SETTING_UINT */
    const char *help;
};

#define AT(field) offsetof(struct config, field)

static const struct setting settings[] = {
    {"bind", "JVDR_BIND", "127.0.0.1", SETTING_ADDRESS, AT(bind), 0, 0,
     "address to listen on (IPv4 or IPv6)"},
    {"port", "JVDR_PORT", "8080", SETTING_UINT, AT(port), 0, 65535, "TCP port; 0 picks a free one"},
    {"db", "JVDR_DB", "jvdr.db", SETTING_STRING, AT(db_path), 0, 0,
     "SQLite database file, created and seeded on first start"},
    {"index-file", "JVDR_INDEX_FILE", "", SETTING_OPTIONAL_STRING, AT(index_file), 0, 0,
     "where the index of events is saved at a clean stop and read at the next start; none: beside "
     "a SQLite database (its file name and '-index'), not saved on PostgreSQL"},
    {"threads", "JVDR_THREADS", "2", SETTING_UINT, AT(threads), 1, 256,
     "HTTP threads: they read requests and answer from the response cache"},
    {"render-threads", "JVDR_RENDER_THREADS", "2", SETTING_UINT, AT(render_threads), 1, 256,
     "threads rendering answers the cache lacks and running writes, each with its own database "
     "connection"},
    {"render-queue", "JVDR_RENDER_QUEUE", "256", SETTING_UINT, AT(render_queue), 1, 100000,
     "requests waiting for a render thread; beyond it, 503 with Retry-After"},
    {"query-timeout", "JVDR_QUERY_TIMEOUT", "500", SETTING_UINT, AT(query_timeout_ms), 0, 600000,
     "milliseconds a render may take before it is abandoned with 503; 0: no limit"},
    {"timeout", "JVDR_TIMEOUT", "30", SETTING_UINT, AT(timeout_seconds), 1, 3600,
     "seconds before an idle connection is closed"},
    {"max-exports", "JVDR_MAX_EXPORTS", "4", SETTING_UINT, AT(max_exports), 0, 1000,
     "whole collections streamed at once (NDJSON, CSV with limit=all), each holding a database "
     "snapshot; beyond it, 503 with Retry-After; 0: none"},
    {"max-bulk-body", "JVDR_MAX_BULK_BODY", "268435456", SETTING_UINT, AT(max_bulk_body), 1,
     1UL << 40,
     "largest bulk load in bytes (POST of application/x-ndjson): read and checked line by line as "
     "it arrives, kept in a temporary file, never whole in memory"},
    {"max-streams", "JVDR_MAX_STREAMS", "200", SETTING_UINT, AT(max_streams), 0, 100000,
     "live change streams (GET /v1/changes as text/event-stream) open at once; beyond it, 503 "
     "with Retry-After; 0: none"},
    {"max-streams-per-client", "JVDR_MAX_STREAMS_PER_CLIENT", "8", SETTING_UINT,
     AT(max_streams_per_client), 1, 100000,
     "live change streams one client address may hold; beyond it, 429 with Retry-After"},
    {"stream-backlog", "JVDR_STREAM_BACKLOG", "1048576", SETTING_UINT, AT(stream_backlog), 4096,
     1UL << 30,
     "bytes of changes a live stream may fall behind by before it is dropped (its client "
     "resumes with Last-Event-ID); also the memory the recent changes take"},
    {"stream-heartbeat", "JVDR_STREAM_HEARTBEAT", "15", SETTING_UINT, AT(stream_heartbeat), 1, 3600,
     "seconds between the comment lines that keep an idle stream open through proxies"},
    {"max-connections", "JVDR_MAX_CONNECTIONS", "1000", SETTING_UINT, AT(max_connections), 1,
     100000, "connections served at once"},
    {"max-connections-per-ip", "JVDR_MAX_CONNECTIONS_PER_IP", "100", SETTING_UINT,
     AT(max_connections_per_ip), 1, 100000, "connections from one client address"},
    {"max-body", "JVDR_MAX_BODY", "1048576", SETTING_UINT, AT(max_body), 1, 64UL << 20,
     "largest request body in bytes"},
    {"cors-origins", "JVDR_CORS_ORIGINS", "", SETTING_ORIGINS, AT(cors_origins), 0, 0,
     "origins granted CORS: '*' or a comma-separated list; empty grants none"},
    {"log-format", "JVDR_LOG_FORMAT", "json", SETTING_LOG_FORMAT, AT(log_format), 0, 0,
     "request log format: json or text"},
    {"access-log", "JVDR_ACCESS_LOG", "on", SETTING_ACCESS_LOG, AT(access_log), 0, 0,
     "request log: on, errors (status 400 and up, or aborted) or off; /metrics counts all"},
    {"api-token", "JVDR_API_TOKEN", "", SETTING_OPTIONAL_STRING, AT(api_token), 0, 0,
     "bearer token(s) for writes, '[label:]token' comma-separated; none: read-only"},
    {"api-token-file", "JVDR_API_TOKEN_FILE", "", SETTING_OPTIONAL_STRING, AT(api_token_file), 0, 0,
     "file of '[label:]token[:scope+scope]' lines, e.g. a container secret; scopes: "
     "records:write, records:delete, texts:write, admin (none: all)"},
    {"jwks-file", "JVDR_JWKS_FILE", "", SETTING_OPTIONAL_STRING, AT(jwks_file), 0, 0,
     "JWK Set file of the identity provider's public keys: JWTs they sign may write; read again "
     "when it changes or on SIGHUP"},
    {"jwt-issuer", "JVDR_JWT_ISSUER", "", SETTING_OPTIONAL_STRING, AT(jwt_issuer), 0, 0,
     "the iss a JWT must carry (needed with --jwks-file)"},
    {"jwt-audience", "JVDR_JWT_AUDIENCE", "", SETTING_OPTIONAL_STRING, AT(jwt_audience), 0, 0,
     "an aud a JWT must carry (needed with --jwks-file)"},
    {"jwt-scope-claim", "JVDR_JWT_SCOPE_CLAIM", "scope", SETTING_STRING, AT(jwt_scope_claim), 0, 0,
     "the claim holding a JWT's scopes, a dotted path (e.g. realm_access.roles): a "
     "space-separated string or an array of strings"},
    {"jwt-leeway", "JVDR_JWT_LEEWAY", "60", SETTING_UINT, AT(jwt_leeway), 0, 300,
     "seconds a JWT's exp and nbf may be off by, for clocks that drift"},
    {"require-if-match", "JVDR_REQUIRE_IF_MATCH", "false", SETTING_BOOL, AT(require_if_match), 0, 0,
     "refuse PUT, PATCH and DELETE without If-Match (428)"},
    {"trusted-proxies", "JVDR_TRUSTED_PROXIES", "", SETTING_PROXIES, AT(trusted_proxies), 0, 0,
     "addresses or CIDR ranges whose X-Forwarded-* / Forwarded headers are believed"},
    {"shutdown-timeout", "JVDR_SHUTDOWN_TIMEOUT", "5", SETTING_UINT, AT(shutdown_seconds), 0, 300,
     "seconds requests in flight may take to finish after SIGTERM"},
    {"rate-limit", "JVDR_RATE_LIMIT", "off", SETTING_RATE, AT(rate_limit), 0, 0,
     "requests a second per client and bucket size, 'RATE' or 'RATE,BURST' (BURST: twice RATE); "
     "a render costs 5, an answer from the cache 1; off: no limit"},
    {"write-rate-limit", "JVDR_WRITE_RATE_LIMIT", "off", SETTING_RATE, AT(write_rate_limit), 0, 0,
     "writes a second per client, 'RATE' or 'RATE,BURST', from a bucket of their own; off: writes "
     "count against --rate-limit"},
    {"cache", "JVDR_CACHE", "true", SETTING_BOOL, AT(cache), 0, 0,
     "keep rendered answers in memory until a write changes what they show"},
    {"event-index", "JVDR_EVENT_INDEX", "true", SETTING_BOOL, AT(event_index), 0, 0,
     "answer stats, timeline and event lists from an in-memory index; false: from SQL"},
    {"search-exact-total", "JVDR_SEARCH_EXACT_TOTAL", "10000", SETTING_UINT, AT(search_exact_total),
     1, 100000000,
     "/v1/search counts its matches exactly up to this many and estimates past it (marked "
     "total_estimated); a count reads up to twice this many matches"},
    {"search-confirm-rows", "JVDR_SEARCH_CONFIRM_ROWS", "1000", SETTING_UINT,
     AT(search_confirm_rows), 1, 100000000,
     "q= with a phrase of three or more common words reads up to this many of the records holding "
     "its words and pairs to confirm it; past it, /v1/events estimates its total from a sample "
     "(marked total_estimated; the page stays exact) and the stats, timeline and agreements ask "
     "the full-text index"},
    {"search-common-rows", "JVDR_SEARCH_COMMON_ROWS", "2048", SETTING_UINT, AT(search_common_rows),
     1, 4000000000u,
     "a word that at least this many records' full-text rows hold (and one in 512 of them) is kept "
     "as a bitmap in the index of events (rows / 8 bytes; the 512 commonest), so "
     "that q= with it reads no matches; rarer words are read from the full-text index"},
};

#define NSETTINGS (sizeof settings / sizeof settings[0])

/* Validates value for s and stores it in cfg; -1 with a reason in err otherwise. */
static int setting_apply(const struct setting *s, const char *source, struct config *cfg,
                         const char *value, char *err, size_t errlen)
{
    char *field = (char *)cfg + s->offset;
    switch (s->kind) {
    case SETTING_ADDRESS: {
        unsigned char addr[16];
        if (inet_pton(AF_INET, value, addr) != 1 && inet_pton(AF_INET6, value, addr) != 1) {
            snprintf(err, errlen, "%s: '%s' is not a numeric IPv4 or IPv6 address", source, value);
            return -1;
        }
        *(const char **)(void *)field = value;
        return 0;
    }
    case SETTING_UINT: {
        char *end = NULL;
        errno = 0;
        unsigned long n = strtoul(value, &end, 10);
        if (value[0] < '0' || value[0] > '9' || *end || errno || n < s->min || n > s->max) {
            snprintf(err, errlen, "%s: '%s' is not a whole number from %lu to %lu", source, value,
                     s->min, s->max);
            return -1;
        }
        if (s->offset == AT(max_body) || s->offset == AT(stream_backlog) ||
            s->offset == AT(max_bulk_body))
            *(unsigned long *)(void *)field = n;
        else
            *(unsigned *)(void *)field = (unsigned)n;
        return 0;
    }
    case SETTING_LOG_FORMAT:
        if (strcmp(value, "json") != 0 && strcmp(value, "text") != 0) {
            snprintf(err, errlen, "%s: '%s' is not 'json' or 'text'", source, value);
            return -1;
        }
        *(const char **)(void *)field = value;
        return 0;
    case SETTING_ACCESS_LOG:
        if (strcmp(value, "on") != 0 && strcmp(value, "errors") != 0 && strcmp(value, "off") != 0) {
            snprintf(err, errlen, "%s: '%s' is not 'on', 'errors' or 'off'", source, value);
            return -1;
        }
        *(const char **)(void *)field = value;
        return 0;
    case SETTING_RATE: {
        double rate = 0, burst = 0;
        if (config_rate(value, &rate, &burst) != 0) {
            snprintf(err, errlen, "%s: '%s' is not 'off', 'RATE' or 'RATE,BURST'", source, value);
            return -1;
        }
        *(const char **)(void *)field = value;
        return 0;
    }
    case SETTING_ORIGINS:
        for (const char *p = value; *p; p++) {
            if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f) {
                snprintf(err, errlen, "%s: origins must be printable ASCII without spaces", source);
                return -1;
            }
        }
        *(const char **)(void *)field = value;
        return 0;
    case SETTING_BOOL:
        if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
            *(bool *)(void *)field = true;
        else if (strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
            *(bool *)(void *)field = false;
        else {
            snprintf(err, errlen, "%s: '%s' is not true or false", source, value);
            return -1;
        }
        return 0;
    case SETTING_PROXIES: {
        struct cidr_list ranges;
        char reason[160];
        if (cidr_list_parse(&ranges, value, reason, sizeof reason) != 0) {
            snprintf(err, errlen, "%s: %s", source, reason);
            return -1;
        }
        cidr_list_cleanup(&ranges);
        *(const char **)(void *)field = value;
        return 0;
    }
    case SETTING_OPTIONAL_STRING:
        *(const char **)(void *)field = value;
        return 0;
    case SETTING_STRING:
        if (!*value) {
            snprintf(err, errlen, "%s: must not be empty", source);
            return -1;
        }
        *(const char **)(void *)field = value;
        return 0;
    }
    return -1;
}

void config_defaults(struct config *cfg)
{
    char err[256];
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < NSETTINGS; i++)
        setting_apply(&settings[i], settings[i].env, cfg, settings[i].fallback, err, sizeof err);
}

int config_from_env(struct config *cfg, char *err, size_t errlen)
{
    for (size_t i = 0; i < NSETTINGS; i++) {
        const char *value = getenv(settings[i].env);
        if (value && setting_apply(&settings[i], settings[i].env, cfg, value, err, errlen) != 0)
            return -1;
    }
    return 0;
}

int config_from_args(struct config *cfg, int argc, char **argv, int first, bool *help, char *err,
                     size_t errlen)
{
    *help = false;
    for (int i = first; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            *help = true;
            return 0;
        }
        if (strncmp(arg, "--", 2) != 0) {
            snprintf(err, errlen, "unexpected argument '%s' (see --help)", arg);
            return -1;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        const struct setting *s = NULL;
        for (size_t k = 0; k < NSETTINGS; k++)
            if (strlen(settings[k].flag) == name_len &&
                strncmp(settings[k].flag, name, name_len) == 0)
                s = &settings[k];
        if (!s) {
            snprintf(err, errlen, "unknown flag '--%.*s' (see --help)", (int)name_len, name);
            return -1;
        }
        const char *value = eq ? eq + 1 : NULL;
        if (!value) {
            if (i + 1 >= argc) {
                snprintf(err, errlen, "--%s needs a value", s->flag);
                return -1;
            }
            value = argv[++i];
        }
        char source[64];
        snprintf(source, sizeof source, "--%s", s->flag);
        if (setting_apply(s, source, cfg, value, err, errlen) != 0)
            return -1;
    }
    return 0;
}

void config_usage(FILE *out, const char *program)
{
    fprintf(out,
            "usage: %s [--flag VALUE ...]             serve the API\n"
            "       %s import-sources DIR [--db PATH]  load source documents' text\n"
            "       %s healthcheck [--port N]          exit 0 if /healthz answers 200\n"
            "       %s copy FROM TO                    copy the whole knowledge base between "
            "stores (a file or a postgresql:// URI each)\n"
            "       %s backup [--db PATH] DEST         a consistent snapshot of a SQLite store, "
            "while it serves\n"
            "       %s restore [--db PATH] BACKUP      the store becomes the backup (jvdr "
            "stopped)\n\n"
            "Every flag can also be set by its environment variable; flags win.\n\n",
            program, program, program, program, program, program);
    for (size_t i = 0; i < NSETTINGS; i++) {
        char flag[64];
        snprintf(flag, sizeof flag, "--%s", settings[i].flag);
        fprintf(out, "  %-26s %-28s %s (default: '%s')\n", flag, settings[i].env, settings[i].help,
                settings[i].fallback);
    }
}

bool config_origin_allowed(const struct config *cfg, const char *origin)
{
    const char *list = cfg->cors_origins;
    if (!origin || !*origin || !list || !*list)
        return false;
    if (strcmp(list, "*") == 0)
        return true;
    size_t olen = strlen(origin);
    while (*list) {
        const char *comma = strchr(list, ',');
        size_t len = comma ? (size_t)(comma - list) : strlen(list);
        if (len == olen && strncmp(list, origin, len) == 0)
            return true;
        list += len;
        if (*list == ',')
            list++;
    }
    return false;
}

int config_rate(const char *text, double *rate, double *burst)
{
    *rate = *burst = 0;
    if (strcmp(text, "off") == 0)
        return 0;
    char *end = NULL;
    double r = strtod(text, &end), b = 2 * r;
    if (end && *end == ',')
        b = strtod(end + 1, &end);
    if (!end || *end || !(r > 0) || r > 1e6 || !(b >= 1) || b > 1e7)
        return -1;
    *rate = r;
    *burst = b;
    return 0;
}
