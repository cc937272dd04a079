"""Starts the real tailor-edge binary on a loopback port and talks HTTP(S) to it.

Environment (set by tests/edge/CMakeLists.txt):
  TAILOR_EDGE_BIN     path to tailor-edge
  TAILOR_CLI_BIN      path to the tailor CLI (same core, for identity checks)
  TAILOR_SOURCE_DIR   repository root (web/, demo config)
  TAILOR_EDGE_STORE   store spec for store tests ("" or unset: a fresh SQLite file per server)
  TAILOR_EDGE_EVENTS_STORE  --events-store for every server (with-clickhouse.sh sets a
                      clickhouse:// URL; "" or unset: events stay in the store)
  TAILOR_EDGE_TLS     "1": serve HTTPS with a self-signed certificate made by openssl here
"""
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

EDGE = os.environ.get("TAILOR_EDGE_BIN", "build/native-asan/edge/tailor-edge")
CLI = os.environ.get("TAILOR_CLI_BIN", "build/native-asan/tools/tailor")
SOURCE = os.environ.get("TAILOR_SOURCE_DIR", os.getcwd())
STORE = os.environ.get("TAILOR_EDGE_STORE", "")
EVENTS_STORE = os.environ.get("TAILOR_EDGE_EVENTS_STORE", "")
TLS = os.environ.get("TAILOR_EDGE_TLS", "") == "1"
DEMO_CONFIG = os.path.join(SOURCE, "web", "demo", "config.json")
ADMIN_TOKEN = "test-admin-token-0123456789"

_cert_dir = None


def tls_files():
    """A self-signed certificate for 127.0.0.1 made with the openssl CLI (once per process)."""
    global _cert_dir
    if _cert_dir is None:
        _cert_dir = tempfile.mkdtemp(prefix="tailor-edge-cert-")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", os.path.join(_cert_dir, "key.pem"),
             "-out", os.path.join(_cert_dir, "cert.pem")],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return os.path.join(_cert_dir, "cert.pem"), os.path.join(_cert_dir, "key.pem")


class Edge:
    """One tailor-edge process. `store` None: a fresh SQLite file in a temporary directory."""

    def __init__(self, *extra, store=None, tls=TLS, publish_demo=True, admin=True,
                 events_store=EVENTS_STORE):
        self.dir = tempfile.mkdtemp(prefix="tailor-edge-test-")
        self.store = store or (STORE if STORE else os.path.join(self.dir, "edge.db"))
        self.tls = tls
        self.args = [EDGE, "--listen", "127.0.0.1:0", "--store", self.store,
                     "--web-root", os.path.join(SOURCE, "web"), "--threads", "2"]
        if events_store:
            self.args += ["--events-store", events_store]
        if publish_demo:
            self.args += ["--publish", "demo=" + DEMO_CONFIG]
        if admin:
            self.args += ["--admin-token", ADMIN_TOKEN]
        if tls:
            cert, key = tls_files()
            self.args += ["--tls-cert", cert, "--tls-key", key]
        self.args += list(extra)
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            err = self.proc.stderr.read()
            raise RuntimeError("tailor-edge did not start: %r %r" % (line, err))
        url = line.split("listening on ")[1].split()[0]
        self.scheme, rest = url.split("://")
        self.host, port = rest.rsplit(":", 1)
        self.port = int(port)
        return self

    def connection(self, timeout=30):
        if self.tls:
            ctx = ssl.create_default_context(cafile=tls_files()[0])
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout,
                                               context=ctx)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, conn=None):
        """(status, headers dict with lower-case names, body bytes)."""
        own = conn is None
        conn = conn or self.connection()
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        result = (resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        if own:
            conn.close()
        return result

    def json(self, method, path, body=None, headers=None):
        status, hdrs, data = self.request(method, path, body, headers)
        return status, hdrs, (json.loads(data) if data else None)

    def admin_headers(self):
        return {"Authorization": "Bearer " + ADMIN_TOKEN}

    def raw_socket(self):
        s = socket.create_connection((self.host, self.port), timeout=30)
        if self.tls:
            ctx = ssl.create_default_context(cafile=tls_files()[0])
            s = ctx.wrap_socket(s, server_hostname=self.host)
        return s

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=timeout)
        code = self.proc.returncode if self.proc else None
        if self.proc:
            self.proc.stdout.close()
            self.proc.stderr.close()
        return code

    def kill9(self):
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class EdgeTestCase(unittest.TestCase):
    """Tests sharing one server (self.edge, default settings) started for the class."""

    @classmethod
    def setUpClass(cls):
        cls.edge = Edge()

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()


def assert_problem(test, status, hdrs, body, want_status, slug=None):
    test.assertEqual(status, want_status, body)
    test.assertEqual(hdrs.get("content-type"), "application/problem+json")
    doc = json.loads(body)
    test.assertEqual(doc["status"], want_status)
    test.assertTrue(doc["detail"])
    if slug:
        test.assertEqual(doc["type"], "https://tailor.dev/problems/" + slug)
    return doc


def main():
    """unittest's main with per-test timings on stderr."""
    class Timed(unittest.TextTestResult):
        def startTest(self, test):
            self._t0 = time.monotonic()
            super().startTest(test)

        def stopTest(self, test):
            super().stopTest(test)
            sys.stderr.write("  %.2fs %s\n" % (time.monotonic() - self._t0, test.id()))

    runner = unittest.TextTestRunner(resultclass=Timed, verbosity=1)
    result = unittest.main(testRunner=runner, exit=False).result
    if _cert_dir:
        shutil.rmtree(_cert_dir, ignore_errors=True)
    sys.exit(0 if result.wasSuccessful() else 1)


def gunzip(data):
    return gzip.decompress(data)


def clickhouse_query(sql):
    """Rows of `sql` (a list of tuples of strings) from the first ClickHouse server with-clickhouse.sh
    started (TAILOR_CLICKHOUSE_HTTP), over its HTTP interface."""
    import urllib.request
    host = os.environ["TAILOR_CLICKHOUSE_HTTP"].split()[0]
    req = urllib.request.Request("http://%s/" % host, data=(sql + " FORMAT TabSeparated").encode())
    with urllib.request.urlopen(req, timeout=60) as r:
        return [tuple(line.split("\t")) for line in r.read().decode().splitlines()]


def clickhouse_exec(sql):
    """Runs a statement that answers no rows (CREATE, INSERT, RENAME) on the first ClickHouse
    server with-clickhouse.sh started."""
    import urllib.request
    host = os.environ["TAILOR_CLICKHOUSE_HTTP"].split()[0]
    with urllib.request.urlopen("http://%s/" % host, sql.encode(), timeout=60) as r:
        r.read()
