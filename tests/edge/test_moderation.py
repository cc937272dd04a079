"""The model moderator at the edge (--moderation-url, docs/safety.md "Model moderator"): the
real tailor-edge against a real local moderator (tests/safety/fake_moderator.py) on loopback.
POST /admin/v1/screen combines the moderator with the rules and falls back to rules only when
the moderator times out; a campaign job asks the moderator about every draft and its audit
trail names who screened (and verifies); an edge whose moderator is down still prepares the
campaign by the rules and says so in every screening record."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.request

from edge_harness import ADMIN_TOKEN, CLI, SOURCE, Edge, assert_problem, main

ADMIN = {"Authorization": "Bearer " + ADMIN_TOKEN}
KEY = "sk-edge-mod-19ab"
KEY_ENV = "TAILOR_TEST_EDGE_MODERATION_KEY"
FAKE = os.path.join(SOURCE, "tests", "safety", "fake_moderator.py")
CLEAN = "Our spring linen edit is in. Shop the new colours this week."


class FakeModerator:
    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, FAKE, "--key", KEY, "--hang-seconds", "3"],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.proc.kill()
            raise RuntimeError("fake_moderator.py did not start: %r" % line)
        self.base = line.split("listening on ")[1].strip()

    def stats(self):
        with urllib.request.urlopen(self.base[:-len("/v1")] + "/stats", timeout=10) as r:
            return json.loads(r.read())

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()


class EdgeModeration(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ[KEY_ENV] = KEY
        cls.work = tempfile.mkdtemp(prefix="tailor-edge-moderation-")
        cls.fake = FakeModerator()
        cls.edge = Edge("--moderation-url", cls.fake.base + "/moderations", "--moderation-model",
                        "omni-test", "--moderation-key-env", KEY_ENV, "--moderation-timeout-ms",
                        "800")

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()
        cls.fake.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def screen(self, body, edge=None, headers=ADMIN):
        return (edge or self.edge).json("POST", "/admin/v1/screen", body, headers)

    def wait(self, edge, cid, seconds=240):
        import time
        deadline = time.monotonic() + seconds
        while True:
            status, _, doc = edge.json("GET", "/admin/v1/campaigns/" + cid, None, ADMIN)
            self.assertEqual(status, 200, doc)
            if doc["state"] not in ("queued", "running"):
                return doc
            self.assertLess(time.monotonic(), deadline, doc)
            time.sleep(0.2)

    def campaign_records(self, edge, cid):
        status, _, data = edge.request("GET", "/admin/v1/campaigns/" + cid + "/files/out/audit.jsonl",
                                       None, ADMIN)
        self.assertEqual(status, 200, data)
        path = os.path.join(self.work, cid + ".jsonl")
        with open(path, "wb") as f:
            f.write(data)
        v = subprocess.run([CLI, "audit", "verify", path], capture_output=True, text=True)
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        return [json.loads(l) for l in data.decode().splitlines()]

    def test_screen_route_combines_and_falls_back(self):
        status, _, clean = self.screen({"message": {"id": "a", "body": CLEAN}})
        self.assertEqual(status, 200, clean)
        self.assertEqual((clean["decision"], clean["moderator"], clean["screenedBy"]),
                         ("allow", "consulted", "tailor-screen+moderator"))
        self.assertEqual(clean["policyVersion"], "default-1")
        status, _, hate = self.screen({"message": {"id": "b", "body": CLEAN + " flagme:hate"}})
        self.assertEqual((hate["decision"], hate["categories"]), ("block", ["hate"]))
        self.assertIn("openai-moderation omni-test flagged hate", hate["findings"][0]["detail"])
        status, _, lean = self.screen({"message": {"body": CLEAN + " flagme:hate"},
                                       "policy": {"version": "p2",
                                                  "moderator": "review_on_disagreement"}})
        self.assertEqual((lean["decision"], lean["policyVersion"]), ("review", "p2"))
        status, _, slow = self.screen({"message": {"body": "You are a fucking idiot. hangme"}})
        self.assertEqual(status, 200, slow)
        self.assertEqual(slow["decision"], "block")  # the rules alone
        self.assertTrue(slow["moderator"].startswith("unavailable: "), slow)
        self.assertIn("timed out after 800 ms", slow["moderator"])
        self.assertTrue(slow["screenedBy"].endswith("; rules only)"), slow)

    def test_bad_requests_get_problem_documents(self):
        status, hdrs, data = self.edge.request("POST", "/admin/v1/screen",
                                               {"message": {"body": CLEAN}}, {})
        self.assertEqual(status, 401)
        for body, slug, detail in [
            ({"body": CLEAN}, "invalid-message", "the body must be {\"message\": {...}}"),
            ({"message": {"body": CLEAN}, "extra": 1}, "invalid-message",
             "extra is not a member, expected message or policy"),
            ({"message": {"body": 7}}, "invalid-message", "message.body is missing or not a string"),
            ({"message": {"body": "x", "channel": "fax"}}, "invalid-message",
             "channel is \"fax\", expected email, sms or web"),
            ({"message": {"body": "x"}, "policy": {"version": "v", "moderator": "maybe"}},
             "invalid-policy", "policy.moderator is \"maybe\""),
        ]:
            status, hdrs, doc = self.screen(body)
            self.assertEqual(status, 422, doc)
            self.assertEqual(hdrs["content-type"], "application/problem+json")
            self.assertTrue(doc["type"].endswith(slug), doc)
            self.assertIn(detail, doc["detail"])
        status, hdrs, _ = self.edge.request("GET", "/admin/v1/screen", None, ADMIN)
        self.assertEqual(status, 405)
        self.assertEqual(hdrs["allow"], "POST")

    def test_campaign_drafts_are_moderated_and_the_trail_says_who_screened(self):
        before = self.fake.stats()["paths"].get("/v1/moderations", 0)
        status, _, doc = self.edge.json("POST", "/admin/v1/campaigns",
                                        {"demo": {"customers": 300, "seed": 5}}, ADMIN)
        self.assertEqual(status, 202, doc)
        view = self.wait(self.edge, doc["id"])
        self.assertIn(view["state"], ("awaiting-approval", "awaiting-review"), view)
        records = [r for r in self.campaign_records(self.edge, doc["id"])
                   if r["kind"] == "screening"]
        self.assertTrue(records)
        self.assertEqual({r["actor"] for r in records}, {"tailor-screen+moderator"})
        asked = self.fake.stats()["paths"]["/v1/moderations"] - before
        self.assertEqual(asked, len(records))
        self.assertEqual(asked, view["drafts"]["screened"])

    def test_a_moderator_that_is_down_leaves_rules_only_in_the_trail(self):
        # A port nothing listens on: every call fails to connect, quickly.
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        edge = Edge("--moderation-url", "http://127.0.0.1:%d/v1/chat/completions" % port,
                    "--moderation-model", "guard")
        try:
            status, _, doc = edge.json("POST", "/admin/v1/campaigns",
                                       {"demo": {"customers": 300, "seed": 5}}, ADMIN)
            self.assertEqual(status, 202, doc)
            view = self.wait(edge, doc["id"])
            self.assertIn(view["state"], ("awaiting-approval", "awaiting-review"), view)
            records = [r for r in self.campaign_records(edge, doc["id"])
                       if r["kind"] == "screening"]
            self.assertTrue(records)
            for r in records:
                self.assertTrue(r["actor"].startswith("tailor-screen (moderator unavailable: "),
                                r["actor"])
                self.assertTrue(r["actor"].endswith("; rules only)"), r["actor"])
            status, _, screened = edge.json("POST", "/admin/v1/screen",
                                            {"message": {"body": CLEAN}}, ADMIN)
            self.assertEqual(screened["decision"], "allow")
            self.assertTrue(screened["moderator"].startswith("unavailable: "), screened)
        finally:
            edge.close()

    def test_bad_flags_stop_the_edge_at_start(self):
        for args, want in [
            (["--moderation-url", self.fake.base + "/classify", "--moderation-model", "m"],
             "must end in /moderations"),
            (["--moderation-url", self.fake.base + "/moderations"],
             "--moderation-url and --moderation-model must be given together"),
            (["--moderation-url", self.fake.base + "/moderations", "--moderation-model", "m",
              "--moderation-key-env", "TAILOR_TEST_NO_SUCH_VAR"],
             "TAILOR_TEST_NO_SUCH_VAR is not set"),
        ]:
            with self.assertRaises(RuntimeError) as caught:
                Edge(*args)
            self.assertIn(want, str(caught.exception))

    def test_an_edge_without_a_moderator_says_none(self):
        edge = Edge()
        try:
            status, _, doc = edge.json("POST", "/admin/v1/screen",
                                       {"message": {"body": CLEAN + " flagme:hate"}}, ADMIN)
            self.assertEqual((status, doc["decision"], doc["moderator"], doc["screenedBy"]),
                             (200, "allow", "none", "tailor-screen"))
        finally:
            edge.close()


if __name__ == "__main__":
    main()
