"""The benchmarks' writer (bench/lib.sh's writer): POSTs RATE new events a second to URL for
SECONDS seconds, each with a participant as an analyst would add one, on a schedule (the n-th
request is due at n / RATE s, whatever the ones before took: a loop that slept after each curl
wrote half the rate asked on a busy machine). One keep-alive connection; a request that falls
behind its time is sent at once. Prints "STATUS SECONDS" per request, as curl's -w did.
Usage: writer.py RATE SECONDS URL TOKEN ID_PREFIX"""
import http.client
import json
import sys
import time
import urllib.parse

rate, seconds, url, token, prefix = (float(sys.argv[1]), float(sys.argv[2]), sys.argv[3],
                                     sys.argv[4], sys.argv[5])
target = urllib.parse.urlsplit(url)
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
conn = None
start = time.monotonic()
n = 0
while True:
    due = start + n / rate
    if due >= start + seconds:
        break
    pause = due - time.monotonic()
    if pause > 0:
        time.sleep(pause)
    n += 1
    body = json.dumps({
        "id": f"{prefix}-{n}", "title": f"Written during reads {n}", "type": "meeting",
        "date": f"2024-0{1 + n % 9}", "countries": ["JP", "VN"],
        "participants": [{"id": f"gen-official-{1 + n % 50}"}]})
    began = time.monotonic()
    try:
        if conn is None:
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        conn.request("POST", "/v1/events", body, headers)
        reply = conn.getresponse()
        reply.read()
        status = reply.status
    except (OSError, http.client.HTTPException):
        conn, status = None, 0
    print(status, f"{time.monotonic() - began:.6f}", flush=True)
