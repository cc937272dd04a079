"""Request ids and the access log of the real binary: X-Request-Id echoed, generated, replaced
when invalid, quoted as "requestId" in problem documents (also the session's own 413); one JSON
line per request with the documented fields and no query string; SIGHUP reopens a renamed file;
SIGTERM writes every queued line; a blocked log file drops lines (counted in /metrics) and never
slows requests."""
import datetime
import fcntl
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
import unittest

from edge_harness import Edge, assert_problem, main

HEX32 = re.compile(r"^[0-9a-f]{32}$")
F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return f.read().decode("utf-8").splitlines()


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    return predicate()


def log_metrics(edge):
    """(lines written, lines dropped) from one GET /metrics."""
    _, _, text = edge.request("GET", "/metrics")
    values = {}
    for line in text.decode().splitlines():
        if line.startswith("tailor_access_log_"):
            name, value = line.split()
            values[name] = float(value)
    return (values.get("tailor_access_log_lines_total"),
            values.get("tailor_access_log_dropped_total"))


class RequestIds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.edge = Edge("--max-body-bytes", "1024")

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()

    def rid(self, headers=None, method="GET", path="/healthz"):
        status, hdrs, body = self.edge.request(method, path, headers=headers)
        self.assertIn("x-request-id", hdrs, (status, body))
        return hdrs["x-request-id"]

    def test_generated_when_absent(self):
        a, b = self.rid(), self.rid()
        self.assertRegex(a, HEX32)
        self.assertRegex(b, HEX32)
        self.assertNotEqual(a, b)

    def test_valid_ids_are_echoed(self):
        for sent in ["abc-123", "x", "!" + "~" * 126 + "!", 'q"uote\\back']:
            self.assertEqual(self.rid({"X-Request-Id": sent}), sent)

    def test_invalid_ids_are_replaced(self):
        for sent in ["a" * 200, "a" * 129, "has space", "tab\there", ""]:
            got = self.rid({"X-Request-Id": sent})
            self.assertRegex(got, HEX32, repr(sent))
            self.assertNotEqual(got, sent)

    def test_on_every_kind_of_answer(self):
        for method, path, want in [("HEAD", "/v1/config/demo", 200), ("GET", "/nope/x", 404),
                                   ("DELETE", "/healthz", 405), ("GET", "/v1/config/demo", 200)]:
            status, hdrs, _ = self.edge.request(method, path, headers={"X-Request-Id": "k-" + method})
            self.assertEqual(status, want)
            self.assertEqual(hdrs.get("x-request-id"), "k-" + method)
        _, hdrs, _ = self.edge.request("GET", "/v1/config/demo")
        status, hdrs, _ = self.edge.request("GET", "/v1/config/demo",
                                            headers={"If-None-Match": hdrs["etag"]})
        self.assertEqual(status, 304)
        self.assertRegex(hdrs.get("x-request-id", ""), HEX32)
        conn = self.edge.connection(timeout=10)  # a config stream (its head is built apart)
        conn.request("GET", "/v1/config/demo/stream", headers={"X-Request-Id": "k-stream"})
        resp = conn.getresponse()
        self.assertEqual((resp.status, resp.getheader("X-Request-Id")), (200, "k-stream"))
        conn.close()

    def test_problem_documents_carry_the_id(self):
        for sent in [None, 'we"ird\\id']:
            headers = {"X-Request-Id": sent} if sent else {}
            status, hdrs, body = self.edge.request("GET", "/v1/config/no-such-key", headers=headers)
            doc = assert_problem(self, status, hdrs, body, 404, "unknown-sdk-key")
            self.assertEqual(doc["requestId"], hdrs["x-request-id"])
            if sent:
                self.assertEqual(doc["requestId"], sent)
            self.assertEqual(doc["sdkKey"], "no-such-key")  # the handler's members stay

    def test_session_errors_carry_the_id(self):
        # 413 is answered by the session before routing.
        status, hdrs, body = self.edge.request(
            "POST", "/v1/events", body=b"[" + b" " * 4000 + b"]",
            headers={"Content-Type": "application/json", "X-Request-Id": "big-body"})
        doc = assert_problem(self, status, hdrs, body, 413, "body-too-large")
        self.assertEqual((hdrs.get("x-request-id"), doc.get("requestId")), ("big-body", "big-body"))
        # 431: the header was cut, a fresh id.
        status, hdrs, body = self.edge.request("GET", "/healthz", headers={"X-Big": "a" * 9000})
        doc = assert_problem(self, status, hdrs, body, 431, "header-too-large")
        self.assertRegex(hdrs.get("x-request-id", ""), HEX32)
        self.assertEqual(doc.get("requestId"), hdrs["x-request-id"])

    def test_cors_exposes_the_header(self):
        _, hdrs, _ = self.edge.request("GET", "/v1/config/demo",
                                       headers={"Origin": "https://shop.example"})
        exposed = [h.strip().lower() for h in hdrs["access-control-expose-headers"].split(",")]
        self.assertIn("x-request-id", exposed)

    def test_log_counters_exist_with_the_log_off(self):
        self.assertEqual(log_metrics(self.edge), (0, 0))


