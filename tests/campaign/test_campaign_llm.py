"""`tailor campaign run --llm-url` against a real local chat-completions server (fake_llm.py)
that answers well, flakily (429, 503), slowly (past the client's timeout), malformed, with
refusals, or refuses the key; and the concurrency limit as the server sees it.

Env: TAILOR_CLI_BIN, the tailor binary (default build/native-asan/tools/tailor).
"""
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.environ.get("TAILOR_CLI_BIN", "build/native-asan/tools/tailor")
KEY = "sk-test-5f2c9a"
KEY_ENV = "TAILOR_TEST_LLM_KEY"
MALFORMED_KINDS = ("body-not-json", "content-prose", "content-array", "uncited-number")
FRAMINGS = ("framing-length", "framing-chunked", "framing-close")


def answers(stats):
    """What the server answered, per kind, without how it framed the drafts."""
    return {k: v for k, v in stats["served"].items() if k not in FRAMINGS}


class FakeLlm:
    """fake_llm.py on a free loopback port, for one `with` block."""

    def __init__(self, mode, slow_seconds=3.0, tls=None):
        self.args = [sys.executable, os.path.join(HERE, "fake_llm.py"), "--mode", mode,
                     "--key", KEY, "--delay-ms", "50", "--slow-seconds", str(slow_seconds)]
        if tls:
            self.args += ["--tls-cert", tls[0], "--tls-key", tls[1]]

    def __enter__(self):
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.proc.kill()
            raise RuntimeError("fake_llm.py did not start: %r" % line)
        self.url = line.split("listening on ")[1].strip()  # http://127.0.0.1:PORT/v1
        return self

    def stats(self):
        context = ssl._create_unverified_context()  # the test's own server, self-signed
        with urllib.request.urlopen(self.url[:-len("/v1")] + "/stats", timeout=10,
                                    context=context) as r:
            return json.loads(r.read())

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()


