// explain(key): a feature's decision with its rule trace (docs/config.md "Explain"), the same
// decision as decide(key), no exposure logged.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createClient } from "../index.js";

const demo = new URL("../../demo/", import.meta.url);
const configText = readFileSync(new URL("config.json", demo), "utf8");
const users = readFileSync(new URL("users.jsonl", demo), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

const config = {
  features: {
    promo: {
      defaultValue: "none",
      rules: [
        { id: "us-only", condition: { country: "US" }, force: "us" },
        { id: "beta", parentConditions: [{ id: "flag", condition: { value: false } }], force: "beta" },
        { id: "half", coverage: 0, force: "half" },
        { id: "exp", key: "promo-exp", variations: ["a", "b"], coverage: 0 },
        { force: "everyone" },
      ],
    },
    plain: { defaultValue: 7 },
    flag: { defaultValue: true },
  },
};

test("explain traces every rule up to the one that decided", async () => {
  const client = await createClient({ config, attributes: { id: "u1", country: "FR" } });
  const promo = client.explain("promo");
  assert.equal(promo.value, "everyone");
  assert.equal(promo.reason, "force");
  assert.deepStrictEqual(promo.trace, [
    { ruleId: "us-only", index: 0, outcome: "conditionFailed" },
    { ruleId: "beta", index: 1, outcome: "prerequisiteFailed", prerequisite: "flag" },
    { ruleId: "half", index: 2, outcome: "notInRollout" },
    { ruleId: "exp", index: 3, outcome: "experimentNotEnrolled", experimentReason: "notInCoverage" },
    { ruleId: null, index: 4, outcome: "applied" },
  ]);
  assert.deepStrictEqual(client.explain("plain").trace, [{ ruleId: null, index: null, outcome: "defaultValue" }]);
  const unknown = client.explain("nope");
  assert.equal(unknown.reason, "unknownFeature");
  assert.deepStrictEqual(unknown.trace, [{ ruleId: null, index: null, outcome: "unknownFeature" }]);
  client.setAttributes({ id: "u1", country: "US" });
  assert.deepStrictEqual(client.explain("promo").trace, [{ ruleId: "us-only", index: 0, outcome: "applied" }]);
  assert.throws(() => client.explain(1), /explain\(key\) needs a feature key string/);
  client.destroy();
});

test("explain finds keys with lone surrogates, as the config holds them", async () => {
  // The config's JSON writes "\ud800" and the module keeps it as WTF-8; the key passed to
  // explain must arrive the same way, not as U+FFFD (TextEncoder's replacement).
  const keys = ["\ud800k", "k\udfff", "\udc00\ud800", "😀\ud83d", "\ufffdk"];
  const features = Object.fromEntries(keys.map((k, i) => [k, { defaultValue: i }]));
  const client = await createClient({ config: { features: { ...features, plain: { defaultValue: "p" } } } });
  for (const [i, key] of keys.entries()) {
    const explained = client.explain(key);
    assert.equal(explained.reason, "defaultValue", JSON.stringify(key));
    assert.equal(explained.value, i, JSON.stringify(key));
  }
  assert.equal(client.explain("\ud801k").reason, "unknownFeature");
  assert.equal(client.explain("plain").value, "p");
  client.destroy();
});

test("explain gives decide's decision and logs nothing, with and without sticky bucketing", async () => {
  for (const stickyBucketing of [false, true]) {
    const client = await createClient({ config: configText, consent: true, stickyBucketing });
    for (const user of users) {
      client.setAttributes(user);
      for (const key of Object.keys(client.decideAll())) {
        const pending = client.pendingEvents();
        const { trace, ...decision } = client.explain(key);
        assert.equal(client.pendingEvents(), pending, "explain logs no exposure");
        assert.ok(trace.length > 0);
        assert.deepStrictEqual(decision, client.decideAll()[key], `${key} for ${user.id}`);
      }
    }
    client.destroy();
  }
});
