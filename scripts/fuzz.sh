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
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_${h%-pg}"); done
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null
# One harness: its kept regressions, then FUZZ_SECONDS of fuzzing; what it prints goes to
# $build/fuzz-$h.out, shown when every harness has finished.
# shellcheck disable=SC2317 # called through xargs
run_harness() {
    local h=$1 harness=${1%-pg} # http-pg: fuzz_http, its corpus and regressions, on PostgreSQL
    local pg_dir="" work="$build/corpus-$1" status=0
    export JVDR_FUZZ_DB=""
    if [ "$h" != "$harness" ]; then
        pg_dir=$(mktemp -u /tmp/jvdr-fuzz-pg-XXXXXX)
        JVDR_FUZZ_DB=$("$top/scripts/pg-cluster.sh" start "$pg_dir")
    fi
    rm -rf "$work" && mkdir -p "$work" && cp "$top/fuzz/corpus/$harness/"* "$work/"
    if compgen -G "$top/fuzz/regressions/$harness/*" >/dev/null &&
        ! "$build/fuzz_$harness" "$top/fuzz/regressions/$harness/"* >/dev/null 2>&1; then
        echo "fuzz: $h fails a kept regression input"
        status=1
    else
        echo "fuzz: $h for ${seconds}s"
        if (cd "$build" && "$build/fuzz_$harness" -max_total_time="$seconds" -timeout=10 \
            -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "$work" 2>"$build/fuzz-$h.log"); then
            grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$h.log" | tail -2
        else
            tail -40 "$build/fuzz-$h.log"
            echo "fuzz: $h found a failure (input saved in $build)"
            status=1
        fi
    fi
    [ -z "$pg_dir" ] || "$top/scripts/pg-cluster.sh" stop "$pg_dir"
    return "$status"
}
export -f run_harness
export top build seconds
# One harness per core at a time: each is a single process, and CI's run stays short.
status=0
# shellcheck disable=SC2016 # expanded by the inner bash
printf '%s\n' "${harnesses[@]}" |
    xargs -P"$(nproc)" -I{} bash -c 'run_harness "$1" >"$build/fuzz-$1.out" 2>&1' _ {} || status=$?
for h in "${harnesses[@]}"; do cat "$build/fuzz-$h.out"; done
exit $status
