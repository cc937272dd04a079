"""Sharding for real (run by `with-clickhouse.sh --shards 2 --log-queries`): two ClickHouse
servers on loopback are the two shards of the cluster "tailor", behind a Distributed table
sharded by user. Two edges write one dataset to the cluster concurrently, with re-sent and
overlapping batches; a third edge writes it to one ClickHouse server alone, a fourth to SQLite.
Results and summaries must be the same documents from all three stores, and both shards must
hold part of the data.

The results query's fallbacks, on the same stores: edges with --clickhouse-max-in-list 0 (the
cluster), 1 and 5 (the server alone) take the exact query over every user, and a subquery to
find the users with several stored variants, instead of IN lists; they answer the same
documents, and ClickHouse's query log shows which queries an answer ran. Two variants, and two
attribute texts, sharing a cityHash64 (real collisions, found by a rho search and checked in
ClickHouse here) take the exact query and answer what SQLite answers."""
import json
import os
import random
import subprocess
import threading
import unittest
import urllib.request
import uuid

from edge_harness import EDGE, EVENTS_STORE, Edge, clickhouse_exec, clickhouse_query, main

HOSTS = os.environ.get("TAILOR_CLICKHOUSE_HTTP", "").split()

# Two 16-character strings with one cityHash64 (8531547117089604125), found by a Brent rho
# search over x -> cityHash64(hex(x)); the test checks the collision in ClickHouse itself.
VARIANT_COLLISION = ("8a89ab2e5d574eb2", "3a24e6d2a5ff6599")
# Two countries whose attribute texts, {"country":"..."} as stored, share one cityHash64
# (5598536756978403046), found the same way.
COUNTRY_COLLISION = ("88f0ef833a532066", "722b6e6222dd1c49")

# Markers of the edge's results queries (edge/store/clickhouse_sql.cc, clickhouse_store.cc).
EXACT = "arrayEnumerateUniq"                        # the exact query
CHECKED = " AND user_h IN ("                        # ... restricted to the users named
SEVERAL_LISTED = " AND cityHash64(user_id) IN ("    # users with several variants, named
SEVERAL_SUBQUERY = "HAVING min(variant) != max(variant)"  # ... found by a subquery


def queries_run(edge, path):
    """(the answer, the texts of the queries it ran on the first ClickHouse server): the
    finished queries sent to that server, from its query log, that were not there before."""
    def logged():
        clickhouse_exec("SYSTEM FLUSH LOGS")
        return {q for q, in clickhouse_query("SELECT query_id FROM system.query_log")}
    logging, = clickhouse_query("SELECT value FROM system.settings WHERE name = 'log_queries'")
    if logging != ("1",):
        raise AssertionError("ClickHouse logs no queries: run under with-clickhouse.sh "
                             "--log-queries")
    before = logged()
    status, _, body = edge.json("GET", path)
    after = logged() - before
    texts = [q for i, q in clickhouse_query(
        "SELECT query_id, query FROM system.query_log WHERE type = 2 AND is_initial_query = 1 "
        "AND query NOT LIKE '%system.query_log%'") if i in after]
    if not texts:
        raise AssertionError("%s ran no logged query: run under with-clickhouse.sh "
                             "--log-queries" % path)
    return status, body, texts


def ran(texts, *marks, without=()):
    """How many of `texts` hold every one of `marks` and none of `without`."""
    return sum(all(m in t for m in marks) and not any(w in t for w in without) for t in texts)


def dataset(seed, exp):
    """A fixed-seed experiment: 1,500 users over three variants and four countries, some exposed
    to two variants, some twice at one ts with other attributes, conversions before and after
    exposure, some from users never exposed, refunds only after exposure; integer values, so
    every sum is exact whatever order a store adds in."""
    rng = random.Random(seed)
    events = []
    for u in range(1500):
        user = "%s-u%d" % (exp, u)
        variant = str(rng.randrange(3))
        ts = 3000 + rng.randrange(10000)
        country = rng.choice(["US", "FR", "DE", "JP"])
        if u % 50 != 49:
            events.append({"id": "%s-x%d" % (exp, u), "type": "exposure", "ts": ts, "user": user,
                           "experiment": exp, "variant": variant,
                           "attributes": {"country": country}})
            if u % 97 == 0:  # exposed again, to another variant: conflicted
                events.append({"id": "%s-y%d" % (exp, u), "type": "exposure", "ts": ts + 5,
                               "user": user, "experiment": exp,
                               "variant": str((int(variant) + 1) % 3)})
            elif u % 31 == 0:  # exposed twice at one ts: the smaller id's attributes count
                events.append({"id": "%s-a%d" % (exp, u), "type": "exposure", "ts": ts,
                               "user": user, "experiment": exp, "variant": variant,
                               "attributes": {"country": "BR"}})
        for k in range(rng.randrange(4)):
            name = rng.choice(["purchase", "signup"])
            e = {"id": "%s-c%d-%d" % (exp, u, k), "type": "conversion", "user": user,
                 "ts": ts + rng.randrange(-2000, 8000), "name": name}
            if name == "purchase":
                e["value"] = rng.randrange(1, 200)
            events.append(e)
        # A refund (no random draw, so the rest stays as it was) after the exposure: no user
        # needs the exact query for it, users with several variants still come by name.
        if u % 7 == 3:
            events.append({"id": "%s-r%d" % (exp, u), "type": "conversion", "user": user,
                           "ts": ts + 1 + u % 100, "name": "refund", "value": u % 50 + 1})
    rng.shuffle(events)
    return events


