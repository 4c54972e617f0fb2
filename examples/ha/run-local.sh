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
#   run-local.sh start-auto DIR       - the same with pg_auto_failover managing PostgreSQL: a monitor
#                                       and two data nodes (synchronous replication), which promotes
#                                       the standby by itself (needs postgresql-15-auto-failover)
#   run-local.sh kill-instance DIR a  - SIGKILL to jvdr a (or b)
#   run-local.sh start-instance DIR a - starts it again on its port
#   run-local.sh kill-primary DIR     - SIGKILL to the primary and all its processes (with
#                                       start-auto: the whole node, its pg_autoctl too)
#   run-local.sh promote DIR          - the standby becomes the primary (what a failover manager does)
#   run-local.sh rejoin DIR           - with start-auto: the killed node started again; waits until
#                                       pg_auto_failover has made it the standby
#   run-local.sh base-backup DIR      - with start: a base backup of the primary in DIR/base (its
#                                       WAL is archived in DIR/archive from the start)
#   run-local.sh pitr DIR TIME        - the base backup plus the archived WAL recovered up to just
#                                       before TIME (RFC 3339) into a new server; prints its port
#   run-local.sh stop DIR             - stops everything and removes DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cluster="$top/scripts/pg-cluster.sh"
cmd=${1:?start, start-auto, kill-instance, start-instance, kill-primary, promote, rejoin or stop}
dir=$(realpath -m "${2:?a directory}")
JVDR=${JVDR:-$top/build/jvdr}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # url: waits up to 30 s for 200
    for _ in $(seq 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
    echo "run-local.sh: $1 never became ready" >&2; return 1
}
setting() { sed -n "s/^$1=//p" "$dir/topology.env"; } # a value of topology.env
psql_on() { runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -qAt -c "$2"; }

