#!/usr/bin/env python3
"""Compares a target environment with its source on devstage (the demo schema), in both stages.

Usage: chaos_compare.py BASE_URL TOKEN SOURCE TARGET
Prints one JSON line: {"equal": bool, "draftEqual": bool, "publishedEqual": bool, "duplicates": n, "lost": n,
"extra": n, "diffs": [...]}.
Checked per stage (DRAFT, PUBLISHED): counts per model, duplicates by business key (slug; a review by title, rating,
time and hotel), field content of the default locale, relations (by the related entry's slug), asset links (by
file name), and the asset files by SHA-256 (bytes read through the CDN URL), with no duplicate asset.
"""
import hashlib
import json
import sys
import urllib.request
from collections import Counter

BASE, TOKEN, SOURCE, TARGET = sys.argv[1:5]

QUERIES = {
    "Destination": "destinations(stage: {stage}, first: 100, skip: {skip}) {{ slug name country heroImage {{ fileName }} }}",
    "Hotel": "hotels(stage: {stage}, first: 100, skip: {skip}) {{ slug name category stars destination {{ slug }} "
             "image {{ fileName }} gallery {{ fileName }} }}",
    "Review": "reviews(stage: {stage}, first: 100, skip: {skip}) {{ title rating submittedAt hotel {{ slug }} }}",
    "Asset": "assets(stage: {stage}, first: 100, skip: {skip}) {{ id fileName size url }}",
}
KEYS = {
    "Destination": lambda e: e["slug"],
    "Hotel": lambda e: e["slug"],
    "Review": lambda e: json.dumps([e["title"], e["rating"], e["submittedAt"], (e.get("hotel") or {}).get("slug")]),
    "Asset": lambda e: e["fileName"],
}


def post(env, query):
    req = urllib.request.Request(f"{BASE}/v2/demo/{env}", data=json.dumps({"query": query}).encode(),
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        body = json.load(r)
    if body.get("errors"):
        raise SystemExit(f"chaos_compare: {env} answered {body['errors'][0].get('message')}")
    return body["data"]


def read_all(env, model, stage):
    rows, skip = [], 0
    while True:
        field = QUERIES[model].split("(")[0]
        page = post(env, "{ " + QUERIES[model].format(stage=stage, skip=skip) + " }")[field]
        rows += page
        if len(page) < 100:
            return rows
        skip += 100


def sha256(url):
    h = hashlib.sha256()
    with urllib.request.urlopen(url, timeout=120) as r:
        for chunk in iter(lambda: r.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def normalised(model, e):
    if model == "Asset":
        return {"fileName": e["fileName"], "size": e["size"], "sha256": sha256(e["url"]) if e.get("url") else None}
    return e


def main():
    diffs, duplicates, lost, extra = [], 0, 0, 0
    equal = {}
    for stage in ("DRAFT", "PUBLISHED"):
        before = len(diffs)
        for model in QUERIES:
            src = [normalised(model, e) for e in read_all(SOURCE, model, stage)]
            tgt = [normalised(model, e) for e in read_all(TARGET, model, stage)]
            key = KEYS[model]
            src_keys, tgt_keys = Counter(key(e) for e in src), Counter(key(e) for e in tgt)
            # a key the source itself repeats (two assets of one file name) may repeat as often in the target
            dup = sum(max(0, n - src_keys.get(k, 0)) for k, n in tgt_keys.items() if n > 1)
            duplicates += dup
            missing = sum((src_keys - tgt_keys).values())
            more = sum((tgt_keys - src_keys).values())
            lost += missing
            extra += more
            if len(src) != len(tgt) or dup or missing or more:
                diffs.append(f"{stage} {model}: source {len(src)} target {len(tgt)} duplicates {dup} lost {missing} extra {more}")
            src_rows = Counter(json.dumps(e, sort_keys=True) for e in src)
            tgt_rows = Counter(json.dumps(e, sort_keys=True) for e in tgt)
            differing = sum((src_rows - tgt_rows).values())
            if differing:
                sample = next(iter(src_rows - tgt_rows))
                diffs.append(f"{stage} {model}: {differing} rows differ in content, e.g. {sample[:160]}")
        equal[stage] = len(diffs) == before
    print(json.dumps({"equal": not diffs, "draftEqual": equal["DRAFT"], "publishedEqual": equal["PUBLISHED"],
                      "duplicates": duplicates, "lost": lost, "extra": extra, "diffs": diffs}))


main()
