#!/usr/bin/env python3
"""Scores GET /v1/sources/{id}/proposals against the curated events (not a speed bench).

Usage: proposals.py BARE_URL FULL_URL [--floor RECALL PRECISION DATES]

BARE_URL serves a store holding the curated officials and agreements and every document with its
text, but no events; FULL_URL the whole knowledge base. For each document that has a text:

- the proposals on BARE_URL are matched one to one with the curated events citing the document
  (FULL_URL): a type of the same family, the same date at the curated precision (a curated event
  without a date takes any), the curated participants among the proposed ones. Recall, precision,
  how many matches have every field right (type, status, date, participants) and dates exact;
  each proposal nothing matched is printed, for a reader to judge whether it reports a real event
  nobody curated;
- on FULL_URL, the share of those curated events proposed as `cite`, and the `create` proposals
  that match a curated event (duplicates: should be 0): one that fits it and shares a participant,
  a date, or a passage of the document it cites.

Prints Markdown. With --floor, exits 1 when the overall recall, precision or share of exact dates
is below the figures given, or any duplicate is proposed (the test holding the floor)."""
import json
import sys
import urllib.request

FAMILIES = [{"meeting", "consultation", "dialogue", "visit"}, {"signing"}, {"transfer", "dispatch"},
            {"exercise", "port-call"}, {"workshop", "conference", "exhibition"}]


def family(kind):
    for i, f in enumerate(FAMILIES):
        if kind in f:
            return i
    return kind


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=120) as res:
        return json.load(res)


def curated(full, source):
    items, offset = [], 0
    while True:
        page = get(full, f"/v1/events?source={source}&limit=100&offset={offset}")
        items += page["items"]
        offset += 100
        if offset >= page["total"]:
            break
    return [get(full, f"/v1/events/{e['id']}") for e in items]


def fits(record, event):
    if family(record.get("type")) != family(event["type"]):
        return False
    if event.get("date"):
        date = record.get("date") or ""
        if date[:len(event["date"])] != event["date"] or len(date) < len(event["date"]):
            return False
    wanted = {p["id"] for p in event.get("participants", [])}
    return wanted <= {p["id"] for p in record.get("participants", [])}


def spans(record, source):
    return [(s["start"], s["end"]) for ref in record.get("sources", []) if ref["id"] == source
            for s in ref["spans"]]


def duplicate(record, event, source):
    """A create that fits a curated event and is tied to it by more than its type: a participant
    in common, a date on both, or a passage of this document both cite."""
    if not fits(record, event):
        return False
    people = {p["id"] for p in record.get("participants", [])}
    return (bool(people & {p["id"] for p in event.get("participants", [])})
            or (record.get("date") and event.get("date"))
            or any(a < d and c < b for a, b in spans(record, source) for c, d in spans(event, source)))


def exact(record, event):
    return (record.get("type") == event["type"] and record.get("status", "held") == event["status"]
            and record.get("date") == event.get("date")
            and {p["id"] for p in record.get("participants", [])}
            == {p["id"] for p in event.get("participants", [])})


def one_to_one(proposals, events):
    """A largest matching of proposals to events (augmenting paths: both lists are short)."""
    owner = {}

    def place(i, seen):
        for j, e in enumerate(events):
            if j in seen or not fits(proposals[i], e):
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(proposals)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def main():
    bare, full = sys.argv[1], sys.argv[2]
    floor = [float(x) for x in sys.argv[4:7]] if "--floor" in sys.argv else None
    sources = [s["id"] for s in get(full, "/v1/sources?limit=100")["items"]]
    rows, unmatched, wrong_dates = [], [], []
    totals = dict(curated=0, proposed=0, matched=0, right=0, dates=0, cited=0, duplicates=0)
    for source in sources:
        events = curated(full, source)
        try:
            bare_items = get(bare, f"/v1/sources/{source}/proposals")["items"]
        except urllib.error.HTTPError as err:
            if err.code == 404:
                continue  # no text loaded
            raise
        proposed = [p["record"] for p in bare_items if p["kind"] == "event"]
        pairs = one_to_one(proposed, events)
        right = sum(exact(proposed[i], events[j]) for i, j in pairs.items())
        dates = sum(proposed[i].get("date") == events[j].get("date") for i, j in pairs.items())
        unmatched += [(source, p) for i, p in enumerate(proposed) if i not in pairs]
        wrong_dates += [(source, proposed[i], events[j]) for i, j in pairs.items()
                        if proposed[i].get("date") != events[j].get("date")]
        full_items = get(full, f"/v1/sources/{source}/proposals")["items"]
        cites = {p["id"] for p in full_items if p["action"] == "cite" and p["kind"] == "event"}
        cited = sum(e["id"] in cites for e in events)
        creates = [p["record"] for p in full_items if p["action"] == "create" and p["kind"] == "event"]
        duplicates = sum(any(duplicate(r, e, source) for e in events) for r in creates)
        row = dict(curated=len(events), proposed=len(proposed), matched=len(pairs), right=right,
                   dates=dates, cited=cited, duplicates=duplicates)
        rows.append((source, row))
        for k in totals:
            totals[k] += row[k]

    def ratio(a, b):
        return a / b if b else 1.0

    print("| document | curated | proposed | matched | recall | precision | every field right "
          "| dates exact | cited (full store) | duplicates |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for source, r in rows + [("**overall**", totals)]:
        print(f"| {source} | {r['curated']} | {r['proposed']} | {r['matched']} "
              f"| {ratio(r['matched'], r['curated']):.2f} | {ratio(r['matched'], r['proposed']):.2f} "
              f"| {r['right']} | {ratio(r['dates'], r['matched']):.2f} "
              f"| {r['cited']}/{r['curated']} | {r['duplicates']} |")
    print("\nProposals no curated event matched:\n")
    for source, p in unmatched:
        print(f"- {source}: {p['type']} {p.get('date') or 'undated'}, {p['title']}")
    print("\nMatches whose date differs from the curated one:\n")
    for source, p, e in wrong_dates:
        print(f"- {source}: {p['title']}: {p.get('date') or 'undated'} "
              f"({p.get('date_note') or 'as written'}); curated {e['id']}: {e.get('date') or 'undated'}")
    if floor:
        recall = ratio(totals["matched"], totals["curated"])
        precision = ratio(totals["matched"], totals["proposed"])
        dates = ratio(totals["dates"], totals["matched"])
        if recall < floor[0] or precision < floor[1] or dates < floor[2] or totals["duplicates"]:
            print(f"\nbelow the floor: recall {recall:.2f} precision {precision:.2f} dates "
                  f"{dates:.2f} duplicates {totals['duplicates']}", file=sys.stderr)
            sys.exit(1)


main()
