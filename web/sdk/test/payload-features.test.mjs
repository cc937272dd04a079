// GrowthBook payload features in the SDK, with GrowthBook's own JS SDK (1.8.0) as the oracle on
// seeded random users: encrypted payloads (decryptionKey), contextual bandits (leafId,
// variationWeights), URL-redirect experiments (urlRedirect(), navigate, reveal) and sticky-bucket
// documents through a pluggable storage surviving a new client (a reload).
import assert from "node:assert/strict";
import { createCipheriv } from "node:crypto";
import { test } from "node:test";
import { GrowthBook, LocalStorageStickyBucketService } from "@growthbook/growthbook";
import { createClient } from "../index.js";

// mulberry32: a small seeded generator, so every run decides the same users.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const PLANS = ["free", "pro", "enterprise"];
const COUNTRIES = ["FR", "DE", "US", "JP"];
function users(seed, n) {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `u${seed}-${i}-${Math.floor(r() * 1e9)}`,
    plan: PLANS[Math.floor(r() * PLANS.length)],
    country: COUNTRIES[Math.floor(r() * COUNTRIES.length)],
  }));
}

// A payload with a saved group, a contextual bandit and an ordinary experiment.
const payload = {
  features: {
    "cb-headline": {
      defaultValue: "default",
      rules: [
        {
          key: "cb-exp",
          seed: "cb-exp",
          hashAttribute: "id",
          hashVersion: 2,
          coverage: 1,
          contextualVariations: ["control", "short", "long"],
          weights: [0.34, 0.33, 0.33],
          meta: [{ key: "0" }, { key: "1" }, { key: "2" }],
          contextualBanditRef: "cb-1",
        },
      ],
    },
    // The same bandit on a rule with plain `variations` (GrowthBook: contextualVariations ?? variations).
    "cb-plain": {
      defaultValue: 0,
      rules: [{ key: "cb-plain-exp", hashAttribute: "id", variations: [1, 2, 3], weights: [0.2, 0.3, 0.5], meta: [{ key: "0" }, { key: "1" }, { key: "2" }], contextualBanditRef: "cb-1" }],
    },
    "eu-banner": { defaultValue: false, rules: [{ condition: { country: { $inGroup: "eu" } }, force: true }] },
    "price-test": {
      defaultValue: 10,
      rules: [{ key: "price", hashAttribute: "id", variations: [10, 12, 15], weights: [0.5, 0.25, 0.25], meta: [{ key: "a" }, { key: "b" }, { key: "c" }] }],
    },
  },
  savedGroups: { eu: ["FR", "DE"] },
  contextualBandits: {
    "cb-1": {
      banditVersion: 3,
      contexts: [
        { leafId: "enterprise", condition: { plan: "enterprise" }, weights: [0.1, 0.2, 0.7] },
        { leafId: "pro-eu", condition: { plan: "pro", country: { $in: ["FR", "DE"] } }, weights: [0.6, 0.3, 0.1] },
        { leafId: "rest", condition: { country: { $ne: "JP" } }, weights: [0.2, 0.6, 0.2] },
      ],
    },
  },
};

