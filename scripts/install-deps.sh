#!/usr/bin/env bash
# Installs what jvdr needs on Debian 12, idempotently: packages already present are skipped and
# apt-get runs only when something is missing. Used by the README's commands, CI and the Dockerfile.
#   install-deps.sh build   - compiler, CMake and the -dev libraries, libpq's too (default)
#   install-deps.sh test    - build plus what the tests use: criterion, libcurl, Node.js, Chromium,
#                             nginx, valgrind, cppcheck, clang-tidy, clang-format, clang's fuzzer,
#                             podman, debootstrap and docker-compose for the container test,
#                             PostgreSQL 15 for the second store's tests (scripts/pg-cluster.sh),
#                             pg_auto_failover for the automatic failover (examples/ha) and
#                             python3 for the scripts' free loopback ports
#   install-deps.sh flake   - test plus stress-ng, for scripts/flake-hunt.sh
set -euo pipefail

profile=${1:-build}
packages=(build-essential cmake pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev zlib1g-dev
          libpq-dev libutf8proc-dev libjose-dev libssl-dev)
if [ "$profile" = test ] || [ "$profile" = flake ]; then
    packages+=(libcriterion-dev libcurl4-openssl-dev ca-certificates chromium nginx valgrind cppcheck
               clang clang-tidy clang-format libclang-rt-14-dev curl podman debootstrap uidmap
               fuse-overlayfs slirp4netns docker-compose postgresql-15 postgresql-15-auto-failover
               pg-auto-failover-cli procps python3)
    command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
if [ "$profile" = flake ]; then packages+=(stress-ng); fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
