"""Event ingest, experiment summaries and config persistence through the real binary, against
the store named by TAILOR_EDGE_STORE (a fresh SQLite file when unset; with-postgres.sh sets a
postgresql:// URL; with-clickhouse.sh puts events in ClickHouse with TAILOR_EDGE_EVENTS_STORE). Includes the crash test: kill -9 during an ingest burst, restart, every
event that got a 202 is stored, none twice."""
import json
import os
import subprocess
import threading
import time
import unittest
import uuid

from edge_harness import (EDGE, EVENTS_STORE, STORE, Edge, EdgeTestCase, assert_problem,
                          clickhouse_exec, main)


def exposure(eid, user, exp, variant, ts=1000):
    return {"id": eid, "type": "exposure", "ts": ts, "user": user, "experiment": exp,
            "variant": variant}


def conversion(eid, user, name, value=None, ts=2000):
    e = {"id": eid, "type": "conversion", "ts": ts, "user": user, "name": name}
    if value is not None:
        e["value"] = value
    return e


class Events(EdgeTestCase):
    def post(self, events, sdk_key="demo"):
        return self.edge.json("POST", "/v1/events", {"sdkKey": sdk_key, "events": events})

    def test_batch_results_per_event_and_idempotent_retry(self):
        run = uuid.uuid4().hex
        events = [exposure(run + "-1", "u1", "exp-" + run, "0"),
                  {"id": run + "-2", "type": "exposure", "ts": 1, "user": "u2"},
                  conversion(run + "-3", "u1", "buy", 5),
                  {"id": run + "-4", "type": "click", "ts": 1, "user": "u1"},
                  {"id": run + "-5", "type": "custom", "ts": -4, "user": "u1", "name": "x"},
                  "not an event"]
        status, _, body = self.post(events)
        self.assertEqual(status, 202)
        self.assertEqual((body["accepted"], body["duplicates"], body["rejected"]), (2, 0, 4))
        statuses = [r["status"] for r in body["results"]]
        self.assertEqual(statuses, ["accepted", "rejected", "accepted", "rejected", "rejected",
                                    "rejected"])
        self.assertIn("event.experiment", body["results"][1]["reason"])
        self.assertIn('event.type is "click"', body["results"][3]["reason"])
        self.assertIn("event.ts", body["results"][4]["reason"])
        self.assertEqual(body["results"][0]["id"], run + "-1")
        status, _, again = self.post(events)
        self.assertEqual(status, 202)
        self.assertEqual((again["accepted"], again["duplicates"]), (0, 2))
        status, _, only_bad = self.post(events[1:2])
        self.assertEqual((status, only_bad["rejected"]), (422, 1))

    def test_batch_errors_are_problems(self):
        status, hdrs, body = self.edge.request("POST", "/v1/events", b"[1,",
                                               {"Content-Type": "application/json"})
        assert_problem(self, status, hdrs, body, 400, "malformed-json")
        status, hdrs, body = self.edge.request("POST", "/v1/events", b'{"events":[]}',
                                               {"Content-Type": "application/x-www-form-urlencoded"})
        assert_problem(self, status, hdrs, body, 415, "unsupported-media-type")
        status, hdrs, body = self.edge.request("POST", "/v1/events", {"sdkKey": "demo"})
        assert_problem(self, status, hdrs, body, 400, "invalid-batch")
        status, hdrs, body = self.edge.request("POST", "/v1/events",
                                               {"sdkKey": "nope", "events": []})
        assert_problem(self, status, hdrs, body, 404, "unknown-sdk-key")
        many = [exposure("m%d" % i, "u", "e", "0") for i in range(1001)]
        status, hdrs, body = self.edge.request("POST", "/v1/events",
                                               {"sdkKey": "demo", "events": many})
        doc = assert_problem(self, status, hdrs, body, 413, "batch-too-large")
        self.assertIn("1001", doc["detail"])
        big = [dict(exposure("b%d" % i, "u", "e", "0"), attributes={"pad": "x" * 2000})
               for i in range(600)]
        status, hdrs, body = self.edge.request("POST", "/v1/events",
                                               {"sdkKey": "demo", "events": big})
        assert_problem(self, status, hdrs, body, 413, "body-too-large")

    def test_summary_sufficient_statistics(self):
        # /summary is a view of /results' aggregation (core/report): the same users per variant
        # (a user exposed to two variants is in none), every metric's counts.
        exp = "summary-" + uuid.uuid4().hex
        r = exp
        events = [exposure(r + "e1", r + "a", exp, "control", 100),
                  exposure(r + "e2", r + "b", exp, "control", 100),
                  exposure(r + "e3", r + "c", exp, "treatment", 100),
                  exposure(r + "e4", r + "c", exp, "control", 200),   # c saw both: in no arm
                  exposure(r + "e5", r + "d", exp, "treatment", 100),
                  conversion(r + "c1", r + "a", "revenue", 10, 150),
                  conversion(r + "c2", r + "a", "revenue", 5, 160),
                  conversion(r + "c3", r + "c", "revenue", 7, 150),
                  conversion(r + "c4", r + "b", "revenue", 99, 50),   # before exposure: ignored
                  conversion(r + "c5", r + "c", "signup", None, 300),
                  conversion(r + "c6", r + "d", "revenue", 6, 150)]
        status, _, body = self.post(events)
        self.assertEqual((status, body["accepted"]), (202, 11))
        status, _, summary = self.edge.json("GET", "/v1/experiments/%s/summary" % exp)
        self.assertEqual(status, 200)
        zero = {"converted": 0, "events": 0, "sum": 0, "sumSquares": 0}
        self.assertEqual(summary, {
            "experiment": exp, "variationsFrom": "events", "control": "control",
            "conflictedUsers": 1, "unknownVariantExposures": 0, "variants": [
                {"variant": "control", "control": True, "users": 2, "metrics": {
                    "revenue": {"converted": 1, "events": 2, "sum": 15, "sumSquares": 225},
                    "signup": zero}},
                {"variant": "treatment", "control": False, "users": 1, "metrics": {
                    "revenue": {"converted": 1, "events": 1, "sum": 6, "sumSquares": 36},
                    "signup": zero}}]})
        status, _, results = self.edge.json(
            "GET", "/v1/experiments/%s/results?metric=revenue" % exp)
        self.assertEqual(status, 200, results)
        self.assertEqual(results["dataQuality"]["conflictedUsers"], 1)
        for arm, view in zip(results["results"][0]["variants"], summary["variants"]):
            self.assertEqual((arm["variant"], arm["users"], arm["converted"], arm["sum"],
                              arm["sumSquares"]),
                             (view["variant"], view["users"], view["metrics"]["revenue"]["converted"],
                              view["metrics"]["revenue"]["sum"],
                              view["metrics"]["revenue"]["sumSquares"]))
        status, hdrs, body = self.edge.request("GET", "/v1/experiments/none-%s/summary" % exp)
        assert_problem(self, status, hdrs, body, 404, "unknown-experiment")


