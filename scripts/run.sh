#!/usr/bin/env bash
# Builds jvdr and starts it on its embedded default: jvdr.db (created and seeded on first start)
# on 127.0.0.1:8080. Installs what is missing on Debian 12 first. Extra arguments go to jvdr,
# e.g. scripts/run.sh --port 9000. Stop it with Ctrl-C.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh" build
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJVDR_TESTS=OFF >/dev/null
cmake --build "$top/build" -j"$(nproc)"
cd "$top"
exec "$top/build/jvdr" "$@"
