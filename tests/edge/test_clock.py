"""Wall-clock jumps under a running edge (docs/reliability.md, "Clock jumps"): the real binary
runs under libfaketime (Debian's faketime package, LD_PRELOAD) with its clock offset read from a
file the test rewrites (FAKETIME_TIMESTAMP_FILE, no caching), the monotonic clock left real, as
when NTP or an operator steps the system clock. Retention runs every second with a 30-day
window: a jump of a year forwards deletes nothing inside the window (the cutoff never advances
faster than the monotonic clock), a year backwards deletes nothing either, and through both the
retention timer keeps running, requests are served and an idle connection is still cut at the
header timeout. With the clock put right, an event outside the window is deleted again."""
import glob
import os
import time
import unittest
import uuid

from edge_harness import Edge, main
from test_privacy import DAY_MS, count, exposure, ids, now_ms, retention_metrics

LIBFAKETIME = sorted(glob.glob("/usr/lib/*/faketime/libfaketimeMT.so.1"))


@unittest.skipUnless(LIBFAKETIME, "libfaketime not installed (Debian package faketime)")
class ClockJumps(unittest.TestCase):
    def setUp(self):
        self.offset_file = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                        "tailor-clock-%s" % uuid.uuid4().hex[:8])
        self.set_offset("+0")
        saved = dict(os.environ)
        os.environ.update({
            "LD_PRELOAD": LIBFAKETIME[-1],
            "FAKETIME_TIMESTAMP_FILE": self.offset_file,
            "FAKETIME_NO_CACHE": "1",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            # libfaketime comes before the ASan runtime in the library list.
            "ASAN_OPTIONS": (os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"),
        })
        try:
            self.edge = Edge("--retention-days", "30", "--retention-interval-s", "1",
                             "--header-timeout", "2")
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def tearDown(self):
        self.edge.close()
        os.remove(self.offset_file)

    def set_offset(self, offset):
        with open(self.offset_file + ".tmp", "w") as f:
            f.write(offset + "\n")
        os.replace(self.offset_file + ".tmp", self.offset_file)

    def post(self, events):
        status, _, body = self.edge.json("POST", "/v1/events", {"sdkKey": "demo", "events": events})
        self.assertEqual(status, 202, body)

    def run_ended(self, after_s, before_s=None, timeout=30):
        """Waits for a retention run whose end (edge's wall clock, Unix s) is after `after_s`
        (and before `before_s`); returns the deleted-events counter then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            deleted, last = retention_metrics(self.edge)
            if last > after_s and (before_s is None or last < before_s):
                return deleted
            time.sleep(0.1)
        self.fail("no retention run ended after %s (and before %s) within %d s: last %s"
                  % (after_s, before_s, timeout, retention_metrics(self.edge)[1]))

    def assert_serves_and_cuts_idle(self):
        status, _, _ = self.edge.request("GET", "/v1/config/demo")
        self.assertEqual(status, 200)
        idle = self.edge.raw_socket()
        t0 = time.monotonic()
        self.assertEqual(idle.recv(1), b"")  # closed by the edge: --header-timeout 2
        self.assertLess(time.monotonic() - t0, 6)
        idle.close()

    def test_jumps_forwards_and_backwards_delete_nothing_and_stop_no_timer(self):
        run = uuid.uuid4().hex[:12]
        now = now_ms()
        inside = [exposure("%s-in-%d" % (run, i), "u%d" % i, "clock", "0", now - 10 * DAY_MS - i)
                  for i in range(200)]
        outside = [exposure("%s-out-%d" % (run, i), "u%d" % i, "clock", "0", now - 40 * DAY_MS)
                   for i in range(50)]
        self.post(inside + outside)
        store = self.edge.store
        deleted = self.run_ended(time.time())
        deadline = time.monotonic() + 30
        while deleted < 50 and time.monotonic() < deadline:
            deleted = self.run_ended(time.time())
        self.assertEqual(deleted, 50)
        self.assertEqual(ids(store, run + "-out"), set())
        self.assertEqual(len(ids(store, run + "-in")), 200)

        year = 365 * 86400
        self.set_offset("+365d")
        self.assertEqual(self.run_ended(time.time() + year - 3600), 50)
        self.assertEqual(self.run_ended(time.time() + year - 3600), 50)  # and the next run
        self.assertEqual(len(ids(store, run + "-in")), 200)
        self.assert_serves_and_cuts_idle()

        self.set_offset("-365d")
        self.assertEqual(self.run_ended(0, before_s=time.time() - year + 3600), 50)
        self.assertEqual(self.run_ended(0, before_s=time.time() - year + 3600), 50)
        self.assertEqual(len(ids(store, run + "-in")), 200)
        self.assert_serves_and_cuts_idle()

        # Put right: retention goes on as before the jumps.
        self.set_offset("+0")
        late = exposure(run + "-late", "u-late", "clock", "0", now_ms() - 31 * DAY_MS)
        self.post([late])
        since = time.time()
        deleted = self.run_ended(since)
        deadline = time.monotonic() + 30
        while deleted < 51 and time.monotonic() < deadline:
            deleted = self.run_ended(since)
        self.assertEqual(deleted, 51)
        self.assertEqual(ids(store, run + "-late"), set())
        self.assertEqual(len(ids(store, run + "-in")), 200)
        self.assertEqual(count(store), 200)


if __name__ == "__main__":
    main()
