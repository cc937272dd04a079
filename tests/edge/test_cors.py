"""tailor-edge as the browser SDK on another origin uses it: CORS preflights and headers on the
SDK routes (not on admin routes), and event batches sent as text/plain by
navigator.sendBeacon, shaped exactly as web/sdk builds them."""
import json
import uuid

from edge_harness import Edge, EdgeTestCase, assert_problem, main

ORIGIN = "http://shop.example:3000"


def sdk_batch(user="u-cors-1"):
    """A batch as web/sdk/src/outbox.js sends it (fields in the SDK's order)."""
    return {"sdkKey": "demo", "events": [
        {"id": str(uuid.uuid4()), "ts": 1763900000000, "type": "exposure", "user": user,
         "experiment": "hero-banner-test", "variant": "seasonal"},
        {"id": str(uuid.uuid4()), "ts": 1763900004200, "type": "conversion", "user": user,
         "name": "purchase", "value": 42},
        {"id": str(uuid.uuid4()), "ts": 1763900005000, "type": "custom", "user": user,
         "name": "newsletter", "attributes": {"placement": "footer"}}]}


class Cors(EdgeTestCase):
    def preflight(self, path, method, headers="content-type"):
        return self.edge.request("OPTIONS", path, headers={
            "Origin": ORIGIN, "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers})

    def assert_cors(self, hdrs):
        self.assertEqual(hdrs.get("access-control-allow-origin"), ORIGIN)
        self.assertEqual(hdrs.get("access-control-allow-credentials"), "true")

    def test_preflight_events_and_config(self):
        status, hdrs, body = self.preflight("/v1/events", "POST")
        self.assertEqual(status, 204, body)
        self.assert_cors(hdrs)
        self.assertEqual(hdrs["access-control-allow-methods"], "POST")
        allowed = [h.strip().lower() for h in hdrs["access-control-allow-headers"].split(",")]
        self.assertIn("content-type", allowed)
        self.assertIn("if-none-match", allowed)
        status, hdrs, _ = self.preflight("/v1/config/demo", "GET", "if-none-match")
        self.assertEqual(status, 204)
        self.assert_cors(hdrs)
        self.assertIn("GET", hdrs["access-control-allow-methods"])
        status, hdrs, _ = self.preflight("/v1/decide", "POST")
        self.assertEqual(status, 204)

    def test_preflight_refusals(self):
        status, hdrs, body = self.preflight("/v1/events", "DELETE")
        assert_problem(self, status, hdrs, body, 405, "method-not-allowed")
        self.assertNotIn("access-control-allow-origin", hdrs)
        status, hdrs, body = self.preflight("/v1/nowhere", "GET")
        assert_problem(self, status, hdrs, body, 404, "not-found")
        self.assertNotIn("access-control-allow-origin", hdrs)
        # Admin routes are not for pages: a preflight there is any OPTIONS request, 405.
        status, hdrs, body = self.preflight("/admin/v1/configs/demo", "POST")
        assert_problem(self, status, hdrs, body, 405, "method-not-allowed")
        self.assertNotIn("access-control-allow-origin", hdrs)

    def test_config_headers_and_304(self):
        status, hdrs, body = self.edge.request("GET", "/v1/config/demo", headers={"Origin": ORIGIN})
        self.assertEqual(status, 200)
        self.assert_cors(hdrs)
        exposed = [h.strip().lower() for h in hdrs["access-control-expose-headers"].split(",")]
        self.assertIn("etag", exposed)
        status, hdrs2, body = self.edge.request(
            "GET", "/v1/config/demo", headers={"Origin": ORIGIN, "If-None-Match": hdrs["etag"]})
        self.assertEqual(status, 304)
        self.assert_cors(hdrs2)
        status, hdrs, _ = self.edge.request("GET", "/v1/config/demo")
        self.assertEqual(status, 200)
        self.assertNotIn("access-control-allow-origin", hdrs)

    def test_admin_routes_have_no_cors(self):
        status, hdrs, _ = self.edge.request(
            "GET", "/admin/v1/configs", headers=dict(self.edge.admin_headers(), Origin=ORIGIN))
        self.assertEqual(status, 200)
        self.assertNotIn("access-control-allow-origin", hdrs)

    def test_stream_has_cors(self):
        conn = self.edge.connection(timeout=10)
        conn.request("GET", "/v1/config/demo/stream", headers={"Origin": ORIGIN})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Access-Control-Allow-Origin"), ORIGIN)
        self.assertEqual(resp.getheader("Access-Control-Allow-Credentials"), "true")
        conn.close()

    def test_text_plain_batch_as_sent_by_sendbeacon(self):
        batch = sdk_batch()
        body = json.dumps(batch).encode()
        headers = {"Origin": ORIGIN, "Content-Type": "text/plain;charset=UTF-8"}
        status, hdrs, data = self.edge.request("POST", "/v1/events", body, headers)
        self.assertEqual(status, 202, data)
        self.assert_cors(hdrs)
        answer = json.loads(data)
        self.assertEqual((answer["accepted"], answer["duplicates"], answer["rejected"]), (3, 0, 0))
        # The beacon's batch stays stored in the page and is re-sent later as JSON: no double count.
        status, _, data = self.edge.request("POST", "/v1/events", batch, {"Origin": ORIGIN})
        self.assertEqual(status, 202, data)
        self.assertEqual(json.loads(data)["duplicates"], 3)
        status, _, summary = self.edge.json("GET", "/v1/experiments/hero-banner-test/summary")
        seasonal = [v for v in summary["variants"] if v["variant"] == "seasonal"]
        self.assertEqual(seasonal[0]["users"], 1)
        self.assertEqual(seasonal[0]["metrics"]["purchase"]["sum"], 42)

    def test_text_plain_malformed_and_other_types(self):
        status, hdrs, body = self.edge.request("POST", "/v1/events", b"{not json",
                                               {"Content-Type": "text/plain"})
        assert_problem(self, status, hdrs, body, 400, "malformed-json")
        body = json.dumps(sdk_batch()).encode()
        status, hdrs, body = self.edge.request("POST", "/v1/events", body,
                                               {"Content-Type": "text/xml"})
        assert_problem(self, status, hdrs, body, 415, "unsupported-media-type")
        self.assertIn("text/plain", hdrs["accept-post"])


if __name__ == "__main__":
    main()