# pg_auto_failover: each node (monitor, node1, node2) runs `pg_autoctl` as the postgres user in a
# session of its own, so that losing the machine is one SIGKILL to the session (the keeper and
# PostgreSQL together: killing PostgreSQL alone, the keeper would restart it).
autoctl() { runuser -u postgres -- env XDG_CONFIG_HOME="$dir/autoctl/config" XDG_DATA_HOME="$dir/autoctl/data" PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config pg_autoctl "$@"; }
monitor_uri() { echo "postgres://autoctl_node@127.0.0.1:$(setting MONITOR_PORT)/pg_auto_failover?sslmode=disable"; }
monitor_sql() { psql_on_db "$(setting MONITOR_PORT)" pg_auto_failover "$1"; }
psql_on_db() { runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$1" -U postgres -d "$2" -qAt -c "$3"; }
node_run() { # name, then pg_autoctl's arguments: runs it detached in a session of its own, whose
    # id (its leader's pid, setsid's own: not a group leader, it does not fork) goes in DIR/name.pid
    local name=$1
    shift
    (cd / && exec setsid runuser -u postgres -- env XDG_CONFIG_HOME="$dir/autoctl/config" \
        XDG_DATA_HOME="$dir/autoctl/data" pg_autoctl "$@") >>"$dir/$name.log" 2>&1 </dev/null &
    echo $! >"$dir/$name.pid"
}
node_kill() { # SIGKILL to the node's session and to its PostgreSQL's children (each of which is in
    # a session of its own), all stopped first so that none restarts another
    local sid pm=""
    sid=$(cat "$dir/$1.pid" 2>/dev/null) || return 0
    # Only a session of the node's own (never this script's, should the file be wrong).
    [ "$(ps -o sid= -p "$sid" 2>/dev/null | tr -d ' ')" = "$sid" ] || return 0
    [ -f "$dir/$1/postmaster.pid" ] && pm=$(head -1 "$dir/$1/postmaster.pid")
    [ -n "$pm" ] && [ "$(ps -o sid= -p "$pm" 2>/dev/null | tr -d ' ')" = "$sid" ] || pm=""
    pkill -STOP -s "$sid" || true
    [ -z "$pm" ] || pkill -STOP -P "$pm" || true
    # The children first: once PostgreSQL is dead they are init's, and -P would no longer find them.
    [ -z "$pm" ] || pkill -KILL -P "$pm" || true
    pkill -KILL -s "$sid" || true
}
node_state() { monitor_sql "SELECT reportedstate FROM pgautofailover.node WHERE nodename = '$1'"; }
wait_secondary() { # node: until the monitor has it as the standby, checkpointing the primary meanwhile
    # (pg_basebackup waits for the primary's next checkpoint, spread over minutes by default)
    for _ in $(seq 240); do
        [ "$(node_state "$1")" = secondary ] && return 0
        for n in node1 node2; do
            [ "$(psql_on "$(setting "PORT_$n")" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] &&
                psql_on "$(setting "PORT_$n")" CHECKPOINT >/dev/null 2>&1 || true
        done
        sleep 0.25
    done
    echo "run-local.sh: $1 did not become the standby within 60 s" >&2
    return 1
}

# Starts instance $1 (a or b) on its port from topology.env, detached from this script.
start_instance() {
    local port
    port=$(setting "PORT_$1")
    setsid env PGUSER=postgres JVDR_API_TOKEN="$(cat "$dir/token")" JVDR_TRUSTED_PROXIES=127.0.0.1 \
        JVDR_LOG_FORMAT=json "$JVDR" --port "$port" --threads 2 \
        --db "$(setting DB_URI)&application_name=jvdr-$1" >>"$dir/jvdr-$1.log" 2>&1 </dev/null &
    echo $! >"$dir/jvdr-$1.pid"
    wait_ready "http://127.0.0.1:$port/readyz"
}

# The front of either topology: the token, jvdr a and b on the DB_URI of topology.env, nginx.
start_front() {
    [ -s "$dir/token" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/token"
    printf 'PORT_a=%s\nPORT_b=%s\nNGINX_PORT=%s\n' "$(free_port)" "$(free_port)" "$(free_port)" \
        >>"$dir/topology.env"
    local nginx_port
    nginx_port=$(setting NGINX_PORT)
    start_instance a
    start_instance b
    mkdir -p "$dir/nginx/logs"
    sed -e "s/server jvdr-a:8080/server 127.0.0.1:$(setting PORT_a)/" \
        -e "s/server jvdr-b:8080/server 127.0.0.1:$(setting PORT_b)/" \
        -e "s/listen 80;/listen 127.0.0.1:$nginx_port;/" "$here/nginx.conf" >"$dir/nginx/site.conf"
    printf 'worker_processes auto;\nevents {}\nhttp {\n    include %s/nginx/site.conf;\n}\n' "$dir" >"$dir/nginx/nginx.conf"
    nginx -p "$dir/nginx/" -c "$dir/nginx/nginx.conf" -g "pid $dir/nginx/nginx.pid; error_log $dir/nginx/logs/error.log;"
    wait_ready "http://127.0.0.1:$nginx_port/readyz"
}

case $cmd in
start)
    [ -x "$JVDR" ] || { echo "run-local.sh: no jvdr at $JVDR (build it, or set JVDR)" >&2; exit 1; }
    mkdir -p "$dir/archive"
    chown postgres:postgres "$dir" "$dir/archive"
    # Every WAL segment the primary completes is copied to DIR/archive (never over one there):
    # with a base backup, what point-in-time recovery needs.
    PG_CLUSTER_OPTIONS="-c archive_mode=on -c archive_command='test ! -f $dir/archive/%f && cp %p $dir/archive/%f'" \
        "$cluster" start "$dir/primary" >/dev/null
    primary_port=$(cat "$dir/primary/port")
    standby_port=$("$cluster" standby "$dir/standby" "$dir/primary")
    # Only now that the standby streams: from here on a commit is acknowledged once the standby
    # has it on disk too (set earlier, every commit would wait for a standby that is not there;
    # set before the base backup, the standby would inherit it and wait for itself once promoted).
    psql_on "$primary_port" "ALTER SYSTEM SET synchronous_standby_names = 'standby'" >/dev/null
    psql_on "$primary_port" "SELECT pg_reload_conf()" >/dev/null
    cat >"$dir/topology.env" <<EOF
PRIMARY_PORT=$primary_port
STANDBY_PORT=$standby_port
DB_URI=postgresql://postgres@127.0.0.1:$primary_port,127.0.0.1:$standby_port/jvdr?target_session_attrs=read-write&options=-c%20synchronous_commit%3Dremote_apply
EOF
    start_front
    echo "nginx on http://127.0.0.1:$(setting NGINX_PORT) (jvdr a :$(setting PORT_a), b :$(setting PORT_b);" \
        "primary :$primary_port, standby :$standby_port); token in $dir/token"
    ;;
start-auto)
    [ -x "$JVDR" ] || { echo "run-local.sh: no jvdr at $JVDR (build it, or set JVDR)" >&2; exit 1; }
    mkdir -p "$dir/autoctl"
    chown postgres:postgres "$dir" "$dir/autoctl"
    monitor_port=$(free_port)
    cat >"$dir/topology.env" <<EOF
AUTO=1
MONITOR_PORT=$monitor_port
PORT_node1=$(free_port)
PORT_node2=$(free_port)
EOF
    node_run monitor create monitor --pgctl /usr/lib/postgresql/15/bin/pg_ctl --pgdata "$dir/monitor" \
        --pgport "$monitor_port" --hostname 127.0.0.1 --auth trust --no-ssl --run
    for _ in $(seq 600); do monitor_sql 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
    # How soon the monitor gives up on a primary (examples/ha/README.md, "Automatic failover"):
    # health checks every second, a node unheard of for 3 s is unhealthy, a primary that does not
    # answer its demotion for 3 s is taken as gone. The defaults (5 s, 20 s, 30 s) took 51 s here.
    for s in health_check_period=1000 health_check_timeout=1000 health_check_max_retries=1 \
        health_check_retry_delay=500 node_considered_unhealthy_timeout=3000 \
        primary_demote_timeout=3000; do
        monitor_sql "ALTER SYSTEM SET pgautofailover.${s%%=*} = ${s##*=}" >/dev/null
    done
    monitor_sql 'SELECT pg_reload_conf()' >/dev/null
    for n in node1 node2; do
        node_run "$n" create postgres --pgctl /usr/lib/postgresql/15/bin/pg_ctl --pgdata "$dir/$n" \
            --pgport "$(setting "PORT_$n")" --hostname 127.0.0.1 --name "$n" --auth trust --no-ssl \
            --dbname jvdr --monitor "$(monitor_uri)" --run
        if [ "$n" = node1 ]; then
            for _ in $(seq 600); do
                [ "$(node_state node1)" = single ] && break
                sleep 0.1
            done
        fi
    done
    wait_secondary node2
    # The URI pg_auto_failover gives, as it gives it (libpq takes the user from PGUSER), with each
    # commit waiting until the standby has applied it, as in the topology above.
    echo "DB_URI=$(autoctl show uri --formation default --monitor "$(monitor_uri)")&options=-c%20synchronous_commit%3Dremote_apply" >>"$dir/topology.env"
    start_front
    echo "nginx on http://127.0.0.1:$(setting NGINX_PORT) (jvdr a :$(setting PORT_a), b :$(setting PORT_b);" \
        "pg_auto_failover monitor :$monitor_port, nodes :$(setting PORT_node1) :$(setting PORT_node2)); token in $dir/token"
    ;;
base-backup)
    rm -rf "$dir/base"
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_basebackup -D "$dir/base" -X stream \
        --checkpoint=fast -d "host=127.0.0.1 port=$(setting PRIMARY_PORT) user=postgres" \
        >"$dir/base-backup.log" 2>&1 || { cat "$dir/base-backup.log" >&2; exit 1; }
    ;;
