#!/usr/bin/env bash
# The contract test: lints openapi/openapi.json with Redocly and with Spectral (OpenAPI's rules and
# the OWASP API Security ruleset, spectral.yaml), then starts the jvdr binary given as $1 on a fresh
# database and an ephemeral port, checks every documented GET against the schemas and every
# documented limit at and past its bound, reads every CSV and NDJSON answer against the schemas
# and the JSON, and checks the GETs again after `jvdr import-sources`
# loads the documents' text (passages change the bodies).
set -euo pipefail
jvdr=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/../../../shared/seeds"
work=$(mktemp -d /tmp/jvdr-contract-XXXXXX)
pid=
# Under JVDR_TEST_PG (a database URI on a test cluster) the store is a fresh PostgreSQL database
# beside it, dropped afterwards; otherwise a fresh SQLite file.
db="$work/jvdr.db"
if [ -n "${JVDR_TEST_PG:-}" ]; then
    db="${JVDR_TEST_PG%/*}/jvdr_contract_$$"
    psql "$JVDR_TEST_PG" -qAtc "CREATE DATABASE jvdr_contract_$$"
fi
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    wait 2>/dev/null
    [ -n "${JVDR_TEST_PG:-}" ] && psql "$JVDR_TEST_PG" -qAtc "DROP DATABASE IF EXISTS jvdr_contract_$$ WITH (FORCE)"
    rm -rf "$work"
}
trap cleanup EXIT

cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx --no-install redocly lint --config redocly.yaml ../../openapi/openapi.json
npx --no-install spectral lint --ruleset spectral.yaml --fail-severity warn ../../openapi/openapi.json

start() {
    # Emptied here first: the shell truncates it only in the child, so a look at it before that
    # would read the previous server's port.
    : >"$work/err.log"
    # No time budget: a slow machine (a sanitizer build, a loaded core) must not turn an answer
    # into a 503 that says nothing about the contract.
    JVDR_API_TOKEN="contract:contract-test-token-0001" JVDR_QUERY_TIMEOUT=0 \
        "$jvdr" --port 0 --db "$db" --log-format text >"$work/out.log" 2>"$work/err.log" &
    pid=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/err.log")
        [ -n "$port" ] && return 0
        sleep 0.1
    done
    cat "$work/err.log" >&2
    return 1
}
start
JVDR_URL="http://127.0.0.1:$port" JVDR_TOKEN=contract-test-token-0001 node check-responses.mjs
JVDR_URL="http://127.0.0.1:$port" node check-representations.mjs
JVDR_URL="http://127.0.0.1:$port" JVDR_TOKEN=contract-test-token-0001 node check-limits.mjs
if [ -d "$seeds" ]; then
    kill "$pid"; wait "$pid" || true; pid=
    "$jvdr" import-sources "$seeds" --db "$db" 2>/dev/null
    start
    JVDR_URL="http://127.0.0.1:$port" node check-responses.mjs
    JVDR_URL="http://127.0.0.1:$port" node check-representations.mjs
fi
