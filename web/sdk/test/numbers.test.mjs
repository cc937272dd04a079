// Number <-> text in the SDK's module goes through its JavaScript host (String(d) and
// Number(s): core/json/js.cc TAILOR_JS_HOST_NUMBERS, src/wasm.js). These cases reach both
// directions — numbers parsed from the config and the attributes, numbers turned into strings
// for hashing, regexes, string comparisons and the answer — and must equal GrowthBook's SDK.
import assert from "node:assert/strict";
import { test } from "node:test";
import { GrowthBook } from "@growthbook/growthbook";
import { createClient } from "../index.js";

// Doubles whose shortest text is awkward: exponents at both ends of JS's plain notation,
// the largest and smallest doubles, round-trip ties, negative zero.
const tricky = [0.1, 0.30000000000000004, 1 / 3, 2 / 3, 1e21, 1e-7, 123e-20, 9007199254740993,
  123456789012345680000, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0, -1.5e-9,
  4.35, 0.000001, 1e-6 * 3, 100, 1e300 * 10];

const features = {};
tricky.forEach((n, i) => {
  // The value as a default, as a variation, and as the subject of string-based operators.
  features[`value-${i}`] = { defaultValue: n };
  features[`exp-${i}`] = {
    defaultValue: "none",
    rules: [{ key: `exp-${i}`, variations: [n, -n, n * 2], hashAttribute: "n", meta: [{ key: "a" }, { key: "b" }, { key: "c" }] }],
  };
  features[`regex-${i}`] = {
    defaultValue: false,
    rules: [{ condition: { n: { $regex: `^${String(n).replace(/[.+]/g, "\\$&")}$` } }, force: true }],
  };
  features[`lt-${i}`] = { defaultValue: false, rules: [{ condition: { s: { $lt: n } }, force: true }] };
});
// Config text written by hand so the module parses literals JSON.stringify would never emit.
const literals = ["1E2", "-0.0", "1e-400", "1e400", "0.1e1", "12345678901234567890123", "4.35e-3"];
let configText = JSON.stringify({ features });
configText = configText.slice(0, -2) + "," +
  literals.map((l, i) => `"literal-${i}":{"defaultValue":${l === "1e400" ? "1e308" : l}}`).join(",") + "}}";

test("numbers parsed and printed by the host equal GrowthBook's answers", async () => {
  const config = JSON.parse(configText);
  for (const [n, s] of [[0.1, "0.1"], [1e21, "1e21"], [5e-324, "1e-7"], [-0, "-0"], [4.35, "4.350"], [123e-20, "1.23e-18"]]) {
    const attributes = { id: "u", n, s };
    const client = await createClient({ config: configText, attributes });
    const answers = client.decideAll();
    const gb = new GrowthBook({ features: config.features, attributes });
    for (const key of Object.keys(config.features)) {
      const ours = answers[key];
      const theirs = gb.evalFeature(key);
      assert.ok(Object.is(ours.value, theirs.value) || (ours.value === 0 && theirs.value === 0),
        `${key} for n=${n}: ${ours.value} vs GrowthBook ${theirs.value}`);
      assert.equal(ours.source, theirs.source, `${key} for n=${n}`);
    }
    client.close?.();
  }
});

test("config literals become the doubles JavaScript reads", async () => {
  const client = await createClient({ config: configText, attributes: { id: "u" } });
  const answers = client.decideAll();
  const expected = JSON.parse(configText);
  literals.forEach((_, i) => {
    const want = expected.features[`literal-${i}`].defaultValue;
    assert.ok(Object.is(answers[`literal-${i}`].value, want) || answers[`literal-${i}`].value === want,
      `literal-${i}: ${answers[`literal-${i}`].value} vs ${want}`);
  });
});