pitr)
    target=${3:?a time (RFC 3339) to recover to}
    # As recovery_target_time reads it: 2026-12-06 03:10:34.859+00, not 2026-12-06T03:10:34.859Z.
    target=$(printf '%s' "$target" | sed -e 's/T/ /' -e 's/Z$/+00/')
    primary_port=$(setting PRIMARY_PORT)
    # The WAL up to now archived: the current segment completed, and waited for in DIR/archive.
    segment=$(psql_on "$primary_port" "SELECT pg_walfile_name(pg_switch_wal())")
    for _ in $(seq 600); do [ -f "$dir/archive/$segment" ] && break; sleep 0.05; done
    [ -f "$dir/archive/$segment" ] || { echo "run-local.sh: $segment was not archived" >&2; exit 1; }
    rm -rf "$dir/restored" && cp -a "$dir/base" "$dir/restored"
    rm -f "$dir/restored/standby.signal"
    # Replayed from the archive and stopped before the first commit after TIME, then opened for
    # writes. Alone: no synchronous standby to wait for, no archiving into the primary's archive.
    cat >>"$dir/restored/postgresql.auto.conf" <<EOF
restore_command = 'cp $dir/archive/%f %p'
recovery_target_time = '$target'
recovery_target_inclusive = off
recovery_target_action = 'promote'
synchronous_standby_names = ''
archive_mode = off
EOF
    touch "$dir/restored/recovery.signal"
    chown -R postgres:postgres "$dir/restored"
    port=$(free_port)
    runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/restored" -l "$dir/restored.log" -w -t 120 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null ||
        { cat "$dir/restored.log" >&2; exit 1; }
    for _ in $(seq 1200); do [ "$(psql_on "$port" 'SELECT pg_is_in_recovery()')" = f ] && break; sleep 0.05; done
    [ "$(psql_on "$port" 'SELECT pg_is_in_recovery()')" = f ] ||
        { echo "run-local.sh: the restored server did not finish recovery" >&2; exit 1; }
    echo "$port" >"$dir/restored.port"
    echo "$port"
    ;;
