#!/usr/bin/env bash
# Builds jvdr with its tests and runs every suite: the criterion unit and integration tests
# (real HTTP on ephemeral loopback ports) and the OpenAPI contract test (Redocly lint, then every
# documented GET validated against its schema) and the dashboard in headless Chromium. Installs what is missing on Debian 12 first.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh" test
build="$top/build-test"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DJVDR_TESTS=ON -DJVDR_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
for dir in tests/contract tests/e2e; do
    (cd "$top/$dir" && npm ci --no-audit --no-fund --loglevel=error)
done
cd "$build"
status=0
ctest --output-on-failure -j"$(nproc)" || status=$?
# Criterion's summary line for every suite, then the sum over all of them.
grep -h "Synthesis:" Testing/Temporary/LastTest.log | sed 's/^/  /'
grep -h "Synthesis:" Testing/Temporary/LastTest.log | awk -F'|' '
    { for (i = 1; i <= NF; i++) { split($i, kv, ": "); n = kv[length(kv)] + 0;
        if ($i ~ /Tested/) t += n; else if ($i ~ /Passing/) p += n;
        else if ($i ~ /Failing/) f += n; else if ($i ~ /Crashing/) c += n } }
    END { printf "[====] Synthesis (all suites): Tested: %d | Passing: %d | Failing: %d | Crashing: %d\n", t, p, f, c }'
exit $status