class AccessLogFile(unittest.TestCase):
    def setUp(self):
        self.edge = None
        self.dir = tempfile.mkdtemp(prefix="tailor-access-log-")
        self.path = os.path.join(self.dir, "access.log")

    def tearDown(self):
        if self.edge:
            self.edge.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, *extra):
        self.edge = Edge(*extra)
        return self.edge

    def test_one_json_line_per_request(self):
        edge = self.start("--access-log", self.path)
        path = self.path
        with open(os.path.join(os.environ.get("TAILOR_SOURCE_DIR", "."), "web", "demo",
                               "config.json"), "rb") as f:
            config_size = len(f.read())
        long_ua = "Mozilla/5.0 " + "x" * 300
        sent = [
            ("GET", "/v1/config/demo?user=alice%40example.com&token=s3cret",
             {"User-Agent": long_ua, "X-Request-Id": "r-config"}, 200, config_size, "config"),
            ("HEAD", "/v1/config/demo", {"User-Agent": 'q"uote \\ back', "X-Request-Id": "r-head"},
             200, 0, "config"),
            ("GET", "/v1/nothing", {"User-Agent": b"bad \xff\xfe utf8", "X-Request-Id": "r-404"},
             404, None, "not_found"),
            ("GET", "/healthz", {"X-Request-Id": "has space"}, 200, None, "healthz"),
        ]
        answers = []
        before = datetime.datetime.now(datetime.timezone.utc)
        conn = edge.connection()
        for method, target, headers, _, _, _ in sent:
            answers.append(edge.request(method, target, headers=headers, conn=conn))
        conn.close()
        lines = wait_for(lambda: len(read_lines(path)) >= len(sent) and read_lines(path))
        after = datetime.datetime.now(datetime.timezone.utc)
        self.assertEqual(len(lines), len(sent), lines)
        raw = open(path, "rb").read()
        self.assertNotIn(b"s3cret", raw)
        self.assertNotIn(b"alice", raw)
        for line, (method, target, headers, status, size, route), answer in zip(lines, sent,
                                                                                answers):
            rec = json.loads(line)
            self.assertEqual(sorted(rec), sorted(["time", "remote", "method", "path", "status",
                                                  "bytes", "durationMs", "route", "requestId",
                                                  "userAgent"]))
            self.assertRegex(rec["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
            t = datetime.datetime.strptime(rec["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                tzinfo=datetime.timezone.utc)
            self.assertLessEqual(before - datetime.timedelta(milliseconds=1), t)
            self.assertLessEqual(t, after)
            self.assertEqual(rec["remote"], "127.0.0.1")
            self.assertEqual(rec["method"], method)
            self.assertEqual(rec["path"], target.split("?")[0])
            self.assertEqual(rec["status"], status)
            self.assertEqual(rec["status"], answer[0])
            self.assertEqual(rec["bytes"], len(answer[2]) if size is None else size)
            self.assertIsInstance(rec["durationMs"], float)
            self.assertGreaterEqual(rec["durationMs"], 0)
            self.assertLess(rec["durationMs"], 10000)
            self.assertEqual(rec["route"], route)
            self.assertEqual(rec["requestId"], answer[1]["x-request-id"])
        recs = [json.loads(line) for line in lines]
        self.assertEqual(recs[0]["userAgent"], long_ua[:256])
        self.assertEqual(recs[1]["userAgent"], 'q"uote \\ back')
        self.assertEqual(recs[2]["userAgent"], "bad \ufffd\ufffd utf8")
        self.assertEqual(recs[3]["userAgent"], "")
        self.assertRegex(recs[3]["requestId"], HEX32)
        self.assertEqual(log_metrics(edge), (len(sent), 0))

    def test_session_errors_are_logged(self):
        edge = self.start("--access-log", self.path, "--max-body-bytes", "1024")
        path = self.path
        status, hdrs, _ = edge.request("POST", "/v1/events?k=v", body=b"[" + b" " * 4000 + b"]",
                                       headers={"Content-Type": "application/json"})
        self.assertEqual(status, 413)
        lines = wait_for(lambda: read_lines(path))
        self.assertEqual(len(lines), 1)
        rec = json.loads(lines[0])
        self.assertEqual((rec["status"], rec["route"], rec["method"], rec["path"], rec["requestId"]),
                         (413, "unrouted", "POST", "/v1/events", hdrs["x-request-id"]))

    def test_sighup_reopens_a_renamed_file(self):
        edge = self.start("--access-log", self.path)
        path = self.path
        edge.request("GET", "/healthz", headers={"X-Request-Id": "before-rotate"})
        self.assertTrue(wait_for(lambda: read_lines(path)))
        os.rename(path, path + ".1")
        edge.request("GET", "/healthz", headers={"X-Request-Id": "after-rename"})
        # Written (to the renamed file, the one still open) before the signal.
        self.assertTrue(wait_for(lambda: len(read_lines(path + ".1")) == 2))
        edge.proc.send_signal(signal.SIGHUP)
        n = 0

        def rotated():
            nonlocal n
            n += 1
            status, _, _ = edge.request("GET", "/healthz", headers={"X-Request-Id": "r%d" % n})
            self.assertEqual(status, 200)
            return os.path.exists(path)

        self.assertTrue(wait_for(rotated), "no new file after SIGHUP")
        edge.request("GET", "/healthz", headers={"X-Request-Id": "final"})
        self.assertIsNone(edge.proc.poll())
        self.assertEqual(edge.stop(), 0)
        old = [json.loads(line)["requestId"] for line in read_lines(path + ".1")]
        new = [json.loads(line)["requestId"] for line in read_lines(path)]
        self.assertEqual(old[:2], ["before-rotate", "after-rename"])
        self.assertEqual(new[-1], "final")
        # Every request is logged once, in order, the rotation splitting them.
        self.assertEqual(old + new, ["before-rotate", "after-rename"] +
                         ["r%d" % i for i in range(1, n + 1)] + ["final"])

    def test_stdout(self):
        edge = self.start("--access-log", "-")
        edge.request("GET", "/healthz", headers={"X-Request-Id": "to-stdout"})
        rec = json.loads(edge.proc.stdout.readline())
        self.assertEqual((rec["requestId"], rec["path"]), ("to-stdout", "/healthz"))


class BlockedLogFile(unittest.TestCase):
    """The log is a FIFO whose reader does not read: the writer blocks on a full pipe."""

    def start_blocked(self, queue_bytes):
        self.dir = tempfile.mkdtemp(prefix="tailor-access-log-")
        fifo = os.path.join(self.dir, "access.fifo")
        os.mkfifo(fifo)
        self.reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        fcntl.fcntl(self.reader, F_SETPIPE_SZ, 4096)
        self.edge = Edge("--access-log", fifo, "--access-log-queue-bytes", str(queue_bytes))

    def tearDown(self):
        os.close(self.reader)
        self.edge.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def drain_fifo(self):
        """Reads the FIFO until the edge closes it (after the caller's SIGTERM); the lines."""
        os.set_blocking(self.reader, True)
        data = b""
        while True:
            chunk = os.read(self.reader, 65536)
            if not chunk:
                return data.decode("utf-8").splitlines()
            data += chunk

    def requests(self, n, tag):
        conn = self.edge.connection()
        slowest = 0
        for i in range(n):
            t0 = time.monotonic()
            status, _, _ = self.edge.request("GET", "/v1/config/demo",
                                             headers={"X-Request-Id": "%s%d" % (tag, i)},
                                             conn=conn)
            slowest = max(slowest, time.monotonic() - t0)
            self.assertEqual(status, 200)
        conn.close()
        return slowest

    def sigterm_and_drain(self):
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(self.drain_fifo()))
        self.edge.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)  # the edge is now stopping with lines still queued
        reader.start()
        self.assertEqual(self.edge.proc.wait(timeout=30), 0)
        reader.join(timeout=30)
        return lines

    def test_sigterm_writes_every_queued_line(self):
        self.start_blocked(1 << 20)
        self.requests(200, "q")  # ~60 KB of lines: a 4 KB pipe, the rest queued in the edge
        time.sleep(0.2)
        written, dropped = log_metrics(self.edge)
        self.assertEqual(dropped, 0)
        self.assertLess(written, 50)  # the writer is blocked: most lines are only queued
        lines = self.sigterm_and_drain()
        recs = [json.loads(line) for line in lines]
        self.assertEqual([r["requestId"] for r in recs[:200]], ["q%d" % i for i in range(200)])
        self.assertEqual([r["path"] for r in recs[200:]], ["/metrics"])

    def test_full_queue_drops_and_counts_without_slowing_requests(self):
        self.start_blocked(4096)
        slowest = self.requests(300, "d")
        self.assertLess(slowest, 2.0)
        written, dropped = log_metrics(self.edge)
        self.assertGreater(dropped, 200)
        self.assertLess(written, 50)
        lines = self.sigterm_and_drain()
        # Every request is either in the file or counted as dropped; the /metrics request's own
        # line, made after it rendered the count, is in the file or not.
        self.assertIn(len(lines) + dropped, (300, 301))
        for line in lines:
            json.loads(line)


if __name__ == "__main__":
    main()
