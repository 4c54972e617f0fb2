"""Drives bench/backup: url token jvdr live backup restored warmup events. A writer thread POSTs
10 events a second throughout; the backup runs after warmup seconds; latencies are split by
whether the backup was running when each write began."""
import json
import os
import resource
import subprocess
import sys
import threading
import time
import urllib.request

url, token, jvdr, live, backup, restored, warmup, events = sys.argv[1:9]
state = {"phase": "before", "stop": False}
latencies = {"before": [], "during": []}


def writer():
    n = 0
    while not state["stop"]:
        began = time.monotonic()
        phase = state["phase"]
        body = json.dumps({"id": "bench-backup-%d" % n, "title": "Written during a backup %d" % n,
                           "type": "meeting", "status": "held", "date": "2026-01",
                           "participants": [{"id": "gen-official-1"}]}).encode()
        req = urllib.request.Request(url + "/v1/events", data=body, method="POST")
        req.add_header("Authorization", "Bearer " + token)
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req) as r:
            assert r.status == 201, r.status
        took = time.monotonic() - began
        if phase in latencies and state["phase"] == phase:
            latencies[phase].append(took * 1000)
        n += 1
        time.sleep(max(0.0, 0.1 - took))


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


thread = threading.Thread(target=writer)
thread.start()
time.sleep(float(warmup))
state["phase"] = "during"
began = time.monotonic()
done = subprocess.run([jvdr, "backup", "--db", live, backup], capture_output=True, text=True)
backup_s = time.monotonic() - began
backup_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
state["phase"] = "after"
state["stop"] = True
thread.join()
assert done.returncode == 0, done.stderr
began = time.monotonic()
again = subprocess.run([jvdr, "restore", "--db", restored, backup], capture_output=True, text=True)
restore_s = time.monotonic() - began
assert again.returncode == 0, again.stderr
size = os.path.getsize(backup)

print("Backup of a store of %s generated events while a writer POSTs 10 events a second:" % events)
print()
print("| | Seconds | Size | Peak RSS |")
print("|---|---:|---:|---:|")
print("| `jvdr backup` (VACUUM INTO, then PRAGMA integrity_check) | %.1f | %d MiB | %d MiB |"
      % (backup_s, size >> 20, backup_rss))
print("| `jvdr restore` (integrity check, then the online backup API) | %.1f | | |" % restore_s)
print()
print("| Writer's POSTs | Count | p50 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for phase in ("before", "during"):
    v = latencies[phase]
    print("| %s the backup | %d | %.1f | %.1f | %.1f |" % (phase, len(v), pct(v, 50), pct(v, 99),
                                                        max(v) if v else float("nan")))
