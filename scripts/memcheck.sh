#!/usr/bin/env bash
# Runs integration suites under valgrind memcheck, following the test workers and the jvdr
# processes they start (not nginx, Chromium, Node, bash scripts or PostgreSQL's programs). Passes
# only when no log holds an error or a definite leak. Usage: scripts/memcheck.sh BUILD_DIR
#
# The suites that work the store hardest run on SQLite; the others on PostgreSQL 15 (a cluster of
# its own, scripts/pg-cluster.sh), so that both stores' code runs under memcheck. scripts/test.sh's
# PostgreSQL pass leaves the latter out (scripts/memcheck.sh --on-postgresql lists them): they run
# on PostgreSQL here. Among them, test_pg_store and test_copy start clusters of their own besides,
# and test_access_log and test_nginx run the binary on a SQLite file either way.
set -euo pipefail
on_sqlite=(test_writes test_mentions test_search test_source_text test_revert test_durability)
on_postgresql=(test_pg_store test_jwt_auth test_api test_copy test_operations test_access_log
               test_nginx test_conditional test_framing test_facets test_encoding test_exports
               test_provenance test_rate_limit)
# Left out: test_pg_instances and test_pg_faults, which start and kill processes and clusters (the
# PostgreSQL store code they run, test_pg_store runs here too); they run under the sanitizers.
if [ "${1:-}" = --on-postgresql ]; then
    printf '%s\n' "${on_postgresql[@]}"
    exit 0
fi
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
logs="$build/memcheck"
rm -rf "$logs"
mkdir -p "$logs"
pg_dir=$(mktemp -u /tmp/jvdr-memcheck-pg-XXXXXX) # made by pg-cluster.sh, owned by postgres
trap '"$top/scripts/pg-cluster.sh" stop "$pg_dir"' EXIT
pg_uri=$("$top/scripts/pg-cluster.sh" start "$pg_dir")
run_one() {
    local store=${1%%:*} suite=${1#*:}
    if [ "$store" = postgresql ]; then export JVDR_TEST_PG=$4; else unset JVDR_TEST_PG; fi
    valgrind --quiet --trace-children=yes --trace-children-skip='*/nginx,*/chromium,*/node,*/bash,*/postgres,*/pg_ctl,*/initdb,*/runuser,*/psql' \
        --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        --log-file="$2/$suite.%p.log" "$3/tests/$suite" -j1 >"$2/$suite.out" 2>&1 || {
        echo "memcheck: $suite failed under valgrind on $store:"; tail -20 "$2/$suite.out"; return 1; }
}
export -f run_one
# The longest first, so that none runs alone at the end.
{ printf 'postgresql:%s\n' "${on_postgresql[@]:0:2}"; printf 'sqlite:%s\n' "${on_sqlite[@]}"
  printf 'postgresql:%s\n' "${on_postgresql[@]:2}"; } |
    xargs -P"$(nproc)" -I{} bash -c 'run_one "$@"' _ {} "$logs" "$build" "$pg_uri"
# With --quiet, valgrind writes a log line only for an error or a definite leak.
bad=$(find "$logs" -name '*.log' -size +0 | sort)
if [ -n "$bad" ]; then
    echo "memcheck: errors or definite leaks:"
    for f in $bad; do echo "== $f"; head -40 "$f"; done
    exit 1
fi
echo "memcheck: ${#on_sqlite[@]} integration suites on SQLite and ${#on_postgresql[@]} on PostgreSQL, 0 errors, no definite leaks"
