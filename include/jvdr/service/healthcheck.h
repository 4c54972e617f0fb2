/* A minimal liveness probe for container HEALTHCHECKs: GET /healthz over a plain socket. */
#ifndef JVDR_SERVICE_HEALTHCHECK_H
#define JVDR_SERVICE_HEALTHCHECK_H

/* Returns 0 when http://host:port/healthz answers 200 within timeout_seconds, else -1. */
int healthcheck(const char *host, unsigned port, int timeout_seconds);

#endif
