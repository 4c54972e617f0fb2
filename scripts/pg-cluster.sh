#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests: its own data directory under a temporary path, run
# by the unprivileged `postgres` user (PostgreSQL refuses root), listening on loopback only on a
# free port, with a database named jvdr; removed by `stop`.
#   pg-cluster.sh start DIR   - creates DIR, starts the cluster, prints its libpq URI
#   pg-cluster.sh stop DIR    - stops it (fast shutdown) and removes DIR
#   pg-cluster.sh halt DIR    - stops it (fast shutdown), keeping DIR (a copy of it can resume)
#   pg-cluster.sh crash DIR   - stops the server at once (immediate: as if killed), keeping DIR
#   pg-cluster.sh resume DIR  - starts it again on the same port (crash recovery runs first)
#   pg-cluster.sh standby DIR PRIMARY_DIR - a hot standby of the cluster in PRIMARY_DIR
#                               (pg_basebackup -R) on a free port; prints the port once it streams
#   pg-cluster.sh kill DIR    - SIGKILL to the server and every process of it (a machine lost)
#   pg-cluster.sh promote DIR - makes a standby the primary (pg_ctl promote, waiting until it is)
# PG_CLUSTER_OPTIONS adds server options to start and resume (e.g. WAL archiving's).
# Needs Debian's postgresql-15 (scripts/install-deps.sh test installs it).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:?start or stop}
dir=$(realpath -m "${2:?a directory}")
cd / # the postgres user may not enter the caller's directory
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $cmd in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    echo "$port" >"$dir/port"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on ${PG_CLUSTER_OPTIONS:-}" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt \
        -c "CREATE DATABASE jvdr" >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/jvdr"
    ;;
stop)
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
halt)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
crash)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
resume)
    port=$(cat "$dir/port")
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on ${PG_CLUSTER_OPTIONS:-}" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    ;;
standby)
    primary=$(realpath -m "${3:?the primary cluster directory}")
    primary_port=$(cat "$primary/port")
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    # -R writes standby.signal and primary_conninfo (application_name names it to the primary).
    as_postgres "$bin/pg_basebackup" -D "$dir/data" -R -X stream --checkpoint=fast \
        -d "host=127.0.0.1 port=$primary_port user=postgres application_name=standby" \
        >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    echo "$port" >"$dir/port"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c hot_standby=on" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    for _ in $(seq 600); do
        state=$(as_postgres "$bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -qAt \
            -c "SELECT state FROM pg_stat_replication WHERE application_name = 'standby'")
        [ "$state" = streaming ] && { echo "$port"; exit 0; }
        sleep 0.05
    done
    echo "pg-cluster.sh: the standby in $dir does not stream" >&2
    exit 1
    ;;
kill)
    pid=$(head -1 "$dir/data/postmaster.pid")
    kill -KILL "$pid" $(pgrep -P "$pid") 2>/dev/null || true
    ;;
promote)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
    ;;
*)
    echo "pg-cluster.sh: start, stop, halt, crash, resume, standby, kill or promote, not $cmd" >&2
    exit 2
    ;;
esac