const KEY = Buffer.from("4f3c2a1b0d9e8f7a6b5c4d3e2f1a0b9c", "hex");
function encrypt(value, ivHex) {
  const iv = Buffer.from(ivHex, "hex");
  const cipher = createCipheriv("aes-128-cbc", KEY, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return `${iv.toString("base64")}.${ciphertext.toString("base64")}`;
}
const encrypted = {
  encryptedFeatures: encrypt(payload.features, "00112233445566778899aabbccddeeff"),
  encryptedSavedGroups: encrypt(payload.savedGroups, "0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
  encryptedContextualBandits: encrypt(payload.contextualBandits, "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"),
};

// Our decision against GrowthBook's evalFeature: value, variation and the bandit's fields.
function assertSame(ours, theirs, what) {
  assert.deepStrictEqual(ours.value, theirs.value, `${what}: value`);
  assert.equal(ours.source, theirs.source, `${what}: source`);
  const r = theirs.experimentResult;
  if (!r) return assert.equal(ours.experiment, undefined, `${what}: experiment`);
  assert.equal(ours.experiment.variationId, r.variationId, `${what}: variationId`);
  assert.deepStrictEqual(ours.experiment.leafId, r.leafId, `${what}: leafId`);
  assert.deepStrictEqual(ours.experiment.variationWeights, r.variationWeights, `${what}: variationWeights`);
  assert.deepStrictEqual(ours.experiment.banditVersion, r.banditVersion, `${what}: banditVersion`);
}

test("an encrypted payload decrypted with decryptionKey decides as GrowthBook's SDK does", async () => {
  const key = KEY.toString("base64");
  const client = await createClient({ config: encrypted, decryptionKey: key });
  const gb = new GrowthBook({ decryptionKey: key });
  await gb.setPayload(structuredClone(encrypted));
  let leaves = new Set();
  for (const user of users(11, 300)) {
    client.setAttributes(user);
    gb.setAttributes(user);
    for (const feature of Object.keys(payload.features)) {
      const ours = client.decide(feature);
      assertSame(ours, gb.evalFeature(feature), `${feature} for ${user.id}`);
      if (ours.experiment?.leafId !== undefined) leaves.add(ours.experiment.leafId);
    }
  }
  // The decrypted bandit and group were really used: every leaf and the fallback occur.
  assert.deepStrictEqual([...leaves].sort(), [-1, "enterprise", "pro-eu", "rest"].sort());
  gb.destroy();
  client.destroy();
});

test("encrypted payloads: a wrong, missing or malformed key is an error naming what is wrong", async () => {
  const other = Buffer.alloc(16, 7).toString("base64");
  await assert.rejects(createClient({ config: encrypted, decryptionKey: other }), /encryptedFeatures does not decrypt with decryptionKey/);
  await assert.rejects(createClient({ config: encrypted }), /has encryptedFeatures, encryptedSavedGroups, encryptedContextualBandits, but createClient\(\) was given no decryptionKey/);
  await assert.rejects(createClient({ config: encrypted, decryptionKey: "not base64!" }), /decryptionKey is not base64 of a 16, 24 or 32-byte AES key/);
  await assert.rejects(createClient({ config: encrypted, decryptionKey: 5 }), /option decryptionKey must be a base64 string/);
  // A member that decrypts to something that is not JSON.
  const iv = Buffer.alloc(16, 1);
  const cipher = createCipheriv("aes-128-cbc", KEY, iv);
  const notJson = `${iv.toString("base64")}.${Buffer.concat([cipher.update("{features"), cipher.final()]).toString("base64")}`;
  await assert.rejects(createClient({ config: { encryptedFeatures: notJson }, decryptionKey: KEY.toString("base64") }), /encryptedFeatures decrypts to text that is not JSON/);
  // setConfig is synchronous and cannot decrypt: the core refuses, and the config in use stays.
  const client = await createClient({ config: payload, decryptionKey: KEY.toString("base64") });
  client.setAttributes({ id: "x", country: "FR" });
  assert.throws(() => client.setConfig(encrypted), /has encrypted members .*setConfig\(\) cannot/);
  assert.equal(client.decide("eu-banner").value, true);
  client.destroy();
});

test("contextual bandits: leafId and variationWeights equal GrowthBook's for 1,000 seeded users", async () => {
  const client = await createClient({ config: payload });
  const gb = new GrowthBook({ features: payload.features, savedGroups: payload.savedGroups, contextualBandits: payload.contextualBandits });
  const counts = {};
  for (const user of users(12, 1000)) {
    client.setAttributes(user);
    gb.setAttributes(user);
    const ours = client.decide("cb-headline");
    assertSame(ours, gb.evalFeature("cb-headline"), `cb-headline for ${JSON.stringify(user)}`);
    const plain = client.decide("cb-plain");
    assertSame(plain, gb.evalFeature("cb-plain"), `cb-plain for ${JSON.stringify(user)}`);
    assert.deepStrictEqual(plain.experiment.leafId, ours.experiment.leafId);
    const leaf = String(ours.experiment.leafId);
    counts[leaf] = (counts[leaf] ?? 0) + 1;
  }
  // Each leaf reached; JP users outside enterprise fall back to the rule's weights (-1).
  assert.deepStrictEqual(Object.keys(counts).sort(), ["-1", "enterprise", "pro-eu", "rest"]);
  gb.destroy();
  client.destroy();
});

// Redirect experiments: a landing page split three ways, with the query string persisted, and a
// second experiment on another page.
const redirectConfig = {
  features: {},
  experiments: [
    {
      key: "landing-redirect",
      hashAttribute: "id",
      urlPatterns: [{ type: "simple", include: true, pattern: "https://shop.example/landing" }],
      weights: [0.34, 0.33, 0.33],
      variations: [{ urlRedirect: "" }, { urlRedirect: "https://shop.example/landing-b" }, { urlRedirect: "https://shop.example/landing-c?src=exp" }],
      meta: [{ key: "control" }, { key: "b" }, { key: "c" }],
      persistQueryString: true,
    },
    {
      key: "pricing-redirect",
      hashAttribute: "id",
      urlPatterns: [{ type: "simple", include: true, pattern: "https://shop.example/pricing" }],
      variations: [{ urlRedirect: "" }, { urlRedirect: "https://shop.example/pricing-new" }],
      meta: [{ key: "control" }, { key: "new" }],
    },
  ],
};

test("URL redirects: the URL and the experiments equal GrowthBook's for 400 seeded users", async () => {
  const client = await createClient({ config: redirectConfig, url: "https://shop.example/elsewhere" });
  const urls = ["https://shop.example/landing?utm_source=mail&a=1%202", "https://shop.example/pricing", "https://shop.example/other"];
  const seen = new Set();
  for (const [i, user] of users(13, 400).entries()) {
    const url = urls[i % urls.length];
    client.setAttributes(user);
    const ours = client.urlRedirect(url);
    let navigated = null;
    const tracked = [];
    const gb = new GrowthBook({
      attributes: user,
      url,
      experiments: structuredClone(redirectConfig.experiments),
      navigate: (u) => (navigated = u),
      trackingCallback: (e, r) => tracked.push({ key: e.key, variationId: r.variationId }),
    });
    assert.equal(ours.url, navigated, `${user.id} on ${url}`);
    assert.deepStrictEqual(ours.experiments.map((e) => ({ key: e.key, variationId: e.variationId })), tracked, `${user.id} on ${url}: tracked`);
    if (ours.url) seen.add(ours.url);
    gb.destroy();
  }
  // The query string is kept where the experiment says so, and only there.
  assert.deepStrictEqual([...seen].sort(), [
    "https://shop.example/landing-b?utm_source=mail&a=1+2",
    "https://shop.example/landing-c?src=exp&utm_source=mail&a=1+2",
    "https://shop.example/pricing-new",
  ]);
  client.destroy();
});

test("createClient() navigates to a redirect after logging the exposure, and reveals only when staying", async () => {
  // Find one user who is redirected and one who stays on the pricing page (50/50).
  const probe = await createClient({ config: redirectConfig, url: "https://shop.example/other" });
  let moved, stays;
  for (const user of users(14, 50)) {
    probe.setAttributes(user);
    const r = probe.urlRedirect("https://shop.example/pricing");
    if (r.url && !moved) moved = user;
    if (!r.url && !stays) stays = user;
  }
  probe.destroy();
  assert.ok(moved && stays);
  const calls = [];
  const a = await createClient({
    config: redirectConfig,
    attributes: moved,
    consent: true,
    url: "https://shop.example/pricing",
    navigate: (u) => calls.push(["navigate", u]),
    reveal: () => calls.push(["reveal"]),
  });
  assert.deepStrictEqual(calls, [["navigate", "https://shop.example/pricing-new"]]);
  assert.equal(a.pendingEvents(), 1, "the exposure of pricing-redirect is recorded");
  a.destroy();
  calls.length = 0;
  const b = await createClient({ config: redirectConfig, attributes: stays, url: "https://shop.example/pricing", navigate: (u) => calls.push(["navigate", u]), reveal: () => calls.push(["reveal"]) });
  assert.deepStrictEqual(calls, [["reveal"]]);
  b.destroy();
  calls.length = 0;
  const c = await createClient({ config: redirectConfig, attributes: moved, url: "https://shop.example/pricing", disableUrlRedirectExperiments: true, navigate: (u) => calls.push(["navigate", u]), reveal: () => calls.push(["reveal"]) });
  assert.deepStrictEqual(calls, [["reveal"]]);
  c.destroy();
  await assert.rejects(createClient({ config: redirectConfig, navigate: "/x" }), /option navigate must be a function, got string/);
  // A redirect experiment GrowthBook throws on (its chosen variation is null) goes to onError;
  // the client is made and the page revealed.
  const broken = { experiments: [{ ...redirectConfig.experiments[1], variations: [null, { urlRedirect: "https://shop.example/pricing-new" }], weights: [1, 0] }] };
  const errors = [];
  calls.length = 0;
  const d = await createClient({ config: broken, attributes: moved, url: "https://shop.example/pricing", onError: (e) => errors.push(e.message), reveal: () => calls.push(["reveal"]) });
  assert.deepStrictEqual(calls, [["reveal"]]);
  assert.match(errors[0] ?? "", /redirect experiments: experiments\[0\]: the variation is null/);
  assert.throws(() => d.urlRedirect("https://shop.example/pricing"), /the variation is null/);
  d.destroy();
});

// Sticky bucketing: the documents saved by one client are what the next one (the same visitor
// after a reload) reads, and both decide as GrowthBook does with its own sticky-bucket service.
test("sticky-bucket documents through a caller's storage survive a new client, as GrowthBook's do", async () => {
  const feature = (weights) => ({
    features: {
      hero: {
        defaultValue: "none",
        rules: [{ key: "hero-exp", hashAttribute: "id", variations: ["a", "b"], weights, meta: [{ key: "a" }, { key: "b" }] }],
      },
    },
  });
  const before = feature([0.5, 0.5]);
  const after = feature([0, 1]); // everybody new gets "b"; sticky users keep their variation
  const mem = new Map();
  const store = { get: (k) => mem.get(k) ?? null, set: (k, v) => void mem.set(k, v), remove: (k) => void mem.delete(k) };
  const gbMem = new Map();
  const gbStorage = { getItem: async (k) => gbMem.get(k) ?? null, setItem: async (k, v) => void gbMem.set(k, v) };
  let keptA = 0;
  for (const user of users(15, 60)) {
    const first = await createClient({ config: before, attributes: user, consent: true, stickyBucketing: true, stickyBucketStorage: store });
    const firstValue = first.decide("hero").value;
    first.destroy();
    const reloaded = await createClient({ config: after, attributes: user, consent: true, stickyBucketing: true, stickyBucketStorage: store });
    const ours = reloaded.decide("hero");
    reloaded.destroy();

    const service = new LocalStorageStickyBucketService({ localStorage: gbStorage });
    const gb1 = new GrowthBook({ attributes: user, stickyBucketService: service });
    await gb1.setPayload(structuredClone(before));
    assert.equal(firstValue, gb1.evalFeature("hero").value, `${user.id} before`);
    await new Promise((r) => setTimeout(r, 0)); // GrowthBook saves asynchronously
    gb1.destroy();
    const gb2 = new GrowthBook({ attributes: user, stickyBucketService: service });
    await gb2.setPayload(structuredClone(after));
    const theirs = gb2.evalFeature("hero");
    gb2.destroy();
    assert.equal(ours.value, theirs.value, `${user.id} after the reload`);
    assert.equal(ours.value, firstValue, `${user.id} keeps the variation`);
    if (firstValue === "a") keptA++;
    // The stored documents are GrowthBook's, key for key.
    const docs = JSON.parse(mem.get("tailor:sticky"));
    const doc = docs[`id||${user.id}`];
    assert.deepStrictEqual(doc, JSON.parse(gbMem.get(`gbStickyBuckets__id||${user.id}`)));
  }
  assert.ok(keptA > 15, `users assigned "a" before keep it after (${keptA})`);
  // Denied consent deletes the documents from the caller's storage.
  const c = await createClient({ config: before, attributes: { id: "z" }, consent: true, stickyBucketing: true, stickyBucketStorage: store });
  c.decideAll();
  assert.ok(mem.has("tailor:sticky"));
  c.setConsent(false);
  assert.equal(mem.has("tailor:sticky"), false);
  c.destroy();
  await assert.rejects(createClient({ config: before, stickyBucketStorage: { get() {} } }), /stickyBucketStorage must be "localStorage", "cookie" or an object with get\(key\) and set\(key, value\), got object/);
});

test("the cookie storage refuses documents over its limit and reports it, keeping them for the page", async () => {
  let cookie = "";
  globalThis.document = {
    get cookie() {
      return cookie;
    },
    set cookie(v) {
      cookie = v.split(";")[0];
    },
  };
  try {
    const errors = [];
    const client = await createClient({
      config: { features: { f: { defaultValue: 0, rules: [{ key: "e", variations: [0, 1], meta: [{ key: "0" }, { key: "1" }] }] } } },
      attributes: { id: "c1" },
      consent: true,
      stickyBucketing: true,
      stickyBucketStorage: "cookie",
      onError: (e) => errors.push(e.message),
    });
    const v = client.decide("f").value;
    assert.match(cookie, /^tailor_sticky=/);
    const stored = JSON.parse(decodeURIComponent(cookie.slice("tailor_sticky=".length)));
    assert.equal(stored["id||c1"].assignments["e__0"], String(v));
    // 100 users' documents do not fit in one cookie.
    for (let i = 0; i < 100; i++) {
      client.setAttributes({ id: `cookie-user-${i}` });
      client.decideAll();
    }
    assert.equal(errors.length > 0, true);
    assert.match(errors[0], /over the cookie limit of 4000; use stickyBucketStorage "localStorage"/);
    client.destroy();
  } finally {
    delete globalThis.document;
  }
});
