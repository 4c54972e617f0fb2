#!/usr/bin/env bash
# The container image as a user gets it: built from the Dockerfile with podman (on a base image
# made by scripts/container-base.sh when no registry can be reached), checked for what it holds
# and its size, then run as the image says — its user, environment, working directory, volume and
# HEALTHCHECK: /readyz, a list, a write with a token file, a write with a JWT of a mounted key set, a bulk load, an export, the data in
# the volume, surviving a restart. Always with the root filesystem read-only (`--read-only`, as
# hardened deployments run it) and only /data writable: /tmp too is read-only. With `podman run`
# where the runtime allows it; else (the runtime may not set resource limits on some machines) the
# image's root filesystem under chroot, and it says which. Last, the
# compose example: its file through docker-compose's own validation, its nginx configuration
# through `nginx -t`. Needs root, podman, debootstrap, docker-compose, nginx and curl.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
image=localhost/jvdr:ci-test
budget_mb=15 # the most the image may add to its base
work=$(mktemp -d /tmp/jvdr-container.XXXXXX)
root="" pid="" container="" mode="" rootfs_container=""
mounts=()

fail() {
    echo "container: FAIL: $*" >&2
    [ -f "$work/jvdr.log" ] && tail -20 "$work/jvdr.log" >&2
    exit 1
}

cleanup() {
    stop_service 2>/dev/null || true
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}" 2>/dev/null || true; done
    if [ -n "$rootfs_container" ]; then
        podman umount "$rootfs_container" >/dev/null 2>&1 || true
        podman rm -f "$rootfs_container" >/dev/null 2>&1 || true
    fi
    podman rmi -f "$image" >/dev/null 2>&1 || true
    podman image prune -f >/dev/null 2>&1 || true # this build's intermediate stage
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

inspect() {
    podman image inspect --format "$1" "$image"
}

# --- build -------------------------------------------------------------------------------------
"$top/scripts/container-base.sh"
echo "container: podman build --format docker --isolation chroot --network host"
podman build -q --format docker --isolation chroot --network host -t "$image" "$top" \
    >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; fail "the image did not build"; }

# --- what the image is -------------------------------------------------------------------------
base_size=$(podman image inspect --format '{{.Size}}' docker.io/library/debian:12-slim)
size=$(inspect '{{.Size}}')
added_mb=$(((size - base_size) / 1048576))
echo "container: image $((size / 1048576)) MB, $added_mb MB above its base (budget $budget_mb MB)"
[ "$added_mb" -le "$budget_mb" ] || fail "the image adds $added_mb MB to its base, over $budget_mb MB"

healthcheck=$(inspect '{{json .Config.Healthcheck.Test}}')
[ "$healthcheck" = '["CMD","/usr/local/bin/jvdr","healthcheck"]' ] ||
    fail "HEALTHCHECK is '$healthcheck' (built without --format docker?)"
user=$(inspect '{{.Config.User}}')
workdir=$(inspect '{{.Config.WorkingDir}}')
entrypoint=$(inspect '{{index .Config.Entrypoint 0}}')
stop_signal=$(inspect '{{.Config.StopSignal}}')
mapfile -t image_env < <(inspect '{{range .Config.Env}}{{println .}}{{end}}' | sed '/^$/d')
mapfile -t healthcheck_cmd < <(inspect '{{range $i, $a := .Config.Healthcheck.Test}}{{if $i}}{{println $a}}{{end}}{{end}}' | sed '/^$/d')
volume=$(inspect '{{range $v, $_ := .Config.Volumes}}{{$v}}{{end}}')
[ "$volume" = /data ] || fail "the image declares volume '$volume', not /data"
printf '%s\n' "${image_env[@]}" | grep -qx 'JVDR_DB=/data/jvdr.db' ||
    fail "the image's JVDR_DB does not put the database in the volume"

# A container's own root filesystem (podman create needs no runtime): the image's files, with a
# writable layer of its own, as podman run would give the service.
rootfs_container=$(podman create "$image")
root=$(podman mount "$rootfs_container")
uid=$(awk -F: -v u="$user" '$1 == u { print $3 }' "$root/etc/passwd")
gid=$(awk -F: -v u="$user" '$1 == u { print $4 }' "$root/etc/passwd")
[ -n "$uid" ] && [ "$uid" != 0 ] || fail "the image's user '$user' is missing or root"
for tool in gcc cc c99 cmake make; do
    [ ! -e "$root/usr/bin/$tool" ] || fail "the runtime image contains /usr/bin/$tool"
done
leftovers=$(find "$root/var/lib/apt/lists" "$root/var/cache/apt" -mindepth 1 \
    -not -name lock -not -name partial -not -name auxfiles 2>/dev/null | head -5)
[ -z "$leftovers" ] || fail "apt lists or caches left in the image: $leftovers"
echo "container: user $user ($uid:$gid), volume /data, HEALTHCHECK jvdr healthcheck, no compiler, no apt lists"

