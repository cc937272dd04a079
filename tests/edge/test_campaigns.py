"""Campaigns as edge jobs (docs/edge-api.md, "Campaigns"), against the real tailor-edge on
SQLite and, under with-postgres.sh, on PostgreSQL: the demo campaign from creation to report,
its progress over SSE, the same segments and assignments as `tailor campaign run` on the same
inputs, uploads, the review queue, approval with publishing, simulated events analysed by the
results route, the audit trail verified by `tailor audit verify`, bad requests answered with
problem documents, and jobs resumed after the edge stopped (gracefully or killed) mid-job."""
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from edge_harness import ADMIN_TOKEN, CLI, STORE, Edge, assert_problem, main

BASE = "/admin/v1/campaigns"
ADMIN = {"Authorization": "Bearer " + ADMIN_TOKEN}


def cli(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def gen_data(directory, customers=500, seed=7):
    code, _, err = cli("gen-data", "--customers", str(customers), "--seed", str(seed), "--out",
                       directory)
    assert code == 0, err
    content = []
    for name in sorted(os.listdir(os.path.join(directory, "content"))):
        content.append({"name": name,
                        "text": open(os.path.join(directory, "content", name)).read()})
    return {
        "spec": json.load(open(os.path.join(directory, "campaign.json"))),
        "customers": {"name": "customers.csv",
                      "csv": open(os.path.join(directory, "customers.csv")).read()},
        "content": content,
    }


class Campaigns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="tailor-edge-campaigns-")
        cls.edge = Edge("--campaign-max-rows", "300000")

    @classmethod
    def tearDownClass(cls):
        cls.edge.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    # --- helpers ---------------------------------------------------------------------------
    def create(self, body, edge=None):
        status, hdrs, doc = (edge or self.edge).json("POST", BASE, body, ADMIN)
        self.assertEqual(status, 202, doc)
        self.assertEqual(hdrs["location"], BASE + "/" + doc["id"])
        self.assertEqual(doc["state"], "queued")
        return doc["id"]

    def get(self, cid, edge=None):
        status, _, doc = (edge or self.edge).json("GET", BASE + "/" + cid, None, ADMIN)
        self.assertEqual(status, 200, doc)
        return doc

    def wait(self, cid, edge=None, seconds=240):
        """Polls until the campaign is neither queued nor running; its view."""
        deadline = time.monotonic() + seconds
        while True:
            doc = self.get(cid, edge)
            if doc["state"] not in ("queued", "running"):
                return doc
            self.assertLess(time.monotonic(), deadline, "job did not end: %r" % doc)
            time.sleep(0.2)

    def file(self, cid, name, edge=None):
        status, hdrs, data = (edge or self.edge).request("GET", BASE + "/" + cid + "/files/" + name,
                                                         None, ADMIN)
        self.assertEqual(status, 200, data)
        return data.decode()

    def verify_audit(self, cid, edge=None):
        path = os.path.join(self.work, cid + "-audit.csv")
        with open(path, "w") as f:
            f.write(self.file(cid, "out/audit.csv", edge))
        code, out, err = cli("audit", "verify", path)
        self.assertEqual(code, 0, err)
        return path

    def approve(self, cid, doc, **extra):
        body = {"approver": "Dana Lee", "designHash": doc["designHash"], **extra}
        status, _, view = self.edge.json("POST", BASE + "/" + cid + "/approve", body, ADMIN)
        self.assertEqual(status, 202, view)
        return view

    # --- tests -----------------------------------------------------------------------------
    def test_demo_campaign_from_creation_to_report_with_sse_progress(self):
        cid = self.create({"demo": {"customers": 500, "seed": 7}})
        # The progress stream: the campaign's view at each change, ending with the job.
        conn = self.edge.connection(timeout=120)
        conn.request("GET", BASE + "/" + cid + "/progress", headers=ADMIN)
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Type"), "text/event-stream")
        views = []
        for block in resp.read().decode().split("\n\n"):
            if not block.strip():
                continue
            lines = dict(line.split(": ", 1) for line in block.split("\n"))
            self.assertEqual(lines["event"], "campaign")
            views.append(json.loads(lines["data"]))
        conn.close()
        self.assertGreaterEqual(len(views), 1)
        self.assertEqual(views[-1]["state"], "awaiting-approval")
        doc = self.get(cid)
        self.assertEqual(doc["job"]["kind"], "prepare")
        self.assertEqual(doc["job"]["attempt"], 1)
        self.assertEqual([s["stage"] for s in doc["progress"]["stages"]],
                         ["customers", "segments", "content", "variants", "design"])
        self.assertEqual((doc["customers"], doc["segments"], doc["variants"]), (500, 5, 20))
        self.assertEqual(doc["drafts"], {"screened": 60, "allowed": 60})
        self.assertEqual(len(doc["designHash"]), 64)
        self.assertTrue(doc["warnings"])  # 500 customers cannot power this design

        # Nothing after the design exists before an approval.
        status, _, files = self.edge.json("GET", BASE + "/" + cid + "/files", None, ADMIN)
        self.assertEqual(status, 200)
        names = {f["name"] for f in files["files"]}
        for name in ("segments.csv", "assignments.csv", "variants.json", "screening.jsonl",
                     "audit.jsonl", "audit.csv", "design.json", "reviews.json"):
            self.assertIn("out/" + name, names)
        for name in ("report.json", "report.html", "events.jsonl", "config.json"):
            self.assertNotIn("out/" + name, names)
        self.assertIn("in/customers.csv", names)
        self.assertIn("in/spec.json", names)

        # A stale design hash is refused; the current one runs the rest.
        status, hdrs, body = self.edge.request(
            "POST", BASE + "/" + cid + "/approve",
            {"approver": "Dana Lee", "designHash": "0" * 64}, ADMIN)
        assert_problem(self, status, hdrs, body, 409, "campaign-state")
        self.approve(cid, doc)
        done = self.wait(cid)
        self.assertEqual(done["state"], "complete", done)
        self.assertEqual(done["approval"]["approver"], "Dana Lee")
        report = json.loads(self.file(cid, "out/report.json"))
        self.assertIn("segments", report)
        status, hdrs, html = self.edge.request("GET", BASE + "/" + cid + "/files/out/report.html",
                                               None, ADMIN)
        self.assertEqual(status, 200)
        self.assertEqual(hdrs["content-type"], "text/html; charset=utf-8")
        self.assertIn("sandbox", hdrs["content-security-policy"])
        self.assertIn(b"<svg", html)
        # The trail: every screening record and the approval, chained; a flipped byte fails.
        path = self.verify_audit(cid)
        records = list(csv.DictReader(open(path)))
        self.assertEqual(sum(r["kind"] == "screening" for r in records), 60)
        self.assertEqual(records[-1]["kind"], "approval")
        self.assertEqual(records[-1]["content_hash"], doc["designHash"])
        data = bytearray(open(path, "rb").read())
        i = data.index(b"allow")
        data[i] = ord("A")
        open(path, "wb").write(bytes(data))
        self.assertEqual(cli("audit", "verify", path)[0], 1)
        # The progress stream of a finished campaign sends its view and ends at once.
        status, hdrs, body = self.edge.request("GET", BASE + "/" + cid + "/progress", None, ADMIN)
        self.assertEqual(status, 200)
        self.assertIn(b'"state":"complete"', body)
        # The campaign is listed.
        status, _, listed = self.edge.json("GET", BASE, None, ADMIN)
        self.assertIn(cid, [c["id"] for c in listed["campaigns"]])

    def test_the_edge_and_the_cli_compute_the_same_campaign(self):
        # One implementation: the same inputs give the same segments, assignments and variants
        # through the edge's job as through `tailor campaign run`.
        data_dir = os.path.join(self.work, "same")
        body = gen_data(data_dir)
        cid = self.create(body)
        doc = self.wait(cid)
        self.assertEqual(doc["state"], "awaiting-approval", doc)
        self.assertEqual(doc["source"]["kind"], "upload")
        out = os.path.join(self.work, "same-out")
        code, _, err = cli("campaign", "run", "--customers", os.path.join(data_dir, "customers.csv"),
                           "--content", os.path.join(data_dir, "content"), "--spec",
                           os.path.join(data_dir, "campaign.json"), "--out", out, "--quiet")
        self.assertEqual(code, 0, err)
        for name in ("segments.csv", "assignments.csv"):
            self.assertEqual(self.file(cid, "out/" + name),
                             open(os.path.join(out, name), newline="").read(), name)
        edge_variants = json.loads(self.file(cid, "out/variants.json"))["variants"]
        cli_variants = json.load(open(os.path.join(out, "variants.json")))["variants"]
        self.assertEqual([(v["id"], [c["contentHash"] for c in v["copies"]]) for v in edge_variants],
                         [(v["id"], [c["contentHash"] for c in v["copies"]]) for v in cli_variants])
        edge_design = json.loads(self.file(cid, "out/design.json"))
        cli_design = json.load(open(os.path.join(out, "design.json")))
        self.assertEqual(edge_design["segments"], cli_design["segments"])

    def test_segmentation_chosen_by_a_spec_patch(self):
        cid = self.create({"demo": {"customers": 600, "seed": 3},
                           "specPatch": {"segmentation": {
                               "method": "kmeans", "recency": None, "frequency": None,
                               "monetary": None, "k": 3, "seed": 11,
                               "features": ["spend_12m", "orders_12m",
                                            "days_since_last_order"]}}})
        doc = self.wait(cid)
        self.assertEqual(doc["state"], "awaiting-approval", doc)
        self.assertEqual(doc["segments"], 3)
        spec = json.loads(self.file(cid, "in/spec.json"))
        self.assertEqual(spec["segmentation"]["method"], "kmeans")
        design = json.loads(self.file(cid, "out/design.json"))
        self.assertEqual(design["segmentation"]["method"], "kmeans")

    def test_bad_customer_rows_fail_the_job_with_the_row_and_column(self):
        body = gen_data(os.path.join(self.work, "bad"), 300, 5)
        bad_dir = os.path.join(self.work, "bad-rows")
        code, _, err = cli("gen-data", "--customers", "300", "--seed", "5", "--bad-rows", "3",
                           "--out", bad_dir)
        self.assertEqual(code, 0, err)
        body["customers"]["csv"] = open(os.path.join(bad_dir, "customers.csv")).read()
        body["spec"]["customers"]["bad_rows"] = "fail"
        cid = self.create(body)
        doc = self.wait(cid)
        self.assertEqual(doc["state"], "failed")
        self.assertRegex(doc["error"], r'customers\.csv:\d+: ')
        self.assertEqual(doc["job"]["kind"], "prepare")
        # Nothing was written as output.
        status, _, files = self.edge.json("GET", BASE + "/" + cid + "/files", None, ADMIN)
        self.assertFalse([f for f in files["files"] if f["name"].startswith("out/")])

    def test_review_queue_approve_publish_and_simulate(self):
        # An approved claim written like spam makes screening hold every draft quoting it.
        data_dir = os.path.join(self.work, "review")
        body = gen_data(data_dir, 800, 9)
        for item in body["content"]:
            doc = json.loads(item["text"])
            if any("best-selling" in c for c in doc.get("claims", [])):
                doc["claims"] = ["ACT NOW!!! " + c if "best-selling" in c else c
                                 for c in doc["claims"]]
                item["text"] = json.dumps(doc)
        body["specPatch"] = {"generation": {"variants_per_segment": 3},
                             "design": {"treatments": 3, "weights": [0.25] * 4}}
        cid = self.create(body)
        doc = self.wait(cid)
        self.assertEqual(doc["state"], "awaiting-review", doc)
        waiting = doc["awaitingReview"]
        self.assertGreater(len(waiting), 1)
        # Approval waits for every decision.
        status, hdrs, raw = self.edge.request(
            "POST", BASE + "/" + cid + "/approve",
            {"approver": "Dana Lee", "designHash": doc["designHash"]}, ADMIN)
        assert_problem(self, status, hdrs, raw, 409, "campaign-state")
        # A decision names a waiting draft.
        status, hdrs, raw = self.edge.request(
            "POST", BASE + "/" + cid + "/reviews",
            {"message": "nope/benefit/email", "decision": "approved", "reviewer": "Rita"}, ADMIN)
        problem = assert_problem(self, status, hdrs, raw, 404)
        self.assertIn(waiting[0], problem["detail"])
        status, hdrs, raw = self.edge.request(
            "POST", BASE + "/" + cid + "/reviews",
            {"message": waiting[0], "decision": "maybe", "reviewer": "Rita"}, ADMIN)
        assert_problem(self, status, hdrs, raw, 422, "invalid-campaign")
        # Rejected with a reason: the strategy gives way to the next of its segment.
        segment, strategy, _ = waiting[0].split("/")
        status, _, view = self.edge.json(
            "POST", BASE + "/" + cid + "/reviews",
            {"message": waiting[0], "decision": "rejected", "reviewer": "Rita Reviewer",
             "reason": "shouty copy"}, ADMIN)
        self.assertEqual(status, 202, view)
        doc = self.wait(cid)
        variants = json.loads(self.file(cid, "out/variants.json"))
        self.assertNotIn(segment + "/" + strategy, [v["id"] for v in variants["variants"]])
        reviews = json.loads(self.file(cid, "in/reviews.json"))
        self.assertEqual((reviews[0]["decision"], reviews[0]["reason"]), ("rejected", "shouty copy"))
        for message in doc["awaitingReview"]:
            status, _, view = self.edge.json(
                "POST", BASE + "/" + cid + "/reviews",
                {"message": message, "decision": "approved", "reviewer": "Rita Reviewer"}, ADMIN)
            self.assertEqual(status, 202, view)
            doc = self.wait(cid)
            if doc["state"] == "awaiting-approval":
                break
        self.assertEqual(doc["state"], "awaiting-approval", doc)
        self.assertEqual(doc["awaitingReview"], [])

        # Approved and published: the web arm is the served config of the SDK key.
        self.approve(cid, doc, publish="campaign-review")
        done = self.wait(cid)
        self.assertEqual(done["state"], "complete", done)
        self.assertEqual(done["published"]["sdkKey"], "campaign-review")
        status, _, served = self.edge.request("GET", "/v1/config/campaign-review")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(served), json.loads(self.file(cid, "out/config.json")))
        records = [json.loads(l) for l in self.file(cid, "out/audit.jsonl").splitlines()]
        reviews = json.loads(self.file(cid, "in/reviews.json"))
        self.maxDiff = None
        self.assertEqual(sorted((r["message_id"], r["decision"]) for r in records
                                if r["kind"] == "review"),
                         sorted((r["message"], r["decision"]) for r in reviews))
        self.verify_audit(cid)

        # Simulated: the events go into the event store and the results route analyses them.
        status, _, view = self.edge.json("POST", BASE + "/" + cid + "/simulate", {}, ADMIN)
        self.assertEqual(status, 202, view)
        done = self.wait(cid)
        self.assertEqual(done["state"], "complete")
        events = [json.loads(l) for l in self.file(cid, "out/events.jsonl").splitlines()]
        self.assertEqual(done["simulated"]["events"], len(events))
        experiment = events[0]["experiment"]
        exposed = {e["user"] for e in events
                   if e["type"] == "exposure" and e["experiment"] == experiment}
        status, _, results = self.edge.json(
            "GET", "/v1/experiments/%s/results?metric=purchase" % experiment)
        self.assertEqual(status, 200, results)
        self.assertEqual(sum(results["srm"]["observed"]), len(exposed))
        # Simulating twice stores nothing twice (event ids are the idempotency keys).
        self.edge.json("POST", BASE + "/" + cid + "/simulate", {}, ADMIN)
        again = self.wait(cid)
        self.assertEqual(again["simulated"]["stored"], 0)

    def test_bad_requests_get_problem_documents(self):
        e = self.edge
        status, hdrs, body = e.request("GET", BASE)
        assert_problem(self, status, hdrs, body, 401, "unauthorized")
        status, hdrs, body = e.request("POST", BASE, b"{", dict(ADMIN, **{
            "Content-Type": "application/json"}))
        assert_problem(self, status, hdrs, body, 400, "malformed-json")
        cases = [
            ({}, 422, "a campaign needs a spec, customers and content"),
            ({"demo": {"customers": 0, "seed": 1}}, 422, "demo.customers must be a whole number"),
            ({"demo": {"customers": 10, "seed": 1}, "colour": 1}, 422, 'unknown member "colour"'),
            ({"demo": {"customers": 10, "seed": 1}, "specPatch": {"channels": ["fax"]}}, 422,
             "spec: channels"),
            ({"demo": {"customers": 10, "seed": 1},
              "content": [{"name": "../x.md", "text": "a"}]}, 422, "content[0].name"),
            ({"demo": {"customers": 10, "seed": 1},
              "content": [{"name": "x.txt", "text": "a"}]}, 422, ".md or .json"),
            ({"demo": {"customers": 400000, "seed": 1}}, 422, "from 1 to 300000"),
        ]
        for request, want, words in cases:
            status, hdrs, body = e.request("POST", BASE, request, ADMIN)
            doc = assert_problem(self, status, hdrs, body, want)
            self.assertIn(words, doc["detail"], request)
        status, hdrs, body = e.request("GET", BASE + "/cmp-nope", None, ADMIN)
        assert_problem(self, status, hdrs, body, 404, "not-found")
        status, hdrs, body = e.request("GET", BASE + "/cmp-nope/files/out/x.csv", None, ADMIN)
        assert_problem(self, status, hdrs, body, 404)
        status, hdrs, body = e.request("DELETE", BASE, None, ADMIN)
        assert_problem(self, status, hdrs, body, 405)

    def test_upload_limits(self):
        # Rows beyond --campaign-max-rows: 413 naming the limit; bodies beyond
        # --campaign-max-bytes: 413; a body over --max-body-bytes needs an admin token.
        edge = Edge("--campaign-max-rows", "100", "--campaign-max-bytes", "3000000")
        try:
            body = gen_data(os.path.join(self.work, "limits"), 150, 2)
            status, hdrs, raw = edge.request("POST", BASE, body, ADMIN)
            doc = assert_problem(self, status, hdrs, raw, 413, "too-large")
            self.assertIn("150 lines after the header", doc["detail"])
            self.assertIn("--campaign-max-rows", doc["detail"])
            big = {"demo": {"customers": 10, "seed": 1},
                   "content": [{"name": "big.md", "text": "x" * 3100000}]}
            status, hdrs, raw = edge.request("POST", BASE, big, ADMIN)
            doc = assert_problem(self, status, hdrs, raw, 413, "body-too-large")
            self.assertIn("3000000 bytes", doc["detail"])
            medium = {"demo": {"customers": 10, "seed": 1},
                      "content": [{"name": "big.md", "text": "x" * 1500000}]}
            status, hdrs, raw = edge.request("POST", BASE, medium)  # no token: the 1 MiB limit
            doc = assert_problem(self, status, hdrs, raw, 413, "body-too-large")
            self.assertIn("1048576 bytes", doc["detail"])
        finally:
            edge.close()

    def resume_after(self, stop):
        """Starts a long job, stops the edge mid-job with `stop`, starts it again on the same
        store: the job runs again and ends; nothing in the trail is lost."""
        store = STORE or os.path.join(self.work, "resume-%s.db" % stop.__name__)
        edge = Edge("--campaign-max-rows", "300000", store=store)
        try:
            cid = self.create({"demo": {"customers": 60000, "seed": 4}}, edge)
            deadline = time.monotonic() + 120
            while True:
                doc = self.get(cid, edge)
                stage = (doc.get("progress") or {}).get("stage")
                if doc["state"] == "running" and stage in ("segments", "content", "variants"):
                    break
                self.assertIn(doc["state"], ("queued", "running"), doc)
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.05)
            stop(edge)
            edge.start()
            doc = self.wait(cid, edge, seconds=300)
            self.assertEqual(doc["state"], "awaiting-approval", doc)
            self.assertEqual(doc["job"]["attempt"], 2)
            self.assertEqual(doc["customers"], 60000)
            path = self.verify_audit(cid, edge)
            self.assertEqual(sum(1 for r in csv.DictReader(open(path))), doc["drafts"]["screened"])
            return doc
        finally:
            edge.close()

    def test_a_job_stopped_by_sigterm_is_resumed_at_the_next_start(self):
        def sigterm(edge):
            self.assertEqual(edge.stop(signal.SIGTERM, timeout=120), 0)
        self.resume_after(sigterm)

    def test_a_job_killed_mid_run_is_resumed_once_its_lease_ends(self):
        def sigkill(edge):
            edge.kill9()
        self.resume_after(sigkill)


if __name__ == "__main__":
    main()
