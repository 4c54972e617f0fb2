#!/usr/bin/env bash
# Makes the Dockerfile's base image, debian:12-slim, when the local image store lacks it and no
# registry can be reached: debootstrap's minbase of bookworm from the Debian mirror this machine's
# apt already uses (read from its sources at run time), imported into podman under that name.
# Does nothing when the image is present. Needs root, podman and debootstrap.
set -euo pipefail
image=docker.io/library/debian:12-slim

if podman image exists "$image"; then
    echo "container-base: $image is present"
    exit 0
fi

# The first enabled apt source that serves the bookworm suite: deb822 .sources files (URIs: and
# Suites: fields) or one-line .list entries ("deb URI bookworm ...").
mirror=$(
    for f in /etc/apt/sources.list.d/*.sources; do
        if [ -f "$f" ]; then
            awk '/^[[:space:]]*$/ { if (uri && bookworm) exit; uri = ""; bookworm = 0; next }
                 /^URIs:/ { uri = $2 }
                 /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") bookworm = 1 }
                 END { if (uri && bookworm) print uri }' "$f"
        fi
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        if [ -f "$f" ]; then awk '$1 == "deb" && $3 == "bookworm" { print $2 }' "$f"; fi
    done
)
mirror=$(printf '%s\n' "$mirror" | sed -n '1p')
if [ -z "$mirror" ]; then
    echo "container-base: no apt source serves bookworm; cannot make $image" >&2
    exit 1
fi

root=$(mktemp -d /tmp/jvdr-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "container-base: debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || {
    tail -20 "$root.log" >&2
    exit 1
}
rm -f "$root.log"
# What the official slim image leaves out too: package caches and downloaded lists.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | podman import -q - "$image" >/dev/null
echo "container-base: imported $image ($(podman image inspect --format '{{.Size}}' "$image") bytes)"