rejoin)
    node=$(cat "$dir/killed")
    node_run "$node" run --pgdata "$dir/$node"
    wait_secondary "$node"
    ;;
kill-instance)
    kill -KILL "$(cat "$dir/jvdr-${3:?a or b}.pid")"
    ;;
start-instance)
    start_instance "${3:?a or b}"
    ;;
kill-primary)
    if [ "$(setting AUTO)" = 1 ]; then
        for n in node1 node2; do
            if [ "$(psql_on "$(setting "PORT_$n")" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; then
                node_kill "$n"
                echo "$n" >"$dir/killed"
            fi
        done
        [ -s "$dir/killed" ] || { echo "run-local.sh: no primary to kill" >&2; exit 1; }
    else
        "$cluster" kill "$dir/primary"
    fi
    ;;
promote)
    "$cluster" promote "$dir/standby"
    ;;
stop)
    [ -f "$dir/nginx/nginx.pid" ] && kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
    for i in a b; do [ -f "$dir/jvdr-$i.pid" ] && kill -TERM "$(cat "$dir/jvdr-$i.pid")" 2>/dev/null || true; done
    sleep 0.2
    if [ "$(setting AUTO 2>/dev/null)" = 1 ]; then
        for n in node1 node2 monitor; do node_kill "$n"; done
    else
        "$cluster" stop "$dir/standby"
        "$cluster" stop "$dir/primary"
        [ -f "$dir/restored/postmaster.pid" ] &&
            runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/restored" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "run-local.sh: start, start-auto, kill-instance, start-instance, kill-primary, promote, rejoin, base-backup, pitr or stop, not $cmd" >&2
    exit 2
    ;;
esac
