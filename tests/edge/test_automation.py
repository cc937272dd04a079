"""The experiment controller at the edge (docs/experiments.md), against the real tailor-edge on
SQLite and, under with-postgres.sh, on PostgreSQL, with --automation-tick-s 1 and plans
evaluated every second: a guardrail breach planted at stage 2 of 4 rolls back on its own within
the interval, the audit record holds the triggering numbers and `tailor audit verify` accepts
the trail; a clean rollout advances through every stage; an edge restarted mid-rollout resumes
at its stage; operators pause, resume, advance and roll back through the admin routes; a
bandit reallocates toward the better arm, and the results route checks its sample ratio per
period of changing weights."""
import json
import math
import os
import subprocess
import tempfile
import time
import unittest
import uuid

from edge_harness import ADMIN_TOKEN, CLI, Edge, assert_problem, main

ADMIN = {"Authorization": "Bearer " + ADMIN_TOKEN}
BASE = "/admin/v1/automation"


def rollout_config(key, stages, guardrails=None):
    return {"features": {"checkout": {"defaultValue": "old", "rules": [{
        "key": key, "variations": ["old", "new"], "coverage": stages[0]["coverage"],
        "rollout": {"intervalMinutes": 1 / 60, "alpha": 0.05, "stages": stages,
                    "guardrails": guardrails or [
                        {"metric": "unsubscribe", "direction": "lowerIsBetter", "bound": 0.1}]},
    }]}}}


def one_sided_lower_bound(c_units, c_conv, t_units, t_conv, alpha=0.05, n_star=5000):
    """The relative lift and the lower end of gbstats' one-sided (greater) confidence sequence
    for binomial arms, written out from its published formula (delta-method variance of the
    relative lift, rho with 2 alpha): an independent check of the controller's numbers."""
    mc, mt = c_conv / c_units, t_conv / t_units
    var = mt * (1 - mt) / (mc ** 2 * t_units) + mc * (1 - mc) * mt ** 2 / (mc ** 4 * c_units)
    n = c_units + t_units
    rho2 = (-2 * math.log(2 * alpha) + math.log(-2 * math.log(2 * alpha) + 1)) / n_star
    half = math.sqrt(var * n * 2 * (n * rho2 + 1) / (n * n * rho2)
                     * math.log(1 + math.sqrt(n * rho2 + 1) / (2 * alpha)))
    lift = (mt - mc) / mc
    return lift, lift - half


def stage(coverage, min_exposures):
    return {"coverage": coverage, "minExposures": min_exposures, "minMinutes": 0}


