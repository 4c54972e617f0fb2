#!/usr/bin/env bash
# Builds jvdr and runs every check, installing what is missing on Debian 12 first:
#   1. the criterion unit and integration suites (real HTTP on ephemeral loopback ports), the
#      OpenAPI contract test, nginx in front, the failover and the dashboard in headless Chromium,
#      in a Debug build with AddressSanitizer and UndefinedBehaviorSanitizer;
#   2. an optimised build (RelWithDebInfo: the optimiser's own warnings) runs the unit suites, the
#      soak, and the integration suites on PostgreSQL 15 (less those stage 3 runs there);
#   3. 20 integration suites of that build under valgrind memcheck (no errors, no definite leaks),
#      on SQLite and on PostgreSQL (scripts/memcheck.sh);
#   4. cppcheck, clang-tidy and clang-format on the sources (scripts/lint.sh);
#   5. each libFuzzer harness for 10 s, the HTTP one on PostgreSQL too
#      (scripts/fuzz.sh; longer runs: fuzz/README.md);
#   6. the container image built with podman from the Dockerfile and run (tests/e2e/container.sh).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh" test
for dir in tests/contract tests/e2e; do
    (cd "$top/$dir" && npm ci --no-audit --no-fund --loglevel=error)
done

# Announces stage $1 ("N/6 what it does"), and how long the one before took: CI has 20 minutes.
stage_began=$SECONDS
stage() {
    [ -z "${stage_now:-}" ] || echo "   ($stage_now took $((SECONDS - stage_began)) s; $SECONDS s so far)"
    stage_now=${1%% *} stage_began=$SECONDS
    [ -z "$1" ] || echo "== $1"
}

# Runs ctest in build dir $1 (more ctest arguments after it) and prints criterion's summary line
# for every suite and in total.
run_suites() {
    local status=0 dir=$1
    shift
    (cd "$dir" && ctest --output-on-failure -j"$(nproc)" "$@") || status=$?
    grep -h "Synthesis:" "$dir/Testing/Temporary/LastTest.log" | sed 's/^/  /'
    grep -h "Synthesis:" "$dir/Testing/Temporary/LastTest.log" | awk -F'|' '
        { for (i = 1; i <= NF; i++) { split($i, kv, ": "); n = kv[length(kv)] + 0;
            if ($i ~ /Tested/) t += n; else if ($i ~ /Passing/) p += n;
            else if ($i ~ /Failing/) f += n; else if ($i ~ /Crashing/) c += n } }
        END { printf "[====] Synthesis (all suites): Tested: %d | Passing: %d | Failing: %d | Crashing: %d\n", t, p, f, c }'
    return $status
}

# The suites run once in Debug, under the sanitizers, not once plain and once sanitized: the
# plain run cost six of CI's minutes, and valgrind (3/6) runs on the optimised build.
stage "1/6 test suites under AddressSanitizer and UndefinedBehaviorSanitizer (Debug, warnings as errors)"
cmake -S "$top" -B "$top/build-asan" -DCMAKE_BUILD_TYPE=Debug -DJVDR_TESTS=ON -DJVDR_SANITIZE=ON \
    -DJVDR_WERROR=ON >/dev/null
cmake --build "$top/build-asan" -j"$(nproc)"
# The soak (memory that grows over 24,000 requests) runs on the optimised build, in 2/6's
# PostgreSQL pass (it keeps a SQLite file of its own): under AddressSanitizer its quarantine is
# what grows, and it took 45 s of this stage.
run_suites "$top/build-asan" -E '^test_soak$'

stage "2/6 optimised build: unit suites, then the integration, contract and hostile suites on PostgreSQL 15, and the soak"
cmake -S "$top" -B "$top/build-release" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJVDR_TESTS=ON \
    -DJVDR_WERROR=ON >/dev/null
cmake --build "$top/build-release" -j"$(nproc)"
(cd "$top/build-release" && ctest --output-on-failure -j"$(nproc)" -L unit)
# A cluster of its own (scripts/pg-cluster.sh: a temporary directory, the postgres user, loopback),
# removed afterwards; each server the suites start gets a database of its own on it. Left out:
# what runs no server (the unit suites), the browser, nginx and container runs, which exercise no
# store code of their own, and the suites whose servers have stores of their own (own-store; the
# soak is not one: stage 1 leaves it out).
pg_dir=$(mktemp -u /tmp/jvdr-ci-pg-XXXXXX) # made by pg-cluster.sh, owned by postgres
trap '"$top/scripts/pg-cluster.sh" stop "$pg_dir"' EXIT
export JVDR_TEST_PG
JVDR_TEST_PG=$("$top/scripts/pg-cluster.sh" start "$pg_dir")
status=0
# And the suites stage 3 runs on PostgreSQL under valgrind (scripts/memcheck.sh --on-postgresql).
under_memcheck=$("$top/scripts/memcheck.sh" --on-postgresql | paste -sd '|')
(cd "$top/build-release" &&
    ctest --output-on-failure -j"$(nproc)" -L integration -LE own-store -E "^($under_memcheck)\$") ||
    status=$?
grep -h "Synthesis:" "$top/build-release/Testing/Temporary/LastTest.log" | sed 's/^/  /'
unset JVDR_TEST_PG
"$top/scripts/pg-cluster.sh" stop "$pg_dir"
trap - EXIT
[ $status -eq 0 ]

stage "3/6 integration suites under valgrind memcheck"
"$top/scripts/memcheck.sh" "$top/build-release"

stage "4/6 static checks"
"$top/scripts/lint.sh"

# 10 s each: their kept regressions and a short run from the corpus (longer: fuzz/README.md).
stage "5/6 fuzzing, ${FUZZ_SECONDS:-10} s per harness"
FUZZ_BUILD="$top/build-fuzz-ci" FUZZ_SECONDS=${FUZZ_SECONDS:-10} "$top/scripts/fuzz.sh"

stage "6/6 the container image, built and run"
"$top/tests/e2e/container.sh"
stage ""
