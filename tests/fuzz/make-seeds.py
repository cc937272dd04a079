#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (OUT/TARGET/, one file per input) from the
project's golden data (tests/data, web/demo) and a few hand-written inputs per boundary, plus
the regression inputs of tests/fuzz/regressions/TARGET/. Deterministic: running it twice writes
the same files. Multi-part inputs are newline-separated, in the order each target's source file
states. tools/fuzz calls it; the seeds are generated rather than committed so they follow the
golden data.

    python3 tests/fuzz/make-seeds.py OUT
"""
import hashlib
import json
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1]
rng = random.Random(15)


def compact(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def data(name):
    return os.path.join(ROOT, "tests", "data", name)


def jsonl(name):
    with open(data(name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


corpora = {}


def add(target, text):
    corpora.setdefault(target, []).append(text.encode("utf-8") if isinstance(text, str) else text)


def sample(items, n):
    items = list(items)
    return items if len(items) <= n else rng.sample(items, n)


# --- conformance protocol, and the JSON parser on the same lines --------------------------
golden = jsonl("conformance_golden.jsonl")
for case in golden:
    add("conformance", compact(case["request"]))
    add("json", compact(case["request"]))
for text in ['{"a":[1,2.5e-3,-0,true,false,null],"b":{"\\ud800":"\\u00e9\\n"}}', "[]", "{}",
             '"\\uDBFF\\uDFFF"', "1e400", "[[[[[[[[[[]]]]]]]]]]", '{"a":1,"a":2}', " 0.1 "]:
    add("json", text)

# --- conditions: condition \n attributes \n savedGroups -----------------------------------
for case in golden:
    r = case["request"]
    if r["op"] == "evalCondition":
        add("condition", "\n".join(compact(r.get(k, {})) for k in
                                   ("condition", "attributes", "savedGroups")))

# --- configs: config \n attributes (config and decide_diff) --------------------------------
assign = json.load(open(data("assign_cases.json"), encoding="utf-8"))["cases"]
configs = []
for case in assign:
    if case["kind"] == "feature":
        ctx = case["context"]
        cfg = {"features": ctx.get("features", {}), "savedGroups": ctx.get("savedGroups", {})}
        configs.append((compact(cfg), compact(ctx.get("attributes", {}))))
    elif case["kind"] == "run":
        ctx = case["context"]
        cfg = {"features": ctx.get("features", {}), "experiments": [case["experiment"]]}
        configs.append((compact(cfg), compact(ctx.get("attributes", {}))))
for case in golden:
    r = case["request"]
    if r["op"] in ("feature", "run"):
        ctx = r.get("context", {})
        cfg = {"features": ctx.get("features", {}), "savedGroups": ctx.get("savedGroups", {})}
        if "experiment" in r:
            cfg["experiments"] = [r["experiment"]]
        configs.append((compact(cfg), compact(ctx.get("attributes", {}))))
demo = json.load(open(os.path.join(ROOT, "web", "demo", "config.json"), encoding="utf-8"))
configs.append((compact(demo), compact({"id": "u-0001", "cart": {"items": 4}, "country": "FR"})))
for cfg, attrs in sample(configs, 300):
    add("config", cfg + "\n" + attrs)
    add("decide_diff", cfg + "\n" + attrs)

# --- URLs: url \n base \n urlPatterns -----------------------------------------------------
urls = [c["url"] for c in assign if c["kind"] == "qs"]
urls += ["https://user:pw@Example.COM:443/a/./b/../c?x=1&y=%20#frag", "//host/p", "?q=1",
         "#h", "../up", "file:///C:/dir/x", "mailto:someone@example.com", "http://[::1]:80/",
         "ws://h:8080\\a\\b", "https://xn--nxasmq6b.com/%7e?a+b=c%zz"]
patterns = [[{"type": "simple", "pattern": "/a/*", "include": True}],
            [{"type": "regex", "pattern": "^https?://example\\.com/(a|b)"}],
            [{"type": "simple", "pattern": "https://example.com/c?x=1", "include": False}]]
for i, u in enumerate(urls):
    add("url", u + "\nhttps://example.com/base/index.html?z=9\n" + compact(patterns[i % 3]))

# --- regular expressions: pattern \n subject ----------------------------------------------
regex = json.load(open(data("regex_cases.json"), encoding="utf-8"))["cases"]
for case in sample([c for c in regex if "\n" not in c["pattern"]], 400):
    add("regex", case["pattern"] + "\n" + case.get("input", ""))

# --- events: a batch body -----------------------------------------------------------------
events = [
    {"id": "e1", "type": "exposure", "ts": 1764547200000, "user": "u1", "experiment": "hero",
     "variant": "b"},
    {"id": "e2", "type": "conversion", "ts": 1764547201000, "user": "u1", "name": "purchase",
     "value": 42.5, "attributes": {"country": "FR"}},
    {"id": "e3", "type": "custom", "ts": 0, "user": "u2", "name": "scroll"},
    {"id": "e4", "type": "exposure", "ts": 8640000000000000, "user": "u3", "experiment": "x",
     "variant": 1},
    {"id": "", "type": "purchase", "ts": -1, "user": "u4"},
]
add("events", compact({"sdkKey": "demo", "events": events}))
add("events", compact({"sdkKey": "demo", "events": events[:1]}))
add("events", compact({"sdkKey": "demo", "events": [None, 1, "x", {}]}))
add("events", compact({"sdkKey": "", "events": []}))

# --- stats and safety protocols -----------------------------------------------------------
with open(data("stats_requests.jsonl"), encoding="utf-8") as f:
    for line in f:
        if line.strip():
            add("stats", line.strip())
for case in sample(jsonl("safety_dev.jsonl"), 150):
    msg = {k: case[k] for k in ("id", "channel", "subject", "body", "context") if k in case}
    add("safety", compact(msg))

# --- audit trails: JSON lines and CSV, chained with an independent RFC 8785 + SHA-256 ------
def canonical(v):
    # RFC 8785 for what these records hold (ASCII keys, whole numbers): sorted keys, no spaces.
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def trail():
    records, prev = [], "0" * 64
    entries = [
        ("screening", "allow", 0, [], [], "tailor-screen"),
        ("screening", "review", 4, ["claims"], [{"category": "claims", "severity": 4,
                                                "span": [0, 5], "detail": "=1+1, \"quoted\""}],
         "tailor-screen"),
        ("approval", "approved", 0, [], [], "reviewer:alice"),
    ]
    for seq, (kind, decision, severity, cats, findings, actor) in enumerate(entries):
        rec = {"seq": seq, "ts": "2026-11-23T15:00:0%dZ" % seq, "kind": kind,
               "campaign": "winter-2026", "message_id": "m%d" % seq,
               "content_hash": hashlib.sha256(("s\nbody %d" % seq).encode()).hexdigest(),
               "policy_version": "" if kind == "approval" else "1", "decision": decision,
               "severity": severity, "categories": cats, "findings": findings, "actor": actor,
               "prev_hash": prev}
        rec["hash"] = hashlib.sha256(canonical(rec).encode()).hexdigest()
        prev = rec["hash"]
        records.append(rec)
    return records


COLUMNS = ["seq", "ts", "kind", "campaign", "message_id", "content_hash", "policy_version",
           "decision", "severity", "categories", "findings", "actor", "prev_hash", "hash"]


def csv_cell(cell):
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "'"):
        cell = "'" + cell
    if any(ch in cell for ch in ',"\r\n'):
        cell = '"' + cell.replace('"', '""') + '"'
    return cell


records = trail()
add("audit", "".join(canonical(r) + "\n" for r in records))
rows = [COLUMNS] + [[str(r["seq"]), r["ts"], r["kind"], r["campaign"], r["message_id"],
                     r["content_hash"], r["policy_version"], r["decision"], str(r["severity"]),
                     ";".join(r["categories"]), canonical(r["findings"]), r["actor"],
                     r["prev_hash"], r["hash"]] for r in records]
add("audit", "".join(",".join(csv_cell(c) for c in row) + "\r\n" for row in rows))

# --- the campaign's customers file and spec -----------------------------------------------
add("customers_csv", "id,email_opt_in,spend_12m,last_order,segment\r\n"
    "c1,true,120.5,2025-11-02,gold\r\nc2,false,0,2024-01-31,\"silver, old\"\r\n"
    "c3,yes,\"1,5\",2025-02-30,\r\nc1,true,3,2025-01-01,gold\r\n")
add("customers_csv", "\ufeffid,name\n1,\"multi\nline\"\n2,\"un\"closed\n")
add("customers_csv", "id\n\n\n")
spec = {"campaign": "winter-2026", "goal": "bring lapsed customers back", "as_of": "2026-12-01",
        "brand": {"name": "Northwind", "voice": "warm"}, "channels": ["email", "web"],
        "customers": {"consent": {"column": "email_opt_in", "meaning": "consent"},
                      "columns": {"spend_12m": "number"}, "bad_rows": "skip"},
        "segmentation": {"method": "rfm"}, "design": {}}
add("campaign_spec", json.dumps(spec, indent=2))
add("campaign_spec", compact({**spec, "as_of": "2026-02-30", "channels": ["fax"]}))

# --- HTTP requests as they arrive on a connection -----------------------------------------
for raw in [
    "GET /v1/config/demo HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"abc\"\r\n\r\n",
    "GET /v1/config/demo/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n",
    "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n\r\n{\"events\":[]}",
    "POST /v1/decide HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "DELETE /admin/v1/users/u%2F1 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /admin/v1/campaigns/c1/files/a/b%2e%2e/c.json?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
    "PUT /v1/experiments/hero/results HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST /ofrep/v1/evaluate/flags/hero HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
    "GET /../../etc/passwd HTTP/1.0\r\n\r\n",
    "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
]:
    add("http_request", raw)

regressions = os.path.join(ROOT, "tests", "fuzz", "regressions")
for target in sorted(os.listdir(regressions)) if os.path.isdir(regressions) else []:
    for name in sorted(os.listdir(os.path.join(regressions, target))):
        with open(os.path.join(regressions, target, name), "rb") as f:
            add(target, f.read())

if os.path.isdir(OUT):
    shutil.rmtree(OUT)
for target, inputs in sorted(corpora.items()):
    os.makedirs(os.path.join(OUT, target))
    for blob in inputs:
        name = hashlib.sha1(blob).hexdigest()
        with open(os.path.join(OUT, target, name), "wb") as f:
            f.write(blob)
    print(f"{target}: {len(set(inputs))} inputs")
