// The SDK's decisions: the compact boundary rebuilds exactly the core's decide() answer, the
// values equal GrowthBook's own SDK, and the API reports misuse as Errors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { GrowthBook } from "@growthbook/growthbook";
import { createClient } from "../index.js";
import { decideCompact, loadTable } from "../src/decisions.js";
import { Core } from "../src/wasm.js";

const demo = new URL("../../demo/", import.meta.url);
const configText = readFileSync(new URL("config.json", demo), "utf8");
const users = readFileSync(new URL("users.jsonl", demo), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

// A config with interpreted features too (prerequisites, filters) and odd attribute values.
const mixed = {
  ...JSON.parse(configText),
  features: {
    ...JSON.parse(configText).features,
    gated: { defaultValue: 1, rules: [{ parentConditions: [{ id: "new-checkout", condition: { value: true } }], force: 2 }] },
    filtered: { defaultValue: "a", rules: [{ filters: [{ seed: "s", ranges: [[0, 0.5]] }], force: "b" }] },
    numeric: { defaultValue: 0, rules: [{ key: "num-exp", variations: [0, 1], hashAttribute: "n", meta: [{ key: "z" }, { key: "o" }] }] },
    // Hashes the scores the core computes (the config has segments), not the page's attribute.
    bySegments: { defaultValue: 0, rules: [{ key: "seg-exp", variations: [0, 1], hashAttribute: "segments" }] },
  },
};

test("compact decisions equal the core's JSON answer for every user", async () => {
  for (const config of [JSON.parse(configText), mixed]) {
    const core = await Core.load();
    const h = core.exports.tailor_client_new();
    core.call("tailor_set_config", h, core.input(JSON.stringify(config)));
    const table = loadTable(core, h);
    for (const user of [...users, { id: "x", n: 42 }, { id: 7, n: "q" }, { id: "y", segments: "passed" }, {}]) {
      const text = JSON.stringify(user);
      core.call("tailor_set_attributes", h, core.input(text));
      const json = JSON.parse(core.output(core.call("tailor_decide_all", h))).features;
      const compact = decideCompact(core, h, table, () => JSON.parse(text));
      assert.deepStrictEqual(compact, json, `user ${text}`);
      assert.deepStrictEqual(Object.keys(compact), Object.keys(json));
    }
  }
});

test("decisions equal GrowthBook's for the demo users", async () => {
  const config = JSON.parse(configText);
  const client = await createClient({ config: configText });
  const gb = new GrowthBook({ features: config.features, savedGroups: config.savedGroups });
  for (const user of users) {
    client.setAttributes(user);
    // GrowthBook knows no segments: give it the attributes decisions see (with "segments").
    gb.setAttributes({ ...user, segments: client.segments() });
    for (const key of Object.keys(config.features)) {
      const ours = client.decide(key);
      const theirs = gb.evalFeature(key);
      assert.deepStrictEqual(ours.value, theirs.value, `${key} for ${user.id}`);
      assert.equal(ours.source, theirs.source);
      assert.equal(ours.ruleId, theirs.ruleId);
    }
  }
  gb.destroy();
  client.destroy();
});

test("decisions are shared until a change, and change listeners are told", async () => {
  const client = await createClient({ config: configText, attributes: users[0] });
  const first = client.decideAll();
  assert.equal(client.decideAll(), first);
  assert.ok(Object.isFrozen(first["new-checkout"]) || first["new-checkout"].experiment);
  let changes = 0;
  const off = client.on("change", () => changes++);
  client.setAttributes(users[1]);
  assert.notEqual(client.decideAll(), first);
  off();
  client.setAttributes(users[2]);
  assert.equal(changes, 1);
  assert.deepStrictEqual(client.decide("no-such-feature"), {
    value: null, on: false, source: "unknownFeature", ruleId: "", reason: "unknownFeature",
  });
  client.destroy();
});

test("segments are computed in wasm and drive decisions", async () => {
  const client = await createClient({ config: configText, attributes: { id: "s1", cart: { items: 5 } } });
  assert.deepStrictEqual(client.segments(), { bigCart: true, shopper: "buyer" });
  assert.equal(client.decide("product-order").value, "premium-first");
  client.setAttributes({ id: "s2", cart: { items: 0 } });
  assert.deepStrictEqual(client.segments(), { bigCart: false, shopper: "browser" });
  assert.equal(client.decide("product-order").value, "popular");
  client.setAttributes({ id: "s3" });
  assert.deepStrictEqual(client.segments(), { bigCart: false, shopper: null });
  assert.throws(
    () => client.setConfig({ segments: [{ key: "p", type: "logistic", intercept: "0", coefficients: [] }] }),
    /config: segments\[0\] \("p"\)\.intercept must be a finite number/,
  );
  client.destroy();
});

test("an experiment hashing \"segments\" reports the scores it hashed, not the page's attribute", async () => {
  const config = { ...JSON.parse(configText), features: { seg: mixed.features.bySegments } };
  for (const attributes of [{ id: "s1", cart: { items: 5 }, segments: "passed" }, { id: "s2" }]) {
    const client = await createClient({ config, attributes });
    const { experiment } = client.decideAll().seg;
    assert.equal(experiment?.hashAttribute, "segments");
    assert.deepStrictEqual(experiment?.hashValue, client.segments());
    client.destroy();
  }
});

test("misuse is reported as Errors naming the problem", async () => {
  await assert.rejects(createClient(), { name: "TypeError", message: /createClient\(\) options must be an object, got undefined/ });
  await assert.rejects(createClient({}), /needs `config`, or `edgeUrl` and `sdkKey`/);
  await assert.rejects(createClient({ config: "{not json" }), /config is not valid JSON: line 1 column 2/);
  await assert.rejects(createClient({ config: "[]" }), /config must be a JSON object/);
  const client = await createClient({ config: configText });
  assert.throws(() => client.setAttributes([1]), /attributes must be an object, got an array/);
  assert.throws(() => client.setConfig({ events: { batchSize: 0 } }), /events.batchSize must be an integer from 1 to 1000/);
  assert.throws(() => client.on("update", () => {}), /unknown event "update"/);
  assert.throws(() => client.decide(3), /needs a feature key string/);
  // The client still works after an error.
  client.setAttributes(users[0]);
  assert.equal(typeof client.decide("hero-banner").value, "string");
  client.destroy();
});

test("a createClient() that fails removes the page listeners it added", async () => {
  // A page: the client listens for pagehide and visibilitychange to flush events. A client
  // that createClient() never returns must not stay attached (and alive) through them.
  const listeners = [];
  const add = (type, fn) => listeners.push({ type, fn });
  const remove = (type, fn) => {
    const i = listeners.findIndex((l) => l.type === type && l.fn === fn);
    if (i >= 0) listeners.splice(i, 1);
  };
  globalThis.addEventListener = add;
  globalThis.removeEventListener = remove;
  globalThis.document = { visibilityState: "visible", addEventListener: add, removeEventListener: remove };
  try {
    const ok = await createClient({ config: configText });
    assert.deepStrictEqual(listeners.map((l) => l.type), ["pagehide", "visibilitychange"]);
    ok.destroy();
    assert.equal(listeners.length, 0);
    for (const options of [
      { config: "{not json" },
      { config: configText, attributes: [1] },
      { config: configText, subscribe: true },
      { edgeUrl: "http://edge.test", sdkKey: "demo", fetch: async () => ({ ok: false, status: 404 }) },
    ]) {
      await assert.rejects(createClient(options));
      assert.deepStrictEqual(listeners, [], JSON.stringify(options));
    }
  } finally {
    delete globalThis.addEventListener;
    delete globalThis.removeEventListener;
    delete globalThis.document;
  }
});

test("sticky bucketing keeps documents and answers as without it on first sight", async () => {
  const plain = await createClient({ config: configText, attributes: users[0] });
  const sticky = await createClient({ config: configText, attributes: users[0], stickyBucketing: true });
  for (const key of Object.keys(plain.decideAll())) {
    assert.deepStrictEqual(sticky.decide(key).value, plain.decide(key).value);
  }
  plain.destroy();
  sticky.destroy();
});
