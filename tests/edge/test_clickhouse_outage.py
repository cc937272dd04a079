"""The ClickHouse event store when ClickHouse goes away (run by with-clickhouse.sh, which gives
TAILOR_CLICKHOUSE_CONTROL): a paused server makes ingest back up until POST /v1/events answers
503 ingest-queue-full with Retry-After, and every batch that got 202 is stored once it resumes;
a stopped server makes it answer 503 store-unavailable with Retry-After (and /readyz 503), the
same batch is stored once ClickHouse is back, and one acknowledged before the stop is still there."""
import os
import subprocess
import threading
import time
import unittest
import uuid

from edge_harness import EVENTS_STORE, Edge, assert_problem, main

CONTROL = os.environ.get("TAILOR_CLICKHOUSE_CONTROL", "")


def batch(run, k, n=600):
    return [{"id": "%s-%d-%d" % (run, k, i), "type": "exposure", "ts": 1000 + i,
             "user": "%s-%d-%d" % (run, k, i), "experiment": "outage-" + run, "variant": "1"}
            for i in range(n)]


def control(action):
    subprocess.run([CONTROL, action], check=True)


@unittest.skipUnless(CONTROL and EVENTS_STORE, "run under with-clickhouse.sh")
class Outage(unittest.TestCase):
    def users(self, edge, run):
        status, _, summary = edge.json("GET", "/v1/experiments/outage-%s/summary" % run)
        self.assertEqual(status, 200, summary)
        return sum(v["users"] for v in summary["variants"])

    def test_paused_clickhouse_backs_up_to_503_then_stores_every_acknowledged_batch(self):
        edge = Edge("--ingest-queue-max-events", "1000")
        run = uuid.uuid4().hex[:10]
        answers, lock = {}, threading.Lock()

        def send(k):
            status, hdrs, body = edge.request("POST", "/v1/events",
                                              {"sdkKey": "demo", "events": batch(run, k)})
            with lock:
                answers[k] = (status, hdrs, body)

        threads = []
        try:
            control("pause")
            full = None
            for k in range(6):
                t = threading.Thread(target=send, args=(k,))
                t.start()
                threads.append(t)
                deadline = time.monotonic() + 2
                while k not in answers and time.monotonic() < deadline:
                    time.sleep(0.05)  # an answer now is a 503: the others wait for ClickHouse
                if k in answers:
                    full = k
                    break
            self.assertIsNotNone(full, "no batch was refused while ClickHouse was paused")
            status, hdrs, body = answers[full]
            doc = assert_problem(self, status, hdrs, body, 503, "ingest-queue-full")
            self.assertIn("--ingest-queue-max-events 1000", doc["detail"])
            self.assertGreater(int(hdrs["retry-after"]), 0)
        finally:
            control("resume")
            for t in threads:
                t.join()
        try:
            acked = [k for k, (status, _, _) in answers.items() if status == 202]
            self.assertEqual(sorted(acked), [k for k in range(full)])
            self.assertEqual(self.users(edge, run), 600 * len(acked))
        finally:
            edge.close()

    def test_connections_idle_past_clickhouse_keep_alive_are_not_reused(self):
        # ClickHouse closes a connection idle for 3 s; after concurrent requests several wait
        # in the edge's pool. Later requests must not fail on them.
        edge = Edge()
        run = uuid.uuid4().hex[:10]
        try:
            threads = [threading.Thread(target=edge.json, args=(
                "POST", "/v1/events", {"sdkKey": "demo", "events": batch(run, k, 50)}))
                for k in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            time.sleep(4)
            for _ in range(3):
                self.assertEqual(self.users(edge, run), 200)
            status, _, body = edge.json("POST", "/v1/events",
                                        {"sdkKey": "demo", "events": batch(run, 9, 50)})
            self.assertEqual((status, body["accepted"]), (202, 50))
        finally:
            edge.close()

    def test_stopped_clickhouse_is_503_with_retry_after_and_the_retry_is_stored(self):
        edge = Edge()
        run = uuid.uuid4().hex[:10]
        try:
            status, _, body = edge.json("POST", "/v1/events",
                                        {"sdkKey": "demo", "events": batch(run, 1)})
            self.assertEqual((status, body["accepted"]), (202, 600))
            control("stop")
            try:
                status, hdrs, body = edge.request("POST", "/v1/events",
                                                  {"sdkKey": "demo", "events": batch(run, 0)})
                doc = assert_problem(self, status, hdrs, body, 503, "store-unavailable")
                self.assertIn("clickhouse", doc["detail"])
                self.assertGreater(int(hdrs["retry-after"]), 0)
                status, hdrs, body = edge.request("GET", "/readyz")
                assert_problem(self, status, hdrs, body, 503, "store-unavailable")
            finally:
                control("start")
            status, _, body = edge.json("POST", "/v1/events",
                                        {"sdkKey": "demo", "events": batch(run, 0)})
            self.assertEqual((status, body["accepted"]), (202, 600))
            # The batch acknowledged before the restart and the one retried after it.
            self.assertEqual(self.users(edge, run), 1200)
            status, _, _ = edge.request("GET", "/readyz")
            self.assertEqual(status, 200)
        finally:
            edge.close()


if __name__ == "__main__":
    main()
