# shellcheck shell=bash disable=SC2154
# Helpers the benchmarks share (sourced by bench/run and bench/scale; not run on its own). They
# expect $out (a folder for their files), $top (the repository), DURATION, THREADS, CONNECTIONS
# and TOKEN set.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
              echo $((20000 + RANDOM % 20000)); }
# Waits up to a minute (a million events load in seconds) for URL $1 to answer 2xx.
wait_ready() { for _ in $(seq 6000); do curl -fs -o /dev/null "$1" && return 0; sleep 0.01; done; echo "not ready: $1" >&2; return 1; }
peak_rss_kb() { local total=0; for p in "$@"; do
    v=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); total=$((total + ${v:-0})); done; echo $total; }

# Runs wrk; prints "req/s p50_ms p99_ms"; extra args go to wrk.
measure() {
    local url=$1; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" > "$out/wrk.txt"
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { bad = $5 }
        END { printf "%.0f %.3f %.3f\n", rps, p50, p99 }' "$out/wrk.txt"
}

# Requests every path of file $2 from $1 once, so the mixed run measures the steady state (the
# cache warm, as it is for a dashboard's repeated reads); prints how long the cold pass took.
warm() { local t0 t1; t0=$(date +%s.%N); while read -r path; do curl -fs -o /dev/null "$1$path"; done < "$2"
         t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'; }

# Builds >= 1,000 distinct paths from what the API at $1 holds.
make_urls() {
    local base=$1
    for kind in events officials agreements sources; do
        curl -fs "$base/v1/$kind?limit=100" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | sed "s|^|/v1/$kind/|"
    done
    for l in 1 2 3 4 5 6 8 10 12 15 20 25 30 40 50; do for o in 0 1 2 3 4 5 6 8 10 13 16 21; do
        echo "/v1/events?limit=$l&offset=$o"; echo "/v1/timeline?limit=$l&offset=$o"
        echo "/v1/agreements?limit=$l&offset=$o"; done; done
    for s in date -date title -title type; do for l in 5 10 20; do echo "/v1/events?sort=$s&limit=$l"; done; done
    curl -fs "$base/v1/officials?limit=25" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | while read -r o; do
        for l in 5 10 50; do echo "/v1/events?official=$o&limit=$l"; echo "/v1/timeline?official=$o&limit=$l"; done
        echo "/v1/stats?official=$o"; echo "/v1/agreements?signatory=$o"; done
    for c in JP VN PH CN US IN RU; do for s in date -date title; do echo "/v1/events?country=$c&sort=$s"; done
        echo "/v1/stats?country=$c"; echo "/v1/timeline?country=$c"; done
    for t in meeting visit dialogue consultation workshop signing transfer conference; do for l in 5 20; do
        echo "/v1/events?type=$t&limit=$l"; done; done
    for y in $(seq 2000 2025); do echo "/v1/events?from=$y&to=$((y + 1))"; echo "/v1/stats?from=$y"
        echo "/v1/agreements?from=$y"; echo "/v1/timeline?from=$y&to=$((y + 2))"; done
    for q in kishi giang lich onodera abe kono vinh suga cyber maritime peacekeeping rescue medicine tokyo \
             hanoi manila vision agreement memorandum partnership asean china sea training transfer dialogue \
             consultation visit defense security; do
        echo "/v1/search?q=$q"; echo "/v1/search?q=$q&kind=event"; echo "/v1/events?q=$q"
        echo "/v1/officials?q=$q"; echo "/v1/agreements?q=$q"; echo "/v1/search?q=$q&limit=5"; done
    for p in JP VN ASEAN CN US PH ID; do for s in signed in-force adopted agreed; do
        echo "/v1/agreements?party=$p&status=$s"; done; done
}
# A writer of its own: writer RATE SECONDS URL POSTs RATE new events a second to URL on a schedule
# (bench/writer.py), each timed; its latencies go to $out/writer-RATE.txt.
writer() {
    python3 "$top/bench/writer.py" "$1" "$2" "$3" "$TOKEN" "writer-$1-$$-$RANDOM" > "$out/writer-$1.txt"
}
writer_summary() { # acknowledged writes per second and the writer's p99 ms
    awk '$1 == 201 { print $2 * 1000 }' "$1" | sort -n | awk -v s="$2" '{ t[NR] = $1 } END {
        if (!NR) { print "0 -"; exit } i = int(NR * 0.99); if (i < 1) i = 1
        printf "%.1f %.1f\n", NR / s, t[i] }'
}

# Prints the path of a store of $1 generated events kept in $STORES (bench/stores), generating it
# first when it is not there (minutes at a million; build-bench must hold jvdr_bench_generate).
kept_store() {
    local kept="${STORES:-$top/bench/stores}/generated-$1.db"
    if [ ! -f "$kept" ]; then
        echo "== generating $1 events into $kept (once)" >&2
        mkdir -p "$(dirname "$kept")"; rm -f "$kept.partial"
        "$top/build-bench/jvdr_bench_generate" "$kept.partial" "$1" >/dev/null
        mv "$kept.partial" "$kept"
    fi
    echo "$kept"
}

# Starts in directory $3 a PostgreSQL cluster holding `jvdr copy` of $2 (a copy of the kept store
# of $1 events) and prints its URI. The copied cluster is kept in $STORES too, stopped, and copied
# for each run: the copy itself takes minutes at a million events. Runs write to their own copy.
kept_pg_cluster() {
    local kept="${STORES:-$top/bench/stores}/generated-$1.pg" uri
    if [ ! -d "$kept" ]; then
        echo "== copying $1 events into a kept PostgreSQL cluster, $kept (once)" >&2
        rm -rf "$kept.partial"
        uri=$("$top/scripts/pg-cluster.sh" start "$kept.partial")
        "${JVDR:-$top/build-bench/jvdr}" copy "$2" "$uri" >/dev/null 2>"$out/pg-copy.err" ||
            { cat "$out/pg-copy.err" >&2; return 1; }
        "$top/scripts/pg-cluster.sh" halt "$kept.partial" || return 1
        mv "$kept.partial" "$kept"
    fi
    rm -rf "$3"; cp -a "$kept" "$3" || return 1
    free_port > "$3/port"
    "$top/scripts/pg-cluster.sh" resume "$3" || return 1
    echo "postgresql://postgres@127.0.0.1:$(cat "$3/port")/jvdr"
}
