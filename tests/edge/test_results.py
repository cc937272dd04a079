"""GET /v1/experiments/{key}/results through the real binary, against the store named by
TAILOR_EDGE_STORE (a fresh SQLite file when unset; with-postgres.sh sets a postgresql:// URL).

A seeded batch of exposures and conversions with a known effect is ingested over HTTP; the
test aggregates the same raw events itself (per-user sums, first-exposure and conflict rules)
and checks the edge's sufficient statistics exactly and its effects, intervals and p-values
against tools/gen/stats_reference.py, the standard-library-only reference that shares no code
with core/stats. Holm is recomputed here. SRM uses the closed forms of the chi-square survival
function: dof 1 -> erfc(sqrt(x/2)), dof 2 -> exp(-x/2)."""
import math
import os
import random
import sys
import unittest
import uuid

from edge_harness import SOURCE, Edge, assert_problem, main

sys.path.insert(0, os.path.join(SOURCE, "tools", "gen"))
import stats_reference as ref  # noqa: E402

ALPHA = 0.05


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    out, running = [0.0] * len(ps), 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - rank) * ps[i]))
        out[i] = running
    return out


class Dataset:
    """Seeded events for one experiment, plus the per-user truth computed from them."""

    def __init__(self, exp, seed, variants, lifts, users=600, split=None, segments=("US", "FR")):
        rng = random.Random(seed)
        self.events, self.exp = [], exp
        self.value = {}   # user -> summed metric value (exposed, non-conflicted users)
        self.variant = {}  # user -> variant
        self.segment = {}
        conflicted = set()
        split = split or [1] * len(variants)
        n = 0

        def add(e):
            nonlocal n
            n += 1
            e["id"] = "%s-%d" % (exp, n)
            self.events.append(e)

        for u in range(users):
            user = "%s-u%d" % (exp, u)
            v = rng.choices(range(len(variants)), weights=split)[0]
            seg = rng.choice(segments)
            ts = 1000 + rng.randrange(100000)
            add({"type": "exposure", "ts": ts, "user": user, "experiment": exp,
                 "variant": variants[v], "attributes": {"country": seg, "plan": "x"}})
            if u % 7 == 0:  # a later repeat exposure, other attributes: segment stays the first
                add({"type": "exposure", "ts": ts + 50, "user": user, "experiment": exp,
                     "variant": variants[v], "attributes": {"country": "ZZ"}})
            if u % 97 == 5:  # exposed to another variant too: out of every arm
                add({"type": "exposure", "ts": ts + 60, "user": user, "experiment": exp,
                     "variant": variants[(v + 1) % len(variants)]})
                conflicted.add(user)
            total = 0.0
            # Conversions: probability and amount grow with the variant's lift.
            p = 0.3 * (1 + lifts[v])
            for k in range(rng.choice([0, 1, 1, 2, 3])):
                if rng.random() < p:
                    amount = round(rng.uniform(5, 50) * (1 + lifts[v]), 2)
                    kind = "conversion" if k % 2 == 0 else "custom"
                    e = {"type": kind, "ts": ts + rng.randrange(0, 5000), "user": user,
                         "name": "purchase"}
                    if k == 2:  # no value: counts 1
                        total += 1
                    else:
                        e["value"] = amount
                        total += amount
                    add(e)
            if u % 11 == 0:  # before the exposure: not counted
                add({"type": "conversion", "ts": ts - 1, "user": user, "name": "purchase",
                     "value": 1000})
            if u % 13 == 0:  # another metric: not counted
                add({"type": "conversion", "ts": ts + 1, "user": user, "name": "signup"})
            self.value[user], self.variant[user], self.segment[user] = total, variants[v], seg
        for i in range(25):  # never exposed: not counted
            add({"type": "conversion", "ts": 5000, "user": "%s-stranger%d" % (exp, i),
                 "name": "purchase", "value": 3})
        for user in conflicted:
            del self.value[user], self.variant[user], self.segment[user]
        self.conflicted = len(conflicted)

    def stats(self, variant, segment=None):
        xs = [self.value[u] for u in self.value
              if self.variant[u] == variant and (segment is None or self.segment[u] == segment)]
        return {"n": len(xs), "sum": sum(xs), "sumSquares": sum(x * x for x in xs),
                "converted": sum(1 for x in xs if x > 0)}


