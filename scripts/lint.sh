#!/usr/bin/env bash
# Static checks on server/: that every include points down the layers (check-layers.sh), cppcheck
# and clang-tidy (configuration in .clang-tidy), and that the C sources are formatted as
# .clang-format says. Exits non-zero on any finding.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/scripts/check-layers.sh"
cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --inline-suppr \
    --suppress=missingIncludeSystem --std=c11 -I include server/
# clang-tidy needs only the compile commands, not a build: the compilers' own warnings are
# errors in scripts/test.sh's builds.
cmake -S . -B build-lint -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DJVDR_TESTS=OFF >/dev/null
find server -name '*.c' | xargs -P"$(nproc)" -n4 clang-tidy -p build-lint --quiet >build-lint/tidy.log 2>&1 || {
    grep -v "warnings generated" build-lint/tidy.log
    exit 1
}
find server include tests fuzz bench -name '*.[ch]' -not -path '*/node_modules/*' |
    xargs clang-format --dry-run --Werror
echo "lint: layers, cppcheck, clang-tidy and clang-format are clean"
