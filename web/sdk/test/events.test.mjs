// Exposure and track events through the SDK: consent gating, dedupe, batching to
// {sdkKey, events} at the events URL, retry of failed sends, and errors for bad events.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createClient } from "../index.js";

const configText = readFileSync(new URL("../../demo/config.json", import.meta.url), "utf8");
// u-0002 (web/demo/users.jsonl) is in the hero-banner experiment.
const user = { id: "u-0002", country: "US", appVersion: "2.3.9", cart: { items: 1 } };

function collector({ failFirst = 0 } = {}) {
  const bodies = [];
  let calls = 0;
  const fetch = async (url, init) => {
    calls++;
    if (calls <= failFirst) return { ok: false, status: 503 };
    bodies.push({ url, body: JSON.parse(init.body) });
    return { ok: true, status: 202 };
  };
  return { fetch, bodies, events: () => bodies.flatMap((b) => b.body.events), calls: () => calls };
}

test("without consent nothing is queued or sent, and granting is not retroactive", async () => {
  const c = collector();
  const client = await createClient({ config: configText, attributes: user, eventsUrl: "http://collector/e", fetch: c.fetch });
  assert.equal(client.consent, false);
  client.decide("hero-banner");
  assert.equal(client.track("buy", { type: "conversion", value: 20 }), "noConsent");
  await client.flush();
  assert.equal(c.calls(), 0);
  client.setConsent(true);
  await client.flush();
  assert.equal(c.calls(), 0);
  assert.equal(client.pendingEvents(), 0);
  client.destroy();
});

test("exposures are logged once per user and experiment, then batched with tracks", async () => {
  const c = collector();
  const client = await createClient({
    config: configText, attributes: user, consent: true, sdkKey: "demo", eventsUrl: "http://collector/e", fetch: c.fetch,
  });
  const d = client.decide("hero-banner");
  assert.ok(d.experiment?.inExperiment, "u-0002 is in the hero-banner experiment");
  client.decide("hero-banner");
  client.decideAll();
  assert.equal(client.track("buy", { type: "conversion", value: 20 }), "queued");
  await client.flush();
  const events = c.events();
  assert.equal(events.length, 2);
  const [exposure, conversion] = events;
  assert.deepStrictEqual(Object.keys(exposure), ["id", "type", "ts", "user", "experiment", "variant"]);
  assert.equal(exposure.type, "exposure");
  assert.equal(exposure.user, "u-0002");
  assert.equal(exposure.experiment, d.experiment.key);
  assert.equal(exposure.variant, d.experiment.variationKey);
  assert.equal(conversion.type, "conversion");
  assert.equal(conversion.name, "buy");
  assert.equal(conversion.value, 20);
  assert.notEqual(exposure.id, conversion.id);
  assert.equal(c.bodies[0].url, "http://collector/e");
  assert.equal(c.bodies[0].body.sdkKey, "demo");
  client.destroy();
});

test("a failed send stays pending and is retried until accepted, once", async () => {
  const c = collector({ failFirst: 1 });
  const client = await createClient({ config: configText, attributes: user, consent: true, eventsUrl: "http://collector/e", fetch: c.fetch });
  client.track("click");
  await client.flush();
  assert.equal(c.events().length, 0);
  assert.equal(client.pendingEvents(), 1);
  await new Promise((r) => setTimeout(r, 1100));  // first backoff is 1 s
  await client.flush();
  assert.equal(c.events().length, 1);
  assert.equal(client.pendingEvents(), 0);
  await client.flush();
  assert.equal(c.calls(), 2);
  client.destroy();
});

test("withdrawing consent drops what is pending", async () => {
  const c = collector();
  const client = await createClient({ config: configText, attributes: user, consent: true, eventsUrl: "http://collector/e", fetch: c.fetch });
  client.track("click");
  client.setConsent(false);
  assert.equal(client.pendingEvents(), 0);
  await client.flush();
  assert.equal(c.calls(), 0);
  client.destroy();
});

test("bad events are Errors naming the field", async () => {
  const client = await createClient({ config: configText, attributes: user, consent: true });
  assert.throws(() => client.track(""), /track\(name\) needs a non-empty string/);
  assert.throws(() => client.track("x", { value: "12" }), /event.value must be a finite number/);
  assert.throws(() => client.track("x", { type: "purchase" }), /event.type is "purchase", expected "exposure", "conversion" or "custom"/);
  client.setAttributes({ country: "US" });
  assert.throws(() => client.track("x"), /needs an "id" attribute/);
  client.destroy();
});

test("frequency caps from the config limit events", async () => {
  const config = { ...JSON.parse(configText), events: { frequencyCaps: [{ event: "scroll", max: 2, windowMs: 60000 }] } };
  const client = await createClient({ config, attributes: user, consent: true });
  assert.deepStrictEqual(["scroll", "scroll", "scroll"].map((n) => client.track(n)), ["queued", "queued", "capped"]);
  client.destroy();
});

test("exposures carry the id attribute as user, also when the experiment hashes another attribute", async () => {
  const c = collector();
  const config = JSON.parse(configText);
  config.features.device = { defaultValue: 0, rules: [{ key: "device-exp", variations: [0, 1], hashAttribute: "deviceId" }] };
  const client = await createClient({
    config, attributes: { ...user, deviceId: "d-42" }, consent: true, sdkKey: "demo", eventsUrl: "http://collector/e", fetch: c.fetch,
  });
  const d = client.decide("device");
  assert.equal(d.experiment.hashValue, "d-42");
  client.track("purchase", { type: "conversion", value: 5 });
  await client.flush();
  const exposure = c.events().find((e) => e.type === "exposure");
  assert.equal(exposure.experiment, "device-exp");
  assert.equal(exposure.user, "u-0002");
  assert.equal(c.events().find((e) => e.type === "conversion").user, "u-0002");
  client.destroy();
});
