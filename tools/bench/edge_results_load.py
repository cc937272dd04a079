#!/usr/bin/env python3
"""Loads a seeded experiment into a running tailor-edge over POST /v1/events (the real ingest
path), for tools/bench/edge-results.

  edge_results_load.py PORT EXPERIMENT EVENTS [--threads 4]

Per user: one exposure (variant "0" or "1", attribute country of 4 values), a repeat exposure
for every 10th user, and metric events: "purchase" conversions (treatment converts more),
"view" custom events and "signup" conversions, until EVENTS events are written. Prints
"events seconds": events acknowledged (202) and the loading time."""
import http.client
import json
import random
import sys
import threading
import time


def batches(exp, events, seed):
    rng = random.Random(seed)
    countries = ["US", "FR", "DE", "JP"]
    batch, n, user = [], 0, 0
    while n < events:
        u = "%s-u%d" % (exp, user)
        v = rng.randrange(2)
        ts = 1700000000000 + user
        out = ['{"id":"%s-x%d","type":"exposure","ts":%d,"user":"%s","experiment":"%s",'
               '"variant":"%d","attributes":{"country":"%s"}}'
               % (u, user, ts, u, exp, v, rng.choice(countries))]
        if user % 10 == 0:
            out.append('{"id":"%s-r","type":"exposure","ts":%d,"user":"%s","experiment":"%s",'
                       '"variant":"%d"}' % (u, ts + 5, u, exp, v))
        for k in range(rng.randrange(7)):
            kind, name = [("conversion", "purchase"), ("custom", "view"),
                          ("conversion", "signup")][k % 3]
            if name == "purchase" and rng.random() > 0.3 + 0.05 * v:
                continue
            out.append('{"id":"%s-m%d","type":"%s","ts":%d,"user":"%s","name":"%s","value":%.2f}'
                       % (u, k, kind, ts + 10 + k, u, name, rng.uniform(1, 100)))
        for e in out:
            batch.append(e)
            n += 1
            if len(batch) == 1000 or n == events:
                yield ('{"sdkKey":"demo","events":[' + ",".join(batch) + "]}").encode()
                batch = []
            if n == events:
                return
        user += 1


def main():
    port, exp, events = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 4
    source = batches(exp, events, 42)
    lock = threading.Lock()
    totals = {"accepted": 0}
    failures = []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                body = next(source, None)
            if body is None:
                break
            conn.request("POST", "/v1/events", body, {"Content-Type": "application/json"})
            resp = conn.getresponse()
            answer = resp.read()
            if resp.status != 202:
                failures.append((resp.status, answer[:200]))
                break
            with lock:
                totals["accepted"] += json.loads(answer)["accepted"]
        conn.close()

    t0 = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if failures:
        sys.exit("edge_results_load: %r" % (failures[0],))
    print(totals["accepted"], time.monotonic() - t0)


if __name__ == "__main__":
    main()
