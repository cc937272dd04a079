"""One contract, one implementation: a config the edge refuses to publish is exactly a config
the CLI's validate-config and the browser SDK's setConfig refuse, with the same message (the
core's config::validate). Each kind of defect is published, validated and loaded, and the three
answers are compared; a valid config is accepted by all three."""
import json
import os
import re
import subprocess
import tempfile

from edge_harness import CLI, SOURCE, EdgeTestCase, assert_problem, main

# Each defect with the path its message must name.
DEFECTS = [
    ({"features": {}, "segments": [{"key": "vip", "type": "bogus"}]}, "segments[0]"),
    ({"features": {}, "events": {"batchSize": -5}}, "events.batchSize"),
    ({"features": {"f": {"rules": [{"variations": [1, 2], "weights": [0.2, 0.3, 0.5]}]}}},
     'features["f"].rules[0].weights'),
    ({"features": {"f": {"rules": [{"force": 1, "condition": {"age": {"$between": [1, 2]}}}]}}},
     'features["f"].rules[0].condition.age.$between'),
    ({"features": {"f": {"rules": [{"force": 1, "condition": {"e": {"$regex": "(x"}}}]}}},
     'features["f"].rules[0].condition.e.$regex'),
    ({"features": {"f": {"rules": [{"force": 1, "condition": {"id": {"$inGroup": "g"}}}]}}},
     'features["f"].rules[0].condition.id.$inGroup'),
    ({"features": {"f": {"rules": [{"force": 1, "coverage": 2}]}}},
     'features["f"].rules[0].coverage'),
    ({"experiments": [{"key": "e", "variations": [0, 1], "namespace": ["n", 0.6, 0.2]}]},
     "experiments[0].namespace"),
    ({"features": [], "savedGroups": {}}, "features"),
    ({"events": {"frequencyCaps": [{"event": "x", "max": 1}]}}, "events.frequencyCaps[0]"),
]

# The SDK as a page uses it (web/sdk/index.js over dist/tailor_sdk.wasm): prints "ok" or the
# Error's message for each config given as JSON lines on stdin.
SDK_SCRIPT = r"""
import { createInterface } from "node:readline";
import { createClient } from "%s";
for await (const line of createInterface({ input: process.stdin })) {
  try {
    const client = await createClient({ config: line });
    client.destroy();
    console.log("ok");
  } catch (e) {
    console.log(e.message);
  }
}
""" % os.path.join(SOURCE, "web", "sdk", "index.js")


def sdk_answers(configs):
    with tempfile.NamedTemporaryFile("w", suffix=".mjs", delete=False) as f:
        f.write(SDK_SCRIPT)
        script = f.name
    try:
        out = subprocess.run(["node", script], input="".join(json.dumps(c) + "\n" for c in configs),
                             capture_output=True, text=True, timeout=120, check=True).stdout
    finally:
        os.unlink(script)
    return out.splitlines()


def cli_answer(config):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config, f)
        path = f.name
    try:
        r = subprocess.run([CLI, "validate-config", path], capture_output=True, text=True,
                           timeout=60)
    finally:
        os.unlink(path)
    prefix = "tailor validate-config: " + path + ": "
    return r.returncode, (r.stderr.strip()[len(prefix):] if r.returncode else r.stdout.strip())


class ConfigContract(EdgeTestCase):
    def test_the_three_doors_agree(self):
        configs = [c for c, _ in DEFECTS]
        sdk = sdk_answers(configs + [{"features": {"ok": {"defaultValue": 1}}}])
        self.assertEqual(len(sdk), len(configs) + 1, sdk)
        self.assertEqual(sdk[-1], "ok")
        for i, (config, path) in enumerate(DEFECTS):
            with self.subTest(path=path):
                status, hdrs, body = self.edge.request(
                    "POST", "/admin/v1/configs/contract", config, self.edge.admin_headers())
                doc = assert_problem(self, status, hdrs, body, 422, "invalid-config")
                prefix = 'config for "contract": '
                self.assertTrue(doc["detail"].startswith(prefix), doc["detail"])
                message = doc["detail"][len(prefix):]
                self.assertTrue(message.startswith(path), message)
                code, cli = cli_answer(config)
                self.assertEqual(code, 1)
                self.assertEqual(cli, message)
                if path.endswith("$regex"):
                    # The browser SDK compiles patterns with the page's own RegExp
                    # (docs/conformance.md, "Regular expressions in the browser SDK"): the same
                    # verdict and message, with the browser's reason in the parentheses.
                    head = message[:message.index(" (")]
                    self.assertRegex(sdk[i], "^" + re.escape("tailor: config: " + head) +
                                     r" \(.+\)$")
                else:
                    self.assertEqual(sdk[i], "tailor: config: " + message)
        # Nothing was published for the key: every attempt was refused.
        status, _, _ = self.edge.request("GET", "/v1/config/contract")
        self.assertEqual(status, 404)

    def test_a_valid_config_passes_every_door(self):
        demo = json.load(open(os.path.join(SOURCE, "web", "demo", "config.json")))
        code, out = cli_answer(demo)
        self.assertEqual(code, 0, out)
        self.assertTrue(out.endswith(": valid"), out)
        self.assertEqual(sdk_answers([demo]), ["ok"])
        status, _, body = self.edge.json("POST", "/admin/v1/configs/contract-ok", demo,
                                         self.edge.admin_headers())
        self.assertEqual(status, 201, body)


if __name__ == "__main__":
    main()
