"""tailor-edge API over a real loopback socket: health, config delivery, decide, admin,
static files, OFREP, problem documents. Runs over HTTP, and over HTTPS when TAILOR_EDGE_TLS=1."""
import json
import os
import subprocess
import tempfile
import unittest

from edge_harness import (ADMIN_TOKEN, CLI, DEMO_CONFIG, EDGE, Edge, EdgeTestCase, assert_problem,
                          gunzip, main)


class HttpApi(EdgeTestCase):
    def test_health_ready_metrics(self):
        status, _, body = self.edge.json("GET", "/healthz")
        self.assertEqual((status, body), (200, {"status": "ok"}))
        status, _, body = self.edge.json("GET", "/readyz")
        self.assertEqual(status, 200)
        self.assertGreaterEqual(body["configs"], 1)
        status, hdrs, text = self.edge.request("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(hdrs["content-type"].startswith("text/plain; version=0.0.4"))
        text = text.decode()
        for name in ["tailor_build_info{", 'tailor_http_requests_total{route="healthz",code="200"}',
                     "tailor_http_request_duration_seconds_bucket{", "tailor_events_total{",
                     "tailor_ingest_queue_events ", "tailor_open_connections "]:
            self.assertIn(name, text)

    def test_config_etag_304_gzip_cache_control(self):
        with open(DEMO_CONFIG, "rb") as f:
            raw = f.read()
        status, hdrs, body = self.edge.request("GET", "/v1/config/demo")
        self.assertEqual(status, 200)
        self.assertEqual(body, raw)
        self.assertEqual(hdrs["content-type"], "application/json")
        self.assertTrue(hdrs["etag"].startswith('"') and not hdrs["etag"].startswith("W/"))
        self.assertIn("max-age=", hdrs["cache-control"])
        self.assertEqual(hdrs["vary"], "Accept-Encoding")
        self.assertNotIn("content-encoding", hdrs)
        etag = hdrs["etag"]
        status, hdrs2, body = self.edge.request("GET", "/v1/config/demo",
                                                headers={"If-None-Match": '"other", ' + etag})
        self.assertEqual((status, body), (304, b""))
        self.assertEqual(hdrs2["etag"], etag)
        status, gz, body = self.edge.request("GET", "/v1/config/demo",
                                             headers={"Accept-Encoding": "br, gzip;q=0.8"})
        self.assertEqual(gz["content-encoding"], "gzip")
        self.assertEqual(gunzip(body), raw)
        self.assertNotEqual(gz["etag"], etag)
        status, _, body = self.edge.request("GET", "/v1/config/demo",
                                            headers={"Accept-Encoding": "gzip;q=0"})
        self.assertEqual(body, raw)
        status, hdrs, body = self.edge.request("HEAD", "/v1/config/demo")
        self.assertEqual((status, body, int(hdrs["content-length"])), (200, b"", len(raw)))

    def test_config_stream_pushes_new_versions(self):
        auth = self.edge.admin_headers()
        key = "stream-site"
        self.edge.json("POST", "/admin/v1/configs/" + key, {"features": {"f": {"defaultValue": 1}}},
                       auth)
        conn = self.edge.connection(timeout=10)
        conn.request("GET", "/v1/config/%s/stream" % key)
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Type"), "text/event-stream")

        def next_event():
            fields = {}
            while True:
                line = resp.readline().decode()
                self.assertTrue(line, "stream ended")
                line = line.rstrip("\n")
                if not line:
                    if "data" in fields:
                        return fields
                    continue
                if line.startswith(":"):
                    continue
                name, _, value = line.partition(": ")
                fields[name] = fields[name] + "\n" + value if name in fields else value

        first = next_event()
        self.assertEqual((first["event"], json.loads(first["data"])),
                         ("config", {"features": {"f": {"defaultValue": 1}}}))
        v2 = {"features": {"f": {"defaultValue": 2}}}
        status, _, pub = self.edge.json("POST", "/admin/v1/configs/" + key, v2, auth)
        second = next_event()
        self.assertEqual((second["id"], json.loads(second["data"])), (str(pub["version"]), v2))
        _, _, served = self.edge.request("GET", "/v1/config/" + key)
        self.assertEqual(second["data"], served.decode())
        conn.close()
        status, hdrs, body = self.edge.request("GET", "/v1/config/nope/stream")
        assert_problem(self, status, hdrs, body, 404, "unknown-sdk-key")

    def test_unknown_sdk_key(self):
        status, hdrs, body = self.edge.request("GET", "/v1/config/nope")
        doc = assert_problem(self, status, hdrs, body, 404, "unknown-sdk-key")
        self.assertIn('"nope"', doc["detail"])

    def test_decide_is_the_core_answer(self):
        """Every demo user's /v1/decide answer equals the tailor CLI's (the same core)."""
        users = open(DEMO_CONFIG.replace("config.json", "users.jsonl")).read().splitlines()
        cli = subprocess.run([CLI, "decide", "--config", DEMO_CONFIG, "--users",
                              DEMO_CONFIG.replace("config.json", "users.jsonl")],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        self.assertEqual(len(users), len(cli))
        conn = self.edge.connection()
        for user, expected in zip(users, cli):
            # The CLI turns sticky bucketing on ({}): so does this request.
            body = '{"sdkKey":"demo","stickyBucketAssignmentDocs":{},"attributes":' + user + "}"
            status, hdrs, answer = self.edge.request(
                "POST", "/v1/decide", body.encode(), {"Content-Type": "application/json"}, conn)
            self.assertEqual(status, 200)
            self.assertEqual(answer.decode(), expected)
            self.assertEqual(hdrs["connection"] if "connection" in hdrs else "keep-alive",
                             "keep-alive")
        conn.close()

    def test_decide_explain(self):
        """"explain": true adds each feature's rule trace and changes nothing else; false or
        absent gives the compiled answer byte for byte."""
        users = open(DEMO_CONFIG.replace("config.json", "users.jsonl")).read().splitlines()
        conn = self.edge.connection()
        for user in users[:20]:
            body = '{"sdkKey":"demo","attributes":' + user
            status, _, plain = self.edge.request("POST", "/v1/decide", (body + "}").encode(),
                                                 {"Content-Type": "application/json"}, conn)
            self.assertEqual(status, 200)
            status, _, off = self.edge.request("POST", "/v1/decide",
                                               (body + ',"explain":false}').encode(),
                                               {"Content-Type": "application/json"}, conn)
            self.assertEqual(status, 200)
            self.assertEqual(off, plain)
            cli = subprocess.run([CLI, "decide", "--config", DEMO_CONFIG, "--attributes", user,
                                  "--sticky", "null"],
                                 check=True, capture_output=True, text=True).stdout
            self.assertEqual(plain.decode() + "\n", cli)
            status, _, explained = self.edge.request("POST", "/v1/decide",
                                                     (body + ',"explain":true}').encode(),
                                                     {"Content-Type": "application/json"}, conn)
            self.assertEqual(status, 200)
            cli = subprocess.run([CLI, "decide", "--config", DEMO_CONFIG, "--attributes", user,
                                  "--sticky", "null", "--explain"],
                                 check=True, capture_output=True, text=True).stdout
            self.assertEqual(explained.decode() + "\n", cli)
            doc, base = json.loads(explained), json.loads(plain)
            self.assertEqual(doc["experiments"], base["experiments"])
            self.assertEqual(list(doc["features"]), list(base["features"]))
            for key, feature in doc["features"].items():
                trace = feature.pop("trace")
                self.assertEqual(feature, base["features"][key])
                self.assertTrue(trace, key)
                last = trace[-1]["outcome"]
                if feature["reason"] in ("force", "experiment"):
                    self.assertEqual(last, "applied")
                    self.assertEqual(trace[-1]["ruleId"] or "", feature["ruleId"])
                else:
                    self.assertEqual(last, feature["reason"])
                self.assertEqual([s["index"] for s in trace if s["index"] is not None],
                                 list(range(len([s for s in trace if s["index"] is not None]))))
        conn.close()
        # The CLI's table shows the outcomes after the reason.
        table = subprocess.run([CLI, "decide", "--config", DEMO_CONFIG, "--attributes",
                                '{"id":"u-0002"}', "--table", "--explain"],
                               check=True, capture_output=True, text=True).stdout
        self.assertIn('product-order="popular" (defaultValue; 0:conditionFailed defaultValue)',
                      table)
        status, hdrs, body = self.edge.request("POST", "/v1/decide",
                                               {"sdkKey": "demo", "explain": "yes"})
        doc = assert_problem(self, status, hdrs, body, 400, "invalid-request")
        self.assertIn('"explain"', doc["detail"])

    def test_decide_errors(self):
        status, hdrs, body = self.edge.request("POST", "/v1/decide", b'{"sdkKey":',
                                               {"Content-Type": "application/json"})
        doc = assert_problem(self, status, hdrs, body, 400, "malformed-json")
        self.assertIn("line 1 column", doc["detail"])
        status, hdrs, body = self.edge.request("POST", "/v1/decide", b"{}",
                                               {"Content-Type": "text/plain"})
        assert_problem(self, status, hdrs, body, 415, "unsupported-media-type")
        status, hdrs, body = self.edge.request("POST", "/v1/decide",
                                               {"sdkKey": "demo", "attributes": [1]})
        assert_problem(self, status, hdrs, body, 400, "invalid-request")
        status, hdrs, body = self.edge.request("POST", "/v1/decide", {"sdkKey": "x"})
        assert_problem(self, status, hdrs, body, 404, "unknown-sdk-key")
        status, hdrs, body = self.edge.request("GET", "/v1/decide")
        assert_problem(self, status, hdrs, body, 405, "method-not-allowed")
        self.assertEqual(hdrs["allow"], "POST")
        status, hdrs, body = self.edge.request("GET", "/v1/nothing")
        assert_problem(self, status, hdrs, body, 404, "not-found")

    def test_admin_auth(self):
        status, hdrs, body = self.edge.request("GET", "/admin/v1/configs")
        assert_problem(self, status, hdrs, body, 401, "unauthorized")
        self.assertIn("Bearer", hdrs["www-authenticate"])
        status, hdrs, body = self.edge.request("GET", "/admin/v1/configs",
                                               headers={"Authorization": "Bearer wrong-token"})
        assert_problem(self, status, hdrs, body, 403, "forbidden")
        status, hdrs, body = self.edge.request(
            "GET", "/admin/v1/configs", headers={"Authorization": "Bearer " + ADMIN_TOKEN + "x"})
        assert_problem(self, status, hdrs, body, 403, "forbidden")

    def test_admin_publish_list_rollback(self):
        auth = self.edge.admin_headers()
        v1 = {"features": {"f": {"defaultValue": 1}}}
        v2 = {"features": {"f": {"defaultValue": 2}}}
        status, _, first = self.edge.json("POST", "/admin/v1/configs/site-a", v1, auth)
        self.assertEqual((status, first["version"]), (201, 1))
        status, _, second = self.edge.json("POST", "/admin/v1/configs/site-a", v2, auth)
        self.assertEqual((status, second["version"]), (201, 2))
        status, hdrs, body = self.edge.json("GET", "/v1/config/site-a")
        self.assertEqual((body, hdrs["etag"]), (v2, second["etag"]))
        _, _, answer = self.edge.json("POST", "/v1/decide", {"sdkKey": "site-a"})
        self.assertEqual(answer["features"]["f"]["value"], 2)
        status, _, listing = self.edge.json("GET", "/admin/v1/configs", headers=auth)
        keys = {k["sdkKey"]: k for k in listing["sdkKeys"]}
        self.assertEqual(keys["site-a"]["activeVersion"], 2)
        self.assertEqual([v["version"] for v in keys["site-a"]["versions"]], [1, 2])
        status, _, back = self.edge.json("POST", "/admin/v1/configs/site-a/rollback",
                                         {"version": 1}, auth)
        self.assertEqual((status, back["version"]), (200, 1))
        status, hdrs, body = self.edge.json("GET", "/v1/config/site-a")
        self.assertEqual((body, hdrs["etag"]), (v1, first["etag"]))
        status, hdrs, body = self.edge.request("POST", "/admin/v1/configs/site-a/rollback",
                                               {"version": 9}, auth)
        assert_problem(self, status, hdrs, body, 404, "unknown-version")
        status, _, hist = self.edge.json("GET", "/admin/v1/configs/site-a", headers=auth)
        self.assertEqual(hist["sdkKeys"][0]["activeVersion"], 1)

    def test_admin_publish_validates(self):
        auth = self.edge.admin_headers()
        status, hdrs, body = self.edge.request("POST", "/admin/v1/configs/bad", b"{",
                                               dict(auth, **{"Content-Type": "application/json"}))
        assert_problem(self, status, hdrs, body, 400, "malformed-json")
        status, hdrs, body = self.edge.request("POST", "/admin/v1/configs/bad",
                                               {"features": []}, auth)
        doc = assert_problem(self, status, hdrs, body, 422, "invalid-config")
        self.assertEqual(doc["detail"],
                         'config for "bad": features: must be an object of feature definitions')
        status, _, _ = self.edge.request("GET", "/v1/config/bad")
        self.assertEqual(status, 404)

    def test_static_files(self):
        status, hdrs, body = self.edge.request("GET", "/demo/config.json")
        self.assertEqual((status, hdrs["content-type"]), (200, "application/json"))
        self.assertEqual(body, open(DEMO_CONFIG, "rb").read())
        for path in ["/../CMakeLists.txt", "/demo/%2e%2e/%2e%2e/CMakeLists.txt", "/nope.js"]:
            status, hdrs, body = self.edge.request("GET", path)
            assert_problem(self, status, hdrs, body, 404, "not-found")

    def test_studio_content_security_policy(self):
        csp = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
               "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'self'")
        for path in ["/studio/", "/studio/index.html", "/studio/app.js", "/%73tudio/./index.html"]:
            status, hdrs, _ = self.edge.request("GET", path)
            self.assertEqual((path, status, hdrs.get("content-security-policy")), (path, 200, csp))
        status, hdrs, _ = self.edge.request("GET", "/demo/index.html")
        self.assertEqual((status, hdrs.get("content-security-policy")), (200, None))

    def test_ofrep_single_and_bulk(self):
        auth = {"Authorization": "Bearer demo"}
        ctx = {"context": {"targetingKey": "u-0001", "country": "US", "appVersion": "2.5.1"}}
        status, _, one = self.edge.json("POST", "/ofrep/v1/evaluate/flags/recommendations", ctx,
                                        auth)
        self.assertEqual(status, 200)
        self.assertEqual(one["key"], "recommendations")
        self.assertEqual(one["reason"], "SPLIT")
        self.assertIn("value", one)
        self.assertIsInstance(one["variant"], str)
        _, _, core = self.edge.json("POST", "/v1/decide",
                                    {"sdkKey": "demo", "attributes": dict(ctx["context"],
                                                                         id="u-0001")})
        self.assertEqual(one["value"], core["features"]["recommendations"]["value"])
        status, _, missing = self.edge.json("POST", "/ofrep/v1/evaluate/flags/nope", ctx, auth)
        self.assertEqual((status, missing["errorCode"], missing["key"]),
                         (404, "FLAG_NOT_FOUND", "nope"))
        status, _, bad = self.edge.json("POST", "/ofrep/v1/evaluate/flags/x", {"context": 3}, auth)
        self.assertEqual((status, bad["errorCode"]), (400, "INVALID_CONTEXT"))
        status, hdrs, bulk = self.edge.json("POST", "/ofrep/v1/evaluate/flags", ctx,
                                            {"X-API-Key": "demo"})
        self.assertEqual(status, 200)
        self.assertEqual({f["key"] for f in bulk["flags"]}, set(core["features"]))
        status, _, body = self.edge.request("POST", "/ofrep/v1/evaluate/flags", ctx,
                                            {"X-API-Key": "demo", "If-None-Match": hdrs["etag"]})
        self.assertEqual((status, body), (304, b""))
        status, _, _ = self.edge.request("POST", "/ofrep/v1/evaluate/flags", ctx)
        self.assertEqual(status, 401)
        status, _, _ = self.edge.request("POST", "/ofrep/v1/evaluate/flags", ctx,
                                         {"X-API-Key": "unknown"})
        self.assertEqual(status, 403)

    def test_encrypted_config_is_served_as_published(self):
        # node's crypto.createCipheriv("aes-128-cbc") of {"f":{"defaultValue":1}}: the edge
        # never has the key; it checks the shape an SDK can decrypt and serves the bytes as sent.
        sealed = "ABEiM0RVZneImaq7zN3u/w==.bQ9VL29Ftxv7f+PIQqu2Nu+w84f7DEO1Cqi6r/KAqcg="
        auth = self.edge.admin_headers()
        raw = json.dumps({"encryptedFeatures": sealed, "encryptedSavedGroups": sealed,
                          "features": {"plain": {"defaultValue": True, "rules": [
                              {"condition": {"id": {"$inGroup": "sealed-group"}}, "force": False}]}},
                          "dateUpdated": "2026-12-07T00:00:00Z"}, separators=(",", ":")).encode()
        status, _, _ = self.edge.request("POST", "/admin/v1/configs/sealed", raw,
                                         dict(auth, **{"Content-Type": "application/json"}))
        self.assertEqual(status, 201)
        status, hdrs, body = self.edge.request("GET", "/v1/config/sealed")
        self.assertEqual((status, body), (200, raw))
        status, _, body = self.edge.request("GET", "/v1/config/sealed",
                                            headers={"Accept-Encoding": "gzip"})
        self.assertEqual(gunzip(body), raw)
        # A value no SDK could decrypt is refused at publish, naming the member and why.
        for value, why in [(42, 'must be a string "<iv base64>.<ciphertext base64>"'),
                           ("AQEBAQEBAQEBAQEB.bQ9VL29Ftxv7f+PIQqu2Nu+w84f7DEO1Cqi6r/KAqcg=",
                            'the iv before "." is 12 bytes of base64, expected 16'),
                           ("ABEiM0RVZneImaq7zN3u/w==.AgICAgICAgICAgICAgIC",
                            'the ciphertext after "." is 15 bytes, expected a non-zero multiple '
                            'of 16 (AES-CBC blocks)')]:
            status, hdrs, body = self.edge.request("POST", "/admin/v1/configs/sealed",
                                                   {"encryptedFeatures": value}, auth)
            doc = assert_problem(self, status, hdrs, body, 422, "invalid-config")
            self.assertEqual(doc["detail"], 'config for "sealed": encryptedFeatures: ' + why)
        status, _, body = self.edge.request("GET", "/v1/config/sealed")
        self.assertEqual((status, body), (200, raw))

    def test_ofrep_contextual_bandit_flag(self):
        # The leaf's weights [0, 1] send everybody to variation 1 (the rule's own [1, 0] would
        # send everybody to 0); a user no leaf matches is bucketed on the rule's weights, leaf -1.
        config = {"features": {"cb": {"defaultValue": "d", "rules": [{
            "key": "cb-exp", "hashAttribute": "id", "variations": ["rule", "leaf"],
            "weights": [1, 0], "meta": [{"key": "r"}, {"key": "l"}],
            "contextualBanditRef": "b"}]}},
            "contextualBandits": {"b": {"banditVersion": 9, "contexts": [
                {"leafId": "pro", "condition": {"plan": "pro"}, "weights": [0, 1]}]}}}
        status, _, _ = self.edge.json("POST", "/admin/v1/configs/bandit", config,
                                      self.edge.admin_headers())
        self.assertEqual(status, 201)
        auth = {"Authorization": "Bearer bandit"}
        status, _, one = self.edge.json("POST", "/ofrep/v1/evaluate/flags/cb",
                                        {"context": {"targetingKey": "u-7", "plan": "pro"}}, auth)
        self.assertEqual(status, 200, one)
        self.assertEqual((one["value"], one["variant"], one["reason"]), ("leaf", "l", "SPLIT"))
        self.assertEqual({k: one["metadata"][k] for k in
                          ["experimentKey", "leafId", "banditVersion", "variationWeights"]},
                         {"experimentKey": "cb-exp", "leafId": "pro", "banditVersion": 9,
                          "variationWeights": "[0,1]"})
        status, _, bulk = self.edge.json("POST", "/ofrep/v1/evaluate/flags",
                                         {"context": {"targetingKey": "u-7", "plan": "free"}}, auth)
        self.assertEqual(status, 200, bulk)
        flag = bulk["flags"][0]
        self.assertEqual((flag["value"], flag["metadata"]["leafId"],
                          flag["metadata"]["variationWeights"]), ("rule", -1, "[1,0]"))
        # The same decision as /v1/decide (the compiled hot path) gives.
        _, _, core = self.edge.json("POST", "/v1/decide", {"sdkKey": "bandit",
                                                           "attributes": {"id": "u-7", "plan": "pro"}})
        self.assertEqual(core["features"]["cb"]["experiment"]["leafId"], "pro")
        self.assertEqual(core["features"]["cb"]["value"], "leaf")


class Cli(unittest.TestCase):
    def test_help_and_bad_flags(self):
        out = subprocess.run([EDGE, "--help"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0)
        for flag in ["--listen", "--store", "--tls-cert", "--max-body-bytes", "--config"]:
            self.assertIn(flag, out.stdout)
        out = subprocess.run([EDGE, "--threads", "zero"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 2)
        self.assertIn('--threads: "zero" is not an integer', out.stderr)

    def test_events_store_url_errors_name_the_flag(self):
        store = os.path.join(tempfile.mkdtemp(prefix="tailor-edge-test-"), "edge.db")
        cases = [("postgresql://x/y", 2, '--events-store: "postgresql://x/y" is not clickhouse://'),
                 ("clickhouse://127.0.0.1:1", 1, "no database; expected clickhouse://HOST:PORT"),
                 ("clickhouse://127.0.0.1:1,127.0.0.1:2/db", 1, "several servers need ?cluster="),
                 ("clickhouse://127.0.0.1:1/db", 1, "clickhouse 127.0.0.1:1: connect")]
        for url, code, message in cases:
            out = subprocess.run([EDGE, "--listen", "127.0.0.1:0", "--store", store,
                                  "--events-store", url], capture_output=True, text=True,
                                 timeout=60)
            self.assertEqual(out.returncode, code, out.stderr)
            self.assertIn(message, out.stderr)

    def test_settings_file(self):
        edge = Edge(publish_demo=False, admin=False)
        edge.stop()
        with open(edge.dir + "/edge.conf", "w") as f:
            f.write("# settings\npublish = demo=%s\ncache-max-age = 7\n" % DEMO_CONFIG)
        edge.args += ["--config", edge.dir + "/edge.conf"]
        edge.start()
        try:
            status, hdrs, _ = edge.request("GET", "/v1/config/demo")
            self.assertEqual((status, hdrs["cache-control"]), (200, "public, max-age=7"))
        finally:
            edge.close()
        with tempfile.NamedTemporaryFile("w", suffix=".conf") as f:
            f.write("threads = many\n")
            f.flush()
            out = subprocess.run([EDGE, "--config", f.name], capture_output=True, text=True)
        self.assertEqual(out.returncode, 2)
        self.assertIn("line 1: --threads", out.stderr)


if __name__ == "__main__":
    main()
