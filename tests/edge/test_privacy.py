"""Privacy through the real binary (ARCHITECTURE.md, "Privacy by design"), against the store named
by TAILOR_EDGE_STORE (a fresh SQLite file when unset; with-postgres.sh sets a postgresql://
URL): DELETE /admin/v1/users/{userId} removes every event of one user and nothing else, and
--retention-days deletes the events whose client ts is older than the window, at start and then
every --retention-interval-s. What is stored is checked in the database itself (sqlite3, or
psql for PostgreSQL, HTTP for ClickHouse), not only through the edge's answers."""
import glob
import shutil
import sqlite3
import subprocess
import time
import unittest
import urllib.parse
import uuid

from edge_harness import (ADMIN_TOKEN, EDGE, EVENTS_STORE, STORE, Edge, EdgeTestCase,
                          assert_problem, clickhouse_query, main)

DAY_MS = 86400 * 1000


def now_ms():
    return int(time.time() * 1000)


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def query(store, sql):
    """Rows of `sql` (a list of tuples of strings), read from the edge's store directly (the
    events from ClickHouse under with-clickhouse.sh)."""
    if EVENTS_STORE:
        return clickhouse_query(sql)
    if store.startswith(("postgresql://", "postgres://")):
        psql = shutil.which("psql") or sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
        out = subprocess.run([psql, store, "-AtX", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines()]
    path = store[len("sqlite:"):] if store.startswith("sqlite:") else store
    db = sqlite3.connect(path, timeout=30)
    try:
        return [tuple(str(v) for v in row) for row in db.execute(sql).fetchall()]
    finally:
        db.close()


def count(store, where="1 = 1"):
    return int(query(store, "SELECT COUNT(*) FROM events WHERE " + where)[0][0])


def ids(store, prefix):
    rows = query(store, "SELECT id FROM events WHERE id LIKE %s" % sql_text(prefix + "%"))
    return {r[0] for r in rows}


def metrics(edge, *names):
    """The values of unlabelled metrics, all from one GET /metrics."""
    status, _, body = edge.request("GET", "/metrics")
    assert status == 200, status
    values = dict(line.split(" ", 1) for line in body.decode().splitlines()
                  if line and not line.startswith("#") and "{" not in line)
    missing = [n for n in names if n not in values]
    assert not missing, "missing from /metrics: %s" % missing
    return tuple(float(values[n]) for n in names)


def retention_metrics(edge):
    """(deleted events total, end of the last run) from one /metrics answer."""
    return metrics(edge, "tailor_edge_retention_deleted_events_total",
                   "tailor_edge_retention_last_run_timestamp_seconds")


def exposure(eid, user, exp, variant, ts):
    return {"id": eid, "type": "exposure", "ts": ts, "user": user, "experiment": exp,
            "variant": variant}


def conversion(eid, user, name, value, ts):
    return {"id": eid, "type": "conversion", "ts": ts, "user": user, "name": name, "value": value}


def post(edge, events, sdk_key="demo"):
    for i in range(0, len(events), 1000):
        status, _, body = edge.json("POST", "/v1/events",
                                    {"sdkKey": sdk_key, "events": events[i:i + 1000]})
        assert status == 202 and body["accepted"] == len(events[i:i + 1000]), (status, body)


def delete_user(edge, user, headers=None):
    path = "/admin/v1/users/" + urllib.parse.quote(user, safe="")
    return edge.json("DELETE", path, headers=edge.admin_headers() if headers is None else headers)


class DeleteUser(EdgeTestCase):
    def test_deletes_every_event_of_the_user_and_nothing_else(self):
        run = uuid.uuid4().hex
        exp = "privacy-" + run
        other_key = "privacy-" + run[:12]
        status, _, _ = self.edge.json("POST", "/admin/v1/configs/" + other_key,
                                      {"features": {}}, self.edge.admin_headers())
        self.assertEqual(status, 201)
        a, b, c = run + "/a ü", run + "-b", run + "-c"   # '/', space, non-ASCII: percent-encoded
        t = now_ms() - 60000
        post(self.edge, [exposure(run + "a1", a, exp, "0", t),
                         conversion(run + "a2", a, "purchase", 10, t + 1),
                         {"id": run + "a3", "type": "custom", "ts": t + 2, "user": a,
                          "name": "purchase", "value": 4},
                         exposure(run + "b1", b, exp, "1", t),
                         conversion(run + "b2", b, "purchase", 7, t + 1),
                         exposure(run + "c1", c, exp, "0", t),
                         conversion(run + "c2", c, "purchase", 3, t + 1)])
        post(self.edge, [exposure(run + "a4", a, exp, "0", t + 3),
                         conversion(run + "a5", a, "signup", 1, t + 4)], sdk_key=other_key)
        posted_for_a = 5
        store = self.edge.store
        self.assertEqual(count(store, "user_id = " + sql_text(a)), posted_for_a)
        total = count(store)
        before = self.summary(exp)
        self.assertEqual(before["0"]["users"], 2)
        # a's conversion 10 and custom 4 (both count, as in /results) and c's 3.
        self.assertEqual(before["0"]["metrics"]["purchase"]["sum"], 17)
        self.assertEqual(self.users_per_variant(exp), {"0": 2, "1": 1})

        status, hdrs, body = delete_user(self.edge, a)
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"userId": a, "deletedEvents": posted_for_a})
        self.assertEqual(hdrs.get("cache-control"), "no-store")

        self.assertEqual(count(store, "user_id = " + sql_text(a)), 0)
        self.assertEqual(count(store), total - posted_for_a)
        self.assertEqual(ids(store, run), {run + "b1", run + "b2", run + "c1", run + "c2"})
        after = self.summary(exp)
        self.assertEqual(after["0"], {"variant": "0", "control": True, "users": 1, "metrics": {
            "purchase": {"converted": 1, "events": 1, "sum": 3, "sumSquares": 9}}})
        self.assertEqual(after["1"]["users"], before["1"]["users"])
        self.assertEqual(after["1"]["metrics"]["purchase"], before["1"]["metrics"]["purchase"])
        self.assertEqual(self.users_per_variant(exp), {"0": 1, "1": 1})

        status, _, body = delete_user(self.edge, a)
        self.assertEqual((status, body["deletedEvents"]), (200, 0))
        self.assertEqual(count(store), total - posted_for_a)

    def test_unknown_user_is_200_with_zero(self):
        total = count(self.edge.store)
        status, _, body = delete_user(self.edge, "nobody-" + uuid.uuid4().hex)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["deletedEvents"], 0)
        self.assertEqual(count(self.edge.store), total)

    def test_needs_an_admin_token(self):
        user = "auth-" + uuid.uuid4().hex
        post(self.edge, [exposure(user + "-1", user, "auth-exp", "0", now_ms())])
        status, hdrs, body = self.edge.request("DELETE", "/admin/v1/users/" + user)
        assert_problem(self, status, hdrs, body, 401, "unauthorized")
        self.assertIn("Bearer", hdrs.get("www-authenticate", ""))
        status, hdrs, body = self.edge.request("DELETE", "/admin/v1/users/" + user,
                                               headers={"Authorization": "Bearer " + "x" * 24})
        assert_problem(self, status, hdrs, body, 403, "forbidden")
        self.assertEqual(count(self.edge.store, "user_id = " + sql_text(user)), 1)
        status, _, body = delete_user(self.edge, user)
        self.assertEqual((status, body["deletedEvents"]), (200, 1))

    def test_admin_disabled_without_tokens(self):
        edge = Edge(admin=False, store=self.edge.store)
        try:
            status, hdrs, body = edge.request("DELETE", "/admin/v1/users/someone",
                                              headers={"Authorization": "Bearer " + ADMIN_TOKEN})
            assert_problem(self, status, hdrs, body, 403, "admin-disabled")
        finally:
            edge.close()

    def test_bad_user_ids_are_400_naming_the_field(self):
        for path, why in [("/admin/v1/users/", "is empty"),
                          ("/admin/v1/users/" + "x" * 257, "is 257 bytes"),
                          ("/admin/v1/users/ab%zz", "has a malformed percent escape")]:
            status, hdrs, body = self.edge.request("DELETE", path,
                                                   headers=self.edge.admin_headers())
            doc = assert_problem(self, status, hdrs, body, 400, "invalid-parameter")
            self.assertEqual(doc["parameter"], "userId", path)
            self.assertIn('"userId" ' + why, doc["detail"])
        # The bounds are those of an event's "user": 256 bytes is a valid id.
        longest = uuid.uuid4().hex + "y" * 224
        post(self.edge, [exposure(longest[:40], longest, "long-exp", "0", now_ms())])
        status, _, body = delete_user(self.edge, longest)
        self.assertEqual((status, body["deletedEvents"]), (200, 1))
        status, hdrs, _ = self.edge.request("GET", "/admin/v1/users/someone",
                                            headers=self.edge.admin_headers())
        self.assertEqual((status, hdrs.get("allow")), (405, "DELETE"))

    def test_retention_is_off_by_default(self):
        eid = "ancient-" + uuid.uuid4().hex
        post(self.edge, [exposure(eid, eid, "ancient-exp", "0", 1000)])
        self.assertEqual(ids(self.edge.store, eid), {eid})
        self.assertEqual(retention_metrics(self.edge), (0, 0))

    def summary(self, exp):
        status, _, body = self.edge.json("GET", "/v1/experiments/%s/summary" % exp)
        self.assertEqual(status, 200, body)
        return {v["variant"]: v for v in body["variants"]}

    def users_per_variant(self, exp):
        status, _, body = self.edge.json(
            "GET", "/v1/experiments/%s/results?metric=purchase" % exp)
        self.assertEqual(status, 200, body)
        return {v["variant"]: v["users"] for v in body["results"][0]["variants"]}