# The first release's SQLite schema (version 1), as edge/store/sqlite_store.cc created it.
SCHEMA_V1 = """
CREATE TABLE events (id TEXT PRIMARY KEY NOT NULL, sdk_key TEXT NOT NULL, type TEXT NOT NULL,
  ts REAL NOT NULL, user_id TEXT NOT NULL, experiment TEXT, variant TEXT, name TEXT, value REAL,
  attributes TEXT) WITHOUT ROWID;
CREATE INDEX events_exposure_experiment ON events(experiment, ts) WHERE type = 'exposure';
CREATE INDEX events_conversion_user ON events(user_id, ts) WHERE type = 'conversion';
CREATE TABLE config_versions (sdk_key TEXT NOT NULL, version INTEGER NOT NULL,
  body TEXT NOT NULL, sha256 TEXT NOT NULL, published_at TEXT NOT NULL,
  PRIMARY KEY (sdk_key, version));
CREATE TABLE active_configs (sdk_key TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL);
"""


@unittest.skipUnless(EVENTS_STORE, "run under with-clickhouse.sh")
class ClickHouseLayout(unittest.TestCase):
    def test_events_table_of_the_earlier_layout_is_refused_with_the_fix(self):
        # The first release sorted ClickHouse's events by id; this one refuses to start on such
        # a table (results would read it whole) and names the fix, which keeps every event.
        db = "layout_" + uuid.uuid4().hex[:8]
        clickhouse_exec("CREATE DATABASE " + db)
        run = "CREATE TABLE %s.events (id String, sdk_key String, type String, ts Float64, " \
              "user_id String, experiment String, variant String, name String, " \
              "value Nullable(Float64), attributes String) ENGINE = ReplacingMergeTree " \
              "ORDER BY id SETTINGS index_granularity = 256" % db
        clickhouse_exec(run)
        clickhouse_exec("INSERT INTO %s.events VALUES ('old-1', 'demo', 'exposure', 1000, "
                         "'u1', 'layout', '1', '', NULL, '')" % db)
        url = EVENTS_STORE[:EVENTS_STORE.rindex("/") + 1] + db
        proc = subprocess.run([EDGE, "--store", ":memory:", "--events-store", url],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("table %s.events is sorted by (id), the layout of an earlier" % db,
                      proc.stderr)
        self.assertIn("RENAME TABLE events TO events_v1", proc.stderr)
        clickhouse_exec("RENAME TABLE %s.events TO %s.events_v1" % (db, db))
        edge = Edge(events_store=url)
        try:
            clickhouse_exec("INSERT INTO %s.events SELECT * FROM %s.events_v1" % (db, db))
            status, _, body = edge.json("GET", "/v1/experiments/layout/summary")
            self.assertEqual(status, 200, body)
            self.assertEqual([v["users"] for v in body["variants"]], [1], body)
            # The moved event is known to the idempotency lookup: sent again, a duplicate.
            status, _, body = edge.json("POST", "/v1/events", {"sdkKey": "demo", "events": [
                {"id": "old-1", "type": "exposure", "ts": 1000, "user": "u1",
                 "experiment": "layout", "variant": "1"}]})
            self.assertEqual((status, body["accepted"], body["duplicates"]), (202, 0, 1), body)
        finally:
            edge.close()


@unittest.skipIf(STORE or EVENTS_STORE, "SQLite schema migration")
class Migration(unittest.TestCase):
    def test_version_1_file_is_migrated_with_every_event(self):
        import sqlite3
        edge = Edge()
        edge.stop()
        path = edge.store
        for suffix in ["", "-wal", "-shm"]:
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        db = sqlite3.connect(path)
        db.executescript(SCHEMA_V1)
        rows = [("e3", "k", "exposure", 30, "b", "x", "1", None, None, '{"c":"FR"}'),
                ("e1", "k", "exposure", 10, "a", "x", "0", None, None, '{"c":"US"}'),
                ("e2", "k", "conversion", 20, "a", None, None, "buy", 4.5, None),
                ("e4", "k", "custom", 40, "b", None, None, "buy", None, None)]
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        db.commit()
        db.close()
        try:
            edge.start()
            db = sqlite3.connect(path)
            self.assertEqual(db.execute("PRAGMA user_version").fetchone()[0], 2)
            stored = db.execute("SELECT id, sdk_key, type, ts, user_id, experiment, variant, "
                                "name, value, attributes FROM events ORDER BY seq").fetchall()
            # Every row kept, now in (ts, id) order; the old table is gone.
            self.assertEqual(stored, sorted(rows, key=lambda r: (r[3], r[0])))
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            self.assertNotIn("events_v1", tables)
            self.assertIn("events_metric", tables)
            db.close()
            # The migrated rows count: a retry of a stored id is a duplicate, results see both.
            status, _, body = edge.json("POST", "/v1/events", {"sdkKey": "demo", "events": [
                exposure("e1", "a", "x", "0", 10)]})
            self.assertEqual((status, body["accepted"], body["duplicates"]), (202, 0, 1))
            status, _, res = edge.json("GET", "/v1/experiments/x/results?metric=buy")
            self.assertEqual(status, 200)
            arms = {v["variant"]: (v["users"], v["sum"]) for v in res["results"][0]["variants"]}
            self.assertEqual(arms, {"0": (1, 4.5), "1": (1, 1)})
        finally:
            edge.close()


class Durability(unittest.TestCase):
    def test_configs_and_events_survive_restart(self):
        edge = Edge()
        try:
            key = "persist-" + uuid.uuid4().hex[:8]
            status, _, pub = edge.json("POST", "/admin/v1/configs/" + key,
                                       {"features": {"f": {"defaultValue": "x"}}},
                                       edge.admin_headers())
            self.assertEqual(status, 201)
            eid = uuid.uuid4().hex
            status, _, _ = edge.json("POST", "/v1/events",
                                     {"sdkKey": key, "events": [exposure(eid, "u", key, "1")]})
            self.assertEqual(status, 202)
            self.assertEqual(edge.stop(), 0)
            edge.start()
            status, hdrs, _ = edge.request("GET", "/v1/config/" + key)
            self.assertEqual((status, hdrs["etag"]), (200, pub["etag"]))
            _, _, summary = edge.json("GET", "/v1/experiments/%s/summary" % key)
            self.assertEqual(summary["variants"][0]["users"], 1)
        finally:
            edge.close()

    def test_edges_sharing_a_store_see_each_others_publishes(self):
        first = Edge("--config-poll", "1")
        second = Edge("--config-poll", "1", store=first.store)
        try:
            key = "shared-" + uuid.uuid4().hex[:8]
            for version, edge in [(1, first), (2, second)]:
                doc = {"features": {"f": {"defaultValue": version}}}
                status, _, pub = edge.json("POST", "/admin/v1/configs/" + key, doc,
                                           edge.admin_headers())
                self.assertEqual((status, pub["version"]), (201, version))
                other = second if edge is first else first
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    status, hdrs, body = other.json("GET", "/v1/config/" + key)
                    if status == 200 and body == doc:
                        break
                    time.sleep(0.1)
                self.assertEqual((status, body, hdrs["etag"]), (200, doc, pub["etag"]))
        finally:
            second.close()
            first.close()

    def test_kill_9_during_ingest_burst(self):
        """Every event acknowledged with 202 before a kill -9 is stored after restart, once."""
        edge = Edge()
        run = uuid.uuid4().hex[:12]
        exp = "burst-" + run
        batches, acked, lock = {}, set(), threading.Lock()
        stop = threading.Event()

        def client(t):
            seq = 0
            conn = None
            while not stop.is_set():
                name = "%d-%d" % (t, seq)
                seq += 1
                events = [exposure("%s-%s-%d" % (run, name, i), "%s-%s-%d" % (run, name, i),
                                   exp, str(i % 2)) for i in range(100)]
                batches[name] = events
                try:
                    conn = conn or edge.connection(timeout=10)
                    status, _, body = edge.request("POST", "/v1/events",
                                                   {"sdkKey": "demo", "events": events},
                                                   conn=conn)
                    if status == 202:
                        with lock:
                            acked.add(name)
                except Exception:
                    conn = None
                    time.sleep(0.01)

        threads = [threading.Thread(target=client, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while len(acked) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
        edge.kill9()
        time.sleep(0.2)
        stop.set()
        for t in threads:
            t.join()
        self.assertGreaterEqual(len(acked), 20)
        edge.start()
        try:
            total_users = 0
            for name, events in batches.items():
                status, _, body = edge.json("POST", "/v1/events",
                                            {"sdkKey": "demo", "events": events})
                self.assertEqual(status, 202)
                if name in acked:
                    self.assertEqual(body["duplicates"], 100, "acknowledged batch %s lost" % name)
                total_users += len(events)
            _, _, summary = edge.json("GET", "/v1/experiments/%s/summary" % exp)
            self.assertEqual(sum(v["users"] for v in summary["variants"]), total_users)
        finally:
            edge.close()


if __name__ == "__main__":
    print("store:", STORE or "sqlite (fresh file per server)", EVENTS_STORE)
    main()
