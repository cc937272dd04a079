// Loading the SDK's module and what it leaves to the page (web/sdk/src/wasm.js): the config
// request goes out while the module compiles, and `$regex` / `$regexi` run on the page's own
// RegExp (core/targeting/regex_host.cc; docs/conformance.md "Regular expressions in the
// browser SDK").
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createClient } from "../index.js";

const configText = readFileSync(new URL("../../demo/config.json", import.meta.url), "utf8");

test("createClient() sends the config request before the module is ready, once", async () => {
  const requests = [];
  const fetch = async (url, init) => {
    requests.push({ url, ifNoneMatch: init.headers["if-none-match"] ?? null });
    return { ok: true, status: 200, text: async () => configText, headers: new Map([["etag", '"v1"']]) };
  };
  const pending = createClient({ edgeUrl: "http://edge.test/", sdkKey: "demo", fetch, attributes: { id: "u-0002" } });
  // Still synchronous: the module cannot have been compiled yet.
  assert.deepStrictEqual(requests, [{ url: "http://edge.test/v1/config/demo", ifNoneMatch: null }]);
  const client = await pending;
  assert.equal(requests.length, 1);
  assert.equal(client.decide("free-shipping-threshold").value, 50);
  // Later refreshes ask again, with the ETag of the early answer.
  await client.refresh();
  assert.deepStrictEqual(requests[1], { url: "http://edge.test/v1/config/demo", ifNoneMatch: '"v1"' });
  client.destroy();

  const failing = async () => {
    throw new Error("offline");
  };
  // The early request's failure is the edge being away (docs/sdk.md "When the edge is away"):
  // the client decides from defaults and onError hears why.
  const errors = [];
  const away = await createClient({
    edgeUrl: "http://edge.test", sdkKey: "demo", fetch: failing, onError: (e) => errors.push(e.message),
  });
  assert.equal(away.configSource, "defaults");
  assert.deepStrictEqual(errors, ["tailor: cannot fetch config from http://edge.test/v1/config/demo: offline"]);
  away.destroy();
});

const regexConfig = (condition) =>
  JSON.stringify({ features: { f: { defaultValue: "no", rules: [{ condition, force: "yes" }] } } });

async function decides(condition, attributes) {
  const client = await createClient({ config: regexConfig(condition), attributes });
  try {
    return client.decide("f").value === "yes";
  } finally {
    client.destroy();
  }
}

test("$regex and $regexi answer as the page's RegExp", async () => {
  assert.equal(await decides({ email: { $regex: "@example\\.com$" } }, { email: "ana@example.com" }), true);
  assert.equal(await decides({ email: { $regex: "@example\\.com$" } }, { email: "ana@example.org" }), false);
  assert.equal(await decides({ email: { $regex: "^ANA@" } }, { email: "ana@example.com" }), false);
  assert.equal(await decides({ email: { $regexi: "^ANA@" } }, { email: "ana@example.com" }), true);
  // Case folding and classes as JavaScript defines them, on UTF-16 code units.
  assert.equal(await decides({ name: { $regexi: "^straße$" } }, { name: "STRAßE" }), true);
  assert.equal(await decides({ name: { $regex: "^.$" } }, { name: "😀" }), false); // two units
  assert.equal(await decides({ name: { $regex: "^\\ud83d" } }, { name: "😀" }), true);
  // A number is matched as String(n).
  assert.equal(await decides({ n: { $regex: "^1e\\+21$" } }, { n: 1e21 }), true);
  // No step budget in the browser: as in GrowthBook (the native engine gives up; docs).
  assert.equal(await decides({ s: { $regex: "^(a)*$" } }, { s: "a".repeat(32768) }), true);
});

test("an invalid pattern is refused with the page's SyntaxError reason", async () => {
  await assert.rejects(
    createClient({ config: regexConfig({ email: { $regex: "(" } }) }),
    /features\["f"\]\.rules\[0\]\.condition\.email\.\$regex: is not a valid regular expression \(Unterminated group\)$/,
  );
  const long = "x".repeat(5000) + "[";
  await assert.rejects(
    createClient({ config: regexConfig({ email: { $regexi: long } }) }),
    /\$regexi: is not a valid regular expression \(Unterminated character class\)$/,
  );
});

test("a replaced config's patterns are released and their handles reused correctly", async () => {
  // Validating a config compiles and releases each pattern, compiling it for decisions takes
  // a released handle, and replacing the config releases the previous one's: each config
  // must answer with its own pattern.
  const client = await createClient({ config: regexConfig({ k: { $regex: "^k0$" } }), attributes: { k: "k0" } });
  for (let i = 1; i <= 300; i++) {
    client.setConfig(regexConfig({ k: { $regex: `^k${i}$` } }));
    client.setAttributes({ k: `k${i}` });
    assert.equal(client.decide("f").value, "yes", `config ${i}`);
    client.setAttributes({ k: `k${i - 1}` });
    assert.equal(client.decide("f").value, "no", `config ${i}`);
  }
  client.destroy();
});
