"""A slow disk under the SQLite store (docs/reliability.md, "Slow disk"): an LD_PRELOAD shim
(slow_fsync.c, compiled here with cc) makes every fsync/fdatasync of the real edge sleep 250 ms.
While clients keep POST /v1/events busy (each commit waits for the disk), config GETs on other
connections are answered from memory without queueing behind the commits: their p99 stays far
below one fsync, and every acknowledged event is stored."""
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import uuid

from edge_harness import Edge, main
from test_privacy import ids, now_ms

DELAY_MS = 250


class SlowDisk(unittest.TestCase):
    def test_config_gets_do_not_wait_for_fsync(self):
        work = tempfile.mkdtemp(prefix="tailor-slow-disk-")
        shim = os.path.join(work, "slow_fsync.so")
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", shim,
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "slow_fsync.c"),
                        "-ldl"], check=True)
        saved = dict(os.environ)
        os.environ.update({
            "LD_PRELOAD": shim,
            "TAILOR_FSYNC_DELAY_MS": str(DELAY_MS),
            "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0",
        })
        try:
            edge = Edge()
        finally:
            os.environ.clear()
            os.environ.update(saved)
        try:
            run = uuid.uuid4().hex[:12]
            acked, ingest_ms, stop = [], [], threading.Event()

            def ingest(worker):
                conn = edge.connection()
                i = 0
                while not stop.is_set():
                    batch = [{"id": "%s-%d-%d-%d" % (run, worker, i, k), "type": "conversion",
                              "ts": now_ms(), "user": "u%d" % k, "name": "purchase", "value": 1}
                             for k in range(20)]
                    t0 = time.monotonic()
                    status, _, _ = edge.request("POST", "/v1/events",
                                                {"sdkKey": "demo", "events": batch}, conn=conn)
                    ingest_ms.append((time.monotonic() - t0) * 1000)
                    self.assertEqual(status, 202)
                    acked.extend(e["id"] for e in batch)
                    i += 1

            writers = [threading.Thread(target=ingest, args=(w,)) for w in range(4)]
            for t in writers:
                t.start()
            time.sleep(0.5)
            conn = edge.connection()
            gets = []
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                t0 = time.monotonic()
                status, _, body = edge.request("GET", "/v1/config/demo", conn=conn)
                gets.append((time.monotonic() - t0) * 1000)
                self.assertEqual(status, 200)
                self.assertTrue(body)
            stop.set()
            for t in writers:
                t.join()
            gets.sort()
            ingest_ms.sort()
            p50, p99 = gets[len(gets) // 2], gets[int(len(gets) * 0.99)]
            print("\n  config GETs: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms; ingest batches: "
                  "%d, p50 %.0f ms (fsync delay %d ms)" % (len(gets), p50, p99, gets[-1],
                  len(ingest_ms), ingest_ms[len(ingest_ms) // 2], DELAY_MS))
            # The shim worked: a commit waits for at least one slowed fsync.
            self.assertGreaterEqual(ingest_ms[len(ingest_ms) // 2], DELAY_MS)
            # GETs are not queued behind commits (a generous bound on a shared, ASan machine).
            self.assertLess(p99, DELAY_MS / 2)
            self.assertGreater(len(gets), 100)
            self.assertEqual(ids(edge.store, run), set(acked))
        finally:
            edge.close()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
