// The edge cannot be asked (network error, no answer in configTimeoutMs, 408/429/5xx):
// createClient() still resolves, deciding from the config the edge served last (kept in
// localStorage with consent) or, without one, from no config (every feature unknownFeature:
// the page's defaults); "error" listeners hear why. A 4xx other than 408/429 is not
// unavailability and still fails createClient(). tests/browser/faults.spec.mjs runs the same
// against a real edge in Chromium.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, test } from "node:test";
import { createClient } from "../index.js";

const configText = readFileSync(new URL("../../demo/config.json", import.meta.url), "utf8");
const user = { id: "u-0002", country: "US", cart: { items: 1 } };
const served = async () => ({
  ok: true,
  status: 200,
  text: async () => configText,
  headers: new Map([["etag", '"v1"']]),
});

// A Web Storage area in memory (node has none).
class MemoryStorage {
  items = new Map();
  getItem(k) {
    return this.items.has(k) ? this.items.get(k) : null;
  }
  setItem(k, v) {
    this.items.set(k, String(v));
  }
  removeItem(k) {
    this.items.delete(k);
  }
}

beforeEach(() => {
  globalThis.localStorage = new MemoryStorage();
});
afterEach(() => {
  delete globalThis.localStorage;
});

test("with no config served before, an unreachable edge gives the defaults and an error", async () => {
  const errors = [];
  const client = await createClient({
    edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user,
    fetch: async () => {
      throw new TypeError("fetch failed");
    },
    onError: (e) => errors.push(e.message),
  });
  assert.equal(client.configSource, "defaults");
  assert.deepStrictEqual(client.decide("hero-banner"), {
    value: null, on: false, source: "unknownFeature", ruleId: "", reason: "unknownFeature",
  });
  assert.deepStrictEqual(errors, ["tailor: cannot fetch config from http://edge.test/v1/config/demo: fetch failed"]);
  assert.equal(client.pendingEvents(), 0); // no exposure for a feature nobody configured
  client.destroy();
});

test("a config served with consent is cached and decides when the edge answers 5xx or nothing", async () => {
  const first = await createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, consent: true, fetch: served });
  assert.equal(first.configSource, "edge");
  const expected = JSON.parse(JSON.stringify(first.decideAll()));
  first.destroy();
  assert.equal(localStorage.getItem("tailor:config:demo"), configText);

  // The SDK's timeout timer is unref'd (it must not keep a node process alive): this keeps the
  // test's event loop running while createClient() waits on a fetch that never answers.
  const alive = setInterval(() => {}, 50);
  for (const [fetch, message] of [
    [async () => ({ ok: false, status: 503, headers: new Map() }), /answered HTTP 503$/],
    [async () => ({ ok: false, status: 429, headers: new Map() }), /answered HTTP 429$/],
    [() => new Promise(() => {}), /: no answer within 150 ms$/],
  ]) {
    const errors = [];
    const started = Date.now();
    const client = await createClient({
      edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, consent: true, fetch,
      configTimeoutMs: 150, onError: (e) => errors.push(e.message),
    });
    assert.ok(Date.now() - started < 2000, "createClient() waits configTimeoutMs, not forever");
    assert.equal(client.configSource, "cache");
    assert.deepStrictEqual(client.decideAll(), expected);
    assert.equal(errors.length, 1);
    assert.match(errors[0], message);
    client.destroy();
  }
  clearInterval(alive);
});

test("without consent nothing is cached, and withdrawing consent deletes the cache", async () => {
  const denied = await createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, fetch: served });
  assert.equal(localStorage.getItem("tailor:config:demo"), null);
  denied.destroy();
  const granted = await createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, consent: true, fetch: served });
  assert.equal(localStorage.getItem("tailor:config:demo"), configText);
  granted.setConsent(false);
  assert.equal(localStorage.getItem("tailor:config:demo"), null);
  granted.destroy();
});

// What an earlier page stored with consent: the config cache, an outbox batch, sticky-bucket
// documents and the session's dedupe memory.
function storedEarlier() {
  globalThis.sessionStorage = new MemoryStorage();
  localStorage.setItem("tailor:config:demo", configText);
  localStorage.setItem("tailor:outbox:demo", JSON.stringify([{ events: [{ id: "e1" }], attempts: 0, nextAt: 0 }]));
  localStorage.setItem("tailor:sticky", "{}");
  sessionStorage.setItem("tailor:events", '{"exposed": [], "counts": {}}');
}
const storedKeys = () => [...localStorage.items.keys(), ...sessionStorage.items.keys()];

test("a client created without consent erases what was stored, once createClient() has resolved", async () => {
  storedEarlier();
  try {
    const client = await createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, fetch: served });
    // Forgotten at once (nothing pending), erased from the storage a moment later.
    const pending = client.pendingEvents();
    await new Promise((resolve) => setTimeout(resolve, 0));
    client.destroy();
    assert.equal(pending, 0);
    assert.deepStrictEqual(storedKeys(), []);
  } finally {
    delete globalThis.sessionStorage;
  }
});

test("without consent, what was stored is erased before anything reads it: the fallback and a grant", async () => {
  storedEarlier();
  try {
    const client = await createClient({
      edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user,
      fetch: async () => ({ ok: false, status: 503, headers: new Map() }), onError: () => {},
    });
    const source = client.configSource;
    client.destroy();
    assert.equal(source, "defaults"); // not the cache consent denial erases
    storedEarlier();
    const later = await createClient({ config: configText, sdkKey: "demo", attributes: user });
    later.setConsent(true); // before the erasing: it happens first, nothing is restored
    const pending = later.pendingEvents();
    later.destroy();
    assert.deepStrictEqual(storedKeys(), []);
    assert.equal(pending, 0);
  } finally {
    delete globalThis.sessionStorage;
  }
});

test("a cached config the core now rejects is dropped for the defaults", async () => {
  localStorage.setItem("tailor:config:demo", '{"features": 3}');
  const client = await createClient({
    edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, consent: true,
    fetch: async () => ({ ok: false, status: 502, headers: new Map() }), onError: () => {},
  });
  assert.equal(client.configSource, "defaults");
  assert.equal(localStorage.getItem("tailor:config:demo"), null);
  client.destroy();
});

test("a 404 (unknown SDK key) is not unavailability: createClient() rejects", async () => {
  localStorage.setItem("tailor:config:demo", configText);
  await assert.rejects(
    createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", fetch: async () => ({ ok: false, status: 404 }) }),
    /answered HTTP 404$/,
  );
});

test("the outbox holding events for an absent edge is bounded: 50 batches, the oldest dropped", async () => {
  const { Outbox } = await import("../src/outbox.js");
  const outbox = new Outbox({ key: "tailor:outbox:bound", url: "http://edge.test/v1/events", sdkKey: "demo" });
  for (let i = 0; i < 60; i++) outbox.add([{ id: `e${i}` }, { id: `f${i}` }]);
  assert.equal(outbox.size(), 100);
  const kept = JSON.parse(localStorage.getItem("tailor:outbox:bound")).flatMap((b) => b.events.map((e) => e.id));
  assert.equal(kept[0], "e10");
  assert.equal(kept.at(-1), "f59");
  // A fresh page reads the same 50 batches back.
  assert.equal(new Outbox({ key: "tailor:outbox:bound", url: null, sdkKey: "demo" }).size(), 100);
});