class Automation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.edge = Edge("--automation-tick-s", "1")

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()

    # --- helpers ---------------------------------------------------------------------------
    def unique(self, name):
        return "%s-%s" % (name, uuid.uuid4().hex[:8])

    def publish(self, sdk_key, config, edge=None):
        status, _, body = (edge or self.edge).json("POST", "/admin/v1/configs/" + sdk_key,
                                                   config, ADMIN)
        self.assertEqual(status, 201, body)
        return body["version"]

    def served_rule(self, sdk_key, edge=None):
        status, _, body = (edge or self.edge).json("GET", "/v1/config/" + sdk_key)
        self.assertEqual(status, 200, body)
        return body["features"]["checkout"]["rules"][0]

    def send(self, sdk_key, exp, users, rates, edge=None):
        """`users` new users per variant ("0", "1"); user i of variant v unsubscribes when
        i < rates[v] * users (exact counts, so the planted difference is what is sent)."""
        now = int(time.time() * 1000)
        events = []
        for v in range(2):
            for i in range(users):
                user = "%s-%s-%d" % (exp, uuid.uuid4().hex[:10], i)
                events.append({"id": user + "-x", "type": "exposure", "ts": now, "user": user,
                               "experiment": exp, "variant": str(v)})
                if i < rates[v] * users:
                    events.append({"id": user + "-u", "type": "custom", "name": "unsubscribe",
                                   "ts": now + 1, "user": user})
        for i in range(0, len(events), 1000):
            status, _, body = (edge or self.edge).json(
                "POST", "/v1/events", {"sdkKey": sdk_key, "events": events[i:i + 1000]})
            self.assertEqual(status, 202, body)
            self.assertEqual(body["rejected"], 0, body)

    def wait_for(self, predicate, what, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.2)
        self.fail("timed out waiting for " + what)

    def wait_coverage(self, sdk_key, coverage, edge=None, timeout=20):
        t0 = time.monotonic()
        self.wait_for(lambda: self.served_rule(sdk_key, edge)["coverage"] == coverage,
                      "coverage %s" % coverage, timeout)
        return time.monotonic() - t0

    def state(self, sdk_key, exp, edge=None):
        status, _, body = (edge or self.edge).json("GET", "%s/%s/%s" % (BASE, sdk_key, exp),
                                                   headers=ADMIN)
        self.assertEqual(status, 200, body)
        return body["state"]

    def trail(self, edge=None):
        status, hdrs, data = (edge or self.edge).request("GET", BASE + "/audit", headers=ADMIN)
        self.assertEqual(status, 200, data)
        self.assertEqual(hdrs["content-type"], "application/x-ndjson")
        return data.decode()

    def records(self, sdk_key, exp, edge=None):
        out = []
        for line in self.trail(edge).splitlines():
            r = json.loads(line)
            if r["campaign"] == sdk_key and r["message_id"] == exp:
                out.append(r)
        return out

    def verify_trail(self, edge=None):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write(self.trail(edge))
            path = f.name
        try:
            p = subprocess.run([CLI, "audit", "verify", path], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        finally:
            os.unlink(path)

    # --- tests -----------------------------------------------------------------------------
    def test_guardrail_breach_at_stage_2_of_4_rolls_back(self):
        sdk, exp = self.unique("auto-rb"), self.unique("rb")
        self.publish(sdk, rollout_config(exp, [stage(0.05, 200), stage(0.25, 100000),
                                               stage(0.5, 100000), stage(1, 0)]))
        # Stage 1: equal unsubscribe rates (5 %), 200 units: advances to stage 2.
        self.send(sdk, exp, 100, [0.05, 0.05])
        self.wait_coverage(sdk, 0.25)
        self.assertEqual(self.state(sdk, exp)["stage"], 1)
        # Stage 2 ships a harm: unsubscribes at 30 % in the new variation against 5 %.
        self.send(sdk, exp, 400, [0.05, 0.30])  # 940 events: one batch, read whole
        waited = self.wait_coverage(sdk, 0)
        # Within the plan's interval (1 s) plus one controller tick (1 s), with slack for a
        # loaded machine (an ASAN build beside other jobs).
        self.assertLess(waited, 8)
        st = self.state(sdk, exp)
        self.assertEqual(st["status"], "rolled_back")
        self.assertEqual(st["stage"], 1)
        self.assertEqual([p["coverage"] for p in st["periods"]], [0.05, 0.25, 0])
        rollback = self.records(sdk, exp)[-1]
        self.assertEqual(rollback["kind"], "automation")
        self.assertEqual(rollback["decision"], "rollback")
        self.assertEqual(rollback["actor"], "rule:rollout.guardrail")
        finding = rollback["findings"][0]
        self.assertIn("stage 2 of 4", finding["reason"])
        numbers = finding["numbers"]
        self.assertEqual(numbers["metric"], "unsubscribe")
        self.assertEqual(numbers["variation"], 1)
        # Control 5+20 of 500 = 5 %, variation 5+120 of 500 = 25 %: the planted numbers, and the
        # bound from the formula written out above.
        lift, lower = one_sided_lower_bound(500, 25, 500, 125)
        self.assertAlmostEqual(numbers["controlMean"], 25 / 500, places=12)
        self.assertAlmostEqual(numbers["variationMean"], 125 / 500, places=12)
        self.assertAlmostEqual(numbers["lift"], lift, places=9)
        self.assertAlmostEqual(numbers["ciLower"], lower, places=9)
        self.assertGreater(numbers["ciLower"], 0.1)
        self.assertTrue(numbers["breached"])
        self.assertEqual(finding["coverage"], 0)
        self.verify_trail()
        status, _, metrics = self.edge.request("GET", "/metrics")
        self.assertEqual(status, 200)
        changes = [l for l in metrics.decode().splitlines()
                   if l.startswith("tailor_edge_automation_changes_total ")]
        self.assertEqual(len(changes), 1)
        self.assertGreaterEqual(float(changes[0].split()[1]), 2)  # this test's advance, rollback

    def test_clean_rollout_advances_through_every_stage(self):
        sdk, exp = self.unique("auto-ok"), self.unique("ok")
        v0 = self.publish(sdk, rollout_config(exp, [stage(0.05, 100), stage(0.25, 100),
                                                    stage(0.5, 100), stage(1, 100)]))
        for coverage in (0.25, 0.5, 1):
            self.send(sdk, exp, 50, [0.05, 0.05])
            self.wait_coverage(sdk, coverage)
        self.send(sdk, exp, 50, [0.05, 0.05])
        self.wait_for(lambda: self.state(sdk, exp)["status"] == "completed", "completed")
        decisions = [r["decision"] for r in self.records(sdk, exp)]
        self.assertEqual(decisions, ["advance", "advance", "advance", "complete"])
        status, _, history = self.edge.json("GET", "/admin/v1/configs/" + sdk, headers=ADMIN)
        self.assertEqual(status, 200, history)
        versions = history["sdkKeys"][0]["versions"]
        self.assertEqual(versions[-1]["version"], v0 + 3)  # one version per stage change
        self.verify_trail()

    def test_restart_resumes_at_its_stage(self):
        edge = Edge("--automation-tick-s", "1")
        try:
            sdk, exp = self.unique("auto-rs"), self.unique("rs")
            self.publish(sdk, rollout_config(exp, [stage(0.05, 100), stage(0.25, 100),
                                                   stage(0.5, 100), stage(1, 100)]), edge)
            self.send(sdk, exp, 50, [0.05, 0.05], edge)
            self.wait_coverage(sdk, 0.25, edge)
            self.assertEqual(edge.stop(), 0)
            edge.start()
            self.assertEqual(self.state(sdk, exp, edge)["stage"], 1)
            self.assertEqual(self.served_rule(sdk, edge)["coverage"], 0.25)
            # Stage 2 counts from its own start: 100 more units advance it to stage 3.
            self.send(sdk, exp, 50, [0.05, 0.05], edge)
            self.wait_coverage(sdk, 0.5, edge)
            self.assertEqual(self.state(sdk, exp, edge)["stage"], 2)
        finally:
            edge.close()

    def test_operators_pause_resume_advance_and_roll_back(self):
        sdk, exp = self.unique("auto-op"), self.unique("op")
        self.publish(sdk, rollout_config(exp, [stage(0.05, 100), stage(0.25, 100),
                                               stage(0.5, 100), stage(1, 100)]))
        path = "%s/%s/%s" % (BASE, sdk, exp)
        status, hdrs, body = self.edge.request("POST", path + "/pause")
        assert_problem(self, status, hdrs, body, 401)
        status, _, doc = self.edge.json("POST", path + "/pause", {"actor": "alice"}, ADMIN)
        self.assertEqual(status, 200, doc)
        self.assertTrue(doc["state"]["paused"])
        status, hdrs, body = self.edge.request("POST", path + "/pause", headers=ADMIN)
        assert_problem(self, status, hdrs, body, 409, "conflict")
        # Paused: enough units for stage 1, and nothing moves.
        self.send(sdk, exp, 50, [0.05, 0.05])
        time.sleep(2.5)
        self.assertEqual(self.served_rule(sdk)["coverage"], 0.05)
        status, _, doc = self.edge.json("POST", path + "/resume", None, ADMIN)
        self.assertEqual(status, 200, doc)
        self.wait_coverage(sdk, 0.25)
        status, _, doc = self.edge.json("POST", path + "/advance", {"actor": "bob"}, ADMIN)
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc["state"]["stage"], 2)
        self.assertEqual(self.served_rule(sdk)["coverage"], 0.5)
        status, _, doc = self.edge.json("POST", path + "/rollback", {"actor": "carol"}, ADMIN)
        self.assertEqual(status, 200, doc)
        self.assertEqual(self.served_rule(sdk)["coverage"], 0)
        status, hdrs, body = self.edge.request("POST", path + "/advance", headers=ADMIN)
        assert_problem(self, status, hdrs, body, 409, "conflict")
        status, hdrs, body = self.edge.request("POST", path + "/explode", headers=ADMIN)
        assert_problem(self, status, hdrs, body, 404, "not-found")
        status, hdrs, body = self.edge.request("POST", "%s/%s/nope/pause" % (BASE, sdk),
                                               headers=ADMIN)
        assert_problem(self, status, hdrs, body, 404, "unknown-experiment")
        status, hdrs, body = self.edge.request("POST", path + "/pause", b'{"actor": 7}',
                                               {**ADMIN, "Content-Type": "application/json"})
        assert_problem(self, status, hdrs, body, 422, "invalid-body")
        actors = [(r["decision"], r["actor"]) for r in self.records(sdk, exp)]
        self.assertEqual(actors, [("pause", "operator:alice"), ("resume", "operator:admin"),
                                  ("advance", "rule:rollout.advance"),
                                  ("advance", "operator:bob"), ("rollback", "operator:carol")])
        status, _, listing = self.edge.json("GET", BASE, headers=ADMIN)
        self.assertEqual(status, 200, listing)
        self.assertIn((sdk, exp), [(x["sdkKey"], x["experiment"]) for x in listing["experiments"]])
        self.verify_trail()

    def test_bandit_reallocates_toward_the_better_arm(self):
        sdk, exp = self.unique("auto-bandit"), self.unique("bd")
        self.publish(sdk, {"experiments": [{
            "key": exp, "variations": ["a", "b"], "weights": [0.5, 0.5],
            "bandit": {"metric": "unsubscribe", "intervalMinutes": 1 / 60,
                       "burnInExposures": 400, "minWeight": 0.1}}]})
        # "unsubscribe" stands for any metric here: variation 1 converts 30 % against 10 %.
        self.send(sdk, exp, 200, [0.10, 0.30])

        def reallocated():
            status, _, body = self.edge.json("GET", "/v1/config/" + sdk)
            w = body["experiments"][0]["weights"]
            return w if w[1] > 0.8 else None
        weights = self.wait_for(reallocated, "weights toward variation 1")
        self.assertGreaterEqual(min(weights), 0.1 - 1e-9)
        records = self.records(sdk, exp)
        self.assertEqual(records[0]["decision"], "reallocate")
        self.assertEqual(records[0]["actor"], "rule:bandit.reallocate")
        st = self.state(sdk, exp)
        self.assertEqual(st["periods"][0]["weights"], [0.5, 0.5])
        # The bandit goes on reallocating every second: the weights served above are one of
        # its periods.
        self.assertIn(weights, [p["weights"] for p in st["periods"]])

        # Results: units count in the period of their first exposure, each period held to its
        # own weights. Pause (no new period), then expose 300 more users in the proportions
        # of the last period's weights.
        path = "%s/%s/%s" % (BASE, sdk, exp)
        status, _, doc = self.edge.json("POST", path + "/pause", {"actor": "srm"}, ADMIN)
        self.assertEqual(status, 200, doc)
        periods = doc["state"]["periods"]
        self.assertGreaterEqual(len(periods), 2)
        last = periods[-1]["weights"]
        n0 = round(300 * last[0] / sum(last))
        now = int(time.time() * 1000)
        self.assertGreaterEqual(now, periods[-1]["startMs"])
        events = []
        for v, n in ((0, n0), (1, 300 - n0)):
            for i in range(n):
                user = "%s-late-%d-%d" % (exp, v, i)
                events.append({"id": user + "-x", "type": "exposure", "ts": now, "user": user,
                               "experiment": exp, "variant": str(v)})
        status, _, body = self.edge.json("POST", "/v1/events", {"sdkKey": sdk, "events": events})
        self.assertEqual(status, 202, body)
        status, _, res = self.edge.json("GET", "/v1/experiments/%s/results?metric=unsubscribe" % exp)
        self.assertEqual(status, 200, res)
        srm = res["srm"]
        self.assertEqual(srm["weightsFrom"], "periods")
        self.assertEqual([p["startMs"] for p in srm["periods"]], [p["startMs"] for p in periods])
        # Independently: the first 200 + 200 users were exposed before the first
        # reallocation (period 0), the late ones in the last period.
        counts = [[0, 0] for _ in periods]
        counts[0] = [200, 200]
        counts[-1] = [n0, 300 - n0]
        expected = [0.0, 0.0]
        for c, p in zip(counts, periods):
            w = p["weights"]
            for i in range(2):
                expected[i] += sum(c) * w[i] / sum(w)
        observed = [200 + n0, 200 + 300 - n0]
        chi2 = sum((o - e) ** 2 / e for o, e in zip(observed, expected))
        self.assertEqual([p["observed"] for p in srm["periods"]], counts)
        self.assertAlmostEqual(srm["chi2"], chi2, places=9)
        self.assertAlmostEqual(srm["pValue"], math.erfc(math.sqrt(chi2 / 2)), places=9)
        self.assertFalse(srm["mismatch"])
        # The effects are compared within the periods that have users in both arms (the first
        # and the last), not pooled.
        self.assertEqual(res["effectsFrom"], "periods")
        treatment = res["results"][0]["variants"][1]
        self.assertNotIn("error", treatment)
        self.assertEqual(treatment["periodsUsed"], 2)
        # Pooled against the weights served now, the same healthy traffic is a mismatch.
        pooled = sum((o - 500 * w / sum(last)) ** 2 / (500 * w / sum(last))
                     for o, w in zip(observed, last))
        self.assertLess(math.erfc(math.sqrt(pooled / 2)), 0.001)


if __name__ == "__main__":
    main()
