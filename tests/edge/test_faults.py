"""Faults under ingest (docs/reliability.md):

- PostgreSQL goes away while a client is sending event batches (under with-postgres.sh, which
  provides TAILOR_PG_CONTROL): what cannot be committed is answered 503 store-unavailable with
  Retry-After, /readyz turns 503, nothing is acknowledged (202) that is not in the database,
  the edge reconnects by itself when the database is back, and after the client has resent
  every refused batch the database holds each event it sent exactly once.
- The disk under the SQLite store fills up (a 6 MiB tmpfs mounted here; needs root and
  permission to mount, otherwise skipped with the reason): 503 with Retry-After while full,
  202 again once space returns, every acknowledged event stored, and PRAGMA integrity_check
  "ok" afterwards.
"""
import errno
import glob
import json
import os
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

from edge_harness import STORE, Edge, assert_problem, main

PG_CONTROL = os.environ.get("TAILOR_PG_CONTROL", "")


def pg(action):
    subprocess.run([PG_CONTROL, action], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)


def psql(sql):
    """Runs `sql` on the test database with the psql of the installed server; rows as lists."""
    bindir = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    out = subprocess.run([os.path.join(bindir, "psql"), STORE, "-At", "-F", "\t", "-c", sql],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def batch(prefix, number, size):
    return {"sdkKey": "demo", "events": [
        {"id": "%s-%d-%d" % (prefix, number, i), "type": "conversion", "ts": 1764547200000 + i,
         "user": "u%d" % (i % 7), "name": "purchase", "value": float(i),
         "attributes": {"pad": "x" * 200}} for i in range(size)]}


class Sender(threading.Thread):
    """Sends batches in order, resending a batch (same ids) after every 503 until it is
    acknowledged, as the SDK's outbox does. Records what was acknowledged and every refusal."""

    def __init__(self, test, edge, batches, pause):
        super().__init__(daemon=True)
        self.test, self.edge, self.batches, self.pause = test, edge, batches, pause
        self.acked = set()       # ids the edge answered "accepted" or "duplicate" for
        self.duplicates = 0
        self.refusals = []       # (status, headers, body) of every non-202 answer
        self.sent_batches = 0    # batches acknowledged so far
        self.error = None

    def run(self):
        try:
            for b in self.batches:
                while True:
                    status, hdrs, body = self.edge.request("POST", "/v1/events", b)
                    if status == 202:
                        answer = json.loads(body)
                        self.test.assertEqual(answer["accepted"] + answer["duplicates"],
                                              len(b["events"]), answer)
                        self.duplicates += answer["duplicates"]
                        self.acked.update(e["id"] for e in b["events"])
                        break
                    self.refusals.append((status, hdrs, body))
                    time.sleep(min(float(hdrs.get("retry-after", "1")), 1.0) / 4)
                self.sent_batches += 1
                time.sleep(self.pause)
        except Exception as e:  # reported by the test thread
            self.error = e


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %ss waiting for %s" % (seconds, what))
        time.sleep(0.05)


class PostgresGoesAway(unittest.TestCase):
    @unittest.skipUnless(PG_CONTROL, "needs with-postgres.sh (TAILOR_PG_CONTROL)")
    def test_ingest_survives_the_database_going_away(self):
        prefix = "pgfault-%d" % time.time_ns()
        batches = [batch(prefix, n, 20) for n in range(60)]
        edge = Edge()
        stopped = False
        try:
            sender = Sender(self, edge, batches, pause=0.05)
            sender.start()
            wait_for(lambda: sender.sent_batches >= 10 or sender.error, 60, "10 batches")
            pg("stop")
            stopped = True
            # While the database is away: refusals with Retry-After, and not ready.
            wait_for(lambda: sender.refusals or sender.error, 30, "a refused batch")
            status, hdrs, body = edge.request("GET", "/readyz")
            assert_problem(self, status, hdrs, body, 503, "store-unavailable")
            acked_while_down = len(sender.acked)
            time.sleep(1.5)
            self.assertEqual(len(sender.acked), acked_while_down,
                             "batches acknowledged while the database was stopped")
            pg("start")
            stopped = False
            sender.join(180)
            self.assertFalse(sender.is_alive(), "the sender did not finish")
            if sender.error:
                raise sender.error
            self.assertEqual(edge.request("GET", "/readyz")[0], 200)
            self.assertTrue(sender.refusals)
            for status, hdrs, body in sender.refusals:
                doc = assert_problem(self, status, hdrs, body, 503, "store-unavailable")
                self.assertIn("postgresql", doc["detail"])
                self.assertGreaterEqual(int(hdrs["retry-after"]), 1)
            sent = {e["id"] for b in batches for e in b["events"]}
            self.assertEqual(sender.acked, sent)
            stored = {row[0] for row in psql(
                "SELECT id FROM events WHERE id LIKE '%s-%%'" % prefix)}
            # Exactly once: every id sent is stored (nothing acknowledged was lost), and the
            # primary key makes a second copy impossible, so equal sets mean equal counts.
            self.assertEqual(stored, sent)
            count = int(psql("SELECT COUNT(*) FROM events WHERE id LIKE '%s-%%'" % prefix)[0][0])
            self.assertEqual(count, len(batches) * 20)
        finally:
            if stopped:
                pg("start")
            edge.close()


def mount_tmpfs(path, size):
    """Mounts a tmpfs of `size` at `path`; None, or why it cannot be done here."""
    if os.geteuid() != 0:
        return "needs root to mount a tmpfs"
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % size, "tmpfs", path],
                       capture_output=True, text=True)
    return None if r.returncode == 0 else "mount is not permitted here: " + r.stderr.strip()