class CampaignLlm(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tailor-llm-")
        cls.data = os.path.join(cls.tmp, "data")
        p = subprocess.run([CLI, "gen-data", "--customers", "300", "--seed", "5", "--out",
                            cls.data], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        with open(os.path.join(cls.data, "campaign.json")) as f:
            spec = json.load(f)
        # One draft per segment (the 5 default RFM segments) x variant x channel.
        cls.drafts = 5 * spec["generation"]["variants_per_segment"] * len(spec["channels"])
        cls.content_ids = {name[:-len(".json")]
                           for name in os.listdir(os.path.join(cls.data, "content"))}
        # A self-signed certificate for localhost, made with the openssl CLI.
        cls.tls = (os.path.join(cls.tmp, "cert.pem"), os.path.join(cls.tmp, "key.pem"))
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                        "-keyout", cls.tls[1], "-out", cls.tls[0]],
                       check=True, capture_output=True, timeout=60)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def run_campaign(self, server, name, *extra, key=KEY, approve=True, trust=None):
        """`campaign run` into tmp/name with the LLM options (and --approve-as Tester); key
        None: KEY_ENV unset; trust: a CA file OpenSSL is to trust (SSL_CERT_FILE)."""
        out = os.path.join(self.tmp, name)
        env = {k: v for k, v in os.environ.items() if k != KEY_ENV}
        if key is not None:
            env[KEY_ENV] = key
        if trust is not None:
            env["SSL_CERT_FILE"] = trust
        started = time.monotonic()
        p = subprocess.run(
            [CLI, "campaign", "run", "--customers", os.path.join(self.data, "customers.csv"),
             "--content", os.path.join(self.data, "content"),
             "--spec", os.path.join(self.data, "campaign.json"), "--out", out,
             *(["--approve-as", "Tester"] if approve else []),
             "--llm-url", server.url, "--llm-model", "fake", "--llm-key-env", KEY_ENV, *extra],
            capture_output=True, text=True, timeout=120, env=env)
        self.last_stdout = p.stdout
        return p.returncode, p.stderr, out, time.monotonic() - started

    def copies(self, out):
        """(segment/strategy/channel, copy) of every copy in variants.json."""
        with open(os.path.join(out, "variants.json"), encoding="utf-8") as f:
            variants = json.load(f)
        self.assertEqual(variants["generator"], "openai:fake")
        return [("%s/%s/%s" % (v["segment"], v["strategy"], c["channel"]), c)
                for v in variants["variants"] for c in v["copies"]]

    def assert_grounded_drafts(self, out, stats):
        """Every copy is the server's valid draft for its request and cites supplied ids."""
        copies = self.copies(out)
        self.assertEqual(len(copies), self.drafts)
        self.assertEqual(len({key for key, _ in copies}), len(copies))
        for key, copy in copies:
            with self.subTest(copy=key):
                served = stats["drafts"][key]
                self.assertEqual(copy["draft"].get("subject", ""), served["subject"])
                self.assertEqual(copy["draft"]["body"], served["body"])
                self.assertGreater(len(copy["citations"]), 0)
                self.assertLessEqual(set(copy["citations"]), set(stats["supplied"][key]))
                self.assertLessEqual(set(copy["citations"]), self.content_ids)
                self.assertEqual(copy["screening"]["decision"], "allow")
        return copies

    def assert_no_output(self, out):
        self.assertFalse(os.path.exists(out), out)
        leftovers = [n for n in os.listdir(self.tmp) if n.startswith(os.path.basename(out))]
        self.assertEqual(leftovers, [])

    def test_good_answers(self):
        with FakeLlm("good") as server:
            code, err, out, _ = self.run_campaign(server, "good", "--llm-concurrency", "4")
            stats = server.stats()
        self.assertEqual(code, 0, err)
        copies = self.assert_grounded_drafts(out, stats)
        # One request per draft: nothing was retried or asked again.
        self.assertEqual((stats["requests"], stats["bodies"], stats["max_attempts"]),
                         (len(copies), len(copies), 1))
        self.assertEqual(answers(stats), {"draft": len(copies)})
        self.assertEqual(stats["hosts"], [server.url.split("/")[2]])  # 127.0.0.1:PORT
        # Drafts came with a Content-Length, chunked, and ended by closing the connection.
        for framing in FRAMINGS:
            self.assertGreater(stats["served"].get(framing, 0), 0, framing)
        # The limit of 4 was used and kept (every request is held 50 ms by the server).
        self.assertGreater(stats["max_in_flight"], 1)
        self.assertLessEqual(stats["max_in_flight"], 4)
        with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
            run = json.load(f)
        self.assertEqual(run["generator"], "openai:fake")
        self.assertEqual(run["llm"], {"url": server.url, "model": "fake"})
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["campaign"], "winter-2026")
        # The key is sent, never written down.
        for name in os.listdir(out):
            with open(os.path.join(out, name), encoding="utf-8") as f:
                self.assertNotIn(KEY, f.read(), name)

    def test_approval_replays_the_drafts_without_the_server(self):
        with FakeLlm("good") as server:
            code, err, out, _ = self.run_campaign(server, "awaiting", approve=False)
            stats = server.stats()
        self.assertEqual(code, 0, err)
        self.assertIn("awaits approval", self.last_stdout)
        with open(os.path.join(out, "variants.json"), encoding="utf-8") as f:
            before = json.load(f)
        # The server is gone: approving replays the recorded drafts and asks nobody.
        p = subprocess.run([CLI, "campaign", "approve", out, "--as", "Boss", "--quiet"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(out, "variants.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f), before)
        with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
            run = json.load(f)
        self.assertEqual((run["state"], run["generator"]), ("complete", "openai:fake"))
        self.assertTrue(os.path.exists(os.path.join(out, "report.json")))
        self.assert_grounded_drafts(out, stats)

    def test_concurrency_one_is_one_at_a_time(self):
        with FakeLlm("good") as server:
            code, err, out, _ = self.run_campaign(server, "serial", "--llm-concurrency", "1")
            stats = server.stats()
        self.assertEqual(code, 0, err)
        self.assertEqual((stats["requests"], stats["max_in_flight"]), (self.drafts, 1))

    def test_flaky_server_is_retried(self):
        with FakeLlm("flaky") as server:
            code, err, out, _ = self.run_campaign(server, "flaky", "--llm-concurrency", "16")
            stats = server.stats()
        self.assertEqual(code, 0, err)
        self.assert_grounded_drafts(out, stats)
        # Each request: 429 (Retry-After: 0), then 503, then the draft.
        n = stats["bodies"]
        self.assertEqual(n, self.drafts)
        self.assertEqual(answers(stats), {"429": n, "503": n, "draft": n})
        self.assertEqual((stats["requests"], stats["max_attempts"]), (3 * n, 3))

    def test_slow_answers_time_out_and_are_retried(self):
        with FakeLlm("slow", slow_seconds=3.0) as server:
            code, err, out, elapsed = self.run_campaign(
                server, "slow", "--llm-concurrency", "16", "--llm-timeout-ms", "1500")
            stats = server.stats()
        self.assertEqual(code, 0, err)
        self.assert_grounded_drafts(out, stats)
        # Every first attempt slept 3 s, past the 1.5 s timeout, so the client asked again.
        n = stats["bodies"]
        self.assertEqual(n, self.drafts)
        self.assertEqual(answers(stats), {"slept": n, "draft": n})
        self.assertEqual((stats["requests"], stats["max_attempts"]), (2 * n, 2))
        self.assertGreaterEqual(elapsed, 1.5)

    def test_malformed_answers_are_asked_again(self):
        with FakeLlm("malformed") as server:
            code, err, out, _ = self.run_campaign(server, "malformed", "--llm-concurrency", "8")
            stats = server.stats()
        self.assertEqual(code, 0, err)
        self.assert_grounded_drafts(out, stats)
        n = stats["bodies"]
        self.assertEqual((stats["requests"], stats["max_attempts"]), (2 * n, 2))
        self.assertEqual(sum(stats["served"].get(k, 0) for k in MALFORMED_KINDS), n)
        self.assertEqual(answers(stats)["draft"], n)
        for kind in MALFORMED_KINDS:
            self.assertGreater(stats["served"].get(kind, 0), 0, kind)

    def test_refusals_fail_the_run_without_output(self):
        with FakeLlm("refuse") as server:
            code, err, out, _ = self.run_campaign(server, "refuse", "--llm-concurrency", "8")
            stats = server.stats()
        self.assertEqual(code, 1, err)
        self.assertIn("the model refused", err)
        self.assertIn("(after 3 answers)", err)
        # Asked three times (two re-asks) per request, then given up.
        self.assertEqual(stats["max_attempts"], 3)
        self.assertEqual(stats["requests"], 3 * stats["bodies"])
        self.assertEqual(answers(stats), {"refusal": stats["requests"]})
        self.assert_no_output(out)

    def test_wrong_key_is_not_retried(self):
        with FakeLlm("good") as server:
            code, err, out, _ = self.run_campaign(server, "wrong-key", "--llm-concurrency", "8",
                                                  key="sk-wrong")
            stats = server.stats()
        self.assertEqual(code, 1, err)
        # The server's own message is quoted, not its JSON.
        self.assertIn("127.0.0.1 answered HTTP 401: Incorrect API key provided: sk-w***", err)
        self.assertNotIn("invalid_request_error", err)
        self.assertEqual(answers(stats), {"401": stats["requests"]})
        self.assertEqual((stats["requests"], stats["max_attempts"]), (stats["bodies"], 1))
        self.assert_no_output(out)

    def test_a_down_server_stops_the_requests_not_yet_sent(self):
        with FakeLlm("down") as server:
            code, err, out, elapsed = self.run_campaign(server, "down", "--llm-concurrency", "4")
            stats = server.stats()
        self.assertEqual(code, 1, err)
        self.assertIn("no answer after 4 attempts; last: HTTP 503: The engine is currently "
                      "overloaded", err)
        self.assertIn("not sent, an earlier request found the endpoint unavailable", err)
        # The 4 requests in flight each made their 4 attempts (waiting 0.5 + 1 + 2 s); none of
        # the other 41 was sent.
        self.assertEqual((stats["bodies"], stats["requests"], stats["max_attempts"]), (4, 16, 4))
        self.assertEqual(answers(stats), {"503": 16})
        self.assertLess(elapsed, 20)
        self.assert_no_output(out)

    def test_https_with_a_trusted_certificate(self):
        with FakeLlm("good", tls=self.tls) as server:
            self.assertTrue(server.url.startswith("https://localhost:"), server.url)
            code, err, out, _ = self.run_campaign(server, "https", "--llm-concurrency", "8",
                                                  trust=self.tls[0])
            stats = server.stats()
        self.assertEqual(code, 0, err)
        copies = self.assert_grounded_drafts(out, stats)
        self.assertEqual(answers(stats), {"draft": len(copies)})
        self.assertEqual(stats["hosts"], [server.url.split("/")[2]])  # localhost:PORT
        # Bodies ended by closing the connection, with no TLS close_notify, were read too.
        self.assertGreater(stats["served"].get("framing-close", 0), 0)

    def test_https_with_an_untrusted_certificate_fails(self):
        with FakeLlm("good", tls=self.tls) as server:
            code, err, out, _ = self.run_campaign(server, "https-untrusted",
                                                  "--llm-concurrency", "4", trust=os.devnull)
            stats = server.stats()
        self.assertEqual(code, 1, err)
        self.assertIn("TLS handshake failed: certificate verify failed", err)
        self.assertEqual(stats["requests"], 0)  # no request got past the handshake
        self.assert_no_output(out)

    def test_unset_key_variable_is_an_error_before_any_request(self):
        with FakeLlm("good") as server:
            code, err, out, _ = self.run_campaign(server, "no-key", key=None)
            stats = server.stats()
        self.assertEqual(code, 1, err)
        self.assertIn("--llm-key-env: the environment variable %s is not set" % KEY_ENV, err)
        self.assertEqual(stats["requests"], 0)
        self.assert_no_output(out)

    def test_option_values_must_be_whole_numbers(self):
        with FakeLlm("good") as server:
            for option, value, valid in [("--llm-concurrency", "4x", "1 to 32"),
                                         ("--llm-concurrency", "0", "1 to 32"),
                                         ("--llm-timeout-ms", "1.5", "1 to 600000")]:
                with self.subTest(option=option, value=value):
                    code, err, out, _ = self.run_campaign(server, "bad-option", option, value)
                    self.assertEqual(code, 2, err)
                    self.assertIn('%s must be a whole number from %s, got "%s"'
                                  % (option, valid, value), err)
                    self.assert_no_output(out)
            self.assertEqual(server.stats()["requests"], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
