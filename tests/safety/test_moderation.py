"""`tailor screen --moderation-url` (and `tailor campaign run --moderation-url`) against a real local moderator (fake_moderator.py) that
speaks OpenAI's moderation protocol and a guard model's chat-completions protocol: verdicts
mapped onto Tailor's categories, the two combination policies, and the fallback to rules only
(a deadline passed, HTTP 500, a body that is not JSON, an answer of the wrong shape, an unknown
guard code, a wrong key), each said in the output line and in a verifying audit trail.

Env: TAILOR_CLI_BIN, the tailor binary (default build/native-asan/tools/tailor).
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.environ.get("TAILOR_CLI_BIN", "build/native-asan/tools/tailor")
KEY = "sk-mod-7d1e"
KEY_ENV = "TAILOR_TEST_MODERATION_KEY"

CLEAN = "Our spring linen edit is in. Shop the new colours this week."
RULES_BLOCK = "This is the best fucking sale you will see all year."


class FakeModerator:
    def __enter__(self):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "fake_moderator.py"), "--key", KEY,
             "--hang-seconds", "2"], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.proc.kill()
            raise RuntimeError("fake_moderator.py did not start: %r" % line)
        self.base = line.split("listening on ")[1].strip()  # http://127.0.0.1:PORT/v1
        return self

    def stats(self):
        with urllib.request.urlopen(self.base[:-len("/v1")] + "/stats", timeout=10) as r:
            return json.loads(r.read())

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()


def screen(url, bodies, extra=(), policy=None, audit=None, key=KEY, timeout_ms=600):
    """Runs tailor screen over `bodies`; returns (exit code, [result lines], stderr)."""
    lines = "".join(json.dumps({"id": "m%d" % i, "body": b}) + "\n" for i, b in enumerate(bodies))
    args = [CLI, "screen", "--moderation-url", url, "--moderation-model", "mod-1",
            "--moderation-key-env", KEY_ENV, "--moderation-timeout-ms", str(timeout_ms)]
    args += list(extra)
    if policy:
        args += ["--policy", policy]
    if audit:
        args += ["--audit", audit, "--campaign", "spring", "--ts", "2026-12-07T17:00:00Z"]
    env = dict(os.environ, **{KEY_ENV: key})
    p = subprocess.run(args, input=lines, capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, [json.loads(l) for l in p.stdout.splitlines()], p.stderr


def mod_findings(result):
    return [f for f in result["findings"] if f["detail"].startswith("moderator ")]


class ModerationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = FakeModerator().__enter__()
        cls.openai = cls.fake.base + "/moderations"
        cls.guard = cls.fake.base + "/chat/completions"
        cls.tmp = tempfile.TemporaryDirectory()
        cls.either = os.path.join(cls.tmp.name, "either.json")
        cls.disagree = os.path.join(cls.tmp.name, "disagree.json")
        with open(cls.either, "w") as f:
            json.dump({"version": "t-either"}, f)
        with open(cls.disagree, "w") as f:
            json.dump({"version": "t-disagree", "moderator": "review_on_disagreement"}, f)

    @classmethod
    def tearDownClass(cls):
        cls.fake.__exit__(None, None, None)
        cls.tmp.cleanup()

    def test_openai_verdicts_map_and_combine_either_blocks(self):
        bodies = [CLEAN, CLEAN + " flagme:hate", CLEAN + " leanme:violence",
                  RULES_BLOCK, CLEAN + " flagme:illicit", CLEAN + " flagme:harassment"]
        rc, out, err = screen(self.openai, bodies, policy=self.either)
        self.assertEqual(rc, 0, err)
        self.assertEqual([r["moderator"] for r in out], ["consulted"] * 6)
        self.assertEqual([r["decision"] for r in out],
                         ["allow", "block", "review", "block", "allow", "block"])
        self.assertEqual(out[1]["categories"], ["hate"])
        f = mod_findings(out[1])
        self.assertEqual(len(f), 1)
        self.assertEqual(f[0]["category"], "hate")
        self.assertEqual(f[0]["severity"], 4)
        self.assertEqual(f[0]["span"], [0, len(bodies[1])])
        self.assertIn("openai-moderation mod-1 flagged hate (score 0.93)", f[0]["detail"])
        self.assertEqual(out[2]["categories"], ["violence"])
        self.assertIn("leans towards violence (score 0.62)", mod_findings(out[2])[0]["detail"])
        # The rules block what the moderator lets through: either blocks.
        self.assertEqual(mod_findings(out[3]), [])
        self.assertIn("profanity", out[3]["categories"])
        # "illicit" has no Tailor twin.
        self.assertEqual(out[4]["findings"], [])
        self.assertEqual(out[5]["categories"], ["harassment"])

    def test_review_on_disagreement(self):
        bodies = [RULES_BLOCK, CLEAN + " flagme:sexual", RULES_BLOCK + " flagme:hate", CLEAN]
        rc, out, err = screen(self.openai, bodies, policy=self.disagree)
        self.assertEqual(rc, 0, err)
        self.assertEqual([r["decision"] for r in out], ["review", "review", "block", "allow"])
        self.assertEqual(out[2]["categories"], ["hate", "profanity"])

    def test_guard_protocol(self):
        before = self.fake.stats()["paths"].get("/v1/chat/completions", 0)
        bodies = [CLEAN, CLEAN + " flagme:violence flagme:minor_targeting",
                  CLEAN + " flagme:prompt_injection_artifact", RULES_BLOCK]
        rc, out, err = screen(self.guard, bodies)
        self.assertEqual(rc, 0, err)
        stats = self.fake.stats()
        self.assertEqual(stats["paths"]["/v1/chat/completions"] - before, 4)
        # The prompt lists Tailor's 13 text categories as S1..S13, each a known name.
        codes = stats["guard_codes"]
        self.assertEqual(sorted(codes, key=lambda c: int(c[1:])),
                         ["S%d" % i for i in range(1, 14)])
        self.assertFalse([n for n in codes.values() if n.startswith("?")], codes)
        self.assertEqual([r["decision"] for r in out], ["allow", "block", "block", "block"])
        self.assertEqual(out[1]["categories"], ["minor_targeting", "violence"])
        self.assertEqual(out[2]["categories"], ["prompt_injection_artifact"])
        self.assertIn("guard-chat mod-1 flagged minor_targeting", mod_findings(out[1])[0]["detail"])

    def test_failures_fall_back_to_rules_and_the_trail_says_so(self):
        trail = os.path.join(self.tmp.name, "fallback.jsonl")
        cases = [
            (self.openai, RULES_BLOCK + " hangme", "timed out after 600 ms"),
            (self.openai, CLEAN + " fail500", "answered HTTP 500: The server had an error"),
            (self.openai, CLEAN + " garbleme", "moderator answer: not JSON"),
            (self.openai, CLEAN + " badshape", "moderator answer: no \"results\" array"),
            (self.guard, CLEAN + " badcode", "unknown category code S99, expected S1-S13"),
            (self.guard, CLEAN + " garbleme", "moderator answer: not JSON"),
        ]
        for url, body, why in cases:
            started = time.monotonic()
            rc, out, err = screen(url, [body], audit=trail)
            elapsed = time.monotonic() - started
            self.assertEqual(rc, 0, err)
            r = out[0]
            self.assertTrue(r["moderator"].startswith("unavailable: "), r)
            self.assertIn(why, r["moderator"])
            self.assertEqual(mod_findings(r), [])
            self.assertLess(elapsed, 30)
        rc, out, err = screen(self.openai, [RULES_BLOCK + " hangme"])
        self.assertEqual(out[0]["decision"], "block")  # the rules still decide
        rc, out, err = screen(self.openai, [CLEAN], key="wrong")
        self.assertIn("answered HTTP 401: Incorrect API key", out[0]["moderator"])
        # The trail holds one record per message, each saying the moderator was not used, and
        # verifies with the same command as trails written before the moderator existed.
        with open(trail) as f:
            records = [json.loads(l) for l in f]
        self.assertEqual(len(records), len(cases))
        for rec, (_, _, why) in zip(records, cases):
            self.assertTrue(rec["actor"].startswith("tailor-screen (moderator unavailable: "))
            self.assertIn(why, rec["actor"])
            self.assertTrue(rec["actor"].endswith("; rules only)"))
        self.assertEqual(records[0]["decision"], "block")
        v = subprocess.run([CLI, "audit", "verify", trail], capture_output=True, text=True)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)

    def test_consulted_trail_and_old_trail_verify(self):
        trail = os.path.join(self.tmp.name, "consulted.jsonl")
        rc, out, err = screen(self.openai, [CLEAN, CLEAN + " flagme:self_harm"], audit=trail)
        self.assertEqual(rc, 0, err)
        with open(trail) as f:
            records = [json.loads(l) for l in f]
        self.assertEqual([r["actor"] for r in records], ["tailor-screen+moderator"] * 2)
        self.assertEqual(records[1]["decision"], "block")
        self.assertEqual(records[1]["categories"], ["self_harm"])
        # Rules-only screening appends to the same trail as before (actor "tailor-screen").
        p = subprocess.run([CLI, "screen", "--audit", trail, "--campaign", "spring", "--ts",
                            "2026-12-07T17:05:00Z"], input=json.dumps({"body": CLEAN}) + "\n",
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("moderator", json.loads(p.stdout))
        with open(trail) as f:
            self.assertEqual(json.loads(f.readlines()[-1])["actor"], "tailor-screen")
        # audit_trail_v1.jsonl was written by the CLI before the moderator existed (main at
        # cfb8e36); its head hash is the one that CLI printed.
        for path, head in ((trail, None),
                           (os.path.join(HERE, "..", "data", "audit_trail_v1.jsonl"),
                            "0182dd56cb8236e43dab47d136144cbe35aa6e4e7cd852c93b9e34366f169c50")):
            v = subprocess.run([CLI, "audit", "verify", path] + (["--head", head] if head else []),
                               capture_output=True, text=True)
            self.assertEqual(v.returncode, 0, path + ": " + v.stdout + v.stderr)

    def test_a_moderator_down_fails_fast(self):
        # Five hanging messages: three wait out the deadline, the rest fail at once.
        started = time.monotonic()
        rc, out, err = screen(self.openai, [CLEAN + " hangme"] * 5, timeout_ms=500)
        elapsed = time.monotonic() - started
        self.assertEqual(rc, 0, err)
        reasons = [r["moderator"] for r in out]
        self.assertTrue(all("timed out after 500 ms" in r for r in reasons[:3]), reasons)
        self.assertTrue(all("moderator down since 3 failures in a row" in r
                            for r in reasons[3:]), reasons)
        self.assertLess(elapsed, 1.5 * 3 + 5)

    def test_bad_flags(self):
        env = dict(os.environ, **{KEY_ENV: KEY})
        for args, want in [
            (["--moderation-url", self.fake.base + "/classify", "--moderation-model", "m"],
             "must end in /moderations (OpenAI-compatible moderation) or /chat/completions"),
            (["--moderation-url", self.openai], "--moderation-url and --moderation-model go together"),
            (["--moderation-url", self.openai, "--moderation-model", "m",
              "--moderation-timeout-ms", "0"], "--moderation-timeout-ms is \"0\""),
            (["--moderation-url", self.openai, "--moderation-model", "m", "--moderation-key-env",
              "TAILOR_TEST_NO_SUCH_VAR"], "TAILOR_TEST_NO_SUCH_VAR is not set"),
        ]:
            p = subprocess.run([CLI, "screen"] + args, input="", capture_output=True, text=True,
                               env=env)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(want, p.stderr)

    def test_campaign_cli_moderates_every_draft_and_approve_screens_again_with_it(self):
        """`tailor campaign run --moderation-*`: the same moderator as `tailor screen`, asked
        about every draft; run.json records it without the key, and approve re-creates it
        (reading the key again) to screen the drafts as at preparation."""
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        data, out = os.path.join(tmp.name, "data"), os.path.join(tmp.name, "out")
        p = subprocess.run([CLI, "gen-data", "--customers", "300", "--seed", "5", "--out", data],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        inputs = ["--customers", os.path.join(data, "customers.csv"), "--content",
                  os.path.join(data, "content"), "--spec", os.path.join(data, "campaign.json")]
        flags = ["--moderation-url", self.openai, "--moderation-model", "mod-1",
                 "--moderation-key-env", KEY_ENV]
        env = dict(os.environ, **{KEY_ENV: KEY})

        def screening(directory):
            with open(os.path.join(directory, "audit.jsonl")) as f:
                return [r for r in map(json.loads, f) if r["kind"] == "screening"]

        before = self.fake.stats()["paths"].get("/v1/moderations", 0)
        p = subprocess.run([CLI, "campaign", "run", "--out", out, "--quiet"] + inputs + flags,
                           capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("awaits approval", p.stdout)
        records = screening(out)
        self.assertTrue(records)
        self.assertEqual({r["actor"] for r in records}, {"tailor-screen+moderator"})
        asked = self.fake.stats()["paths"]["/v1/moderations"] - before
        self.assertEqual(asked, len(records))
        with open(os.path.join(out, "run.json")) as f:
            run_text = f.read()
        self.assertNotIn(KEY, run_text)
        self.assertEqual(json.loads(run_text)["moderation"],
                         {"url": self.openai, "model": "mod-1", "keyEnv": KEY_ENV,
                          "timeoutMs": 5000})

        # Approve without the key in the environment: refused, naming the variable.
        bare = {k: v for k, v in os.environ.items() if k != KEY_ENV}
        p = subprocess.run([CLI, "campaign", "approve", out, "--as", "alice", "--quiet"],
                           capture_output=True, text=True, env=bare, timeout=300)
        self.assertEqual(p.returncode, 1)
        self.assertIn("--moderation-key-env: the environment variable %s is not set" % KEY_ENV,
                      p.stderr)
        p = subprocess.run([CLI, "campaign", "approve", out, "--as", "alice", "--quiet"],
                           capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(out, "run.json")) as f:
            self.assertEqual(json.load(f)["state"], "complete")
        self.assertEqual(self.fake.stats()["paths"]["/v1/moderations"] - before, 2 * len(records))
        self.assertEqual({r["actor"] for r in screening(out)}, {"tailor-screen+moderator"})

        # A moderator nobody answers for: rules only, and every record says so.
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        down = os.path.join(tmp.name, "down")
        p = subprocess.run([CLI, "campaign", "run", "--out", down, "--quiet"] + inputs +
                           ["--moderation-url", "http://127.0.0.1:%d/v1/moderations" % port,
                            "--moderation-model", "mod-1"],
                           capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        for r in screening(down):
            self.assertTrue(r["actor"].startswith("tailor-screen (moderator unavailable: "), r)
            self.assertTrue(r["actor"].endswith("; rules only)"), r)

        for args, want in [
            (["--moderation-url", self.openai], "--moderation-url and --moderation-model go together"),
            (["--moderation-url", self.openai, "--moderation-model", "m",
              "--moderation-timeout-ms", "600001"], "--moderation-timeout-ms is \"600001\""),
        ]:
            p = subprocess.run([CLI, "campaign", "run", "--out", os.path.join(tmp.name, "x")] +
                               inputs + args, capture_output=True, text=True, env=env, timeout=60)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(want, p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
