#!/usr/bin/env bash
# Hunts tests that pass only on a quiet machine: runs the integration suites ROUNDS times (default
# 10) on SQLite and on a PostgreSQL 15 cluster of their own, with the end-to-end suites (nginx,
# the failover, the browser) on SQLite too, while stress-ng keeps every core busy. Every failure is
# reported with its log, kept under OUT (default build-test/flake-hunt); the rounds, the failures
# and the time are printed at the end, and the exit status is non-zero if any round failed.
# Run it before landing a change to tests or to what they wait on; it is not a CI stage (CI stays
# under 20 minutes). Usage: [ROUNDS=10] [OUT=dir] scripts/flake-hunt.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-10}
build="$top/build-test"
out=${OUT:-"$build/flake-hunt"}
"$top/scripts/install-deps.sh" flake
for dir in tests/contract tests/e2e; do
    [ -d "$top/$dir/node_modules" ] || (cd "$top/$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DJVDR_TESTS=ON -DJVDR_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
rm -rf "$out" && mkdir -p "$out"

pg_dir=$(mktemp -u /tmp/jvdr-flake-pg-XXXXXX)
stress=""
cleanup() {
    [ -z "$stress" ] || kill "$stress" 2>/dev/null || true
    "$top/scripts/pg-cluster.sh" stop "$pg_dir" 2>/dev/null || true
}
trap cleanup EXIT
pg_uri=$("$top/scripts/pg-cluster.sh" start "$pg_dir")
# Every core busy the whole time: matrix, integer and memory work, as another build would be.
stress-ng --cpu "$(nproc)" --cpu-method all --vm 1 --vm-bytes 256M --timeout 0 --quiet &
stress=$!

# Runs ctest with labels $2 in the build, the store $3 ("" for SQLite); keeps the log of a failure
# as $out/round-N-<store>.log and prints which suites failed.
run_pass() {
    local round=$1 labels=$2 store=$3 name=${3:+postgresql}
    name=${name:-sqlite}
    local status=0
    (cd "$build" && JVDR_TEST_PG="$store" ctest -j"$(nproc)" -L "$labels" --output-on-failure \
        >"$out/round-$round-$name.out" 2>&1) || status=$?
    if [ $status -ne 0 ]; then
        cp "$build/Testing/Temporary/LastTest.log" "$out/round-$round-$name.log"
        echo "round $round, $name: FAILED: $(grep -E '^\s+[0-9]+ - ' "$out/round-$round-$name.out" | tr -s ' ' | tr '\n' ';')"
        echo "  log: $out/round-$round-$name.log (ctest's output beside it, .out)"
        return 1
    fi
    rm -f "$out/round-$round-$name.out"
    return 0
}

start=$(date +%s)
failed=0
for round in $(seq 1 "$rounds"); do
    t=$(date +%s)
    ok=1
    run_pass "$round" 'integration|e2e' "" || ok=0
    run_pass "$round" integration "$pg_uri" || ok=0
    [ $ok = 1 ] || failed=$((failed + 1))
    echo "round $round of $rounds: $([ $ok = 1 ] && echo passed || echo FAILED) in $(($(date +%s) - t)) s"
done
echo "flake-hunt: $rounds rounds under stress-ng on $(nproc) cores, $failed failed, $(($(date +%s) - start)) s in all"
[ $failed -eq 0 ]