class Retention(unittest.TestCase):
    def first_run_after(self, edge, since):
        """The deleted-events counter as soon as a run has ended after `since` (Unix s)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            deleted, last = retention_metrics(edge)
            if last > since:
                return deleted
            time.sleep(0.05)
        self.fail("no retention run ended within 60 s")

    def wait_for_deleted(self, edge, want, since):
        """Waits until runs that ended after `since` (Unix s) have brought the counter to `want`."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            deleted, last = retention_metrics(edge)
            if deleted >= want and last > since:
                break
            time.sleep(0.1)
        self.assertEqual(deleted, want)
        self.assertGreater(last, since)

    def test_deletes_events_older_than_the_window_at_start_and_then_periodically(self):
        run = uuid.uuid4().hex[:12]
        now = now_ms()
        # Old events (short rows, stored densely) for more than two chunks of 10,000 rows, with a
        # recent one in every ten.
        old, recent, events = set(), set(), []
        for i in range(24000):
            eid = "%s-%d" % (run, i)
            ts = (now - 60000 + i) if i % 10 == 0 else (now - 3 * DAY_MS - i)
            (recent if i % 10 == 0 else old).add(eid)
            events.append(exposure(eid, "%s-%d" % (run, i % 500), "r" + run, str(i % 2), ts))
        boundary = {"just-old": now - DAY_MS - 3600 * 1000,
                    "just-recent": now - DAY_MS + 3600 * 1000,
                    "epoch": 1000, "future": now + DAY_MS}
        for name, ts in boundary.items():
            events.append(conversion(run + "-" + name, run + "-edge", "purchase", 1, ts))
        old |= {run + "-just-old", run + "-epoch"}
        recent |= {run + "-just-recent", run + "-future"}

        seeding = Edge()
        try:
            post(seeding, events)
        finally:
            seeding.stop()
        store = seeding.store
        self.assertEqual(ids(store, run), old | recent)
        # Everything in the store before the window goes (a shared PostgreSQL has other tests').
        expected = count(store, "ts < %d" % (now_ms() - DAY_MS))
        self.assertGreaterEqual(expected, len(old))

        started = time.time()
        edge = Edge("--retention-days", "1", "--retention-interval-s", "1", store=store)
        try:
            # One run deletes everything before the window, chunk after chunk.
            self.assertEqual(self.first_run_after(edge, started), expected)
            self.assertEqual(ids(store, run), recent)
            self.assertEqual(count(store, "ts < %d" % (now_ms() - DAY_MS)), 0)

            # Later runs delete what arrives after the first one.
            late_old = {run + "-late-%d" % i for i in range(3)}
            late_recent = {run + "-late-recent"}
            posted = time.time()
            post(edge, [exposure(e, run + "-late", "r" + run, "0", 5000) for e in late_old] +
                 [exposure(e, run + "-late", "r" + run, "0", now_ms()) for e in late_recent])
            self.wait_for_deleted(edge, expected + len(late_old), posted)
            self.assertEqual(ids(store, run), recent | late_recent)
        finally:
            self.assertEqual(edge.stop(), 0)
            shutil.rmtree(edge.dir, ignore_errors=True)
            shutil.rmtree(seeding.dir, ignore_errors=True)

    def test_shutdown_does_not_wait_for_the_next_run(self):
        edge = Edge("--retention-days", "30", "--retention-interval-s", "3600")
        try:
            status, _, _ = edge.request("GET", "/healthz")
            self.assertEqual(status, 200)
            t0 = time.monotonic()
            self.assertEqual(edge.stop(timeout=20), 0)
            self.assertLess(time.monotonic() - t0, 10)
        finally:
            edge.close()

    def test_flags_are_validated(self):
        for flag, value in [("--retention-days", "-1"), ("--retention-days", "x"),
                            ("--retention-days", "36501"), ("--retention-interval-s", "0")]:
            proc = subprocess.run([EDGE, "--store", ":memory:", flag, value],
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(flag + ": \"" + value + "\" is not an integer from", proc.stderr)


if __name__ == "__main__":
    print("store:", STORE or "sqlite (fresh file per server)")
    main()
