#!/usr/bin/env bash
# The topology of compose.yaml as real processes on loopback on one Debian machine, no container
# engine: a PostgreSQL 15 primary with a synchronous streaming standby, two jvdr instances whose
# libpq URI names both servers (target_session_attrs=read-write follows a promoted standby; each
# commit waits until the standby has applied it, so that reads from it see every acknowledged
# write while no server takes writes) and
# nginx in front of both with this directory's nginx.conf. Run as root (PostgreSQL runs as the
# postgres user, nginx's workers as nobody); needs postgresql-15 and nginx
# (scripts/install-deps.sh test) and a built jvdr (JVDR, default build/jvdr).
#   run-local.sh start DIR            - starts everything under DIR; writes DIR/topology.env
#   run-local.sh kill-instance DIR a  - SIGKILL to jvdr a (or b)
#   run-local.sh start-instance DIR a - starts it again on its port
#   run-local.sh kill-primary DIR     - SIGKILL to the primary and all its processes
#   run-local.sh promote DIR          - the standby becomes the primary (what a failover manager does)
#   run-local.sh stop DIR             - stops everything and removes DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cluster="$top/scripts/pg-cluster.sh"
cmd=${1:?start, kill-instance, start-instance, kill-primary, promote or stop}
dir=$(realpath -m "${2:?a directory}")
JVDR=${JVDR:-$top/build/jvdr}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # url: waits up to 30 s for 200
    for _ in $(seq 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
    echo "run-local.sh: $1 never became ready" >&2; return 1
}
setting() { sed -n "s/^$1=//p" "$dir/topology.env"; } # a value of topology.env
psql_on() { runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -qAt -c "$2"; }

# Starts instance $1 (a or b) on its port from topology.env, detached from this script.
start_instance() {
    local port
    port=$(setting "PORT_$1")
    setsid env JVDR_API_TOKEN="$(cat "$dir/token")" JVDR_TRUSTED_PROXIES=127.0.0.1 \
        JVDR_LOG_FORMAT=json "$JVDR" --port "$port" --threads 2 \
        --db "$(setting DB_URI)&application_name=jvdr-$1" >>"$dir/jvdr-$1.log" 2>&1 </dev/null &
    echo $! >"$dir/jvdr-$1.pid"
    wait_ready "http://127.0.0.1:$port/readyz"
}

case $cmd in
start)
    [ -x "$JVDR" ] || { echo "run-local.sh: no jvdr at $JVDR (build it, or set JVDR)" >&2; exit 1; }
    mkdir -p "$dir"
    "$cluster" start "$dir/primary" >/dev/null
    primary_port=$(cat "$dir/primary/port")
    standby_port=$("$cluster" standby "$dir/standby" "$dir/primary")
    # Only now that the standby streams: from here on a commit is acknowledged once the standby
    # has it on disk too (set earlier, every commit would wait for a standby that is not there;
    # set before the base backup, the standby would inherit it and wait for itself once promoted).
    psql_on "$primary_port" "ALTER SYSTEM SET synchronous_standby_names = 'standby'" >/dev/null
    psql_on "$primary_port" "SELECT pg_reload_conf()" >/dev/null
    [ -s "$dir/token" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/token"
    nginx_port=$(free_port)
    cat >"$dir/topology.env" <<EOF
PRIMARY_PORT=$primary_port
STANDBY_PORT=$standby_port
DB_URI=postgresql://postgres@127.0.0.1:$primary_port,127.0.0.1:$standby_port/jvdr?target_session_attrs=read-write&options=-c%20synchronous_commit%3Dremote_apply
PORT_a=$(free_port)
PORT_b=$(free_port)
NGINX_PORT=$nginx_port
EOF
    start_instance a
    start_instance b
    mkdir -p "$dir/nginx/logs"
    sed -e "s/server jvdr-a:8080/server 127.0.0.1:$(setting PORT_a)/" \
        -e "s/server jvdr-b:8080/server 127.0.0.1:$(setting PORT_b)/" \
        -e "s/listen 80;/listen 127.0.0.1:$nginx_port;/" "$here/nginx.conf" >"$dir/nginx/site.conf"
    printf 'worker_processes auto;\nevents {}\nhttp {\n    include %s/nginx/site.conf;\n}\n' "$dir" >"$dir/nginx/nginx.conf"
    nginx -p "$dir/nginx/" -c "$dir/nginx/nginx.conf" -g "pid $dir/nginx/nginx.pid; error_log $dir/nginx/logs/error.log;"
    wait_ready "http://127.0.0.1:$nginx_port/readyz"
    echo "nginx on http://127.0.0.1:$nginx_port (jvdr a :$(setting PORT_a), b :$(setting PORT_b);" \
        "primary :$primary_port, standby :$standby_port); token in $dir/token"
    ;;
kill-instance)
    kill -KILL "$(cat "$dir/jvdr-${3:?a or b}.pid")"
    ;;
start-instance)
    start_instance "${3:?a or b}"
    ;;
kill-primary)
    "$cluster" kill "$dir/primary"
    ;;
promote)
    "$cluster" promote "$dir/standby"
    ;;
stop)
    [ -f "$dir/nginx/nginx.pid" ] && kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
    for i in a b; do [ -f "$dir/jvdr-$i.pid" ] && kill -TERM "$(cat "$dir/jvdr-$i.pid")" 2>/dev/null || true; done
    sleep 0.2
    "$cluster" stop "$dir/standby"
    "$cluster" stop "$dir/primary"
    rm -rf "$dir"
    ;;
*)
    echo "run-local.sh: start, kill-instance, start-instance, kill-primary, promote or stop, not $cmd" >&2
    exit 2
    ;;
esac
