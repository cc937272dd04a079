// Config updates over Server-Sent Events (the subscribe option): the edge's first event (the
// version in use) changes nothing, a new version is compiled and emits "change", a document
// that does not compile leaves the config as it was, destroy() closes the stream.
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
  assert.equal(client.decide("free-shipping-threshold").value, 25);

  client.destroy();
  assert.equal(source.closed, true);
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
