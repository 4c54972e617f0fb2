#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, with AddressSanitizer and UndefinedBehaviorSanitizer) and
# runs each for FUZZ_SECONDS (default 20) from its seed corpus in fuzz/corpus/, plus the crash
# inputs kept in fuzz/regressions/. Fails on any crash, leak, timeout or sanitizer report.
# http-pg is fuzz_http against a throwaway PostgreSQL 15 (scripts/pg-cluster.sh), removed after.
# Usage: scripts/fuzz.sh [harness ...]   (router params body anchor text ndjson jwt http http-pg;
# default all)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD:-"$top/build-fuzz"}
CC=clang cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DJVDR_FUZZ=ON -DJVDR_TESTS=OFF \
    -DJVDR_WERROR=ON >/dev/null
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(router params body anchor text ndjson jwt http http-pg)
for h in "${harnesses[@]}"; do
    cmake --build "$build" -j"$(nproc)" --target "fuzz_${h%-pg}" >/dev/null
done
pg_dir=""
trap '[ -z "$pg_dir" ] || "$top/scripts/pg-cluster.sh" stop "$pg_dir"' EXIT
for h in "${harnesses[@]}"; do
    harness=${h%-pg} # http-pg: fuzz_http, its corpus and regressions, on PostgreSQL
    export JVDR_FUZZ_DB=""
    if [ "$h" != "$harness" ]; then
        pg_dir=$(mktemp -u /tmp/jvdr-fuzz-pg-XXXXXX)
        JVDR_FUZZ_DB=$("$top/scripts/pg-cluster.sh" start "$pg_dir")
    fi
    work="$build/corpus-$h"
    rm -rf "$work" && mkdir -p "$work" && cp "$top/fuzz/corpus/$harness/"* "$work/"
    if compgen -G "$top/fuzz/regressions/$harness/*" >/dev/null; then
        "$build/fuzz_$harness" "$top/fuzz/regressions/$harness/"* >/dev/null 2>&1 ||
            { echo "fuzz: $h fails a kept regression input"; exit 1; }
    fi
    echo "fuzz: $h for ${seconds}s"
    (cd "$build" && "$build/fuzz_$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 "$work" 2>"$build/fuzz-$h.log") ||
        { tail -40 "$build/fuzz-$h.log"; echo "fuzz: $h found a failure (input saved in $build)"; exit 1; }
    grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$h.log" | tail -2
done