# --- running it --------------------------------------------------------------------------------
port=$(free_port)
token="analyst:container-test-token-0123456789"
mkdir -p "$work/volume" "$work/secrets"
chown "$uid:$gid" "$work/volume" # as a named volume would be, copied from the image's /data
printf '%s\n' "$token" >"$work/secrets/api_token"
chmod 0444 "$work/secrets/api_token"
# The identity provider's key set, mounted as a file beside the token; its key signs one token.
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
openssl genpkey -algorithm ed25519 -out "$work/idp.pem" 2>/dev/null
idp_x=$(openssl pkey -in "$work/idp.pem" -pubout -outform DER | tail -c 32 | b64url)
printf '{"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "container-idp", "x": "%s"}]}\n' "$idp_x" \
    >"$work/secrets/jwks.json"
chmod 0444 "$work/secrets/jwks.json"
jwt_input="$(printf '{"alg":"EdDSA","kid":"container-idp"}' | b64url).$(printf \
    '{"iss":"https://idp.container.test","aud":"jvdr","sub":"container-user","exp":%d,"scope":"records:write"}' \
    "$(($(date +%s) + 3600))" | b64url)"
printf '%s' "$jwt_input" >"$work/jwt-input"
jwt="$jwt_input.$(openssl pkeyutl -sign -rawin -inkey "$work/idp.pem" -in "$work/jwt-input" | b64url)"
run_env=(JVDR_PORT="$port" JVDR_API_TOKEN_FILE=/run/secrets/api_token
         JVDR_JWKS_FILE=/run/secrets/jwks.json JVDR_JWT_ISSUER=https://idp.container.test
         JVDR_JWT_AUDIENCE=jvdr)

# The working directory is the image's /data unless the orchestrator sets another, and SQLite
# would fall back to it for its temporary files; the first start runs from / to show that
# nothing relies on that.
chdir="/"
if podman run --rm --network host "$image" --help >"$work/probe.log" 2>&1; then
    mode="podman run"
else
    mode="chroot"
    echo "container: podman run is refused here ($(grep -m1 -o 'Error: .*' "$work/probe.log" || echo 'no reason given')); running the image's root filesystem under chroot --userspec=$uid:$gid"
    # The image's files seen read-only, as --read-only shows them, and on them the volume and
    # the secret, where the image and compose put them.
    mkdir -p "$root/run/secrets"
    rootfs="$root"
    root="$work/read-only-root"
    mkdir -p "$root"
    mount --bind "$rootfs" "$root" && mounts+=("$root")
    mount -o remount,bind,ro "$root"
    mount --bind "$work/volume" "$root/data" && mounts+=("$root/data")
    mount --bind "$work/secrets" "$root/run/secrets" && mounts+=("$root/run/secrets")
    mount -o remount,bind,ro "$root/run/secrets"
fi

start_service() {
    if [ "$mode" = "podman run" ]; then
        container=$(podman run -d --network host --read-only --read-only-tmpfs=false \
            --workdir "$chdir" -v "$work/volume:/data" -v "$work/secrets:/run/secrets:ro" \
            "${run_env[@]/#/--env=}" "$image")
    else
        chroot --userspec="$uid:$gid" "$root" /usr/bin/env -i "${image_env[@]}" "${run_env[@]}" \
            --chdir="$chdir" "$entrypoint" >>"$work/jvdr.log" 2>&1 &
        pid=$!
    fi
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    fail "the service did not become ready on port $port"
}

stop_service() {
    if [ -n "$container" ]; then
        podman stop -t 15 "$container" >/dev/null
        local status
        status=$(podman inspect --format '{{.State.ExitCode}}' "$container")
        podman rm "$container" >/dev/null
        container=""
        [ "$status" = 0 ] || fail "the service exited $status on podman stop"
    elif [ -n "$pid" ]; then
        kill -s "${stop_signal:-SIGTERM}" "$pid"
        local status=0
        wait "$pid" || status=$?
        pid=""
        [ "$status" = 0 ] || fail "the service exited $status on ${stop_signal:-SIGTERM}"
    fi
}

in_image() { # runs a command as the image would run its HEALTHCHECK
    if [ "$mode" = "podman run" ]; then
        podman exec "$container" "$@"
    else
        chroot --userspec="$uid:$gid" "$root" /usr/bin/env -i "${image_env[@]}" "${run_env[@]}" \
            --chdir="$workdir" "$@"
    fi
}

start_service
echo "container: running with $mode on port $port, its root filesystem read-only, from $chdir"
chdir="$workdir"
for place in /tmp /var/tmp /; do
    ! in_image /usr/bin/touch "$place/jvdr-probe" 2>/dev/null ||
        fail "$place is writable: this run would not show that a read-only root works"
