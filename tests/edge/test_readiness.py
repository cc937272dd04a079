"""GET /readyz asks the store: 200 while it answers; 503 store-unavailable with Retry-After when
it does not (PostgreSQL stopped under a running edge), while /healthz stays 200; 200 again once
the database is back. 503 draining after SIGTERM. Runs on SQLite (ready, draining) and, under
with-postgres.sh, on PostgreSQL, where TAILOR_PG_CONTROL stops and starts the database."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

from edge_harness import STORE, Edge, assert_problem, main

PG_CONTROL = os.environ.get("TAILOR_PG_CONTROL", "")
KIND = "postgresql" if STORE.startswith(("postgresql://", "postgres://")) else "sqlite"


def pg(action):
    subprocess.run([PG_CONTROL, action], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=120)


def poll(edge, path, want, seconds=30):
    """Requests `path` until it answers `want` or `seconds` pass; the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = edge.request("GET", path)
        if answer[0] == want or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


class Readiness(unittest.TestCase):
    def assert_ready(self, edge):
        status, hdrs, body = edge.json("GET", "/readyz")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["status"], "ready")
        self.assertEqual(body["store"], KIND)
        self.assertGreaterEqual(body["configs"], 1)
        self.assertEqual(hdrs["cache-control"], "no-store")

    def test_ready_when_the_store_answers(self):
        edge = Edge()
        try:
            self.assert_ready(edge)
            self.assertEqual(edge.request("HEAD", "/readyz")[0], 200)
        finally:
            edge.close()

    @unittest.skipUnless(PG_CONTROL, "needs with-postgres.sh (TAILOR_PG_CONTROL)")
    def test_not_ready_while_the_database_is_down_and_ready_once_back(self):
        edge = Edge()
        stopped = False
        try:
            self.assert_ready(edge)
            pg("stop")
            stopped = True
            # The first ping after the stop finds the connection closed and cannot reconnect.
            status, hdrs, body = edge.request("GET", "/readyz")
            doc = assert_problem(self, status, hdrs, body, 503, "store-unavailable")
            self.assertIn("postgresql", doc["detail"])
            self.assertGreater(int(hdrs["retry-after"]), 0)
            self.assertEqual(hdrs["cache-control"], "no-store")
            # Still alive: only readiness depends on the store.
            self.assertEqual(edge.request("GET", "/healthz")[0], 200)
            self.assertEqual(edge.request("GET", "/v1/config/demo")[0], 200)
            self.assertEqual(edge.request("GET", "/readyz")[0], 503)  # stays down while down
            pg("start")
            stopped = False
            status, _, body = poll(edge, "/readyz", 200)
            self.assertEqual(status, 200, body)
            self.assert_ready(edge)
            # Events are stored again through the reconnected pool.
            status, _, body = edge.json("POST", "/v1/events", {"sdkKey": "demo", "events": [
                {"id": "readiness-%d" % time.time_ns(), "type": "exposure", "ts": 1,
                 "user": "u", "experiment": "readiness", "variant": "a"}]})
            self.assertEqual((status, body["accepted"]), (202, 1), body)
        finally:
            if stopped:
                pg("start")
            edge.close()

    def test_draining_after_sigterm(self):
        # A client that does not read a 32 MB file keeps that request in flight, so the edge
        # drains (up to --drain-timeout) while a connection opened before the signal asks.
        root = tempfile.mkdtemp(prefix="tailor-readiness-web-")
        with open(os.path.join(root, "big.bin"), "wb") as f:
            f.write(b"\0" * (32 << 20))
        edge = Edge("--drain-timeout", "10", "--web-root", root, tls=False)
        slow = socket.socket()
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        asker = edge.connection()
        try:
            asker.request("GET", "/healthz")
            self.assertEqual(asker.getresponse().read(), b'{"status":"ok"}')
            slow.connect((edge.host, edge.port))
            slow.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertTrue(slow.recv(64).startswith(b"HTTP/1.1 200"))
            edge.proc.send_signal(signal.SIGTERM)
            self.assertIn("draining", edge.proc.stdout.readline())
            asker.request("GET", "/readyz")
            resp = asker.getresponse()
            body = resp.read()
            hdrs = {k.lower(): v for k, v in resp.getheaders()}
            assert_problem(self, resp.status, hdrs, body, 503, "draining")
            self.assertEqual(hdrs["connection"], "close")
        finally:
            slow.close()
            asker.close()
            edge.close()
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
