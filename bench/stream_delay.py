"""Drives bench/stream-delay: how long a write through one instance takes to reach the live
change streams of another (not a test: no assertions). Opens STREAMS streams on the reading
instance, each read by a thread of its own; writes WRITES changes through the writing instance,
one every GAP seconds, and times each from just before its request is sent to its arrival on
every stream. Prints "p50 p99 max" in milliseconds over all arrivals, and the count received.
Usage: stream_delay.py WRITE_URL READ_URL TOKEN WRITES STREAMS GAP"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
import urllib.request

write_url, read_url, token = sys.argv[1], sys.argv[2], sys.argv[3]
writes, streams, gap = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
sent = {}
arrivals = []
lock = threading.Lock()
opened = threading.Barrier(streams + 1)


def follow(index):
    u = urllib.parse.urlparse(read_url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    conn.request("GET", "/v1/changes", headers={"Accept": "text/event-stream"})
    res = conn.getresponse()
    res.readline()  # the opening comment: the stream is open
    opened.wait()
    got = 0
    data = None
    while got < writes:
        line = res.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            data = json.loads(line[6:])
        elif line == b"\n" and data is not None:
            now = time.monotonic()
            key = data["after"]["summary"] if data.get("after") else None
            with lock:
                if key in sent:
                    arrivals.append(now - sent[key])
            got += 1
            data = None


threads = [threading.Thread(target=follow, args=(i,), daemon=True) for i in range(streams)]
for t in threads:
    t.start()
opened.wait()
for i in range(writes):
    key = f"delay-{i}-{time.time()}"
    body = json.dumps({"summary": key}).encode()
    req = urllib.request.Request(write_url + "/v1/officials/nobuo-kishi", data=body, method="PATCH",
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/merge-patch+json"})
    with lock:
        sent[key] = time.monotonic()
    urllib.request.urlopen(req).read()
    time.sleep(gap)
for t in threads:
    t.join(timeout=30)
ms = sorted(a * 1000 for a in arrivals)
pick = lambda q: ms[min(len(ms) - 1, int(len(ms) * q))] if ms else float("nan")
print(f"{pick(0.5):.1f} {pick(0.99):.1f} {ms[-1] if ms else float('nan'):.1f} {len(ms)} {writes * streams}")