def fill(path):
    """Writes a file at `path` until the file system is full; returns its size."""
    chunk = b"\0" * 4096
    written = 0
    with open(path, "wb", buffering=0) as f:
        while True:
            try:
                written += f.write(chunk)
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
                return written


class DiskFull(unittest.TestCase):
    def setUp(self):
        if STORE:
            self.skipTest("SQLite only (TAILOR_EDGE_STORE is set)")
        self.mnt = tempfile.mkdtemp(prefix="tailor-diskfull-")
        why = mount_tmpfs(self.mnt, "6m")
        if why:
            os.rmdir(self.mnt)
            self.skipTest(why)

    def tearDown(self):
        subprocess.run(["umount", "-l", self.mnt], check=False)
        os.rmdir(self.mnt)

    def test_disk_full_refuses_then_recovers_without_corruption(self):
        db = os.path.join(self.mnt, "edge.db")
        edge = Edge(store=db, tls=False)
        prefix = "diskfull-%d" % time.time_ns()
        acked = set()
        try:
            def send(b):
                status, hdrs, body = edge.request("POST", "/v1/events", b)
                if status == 202:
                    acked.update(e["id"] for e in b["events"])
                return status, hdrs, body

            self.assertEqual(send(batch(prefix, 0, 50))[0], 202)
            fill(os.path.join(self.mnt, "filler"))
            refused = None
            for n in range(1, 200):
                status, hdrs, body = send(batch(prefix, n, 50))
                if status != 202:
                    refused = (n, status, hdrs, body)
                    break
            self.assertIsNotNone(refused, "a full disk never refused a batch")
            n, status, hdrs, body = refused
            doc = assert_problem(self, status, hdrs, body, 503, "store-unavailable")
            self.assertIn("sqlite", doc["detail"])
            self.assertGreaterEqual(int(hdrs["retry-after"]), 1)
            # Still full: still refused, and the edge keeps serving what needs no disk.
            self.assertEqual(send(batch(prefix, n, 50))[0], 503)
            self.assertEqual(edge.request("GET", "/v1/config/demo")[0], 200)
            self.assertEqual(edge.request("GET", "/healthz")[0], 200)
            # Space returns: the refused batch (same ids) and new ones are stored.
            os.remove(os.path.join(self.mnt, "filler"))
            for m in (n, n + 1, n + 2):
                status, _, body = send(batch(prefix, m, 50))
                self.assertEqual(status, 202, body)
            self.assertEqual(edge.stop(), 0)
            with sqlite3.connect(db) as conn:
                self.assertEqual(conn.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
                stored = {r[0] for r in conn.execute(
                    "SELECT id FROM events WHERE id LIKE ?", (prefix + "-%",))}
            conn.close()
            self.assertEqual(stored, acked)
            self.assertEqual(len(stored), 50 * (n + 3))
        finally:
            edge.close()


if __name__ == "__main__":
    main()
