"""Limits and failure behaviour of the real binary: header/body limits, malformed HTTP,
slowloris and idle cuts that do not hurt other clients, max connections, keep-alive, and a
graceful SIGTERM that drains in-flight requests and keeps every acknowledged event."""
import gzip
import json
import random
import os
import signal
import socket
import tempfile
import threading
import time
import unittest
import uuid

from edge_harness import Edge, assert_problem, main


def read_response(sock, timeout=10):
    """Reads from a raw socket until the peer closes or `timeout`; returns the bytes."""
    sock.settimeout(timeout)
    data = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return data


class Limits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.edge = Edge("--header-timeout", "2", "--body-timeout", "2",
                        "--max-header-bytes", "4096")

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()

    def test_header_too_large_is_431(self):
        def counted():
            _, _, text = self.edge.request("GET", "/metrics")
            want = 'tailor_http_requests_total{route="unrouted",code="431"} '
            lines = [l for l in text.decode().splitlines() if l.startswith(want)]
            return int(float(lines[0].split()[-1])) if lines else 0
        before = counted()
        status, hdrs, body = self.edge.request("GET", "/healthz", headers={"X-Big": "a" * 5000})
        assert_problem(self, status, hdrs, body, 431, "header-too-large")
        self.assertEqual(counted(), before + 1)  # the session's own answers are counted too

    def test_malformed_http_is_400(self):
        s = self.edge.raw_socket()
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        data = read_response(s)
        s.close()
        self.assertTrue(data.startswith(b"HTTP/1.1 400"), data[:100])
        self.assertIn(b"application/problem+json", data)

    def test_slowloris_is_cut_without_hurting_others(self):
        slow = self.edge.raw_socket()
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        start = time.monotonic()
        latencies = []
        for i in range(40):   # drips a header byte every 0.1 s while others are served
            try:
                slow.sendall(b"X")
            except OSError:
                pass
            t0 = time.monotonic()
            status, _, _ = self.edge.request("GET", "/healthz")
            latencies.append(time.monotonic() - t0)
            self.assertEqual(status, 200)
            time.sleep(0.1)
        t1 = time.monotonic()
        data = read_response(slow, timeout=5)
        slow.close()
        self.assertLess(time.monotonic() - t1, 1.0, "the slow client was not disconnected")
        self.assertNotIn(b"200 OK", data)
        self.assertLess(max(latencies), 1.0)
        self.assertLess(time.monotonic() - start, 10)

    def test_idle_and_slow_body_connections_are_closed(self):
        idle = self.edge.raw_socket()
        t0 = time.monotonic()
        self.assertEqual(read_response(idle, timeout=10), b"")
        self.assertLess(time.monotonic() - t0, 6)
        idle.close()
        slow = self.edge.raw_socket()
        slow.sendall(b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{")
        t0 = time.monotonic()
        self.assertEqual(read_response(slow, timeout=10), b"")
        self.assertLess(time.monotonic() - t0, 6)
        slow.close()

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        conn = self.edge.connection()
        for _ in range(200):
            status, _, _ = self.edge.request("GET", "/v1/config/demo", conn=conn)
            self.assertEqual(status, 200)
        conn.close()


def read_one_response(sock, chunk=4096, pause=0.0):
    """Reads one HTTP/1.1 response with a Content-Length from `sock`, `chunk` bytes per recv
    with `pause` seconds between them; returns (status line, headers dict, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        part = sock.recv(chunk)
        if not part:
            raise AssertionError("connection closed before the head: %r" % data[:200])
        data += part
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers["content-length"])
    while len(body) < length:
        time.sleep(pause)
        part = sock.recv(chunk)
        if not part:
            raise AssertionError("connection closed after %d of %d body bytes" % (len(body), length))
        body += part
    return lines[0], headers, body


class SlowReader(unittest.TestCase):
    def test_large_config_reaches_a_slow_reader_intact_and_keep_alive_goes_on(self):
        # A config larger than the socket buffers can queue: the edge's first, non-waiting send
        # (sendfile on plain HTTP) stops part-way and the rest goes out asynchronously.
        rng = random.Random(7)
        doc = {"features": {"f%04d" % i: {"defaultValue": "%032x" % rng.getrandbits(128) * 100}
                            for i in range(4000)}}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(doc, f)
        edge = Edge("--publish", "big=" + f.name)
        try:
            status, published, _ = edge.request("GET", "/v1/config/big",
                                                headers={"Accept-Encoding": "identity"})
            self.assertEqual(status, 200)
            s = edge.raw_socket()
            s.settimeout(30)
            sizes = {}
            for encoding in ["identity", "gzip", "identity"]:
                s.sendall(b"GET /v1/config/big HTTP/1.1\r\nHost: x\r\nAccept-Encoding: "
                          + encoding.encode() + b"\r\n\r\n")
                time.sleep(0.3)  # the server meets a full socket buffer
                line, headers, body = read_one_response(s, chunk=65536, pause=0.0005)
                self.assertEqual(line, "HTTP/1.1 200 OK")
                sizes[encoding] = len(body)
                if encoding == "gzip":
                    self.assertEqual(headers["content-encoding"], "gzip")
                    body = gzip.decompress(body)
                else:
                    self.assertEqual(headers["etag"], published["etag"])
                self.assertGreater(len(body), 12_000_000)
                self.assertEqual(json.loads(body), doc)
            # HEAD: the length of the body a GET sends, and no body: the next answer follows.
            s.sendall(b"HEAD /v1/config/big HTTP/1.1\r\nHost: x\r\n\r\n"
                      b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                head += s.recv(1)
            self.assertTrue(head.startswith(b"HTTP/1.1 200 OK\r\n"), head)
            length = [h for h in head.decode().lower().split("\r\n")
                      if h.startswith("content-length:")]
            self.assertEqual(length, ["content-length: %d" % sizes["identity"]])
            line, headers, body = read_one_response(s)
            self.assertEqual((line, json.loads(body)["status"]), ("HTTP/1.1 200 OK", "ok"))
            s.close()
        finally:
            edge.close()
            os.unlink(f.name)


class Connections(unittest.TestCase):
    def test_max_connections(self):
        edge = Edge("--max-connections", "3")
        try:
            conns = [edge.connection() for _ in range(3)]
            for c in conns:
                self.assertEqual(edge.request("GET", "/healthz", conn=c)[0], 200)
            try:   # the fourth is closed at accept (with TLS: the handshake fails)
                extra = edge.raw_socket()
                extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertEqual(read_response(extra, timeout=5), b"")
                extra.close()
            except OSError:
                pass
            conns[0].close()
            time.sleep(0.2)
            _, _, metrics = edge.request("GET", "/metrics", conn=conns[1])
            self.assertIn(b"tailor_connections_rejected_total 1", metrics)
            for c in conns[1:]:
                c.close()
        finally:
            edge.close()


class Shutdown(unittest.TestCase):
    def test_sigterm_drains_and_keeps_acknowledged_events(self):
        edge = Edge()
        run = uuid.uuid4().hex[:12]
        acked, lock, stop = [], threading.Lock(), threading.Event()

        def client(t):
            seq = 0
            while not stop.is_set():
                events = [{"id": "%s-%d-%d-%d" % (run, t, seq, i), "type": "exposure", "ts": 1,
                           "user": "%s-%d-%d-%d" % (run, t, seq, i), "experiment": run,
                           "variant": "a"} for i in range(50)]
                seq += 1
                try:
                    status, _, _ = edge.request("POST", "/v1/events",
                                                {"sdkKey": "demo", "events": events})
                    if status == 202:
                        with lock:
                            acked.append(events)
                except OSError:
                    time.sleep(0.01)

        threads = [threading.Thread(target=client, args=(t,)) for t in range(3)]
        for t in threads:
            t.start()
        while len(acked) < 10:
            time.sleep(0.02)
        code = edge.stop(signal.SIGTERM)
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual(code, 0)
        edge.start()
        try:
            _, _, summary = edge.json("GET", "/v1/experiments/%s/summary" % run)
            stored = sum(v["users"] for v in summary["variants"])
            self.assertGreaterEqual(stored, 50 * len(acked))
        finally:
            edge.close()


if __name__ == "__main__":
    main()