class Results(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.edge = Edge()
        run = uuid.uuid4().hex[:12]
        # Events-only experiment (no published config): variants "0" (control), "1", "2".
        cls.ds = Dataset("res-%s" % run, 20261123, ["1", "0", "2"], [0.1, 0.0, 0.8])
        cls.ingest(cls.ds.events)

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()

    @classmethod
    def ingest(cls, events, sdk_key="demo"):
        for i in range(0, len(events), 1000):
            status, _, body = cls.edge.json("POST", "/v1/events",
                                            {"sdkKey": sdk_key, "events": events[i:i + 1000]})
            assert status == 202 and body["rejected"] == 0, body

    def results(self, exp, query, want=200):
        status, hdrs, body = self.edge.json("GET", "/v1/experiments/%s/results?%s" % (exp, query))
        self.assertEqual(status, want, body)
        if want == 200:
            self.assertEqual(hdrs["content-type"], "application/json")
        return body

    def check_arms(self, doc, segment=None):
        group = [g for g in doc["results"] if g["segment"] == segment][0]
        for arm in group["variants"]:
            want = self.ds.stats(arm["variant"], segment)
            self.assertEqual(arm["users"], want["n"], arm)
            self.assertEqual(arm["converted"], want["converted"], arm)
            self.assertAlmostEqual(arm["sum"], want["sum"], places=6)
            self.assertAlmostEqual(arm["sumSquares"], want["sumSquares"], places=4)
        return group["variants"]

    def ref_arm(self, variant, segment=None):
        s = self.ds.stats(variant, segment)
        return ref.arm_mean(s["n"], s["sum"], s["sumSquares"])

    def close(self, got, want, rel=1e-6):
        self.assertLessEqual(abs(got - want), rel * max(1.0, abs(want)), (got, want))

    def test_frequentist_matches_reference(self):
        doc = self.results(self.ds.exp, "metric=purchase")
        self.assertEqual((doc["method"], doc["control"], doc["variationsFrom"]),
                         ("frequentist", "0", "events"))
        arms = self.check_arms(doc)
        self.assertEqual([a["variant"] for a in arms], ["0", "1", "2"])
        self.assertTrue(arms[0]["control"])
        q = doc["dataQuality"]
        self.assertEqual(q["conflictedUsers"], self.ds.conflicted)
        self.assertEqual(q["eventsWithoutExposure"], 25)
        self.assertGreater(q["eventsBeforeExposure"], 0)
        ps = []
        for arm in arms[1:]:
            want = ref.welch(self.ref_arm("0"), self.ref_arm(arm["variant"]), True, ALPHA,
                             "two-sided")
            self.close(arm["effect"], want["effect"])
            self.close(arm["se"], want["se"])
            self.close(arm["ci"][0], want["ci"][0])
            self.close(arm["ci"][1], want["ci"][1])
            self.close(arm["pValue"], want["p_value"], 1e-5)
            ps.append(want["p_value"])
        # The seeded effect: +80% is found, +10% (with this n) is not.
        self.assertLess(arms[2]["pValue"], 1e-6)
        self.assertGreater(arms[2]["effect"], 0.5)
        self.assertGreater(arms[1]["pValue"], ALPHA)
        for arm, adj in zip(arms[1:], holm(ps)):
            self.close(arm["adjustedPValue"], adj, 1e-5)
        self.assertEqual(doc["adjustment"], {"method": "holm", "comparisons": 2})

    def test_absolute_sequential_and_bayesian(self):
        c, t = self.ref_arm("0"), self.ref_arm("2")
        doc = self.results(self.ds.exp, "metric=purchase&relative=false&alpha=0.1")
        arm = self.check_arms(doc)[2]
        want = ref.welch(c, t, False, 0.1, "two-sided")
        self.close(arm["effect"], want["effect"])
        self.close(arm["ci"][1], want["ci"][1])

        doc = self.results(self.ds.exp, "metric=purchase&method=sequential&nStar=2000")
        self.assertEqual((doc["method"], doc["nStar"]), ("sequential", 2000))
        arm = self.check_arms(doc)[2]
        want = ref.sequential(c, t, True, ALPHA, 2000)
        self.close(arm["effect"], want["effect"])
        self.close(arm["se"], want["se"])
        self.close(arm["ci"][0], want["ci"][0])
        self.close(arm["ci"][1], want["ci"][1])
        self.close(arm["pValue"], want["p_value"], 1e-5)

        doc = self.results(self.ds.exp, "metric=purchase&method=bayesian")
        arm = self.check_arms(doc)[2]
        want = ref.bayesian(c, t, True, ALPHA, None)
        self.close(arm["effect"], want["effect"])
        self.close(arm["se"], want["se"])  # the posterior's standard deviation
        self.assertNotIn("sd", arm)
        self.close(arm["ci"][0], want["ci"][0])
        self.close(arm["chanceToWin"], want["chance_to_win"], 1e-6)
        self.close(arm["risk"]["control"], want["risk"][0], 1e-6)
        self.close(arm["risk"]["treatment"], want["risk"][1], 1e-6)
        self.assertNotIn("pValue", arm)
        self.assertEqual(doc["adjustment"]["comparisons"], 0)

    def test_segments_and_holm_across_variants_and_segments(self):
        doc = self.results(self.ds.exp, "metric=purchase&segment=country")
        self.assertEqual(doc["segment"], "country")
        self.assertEqual([g["segment"] for g in doc["results"]], [None, "FR", "US"])
        ps, got = [], []
        for segment in (None, "FR", "US"):
            arms = self.check_arms(doc, segment)
            for arm in arms[1:]:
                want = ref.welch(self.ref_arm("0", segment), self.ref_arm(arm["variant"], segment),
                                 True, ALPHA, "two-sided")
                self.close(arm["pValue"], want["p_value"], 1e-5)
                ps.append(want["p_value"])
                got.append(arm["adjustedPValue"])
        self.assertEqual(doc["adjustment"]["comparisons"], 6)
        for g, w in zip(got, holm(ps)):
            self.close(g, w, 1e-5)

    def test_srm_equal_weights_without_config(self):
        doc = self.results(self.ds.exp, "metric=purchase")
        srm = doc["srm"]
        obs = [self.ds.stats(v)["n"] for v in ("0", "1", "2")]
        self.assertEqual(srm["observed"], obs)
        self.assertEqual(srm["weightsFrom"], "equal")
        tot = sum(obs)
        chi2 = sum((o - tot / 3) ** 2 / (tot / 3) for o in obs)
        self.close(srm["chi2"], chi2)
        self.close(srm["pValue"], math.exp(-chi2 / 2), 1e-6)  # chi-square, 2 dof
        self.assertFalse(srm["mismatch"])

    def test_srm_flags_a_skewed_split_against_published_weights(self):
        run = uuid.uuid4().hex[:12]
        exp, sdk = "skew-" + run, "res-" + run
        config = {"features": {"f": {"defaultValue": "a", "rules": [
            {"key": exp, "variations": ["a", "b"], "weights": [0.5, 0.5],
             "meta": [{"key": "ctl"}, {"key": "new"}]},
            {"key": exp + "-empty", "variations": ["a", "b", "c"], "weights": [0.2, 0.2, 0.4]},
            {"key": exp + "-retired", "variations": ["a", "b", "c"], "weights": [0.5, 0.5, 0]}]}}}
        status, _, body = self.edge.json("POST", "/admin/v1/configs/" + sdk, config,
                                         self.edge.admin_headers())
        self.assertEqual(status, 201, body)
        # 60/40 split of 1,000 users; exposures name the variant by key or by id.
        rng = random.Random(7)
        events = []
        for u in range(1000):
            v = 0 if u < 600 else 1
            variant = ["ctl", "new"][v] if u % 2 else v
            events.append({"id": "%s-%d" % (exp, u), "type": "exposure", "ts": 1, "user":
                           "u%d" % u, "experiment": exp, "variant": variant})
            if rng.random() < 0.5:
                events.append({"id": "%s-c%d" % (exp, u), "type": "conversion", "ts": 2,
                               "user": "u%d" % u, "name": "buy"})
        self.ingest(events, sdk)
        doc = self.results(exp, "metric=buy")
        self.assertEqual((doc["variationsFrom"], doc["sdkKey"], doc["control"]),
                         ("config", sdk, "ctl"))
        arms = doc["results"][0]["variants"]
        self.assertEqual([(a["variant"], a["variationId"], a["users"]) for a in arms],
                         [("ctl", 0, 600), ("new", 1, 400)])
        srm = doc["srm"]
        chi2 = 2 * (100 ** 2) / 500
        self.assertEqual((srm["observed"], srm["weights"], srm["weightsFrom"]),
                         ([600, 400], [0.5, 0.5], "config"))
        self.close(srm["chi2"], chi2)
        self.close(srm["pValue"], math.erfc(math.sqrt(chi2 / 2)), 1e-6)  # chi-square, 1 dof
        self.assertTrue(srm["mismatch"])
        # A published experiment without events is known: zero users, no test, no SRM alarm.
        doc = self.results(exp + "-empty", "metric=buy")
        self.assertEqual([(a["variant"], a["users"]) for a in doc["results"][0]["variants"]],
                         [("0", 0), ("1", 0), ("2", 0)])
        self.assertIn("error", doc["results"][0]["variants"][1])
        self.assertEqual((doc["srm"]["chi2"], doc["srm"]["pValue"]), (0, 1))
        self.assertEqual(doc["srm"]["weights"], [0.25, 0.25, 0.5])
        # A variation of weight 0 (retired; its users still exposed, e.g. from a cached config)
        # leaves the SRM test with its users, as GrowthBook's checkSrm does: 500 vs 520 at
        # 50/50, e = 510, chi2 = 2 * 10^2 / 510, 1 dof.
        self.ingest([{"id": "%s-r%d" % (exp, u), "type": "exposure", "ts": 1, "user": "r%d" % u,
                      "experiment": exp + "-retired", "variant": 0 if u < 500 else
                      1 if u < 1020 else 2} for u in range(1050)], sdk)
        srm = self.results(exp + "-retired", "metric=buy")["srm"]
        self.assertEqual((srm["observed"], srm["weights"], srm["dof"]), ([500, 520, 30],
                                                                          [0.5, 0.5, 0], 1))
        self.close(srm["chi2"], 200 / 510)
        self.close(srm["pValue"], math.erfc(math.sqrt(100 / 510)), 1e-6)
        self.assertFalse(srm["mismatch"])
        # The feature's id is not an experiment when the rule has its own key.
        status, _, body = self.edge.json("GET", "/v1/experiments/f/results?metric=buy")
        self.assertEqual(status, 404, body)

    def test_errors_are_problems_naming_the_parameter(self):
        base = "/v1/experiments/%s/results" % self.ds.exp
        for query, param in [("", "metric"), ("metric=", "metric"),
                             ("metric=purchase&method=magic", "method"),
                             ("metric=purchase&alpha=1.5", "alpha"),
                             ("metric=purchase&relative=yes", "relative"),
                             ("metric=purchase&nStar=0", "nStar"),
                             ("metric=purchase&segment=", "segment")]:
            status, hdrs, body = self.edge.request("GET", base + "?" + query)
            doc = assert_problem(self, status, hdrs, body, 400, "invalid-parameter")
            self.assertEqual(doc["parameter"], param, query)
            self.assertIn(param, doc["detail"])
        status, hdrs, body = self.edge.request(
            "GET", "/v1/experiments/nope-%s/results?metric=purchase" % uuid.uuid4().hex)
        doc = assert_problem(self, status, hdrs, body, 404, "unknown-experiment")
        self.assertTrue(doc["experiment"].startswith("nope-"))
        status, hdrs, body = self.edge.request("POST", base + "?metric=purchase", b"{}",
                                               {"Content-Type": "application/json"})
        assert_problem(self, status, hdrs, body, 405)
        self.assertEqual(hdrs["allow"], "GET, HEAD")

    def test_awkward_bytes_survive_the_store(self):
        # Tabs, newlines, backslashes and non-ASCII in ids and attributes (PostgreSQL's COPY
        # escapes them; the results must see the original bytes).
        exp = "bytes-" + uuid.uuid4().hex[:12]
        seg = "a\tb\\c\nd \u00e9\u4e2d"
        events = []
        for i in range(4):
            user = "u\t%d\\x\n" % i
            events.append({"id": "%s-e%d" % (exp, i), "type": "exposure", "ts": 10, "user": user,
                           "experiment": exp, "variant": "0" if i < 2 else "1",
                           "attributes": {"country": seg if i % 2 else "plain"}})
            events.append({"id": "%s-c%d" % (exp, i), "type": "custom", "ts": 10, "user": user,
                           "name": "m\tx", "value": i + 0.5})
        self.ingest(events)
        doc = self.results(exp, "metric=m%09x&segment=country")
        self.assertEqual([g["segment"] for g in doc["results"]], [None, seg, "plain"])
        arms = doc["results"][0]["variants"]
        self.assertEqual([(a["users"], a["sum"]) for a in arms], [(2, 2.0), (2, 6.0)])
        self.assertEqual(doc["dataQuality"]["metricEvents"], 4)

    def test_segment_cardinality_is_capped(self):
        exp = "wide-" + uuid.uuid4().hex[:12]
        self.ingest([{"id": "%s-%d" % (exp, i), "type": "exposure", "ts": 1, "user": "u%d" % i,
                      "experiment": exp, "variant": str(i % 2), "attributes": {"n": i}}
                     for i in range(201)])
        status, hdrs, body = self.edge.request(
            "GET", "/v1/experiments/%s/results?metric=buy&segment=n" % exp)
        doc = assert_problem(self, status, hdrs, body, 422, "too-many-segments")
        self.assertEqual(doc["parameter"], "segment")
        # An attribute nobody has: the overall group only.
        doc = self.results(exp, "metric=buy&segment=missing")
        self.assertEqual([g["segment"] for g in doc["results"]], [None])
        self.assertEqual([a["users"] for a in doc["results"][0]["variants"]], [101, 100])

    def test_tiny_arms_report_an_error_not_nan(self):
        exp = "tiny-" + uuid.uuid4().hex[:12]
        self.ingest([{"id": exp + "-1", "type": "exposure", "ts": 1, "user": "a",
                      "experiment": exp, "variant": "control"},
                     {"id": exp + "-2", "type": "exposure", "ts": 1, "user": "b",
                      "experiment": exp, "variant": "treatment"}])
        doc = self.results(exp, "metric=purchase")
        self.assertEqual(doc["control"], "control")
        arms = doc["results"][0]["variants"]
        self.assertEqual([a["users"] for a in arms], [1, 1])
        self.assertIn("control", arms[1]["error"])
        self.assertNotIn("pValue", arms[1])
        self.assertEqual(doc["adjustment"]["comparisons"], 0)


if __name__ == "__main__":
    main()