done
grep -q "applied [0-9]* migration" "$work/jvdr.log" 2>/dev/null || [ "$mode" = "podman run" ] ||
    fail "the first start applied no migrations"
if [ -n "$container" ]; then
    running_uid=$(podman exec "$container" /usr/bin/id -u)
else
    running_uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
    [ "$running_uid" = "$uid" ] || fail "the service runs as uid $running_uid, not $uid"
fi

total=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:$port/v1/events" | tr -d '\r' |
    awk -F': ' 'tolower($1) == "x-total-count" { print $2 }')
[ "${total:-0}" -gt 0 ] || fail "GET /v1/events lists nothing"

status=$(curl -sS -o "$work/created.json" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer ${token#analyst:}" -H 'Content-Type: application/json' \
    --data '{"id": "container-test-event", "title": "Written inside the container", "type": "meeting", "status": "held", "date": "2026-11"}' \
    "http://127.0.0.1:$port/v1/events")
[ "$status" = 201 ] || fail "POST /v1/events answered $status: $(cat "$work/created.json")"

# A bulk load spools its lines to a temporary file, and an export streams a snapshot.
status=$(curl -sS -o "$work/bulk.json" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer ${token#analyst:}" -H 'Content-Type: application/x-ndjson' \
    --data-binary $'{"id": "container-bulk-1", "title": "Loaded in bulk, one", "type": "meeting", "status": "held", "date": "2026-11"}\n{"id": "container-bulk-2", "title": "Loaded in bulk, two", "type": "meeting", "status": "held", "date": "2026-11"}\n' \
    "http://127.0.0.1:$port/v1/events")
[ "$status" = 200 ] || fail "a bulk load answered $status: $(cat "$work/bulk.json")"
curl -fsS "http://127.0.0.1:$port/v1/events?format=ndjson" >"$work/export.ndjson" ||
    fail "the export failed"
for id in container-test-event container-bulk-1 container-bulk-2; do
    grep -q "\"id\":\"$id\"" "$work/export.ndjson" || grep -q "\"id\": \"$id\"" "$work/export.ndjson" ||
        fail "the export lacks $id"
done

# A JWT signed by the mounted key set's key writes, and the audit trail names its subject.
status=$(curl -sS -o "$work/jwt.json" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $jwt" -H 'Content-Type: application/json' \
    --data '{"id": "container-jwt-event", "title": "Written with a JWT", "type": "meeting", "status": "held", "date": "2026-11"}' \
    "http://127.0.0.1:$port/v1/events")
[ "$status" = 201 ] || fail "POST /v1/events with a JWT answered $status: $(cat "$work/jwt.json")"
curl -fsS "http://127.0.0.1:$port/v1/changes?kind=event&id=container-jwt-event" |
    grep -q '"subject":"container-user"' || fail "the audit trail does not name the JWT's subject"
status=$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $jwt" \
    "http://127.0.0.1:$port/v1/events/container-jwt-event")
[ "$status" = 403 ] || fail "a JWT with records:write alone deleted (answered $status)"

in_image "${healthcheck_cmd[@]}" || fail "the HEALTHCHECK command (${healthcheck_cmd[*]}) failed"

stop_service
[ -s "$work/volume/jvdr.db" ] || fail "no database in the volume after a stop"
start_service
status=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/events/container-test-event")
[ "$status" = 200 ] || fail "after a restart the written event answers $status"
stop_service
echo "container: read-only root: migrations on the first start, /readyz, a list ($total events), a write with a token file, a write with a JWT of a mounted key set, a bulk load, an export, the HEALTHCHECK, the data in the volume across a restart: all as expected"

# --- the compose example -----------------------------------------------------------------------
compose="$top/examples/compose"
docker-compose -f "$compose/compose.yaml" config -q || fail "docker-compose refuses examples/compose/compose.yaml"
# nginx resolves upstream names while checking, so give it the compose service's name in a
# private mount namespace of its own.
printf '127.0.0.1 localhost\n127.0.0.1 jvdr\n' >"$work/hosts"
cat >"$work/nginx.conf" <<EOF
error_log $work/nginx-error.log;
pid $work/nginx.pid;
events {}
http {
    include $compose/nginx.conf;
}
EOF
unshare --mount sh -c "mount --bind '$work/hosts' /etc/hosts && nginx -t -q -c '$work/nginx.conf'" ||
    fail "nginx -t refuses examples/compose/nginx.conf"
echo "container: examples/compose: compose.yaml valid (docker-compose config), nginx.conf valid (nginx -t)"
# The HA example's nginx.conf runs for real in tests/e2e/test_ha.c; its compose file is checked here.
JVDR_DB_PASSWORD=checked docker-compose -f "$top/examples/ha/compose.yaml" config -q ||
    fail "docker-compose refuses examples/ha/compose.yaml"
echo "container: examples/ha: compose.yaml valid (docker-compose config)"
