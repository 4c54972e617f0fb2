#!/usr/bin/env bash
# Runs every integration suite once under valgrind memcheck, following the test workers and the
# jvdr processes they start (not nginx, Chromium, Node, bash scripts or PostgreSQL's programs; the
# PostgreSQL suites start clusters of their own). Passes only when no log holds an error or a
# definite leak. Usage: scripts/memcheck.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
logs="$build/memcheck"
rm -rf "$logs"
mkdir -p "$logs"
# The longest first, so that it does not run alone at the end.
suites=(test_jwt_auth test_access_log test_api test_conditional test_durability test_encoding test_exports
        test_facets test_framing test_mentions test_operations test_provenance test_rate_limit
        test_search test_source_text test_writes test_nginx
        test_copy test_pg_store test_revert)
# Left out: test_pg_instances and test_pg_faults, which start and kill processes and clusters (the
# PostgreSQL store code they run, test_pg_store runs here too); they run under the sanitizers.
run_one() {
    valgrind --quiet --trace-children=yes --trace-children-skip='*/nginx,*/chromium,*/node,*/bash,*/postgres,*/pg_ctl,*/initdb,*/runuser,*/psql' \
        --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        --log-file="$2/$1.%p.log" "$3/tests/$1" -j1 >"$2/$1.out" 2>&1 || {
        echo "memcheck: $1 failed under valgrind:"; tail -20 "$2/$1.out"; return 1; }
}
export -f run_one
printf '%s\n' "${suites[@]}" | xargs -P"$(nproc)" -I{} bash -c 'run_one "$@"' _ {} "$logs" "$build"
# With --quiet, valgrind writes a log line only for an error or a definite leak.
bad=$(find "$logs" -name '*.log' -size +0 | sort)
if [ -n "$bad" ]; then
    echo "memcheck: errors or definite leaks:"
    for f in $bad; do echo "== $f"; head -40 "$f"; done
    exit 1
fi
echo "memcheck: ${#suites[@]} integration suites, 0 errors, no definite leaks"