class Shards(unittest.TestCase):
    def test_two_shards_answer_like_one_server_and_sqlite(self):
        self.assertEqual(len(HOSTS), 2, "run under with-clickhouse.sh --shards 2 --log-queries")
        exp = "shards-" + uuid.uuid4().hex[:8]
        events = dataset(20261207, exp)
        single_db = "single_" + uuid.uuid4().hex[:8]
        clickhouse_query("CREATE DATABASE " + single_db)
        cluster = [Edge(), Edge()]
        single_url = "clickhouse://%s/%s" % (HOSTS[0], single_db)
        single = Edge(events_store=single_url)
        sqlite = Edge(events_store="")
        # The same stores read with short IN lists (--clickhouse-max-in-list).
        limited = {("cluster", 0): Edge("--clickhouse-max-in-list", "0")}
        limited.update({("single", n): Edge("--clickhouse-max-in-list", str(n),
                                            events_store=single_url) for n in (1, 5)})
        try:
            batches = [events[i:i + 200] for i in range(0, len(events), 200)]
            # Overlapping batches: each also carries the first half of the next one.
            overlapping = [b + batches[i + 1][:100] if i + 1 < len(batches) else b
                           for i, b in enumerate(batches)]
            accepted = [0, 0]

            def write(k):
                for i, batch in enumerate(overlapping):
                    if i % 2 == k:
                        status, _, body = cluster[k].json(
                            "POST", "/v1/events", {"sdkKey": "demo", "events": batch})
                        self.assertEqual(status, 202, body)
                        accepted[k] += body["accepted"]

            threads = [threading.Thread(target=write, args=(k,)) for k in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            # Every batch re-sent through the other edge: all duplicates.
            for i, batch in enumerate(batches):
                status, _, body = cluster[(i + 1) % 2].json(
                    "POST", "/v1/events", {"sdkKey": "demo", "events": batch})
                self.assertEqual((status, body["accepted"]), (202, 0), body)
            # Each event accepted at least once; an overlap written by both edges at the same
            # moment can be accepted by both (and is still counted once below).
            self.assertGreaterEqual(sum(accepted), len(events))
            for edge in (single, sqlite):
                for batch in overlapping:
                    status, _, _ = edge.json("POST", "/v1/events",
                                             {"sdkKey": "demo", "events": batch})
                    self.assertEqual(status, 202)

            # Both shards hold part of the events, together each one once.
            per_shard = []
            for host in HOSTS:
                sql = ("SELECT uniqExact(id) FROM events_local WHERE id LIKE '%s-%%' "
                       "FORMAT TabSeparated" % exp)
                with urllib.request.urlopen("http://%s/" % host, sql.encode(), timeout=60) as r:
                    per_shard.append(int(r.read()))
            self.assertTrue(all(n > 0 for n in per_shard), per_shard)
            self.assertEqual(sum(per_shard), len(events))

            def same_documents(when):
                queries = ["results?metric=purchase", "results?metric=signup",
                           "results?metric=refund",
                           "results?metric=purchase&segment=country",
                           "results?metric=purchase&method=bayesian", "summary"]
                # The limit changes how users are summed, not the method or the summary's
                # query (always the exact one): the limited edges answer three of them.
                read_limited = ["results?metric=purchase", "results?metric=refund",
                                "results?metric=purchase&segment=country"]
                for q in queries:
                    answers = []
                    edges = [cluster[0], cluster[1], single, sqlite]
                    if q in read_limited:
                        edges += list(limited.values())
                    for edge in edges:
                        status, _, body = edge.json("GET", "/v1/experiments/%s/%s" % (exp, q))
                        self.assertEqual(status, 200, body)
                        answers.append(json.dumps(body, sort_keys=True))
                    self.assertEqual(answers[0], answers[3], (when, q))  # cluster = SQLite
                    self.assertEqual(answers[2], answers[3], (when, q))  # one server = SQLite
                    self.assertEqual(answers[1], answers[0], (when, q))
                    for k, a in zip(limited, answers[4:]):  # short IN lists = SQLite
                        self.assertEqual(a, answers[3], (when, q, k))
                return json.loads(answers[0])

            res = same_documents("as written")
            self.assertEqual(res["conflictedUsers"], 16)  # u % 97 == 0, all exposed

            # Which queries ran, on the server alone. Default: the fast query leaves some
            # users of "purchase" to the exact query by IN list, none of "refund"; the 16
            # users with several variants are named in both. With 1 user per list, "purchase"
            # needs the exact query over every user, "refund" still none, and both find the
            # users with several variants by a subquery.
            def check(edge, metric, exact_all, checked, several_listed):
                status, body, texts = queries_run(
                    edge, "/v1/experiments/%s/results?metric=%s" % (exp, metric))
                self.assertEqual(status, 200, body)
                self.assertEqual(ran(texts, "uniqUpTo(8)"), 1, texts)  # the fast query
                self.assertEqual(ran(texts, EXACT, without=[CHECKED]), int(exact_all), metric)
                self.assertEqual(ran(texts, EXACT, CHECKED), int(checked), metric)
                self.assertEqual(ran(texts, SEVERAL_LISTED) > 0, several_listed, metric)
                self.assertEqual(ran(texts, SEVERAL_SUBQUERY) > 0, not several_listed, metric)

            check(single, "purchase", exact_all=False, checked=True, several_listed=True)
            check(single, "refund", exact_all=False, checked=False, several_listed=True)
            check(limited[("single", 1)], "purchase", exact_all=True, checked=False,
                  several_listed=False)
            check(limited[("single", 1)], "refund", exact_all=False, checked=False,
                  several_listed=False)
            # Byte-identical copies of a quarter of the events in parts of their own, as two
            # edges writing one new id at the same moment leave them until a merge: still every
            # id counted once (the fast query leaves such users to the exact one). Merges are
            # stopped first, else one can fold the copies before they are read.
            copy = ("INSERT INTO {t} SELECT * FROM {t} WHERE id LIKE '%s-%%' "
                    "AND cityHash64(id) %% 4 = 0" % exp)
            for host in HOSTS:
                for sql in ("SYSTEM STOP MERGES", copy.format(t="events_local")):
                    urllib.request.urlopen("http://%s/" % host, sql.encode(), timeout=60).read()
            urllib.request.urlopen("http://%s/" % HOSTS[0],
                                   copy.format(t=single_db + ".events").encode(),
                                   timeout=60).read()
            for db in (single_db, "default"):
                rows, ids = clickhouse_query("SELECT count(), uniqExact(id) FROM %s.events "
                                             "WHERE id LIKE '%s-%%'" % (db, exp))[0]
                self.assertGreater(int(rows), int(ids), db)
            same_documents("with copies")
        finally:
            for edge in cluster + [single, sqlite] + list(limited.values()):
                edge.close()
            for host in HOSTS:
                urllib.request.urlopen("http://%s/" % host, b"SYSTEM START MERGES",
                                       timeout=60).read()

    def test_shared_hashes_take_the_exact_query(self):
        """Variants (or attribute texts) sharing a hash would be one group in the fast query:
        the edge sees two names for one hash and takes the exact query instead."""
        self.assertEqual(len(HOSTS), 2, "run under with-clickhouse.sh --shards 2 --log-queries")
        tag = uuid.uuid4().hex[:8]
        exp_v, exp_a = "hashv-" + tag, "hasha-" + tag
        rng = random.Random(20261208)
        events = []
        for exp, variants, countries in ((exp_v, VARIANT_COLLISION + ("control",), ["US"]),
                                         (exp_a, ("0", "1"), COUNTRY_COLLISION + ("US",))):
            for u in range(400):
                user = "%s-u%d" % (exp, u)
                ts = 3000 + rng.randrange(10000)
                variant = rng.choice(variants)
                events.append({"id": "%s-x%d" % (exp, u), "type": "exposure", "ts": ts,
                               "user": user, "experiment": exp, "variant": variant,
                               "attributes": {"country": rng.choice(countries)}})
                if u % 13 == 0:  # exposed to both colliding variants (or to "0" and "1")
                    events.append({"id": "%s-y%d" % (exp, u), "type": "exposure",
                                   "ts": ts + 5, "user": user, "experiment": exp,
                                   "variant": variants[0] if variant != variants[0]
                                   else variants[1]})
                for k in range(rng.randrange(3)):
                    events.append({"id": "%s-c%d-%d" % (exp, u, k), "type": "conversion",
                                   "user": user, "ts": ts + rng.randrange(-1000, 8000),
                                   "name": "purchase", "value": rng.randrange(1, 100)})
        # Databases of their own (a metric's events count for every experiment of a store):
        # one on the first server alone, one on both shards for the cluster.
        db, cdb = "hashes_" + tag, "hashes_cluster_" + tag
        clickhouse_exec("CREATE DATABASE " + db)
        for host in HOSTS:
            urllib.request.urlopen("http://%s/" % host, ("CREATE DATABASE " + cdb).encode(),
                                   timeout=60).read()
        single = Edge(events_store="clickhouse://%s/%s" % (HOSTS[0], db))
        cluster = Edge(events_store="clickhouse://%s/%s?cluster=tailor" % (",".join(HOSTS), cdb))
        sqlite = Edge(events_store="")
        try:
            for edge in (single, cluster, sqlite):
                for i in range(0, len(events), 500):
                    status, _, body = edge.json("POST", "/v1/events",
                                                {"sdkKey": "demo", "events": events[i:i + 500]})
                    self.assertEqual(status, 202, body)
            # The collisions are real in ClickHouse, as the texts are stored.
            texts, hashes = clickhouse_query(
                "SELECT uniqExact(variant), uniqExact(cityHash64(variant)) FROM %s.events "
                "WHERE experiment = '%s' AND variant IN ('%s', '%s')"
                % ((db, exp_v) + VARIANT_COLLISION))[0]
            self.assertEqual((texts, hashes), ("2", "1"))
            texts, hashes = clickhouse_query(
                "SELECT uniqExact(attributes), uniqExact(cityHash64(attributes)) FROM %s.events "
                "WHERE experiment = '%s' AND attributes LIKE '%%country%%' AND attributes NOT LIKE "
                "'%%US%%'"
                % (db, exp_a))[0]
            self.assertEqual((texts, hashes), ("2", "1"))

            for exp, q in ((exp_v, "results?metric=purchase"),
                           (exp_v, "results?metric=purchase&segment=country"),
                           (exp_v, "summary"), (exp_a, "results?metric=purchase"),
                           (exp_a, "results?metric=purchase&segment=country")):
                answers = []
                for edge in (single, cluster, sqlite):
                    status, _, body = edge.json("GET", "/v1/experiments/%s/%s" % (exp, q))
                    self.assertEqual(status, 200, body)
                    answers.append(json.dumps(body, sort_keys=True))
                self.assertEqual(answers[0], answers[2], (exp, q))  # one server = SQLite
                self.assertEqual(answers[1], answers[2], (exp, q))  # cluster = SQLite
                for name in (VARIANT_COLLISION if exp == exp_v else
                             COUNTRY_COLLISION if "segment" in q else ()):
                    self.assertIn(name, answers[2], (exp, q))
                if exp == exp_v and q == "results?metric=purchase":
                    # u % 13 == 0: exposed to two variants (a colliding pair, or one of it
                    # and "control"), 31 users.
                    self.assertEqual(json.loads(answers[2])["dataQuality"]["conflictedUsers"], 31)

            # The exact query over every user ran where a hash names two texts: the variants
            # always, the attribute texts only with a segment.
            for exp, q, exact_all in ((exp_v, "metric=purchase", 1),
                                      (exp_a, "metric=purchase&segment=country", 1),
                                      (exp_a, "metric=purchase", 0)):
                status, body, texts = queries_run(
                    single, "/v1/experiments/%s/results?%s" % (exp, q))
                self.assertEqual(status, 200, body)
                self.assertEqual(ran(texts, "uniqUpTo(8)"), 1, (exp, q))
                self.assertEqual(ran(texts, EXACT, without=[CHECKED]), exact_all, (exp, q))
        finally:
            for edge in (single, cluster, sqlite):
                edge.close()

    def test_max_in_list_flag_is_checked(self):
        for value in ("-1", "x", "1000001", ""):
            proc = subprocess.run([EDGE, "--store", ":memory:", "--clickhouse-max-in-list", value],
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn('--clickhouse-max-in-list: "%s" is not an integer from 0 to 1000000'
                          % value, proc.stderr)


if __name__ == "__main__":
    print("events store:", EVENTS_STORE)
    main()
