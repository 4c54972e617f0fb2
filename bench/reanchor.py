#!/usr/bin/env python3
"""Drives bench/reanchor against one running jvdr: url token size_kib spans repeat store.

Loads a generated text of size_kib KiB into a new source, cites it with `spans` spans (events of
50 spans each, by offsets), then times three replacements of the text (the median of `repeat`
PUTs each, alternating between the two versions so that every PUT moves every span):
a paragraph inserted near the start and a typo fixed inside a cited passage; then, once, a
wholesale rewrite (the words in reverse order: past the difference's bounds, every span is
searched for by its words, most become orphans, stored with Prefer: handling=lenient); last, the
paragraph's PUTs into a document nothing cites, the cost of storing and indexing the text alone.
Prints one Markdown row."""
import json
import random
import statistics
import sys
import time
import urllib.request

url, token, size_kib, spans, repeat, store = sys.argv[1:7]
size, spans, repeat = int(size_kib) * 1024, int(spans), int(repeat)
rng = random.Random(1)
WORDS = ("the ministers met in Hanoi Tokyo and signed a memorandum on maritime security "
         "defence cooperation naval vessels training exchange of views regional stability "
         "delegation visit talks agreement equipment transfer coast guard patrol").split()


def sentence():
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + ". "


def make_text(limit):
    parts, n = [], 0
    while n < limit:
        para = "".join(sentence() for _ in range(rng.randint(3, 8))) + "\n\n"
        parts.append(para)
        n += len(para)
    return "".join(parts)[:limit]


def call(method, path, body=None, kind="application/json", extra=None):
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", kind)
    for k, v in (extra or {}).items():
        req.add_header(k, v)
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as res:
        res.read()
        return res.status, time.perf_counter() - started


def put_text(text, lenient=False, source="bench-doc"):
    extra = {"Prefer": "handling=lenient"} if lenient else {}
    status, took = call("PUT", f"/v1/sources/{source}/text", text, "text/plain; charset=utf-8",
                        extra)
    assert status in (201, 204), status
    return took


text = make_text(size)
call("POST", "/v1/sources", json.dumps({"id": "bench-doc", "title": "Bench document"}))
put_text(text)
# The paragraph goes in between two paragraphs near the start. A span across that place loses its
# words' run (an orphan, refused without Prefer: handling=lenient), so none is put across it.
cut = text.index("\n\n", 1000) + 2
starts = sorted(rng.sample([*range(0, cut - 121), *range(cut, len(text) - 200)], spans))
for e in range(0, spans, 50):
    chunk = [{"start": s, "end": s + rng.randint(20, 120)} for s in starts[e:e + 50]]
    call("POST", "/v1/events", json.dumps({
        "id": f"bench-event-{e // 50}", "title": "Bench event", "type": "meeting",
        "sources": [{"id": "bench-doc", "spans": chunk}]}))


def timed(versions, source="bench-doc"):
    """The median time of repeat PUTs alternating between the two versions (the first loaded)."""
    took = [put_text(versions[(i + 1) % 2], source=source) for i in range(repeat)]
    if repeat % 2:
        put_text(versions[0], source=source)
    return statistics.median(took) * 1000


paragraph = "An inserted paragraph. " + "".join(sentence() for _ in range(5)) + "\n\n"
inserted = timed([text, text[:cut] + paragraph + text[cut:]])
# The same PUTs into a document nothing cites: what storing and indexing the text costs alone.
call("POST", "/v1/sources", json.dumps({"id": "bench-bare", "title": "Bench document, uncited"}))
put_text(text, source="bench-bare")
bare = timed([text, text[:cut] + paragraph + text[cut:]], source="bench-bare")
mid = starts[len(starts) // 2] + 5
typo = text[:mid] + ("x" if text[mid] != "x" else "y") + text[mid + 1:]
fixed = timed([text, typo])
rewritten = " ".join(reversed(text.split(" ")))
rewrite = put_text(rewritten, lenient=True) * 1000  # once: its orphans do not come back
print(f"| {store} | {size_kib} KiB | {spans:,} | {inserted:.0f} ms | {fixed:.0f} ms | "
      f"{rewrite:.0f} ms | {bare:.0f} ms |", flush=True)
