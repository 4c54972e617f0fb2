#!/usr/bin/env bash
# Runs the dashboard browser test against the jvdr binary given as $1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node dashboard.test.mjs "$1"
node analyst.test.mjs "$1"
node live.test.mjs "$1"
