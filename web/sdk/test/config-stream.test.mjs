// Config updates over Server-Sent Events (the subscribe option): the edge's first event (the
// version in use) changes nothing, a new version is compiled and emits "change", a document
// the core rejects leaves the config as it was and is reported (onError, "error"), destroy()
// closes the stream. refresh() reports a rejected fetched config the same way.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createClient } from "../index.js";

const configText = readFileSync(new URL("../../demo/config.json", import.meta.url), "utf8");
const user = { id: "u-0002", country: "US", cart: { items: 1 } };

// An EventSource as the edge drives it: the test pushes "config" events by hand.
class FakeSource {
  static last = null;
  constructor(url) {
    this.url = url;
    this.listeners = [];
    this.closed = false;
    FakeSource.last = this;
  }
  addEventListener(type, fn) {
    if (type === "config") this.listeners.push(fn);
  }
  push(data, id) {
    for (const fn of this.listeners) fn({ data, lastEventId: String(id) });
  }
  close() {
    this.closed = true;
  }
}

const edgeFetch = async (url) => ({
  ok: true,
  status: 200,
  text: async () => configText,
  headers: new Map([["etag", '"v1-0123456789abcdef"']]),
  url,
});

test("subscribe follows new config versions from the edge's stream", async () => {
  const client = await createClient({
    edgeUrl: "http://edge.test/", sdkKey: "demo", attributes: user, subscribe: true,
    fetch: edgeFetch, EventSource: FakeSource,
  });
  const source = FakeSource.last;
  assert.equal(source.url, "http://edge.test/v1/config/demo/stream");
  let changes = 0;
  client.on("change", () => changes++);
  let errors = 0;
  client.on("error", () => errors++);

  source.push(configText, 1); // the version already in use
  assert.equal(changes, 0);
  assert.equal(client.decide("free-shipping-threshold").value, 50);

  const next = JSON.parse(configText);
  next.features["free-shipping-threshold"] = { defaultValue: 25 };
  source.push(JSON.stringify(next, null, 2), 2);
  assert.equal(changes, 1);
  assert.equal(client.decide("free-shipping-threshold").value, 25);

  source.push("{not json", 3);
  assert.equal(changes, 1);
  assert.equal(errors, 1);
  assert.equal(client.decide("free-shipping-threshold").value, 25);

  client.destroy();
  assert.equal(source.closed, true);
});

// Rejected by the core today and after any stricter validation: "bogus" is no segment type.
// The tests rely on the field's name in the message, not on the rest of its wording.
const rejected = '{"features":{},"segments":[{"key":"vip","type":"bogus"}]}';

test("a pushed config the core rejects is reported and the config in use stays", async () => {
  const reported = [];
  const client = await createClient({
    edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, subscribe: true,
    fetch: edgeFetch, EventSource: FakeSource,
    onError: (error, c) => reported.push({ via: "onError", error, client: c }),
  });
  const source = FakeSource.last;
  client.on("error", (error, c) => reported.push({ via: "event", error, client: c }));
  let changes = 0;
  client.on("change", () => changes++);
  const segments = client.segments();

  source.push(rejected, 2);
  assert.deepStrictEqual(reported.map((r) => r.via), ["onError", "event"]);
  for (const r of reported) {
    assert.ok(r.error instanceof Error);
    assert.match(r.error.message, /segments/);
    assert.equal(r.client, client);
  }
  assert.equal(reported[0].error, reported[1].error);
  assert.equal(changes, 0);
  assert.equal(client.decide("free-shipping-threshold").value, 50);
  assert.deepStrictEqual(client.segments(), segments); // the demo's, not the rejected "vip"
  assert.equal("vip" in segments, false);

  reported.length = 0;
  source.push("{not json", 3);
  assert.deepStrictEqual(reported.map((r) => r.via), ["onError", "event"]);
  assert.match(reported[0].error.message, /JSON/);
  assert.equal(changes, 0);
  assert.equal(client.decide("free-shipping-threshold").value, 50);

  // The stream still works: the next good version replaces the config.
  reported.length = 0;
  const next = JSON.parse(configText);
  next.features["free-shipping-threshold"] = { defaultValue: 25 };
  source.push(JSON.stringify(next), 4);
  assert.equal(reported.length, 0);
  assert.equal(changes, 1);
  assert.equal(client.decide("free-shipping-threshold").value, 25);
  client.destroy();
});

test("an 'error' listener can be removed, and without listeners reportError gets the error", async () => {
  const client = await createClient({
    edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, subscribe: true,
    fetch: edgeFetch, EventSource: FakeSource,
  });
  const source = FakeSource.last;
  const heard = [];
  const stop = client.on("error", (error) => heard.push(error));
  const saved = globalThis.reportError;
  const reportedGlobally = [];
  globalThis.reportError = (error) => reportedGlobally.push(error);
  try {
    source.push(rejected, 2);
    assert.equal(heard.length, 1);
    assert.equal(reportedGlobally.length, 0);
    stop();
    source.push(rejected, 3);
    assert.equal(heard.length, 1);
    assert.equal(reportedGlobally.length, 1);
    assert.match(reportedGlobally[0].message, /segments/);
  } finally {
    if (saved) globalThis.reportError = saved;
    else delete globalThis.reportError;
  }
  assert.equal(client.decide("free-shipping-threshold").value, 50);
  client.destroy();
});

test("refresh() reports a fetched config the core rejects and keeps the config and its ETag", async () => {
  const requests = [];
  const answers = [
    { body: configText, etag: '"v1"' },
    { body: rejected, etag: '"v2"' },
    { body: rejected, etag: '"v2"' },
  ];
  const fetch = async (url, init) => {
    requests.push(init.headers["if-none-match"] ?? null);
    const { body, etag } = answers.shift();
    return { ok: true, status: 200, text: async () => body, headers: new Map([["etag", etag]]) };
  };
  const errors = [];
  const client = await createClient({
    edgeUrl: "http://edge.test", sdkKey: "demo", attributes: user, fetch,
    onError: (error) => errors.push(error),
  });
  const events = [];
  client.on("error", (error) => events.push(error));

  await assert.rejects(client.refresh(), /segments/);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /segments/);
  assert.deepStrictEqual(events, errors);
  assert.equal(client.decide("free-shipping-threshold").value, 50);
  // The rejected version's ETag is not taken: the next refresh() asks again, not 304.
  await assert.rejects(client.refresh(), /segments/);
  assert.deepStrictEqual(requests, [null, '"v1"', '"v1"']);
  assert.equal(errors.length, 2);
  client.destroy();
});

test("a rejected first config fails createClient() and reaches onError", async () => {
  const errors = [];
  const fetch = async () => ({ ok: true, status: 200, text: async () => rejected, headers: new Map() });
  await assert.rejects(
    createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", fetch, onError: (e) => errors.push(e) }),
    /segments/,
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /segments/);
  await assert.rejects(createClient({ config: configText, onError: "log" }), {
    name: "TypeError",
    message: /onError must be a function, got string/,
  });
});

test("subscribe needs the edge and an EventSource", async () => {
  const inline = await createClient({ config: configText, attributes: user });
  assert.throws(() => inline.subscribe(), /subscribe needs edgeUrl and sdkKey/);
  inline.destroy();
  const saved = globalThis.EventSource;
  delete globalThis.EventSource;
  try {
    await assert.rejects(
      createClient({ edgeUrl: "http://edge.test", sdkKey: "demo", subscribe: true, fetch: edgeFetch }),
      /subscribe needs EventSource/,
    );
  } finally {
    if (saved) globalThis.EventSource = saved;
  }
});
