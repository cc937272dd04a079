#!/usr/bin/env node
// parity-cases.mjs — deterministic random request lines for the parts of the conformance
// protocol that GrowthBook's spec 0.8.0 added (docs/conformance.md): contextual bandits,
// sticky-bucket documents, URL redirects, query-string overrides, decryption, getEqualWeights
// for n <= 0; and the input classes an independent differential test found: rule fields of
// the wrong type, prerequisite parents whose value is JavaScript's undefined, and numbers
// beyond the double range (Infinity) inside arrays and objects.
//
// Usage:
//   node tools/gen/parity-cases.mjs --seed 5 --count 20000 > /tmp/parity.jsonl
//   node tools/gen/parity-cases.mjs --seed 6 --count 2000 --deep > /tmp/deep.jsonl
//   node tools/gen/parity-cases.mjs --seed 8 --count 5000 --sdk > /tmp/sdk-bandits.jsonl
//
// --sdk writes the contextual-bandit features as requests of the SDK module differential
// (docs/conformance.md: {"config", "attributes", "sticky"?}) for `tailor decide --lines` and
// web/sdk/bin/tailor-sdk-decide.mjs: the config carries features, contextualBandits and
// savedGroups as a published config would.
//
// The same arguments always yield the same bytes (mulberry32; AES keys, IVs and plaintexts
// come from it too). Every request is one GrowthBook's SDK (tests/conformance/
// growthbook-oracle.mjs) answers without throwing, so an {"error":…} from the oracle is a
// generator bug. --deep adds long chains instead (saved-group references 500-60,000 deep,
// prerequisite chains 200-400, conditions nested to the parser's limit): no crash and the
// same answer natively and in WASM is what they test; GrowthBook's own answer there depends
// on its JavaScript stack, so they are not for the oracle.

import { createCipheriv } from "node:crypto";

const ALL_OPS = {
  bandit: 22, wrongTyped: 20, undefinedParent: 8, stickyBucket: 14, urlRedirect: 10,
  getQueryStringOverride: 8, decrypt: 10, infinity: 6, getEqualWeights: 2,
};

function parseArgs(argv) {
  const args = { seed: "1", count: 100, deep: false, sdk: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seed" && i + 1 < argv.length) args.seed = argv[++i];
    else if (a === "--count" && i + 1 < argv.length) args.count = Number(argv[++i]);
    else if (a === "--deep") args.deep = true;
    else if (a === "--sdk") args.sdk = true;
    else throw new Error(`unknown argument ${a}; usage: parity-cases.mjs --seed S --count N [--deep | --sdk]`);
  }
  if (!Number.isInteger(args.count) || args.count < 0) throw new Error("--count: expected N >= 0");
  return args;
}

// ---- PRNG (as tools/gen/conformance-cases.mjs) ---------------------------------------------
function seedToInt(s) {
  if (/^\d+$/.test(s)) return Number(BigInt(s) & 0xffffffffn);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rnd = mulberry32(1);
const rint = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p) => rnd() < p;
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const times = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const frac = () => Math.round(rnd() * 1e4) / 1e4;
const bytes = (n) => Buffer.from(times(n, () => rint(0, 255)));

// ---- vocabulary -------------------------------------------------------------------------------
const PLANS = ["free", "pro", "enterprise", "", "PRO", "é"];
const COUNTRIES = ["US", "CA", "FR", "us", "🇫🇷"];
const VALUES = [true, false, 0, 1, "on", "off", "", null, "control", "treatment", { color: "red" }, [1, 2], 2.5, "undefined"];
function attributes() {
  const a = {};
  if (chance(0.9)) a.id = chance(0.85) ? `u${rint(1, 300)}` : pick(["", 0, 17, true]);
  if (chance(0.4)) a.deviceId = `d${rint(1, 40)}`;
  if (chance(0.6)) a.plan = pick(PLANS);
  if (chance(0.5)) a.country = pick(COUNTRIES);
  if (chance(0.4)) a.age = pick([0, 17, 18, 30, 65, -1, 2.5]);
  if (chance(0.2)) a.tags = times(rint(0, 3), () => pick(["a", "b", 1, null]));
  return a;
}
// `throwing`: also conditions GrowthBook's evalCondition throws on, which only contextual
// bandit leaf selection catches (a rule's condition would make the whole evaluation throw).
function leafCondition(throwing = false) {
  const r = throwing ? rnd() : rnd() * 0.9;
  if (r < 0.2) return {};
  if (r < 0.45) return { plan: pick(PLANS) };
  if (r < 0.6) return { country: { $in: times(rint(0, 3), () => pick(COUNTRIES)) } };
  if (r < 0.75) return { age: { [pick(["$gt", "$gte", "$lt", "$lte"])]: pick([18, 30, 0]) } };
  if (r < 0.85) return { $or: [{ plan: pick(PLANS) }, { country: pick(COUNTRIES) }] };
  if (r < 0.9) return { id: { $exists: chance(0.5) } };
  // Conditions GrowthBook's evalCondition throws on (caught in leaf selection: fallback leaf).
  if (r < 0.95) return pick([{ $or: null }, { $and: null }, { $not: null }]);
  return { plan: { $regex: pick(["^p", "o$", "(", "[a-"]) } };
}
const normalized = (n) => {
  const w = times(n, () => rnd() + 0.01);
  const s = w.reduce((x, y) => x + y, 0);
  return w.map((x) => Math.round((x / s) * 1e4) / 1e4);
};
function weightsFor(n) {
  const r = rnd();
  if (r < 0.6) return normalized(n);
  if (r < 0.7) return times(n, (i) => (i === 0 ? 1 : 0));
  if (r < 0.8) return normalized(n + pick([-1, 1]) || 1); // wrong length: equal weights used
  if (r < 0.9) return times(n, () => 0.1); // sums far from 1: equal weights
  return pick([[], null, "0.5,0.5"]);
}
const meta = (n) => times(n, (i) => ({ key: chance(0.85) ? pick([`${i}`, `v${i}`]) : "" }));

// ---- contextual bandits -----------------------------------------------------------------------
const BANDIT_REFS = ["cb-a", "cb-b", "missing"];
function banditDefinition(n) {
  const d = {};
  if (chance(0.85)) d.banditVersion = pick([1, 7, 0, "3"]);
  const r = rnd();
  if (r < 0.75) {
    d.contexts = times(rint(0, 4), (i) => {
      if (chance(0.03)) return null; // leaf selection throws: fallback leaf -1
      const leaf = { leafId: chance(0.95) ? i + 1 : pick(["x", 0]) };
      if (chance(0.9)) leaf.condition = leafCondition(true);
      if (chance(0.95)) leaf.weights = chance(0.85) ? normalized(n) : weightsFor(n);
      return leaf;
    });
  } else if (r < 0.85) d.contexts = [];
  else if (r < 0.92) d.contexts = pick(["ab", { length: 2 }, 3]);
  return d;
}
function banditRule(n) {
  const r = { key: pick(["bandit-exp", "cb-exp"]), hashAttribute: pick(["id", "id", "deviceId"]) };
  if (chance(0.6)) r.seed = pick(["bandit-exp", "s1"]);
  if (chance(0.7)) r.hashVersion = 2;
  if (chance(0.6)) r.coverage = pick([1, 1, 0.5, 0]);
  r.contextualVariations = times(n, () => pick(VALUES));
  if (chance(0.1)) r.variations = times(n, () => pick(VALUES));
  if (chance(0.8)) r.weights = weightsFor(n);
  if (chance(0.7)) r.meta = meta(n);
  if (chance(0.9)) r.contextualBanditRef = pick(BANDIT_REFS);
  if (chance(0.15)) r.condition = leafCondition();
  if (chance(0.1)) r.fallbackAttribute = "deviceId";
  return r;
}
function banditFeature() {
  const n = rint(2, 4);
  const rules = times(rint(1, 2), () => (chance(0.85) ? banditRule(n) : { force: pick(VALUES), condition: leafCondition() }));
  const context = {
    attributes: attributes(),
    features: { "bandit-feature": { defaultValue: pick(VALUES), rules } },
  };
  if (chance(0.9)) {
    context.contextualBandits = {};
    for (const ref of BANDIT_REFS.slice(0, 2)) if (chance(0.8)) context.contextualBandits[ref] = banditDefinition(n);
  }
  if (chance(0.1)) context.enabled = false;
  if (chance(0.1)) context.forcedVariations = { [pick(["bandit-exp", "cb-exp"])]: rint(0, 2) };
  if (chance(0.1)) context.qaMode = true;
  if (chance(0.15)) context.stickyBucketAssignmentDocs = {};
  return { op: "feature", context, featureKey: "bandit-feature" };
}

// ---- rule fields of the wrong type ------------------------------------------------------------
function wrongVariations() {
  return pick(["abc", "ab", "a😀", "x", "", {}, { 0: "x", 1: "y" }, { 0: "x", 1: "y", 2: "z" }, 5, true, [], ["only"]]);
}
function wrongTypedRule() {
  const r = { key: pick(["w-exp", "w2"]) };
  const field = chance(0.75) ? "variations" : "contextualVariations";
  r[field] = wrongVariations();
  if (chance(0.3)) r.ranges = [[0, 0.5], [0.5, 1]];
  if (chance(0.4)) r.weights = normalized(rint(2, 3));
  if (chance(0.3)) r.coverage = pick([1, 0.5]);
  // A string meta must reach every variation index GrowthBook reads (meta[i].key otherwise
  // throws on undefined).
  if (chance(0.3)) r.meta = pick(["abcdef", "xyzxyz"]);
  if (chance(0.2)) r.parentConditions = pick(["p", "pq", "😀"]);
  if (chance(0.15)) r.contextualBanditRef = "cb-a";
  return r;
}
function wrongTyped() {
  const rules = times(rint(1, 2), () => {
    if (chance(0.8)) return wrongTypedRule();
    const r = { force: pick(VALUES) };
    if (chance(0.5)) r.parentConditions = pick(["p", "ab"]);
    return r;
  });
  const features = { f: { defaultValue: pick(VALUES), rules } };
  if (chance(0.5)) features.undefined = { defaultValue: pick(VALUES) }; // what "p".id names
  const context = { attributes: attributes(), features };
  // meta[1.5] of a string meta is undefined, whose .key GrowthBook reads: integers only then.
  const stringMeta = rules.some((r) => typeof r.meta === "string");
  if (chance(0.3)) context.forcedVariations = { [pick(["w-exp", "w2"])]: pick(stringMeta ? [0, 1, 2, 5] : [0, 1, 2, 5, 1.5]) };
  if (chance(0.2)) context.contextualBandits = { "cb-a": banditDefinition(3) };
  if (chance(0.1)) context.url = pick(["https://a.test/?w-exp=1", "https://a.test/?w2=0"]);
  return { op: "feature", context, featureKey: "f" };
}

// ---- prerequisite parents whose value is undefined ------------------------------------------
const PARENT_CONDITIONS = [{ value: null }, { value: { $exists: false } }, { value: { $exists: true } },
  { value: "undefined" }, { value: false }, { value: true }, { value: { $type: "undefined" } },
  { value: { $type: "null" } }, { value: { $eq: null } }, { value: { $ne: null } },
  { value: { $in: [null] } }, { value: { $nin: [null] } }, { value: { $regex: "^und" } },
  { value: { $lt: 1 } }, { value: { $gte: 0 } }, { value: { $not: { $eq: null } } },
  { value: { $veq: "0" } }, { value: 0 }, { value: [] }, { value: {} }, { "value.x": null },
  { $savedGroup: { id: "sg", attributeKey: "value" } }, { value: { $inGroup: "sg" } }];
function undefinedParent() {
  const parent = { defaultValue: pick(VALUES), rules: [{ key: "pe", variations: times(rint(2, 3), () => pick(VALUES)) }] };
  const child = { defaultValue: "child-default", rules: [{
    parentConditions: [{ id: "parent", condition: pick(PARENT_CONDITIONS), ...(chance(0.5) ? { gate: chance(0.5) } : {}) }],
    force: "child-forced" }] };
  const context = {
    attributes: attributes(),
    features: { parent, child },
    // A forced index that is not an integer in range leaves the parent's value undefined.
    forcedVariations: { pe: pick([1.5, true, false, null, "1", 0.5, 1, -0.5]) },
    savedGroups: { sg: pick([[null], ["x"], { type: "list", attributeKey: "value", values: [null] }]) },
  };
  return { op: "feature", context, featureKey: "child" };
}

// ---- sticky buckets -------------------------------------------------------------------------
function stickyBucket() {
  const attrs = attributes();
  const n = rint(2, 3);
  const rules = times(rint(1, 2), (i) => {
    const r = { key: pick(["sb-exp", "sb-2"]), variations: times(n, () => pick(VALUES)), meta: meta(n) };
    if (chance(0.6)) r.hashAttribute = pick(["id", "deviceId", "plan"]);
    if (chance(0.5)) r.fallbackAttribute = pick(["deviceId", "id"]);
    if (chance(0.5)) r.bucketVersion = rint(0, 3);
    if (chance(0.3)) r.minBucketVersion = rint(0, 3);
    if (chance(0.1)) r.disableStickyBucketing = true;
    if (chance(0.5)) r.weights = normalized(n);
    if (chance(0.2)) r.coverage = pick([0.5, 1, 0]);
    if (chance(0.15)) r.condition = leafCondition();
    if (i === 0 && chance(0.15)) { r.contextualVariations = r.variations; delete r.variations; r.contextualBanditRef = "cb-a"; }
    return r;
  });
  const context = { attributes: attrs, features: { f: { defaultValue: pick(VALUES), rules } } };
  if (chance(0.2)) context.contextualBandits = { "cb-a": banditDefinition(n) };
  if (chance(0.2)) context.features.g = { defaultValue: 1, rules: [{ variations: [1, 2], hashAttribute: "country" }] };
  const names = ["id", "deviceId", "plan", "country"];
  const docs = times(rint(0, 4), () => {
    const name = pick(names);
    const own = attrs[name];
    const value = chance(0.7) && own !== undefined ? (typeof own === "string" ? own : JSON.stringify(own)) : pick(["u1", "d1", "pro", "x"]);
    const doc = { attributeName: name, attributeValue: value, assignments: {} };
    for (let k = rint(0, 3); k > 0; k--) doc.assignments[`${pick(["sb-exp", "sb-2", "f"])}__${rint(0, 3)}`] = pick(["0", "1", "v1", "2", "zzz"]);
    if (chance(0.05)) delete doc.assignments;
    if (chance(0.03)) doc.attributeValue = "";
    return doc;
  });
  return { op: "stickyBucket", context, assignmentDocs: docs, featureKey: "f" };
}

// ---- URL redirects ----------------------------------------------------------------------------
const PAGES = ["http://www.example.com/home", "http://www.example.com/home?color=blue&food=sushi",
  "https://shop.test/a?x=1&y=%20z&x=2", "https://shop.test/a#top", "http://www.example.com/",
  "https://shop.test/a?q=caf%C3%A9+au+lait", "", "/relative?x=1"];
const TARGETS = ["http://www.example.com/home-new", "http://www.example.com/home-new?name=test&color=red",
  "https://shop.test/b", "https://shop.test/b?x=9#frag", "https://other.test/c?a=1&a=2",
  "https://shop.test/a", "not a url", "https://shop.test/b?e=%E2%82%AC&s=a+b"];
const PATTERNS = [{ type: "simple", pattern: "http://www.example.com/home" },
  { type: "simple", pattern: "http://www.example.com/" }, { type: "simple", pattern: "https://shop.test/*" },
  { type: "simple", pattern: "/a" }, { type: "regex", pattern: "shop\\.test/[ab]" },
  { type: "simple", pattern: "https://shop.test/b", include: false }, { type: "simple", pattern: "/home" }];
function redirectExperiment(i) {
  const n = rint(2, 3);
  const e = { key: `re-${i}`, weights: normalized(n) };
  const kind = rnd();
  if (kind < 0.75) {
    e.urlPatterns = times(rint(1, 2), () => pick(PATTERNS));
    e.variations = times(n, (v) => (v === 0 && chance(0.6) ? {} : { urlRedirect: pick(TARGETS) }));
    if (chance(0.4)) e.persistQueryString = true;
  } else if (kind < 0.9) {
    e.variations = times(n, () => ({ css: ".x{}" })); // a visual experiment
    if (chance(0.5)) e.urlPatterns = [pick(PATTERNS)];
  } else {
    e.variations = times(n, () => pick([{}, 1, "x"])); // neither: blocked
  }
  if (chance(0.1)) e.manual = true;
  if (chance(0.15)) e.coverage = pick([0.5, 0]);
  if (chance(0.1)) e.hashAttribute = pick(["deviceId", "plan"]);
  if (chance(0.1)) e.condition = leafCondition();
  return e;
}
function urlRedirect() {
  const context = { attributes: attributes(), url: pick(PAGES), experiments: times(rint(0, 3), redirectExperiment) };
  if (chance(0.1)) context.forcedVariations = { [`re-${rint(0, 2)}`]: 1 };
  if (chance(0.05)) context.enabled = false;
  return { op: "urlRedirect", context };
}

// ---- query-string overrides -------------------------------------------------------------------
function getQueryStringOverride() {
  const key = pick(["my-test", "e1", "é", "a b"]);
  const v = pick(["0", "1", "2", "5", "-1", "1.9", " 1", "0x1", "abc", "", "1e2", "01", "+1"]);
  const url = pick([
    `http://example.com?${key}=${v}`, `http://example.com/?a=b&${key}=${v}#h`, `http://example.com?${key}=${v}&${key}=0`,
    `http://example.com/?${key}`, `http://example.com#?${key}=${v}`, `?${key}=${v}?x`, "", "http://example.com",
    `http://example.com/?${key}=${v}=2`, `/p?other=1&${key}x=${v}`]);
  return { op: "getQueryStringOverride", experimentKey: key, url, numVariations: rint(0, 6) };
}

// ---- decryption -------------------------------------------------------------------------------
const b64 = (b) => b.toString("base64");
function plaintext() {
  const r = rnd();
  if (r < 0.5) return Buffer.from(JSON.stringify({ feature: { defaultValue: pick(VALUES) }, n: rint(0, 1e6) }));
  if (r < 0.65) return Buffer.from(pick(["", "a", "é😀 text", "x".repeat(rint(1, 100))]));
  if (r < 0.75) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{\"a\":1}")]); // BOM
  if (r < 0.85) return Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62, 0xc0, 0xff, 0xf0, 0x9f, 0x98]); // ill-formed
  return bytes(rint(0, 40));
}
function decrypt() {
  const keyLen = pick([16, 16, 16, 24, 32]);
  const key = bytes(keyLen);
  const iv = bytes(16);
  const cipher = createCipheriv(`aes-${keyLen * 8}-cbc`, key, iv);
  const body = Buffer.concat([cipher.update(plaintext()), cipher.final()]);
  let encrypted = `${b64(iv)}.${b64(body)}`;
  let keyText = b64(key);
  const r = rnd();
  if (r < 0.5) {
    // valid as encrypted, sometimes re-spelt in ways atob accepts
    if (chance(0.1)) encrypted = encrypted.replace(/=+/g, "");
    if (chance(0.1)) keyText = ` ${keyText.slice(0, 8)}\n${keyText.slice(8)} `;
    if (chance(0.05)) encrypted += ".extra";
  } else if (r < 0.6) keyText = b64(bytes(keyLen)); // wrong key: usually bad padding
  else if (r < 0.65) keyText = b64(bytes(pick([0, 8, 15, 17, 31])));
  else if (r < 0.7) encrypted = `${b64(bytes(pick([8, 15, 17])))}.${b64(body)}`;
  else if (r < 0.75) encrypted = `${b64(iv)}.${b64(body.subarray(0, body.length - rint(1, 15)))}`;
  else if (r < 0.8) encrypted = b64(body);
  else if (r < 0.85) encrypted = `${b64(iv)}.${b64(body).replace(/[A-Z]/, "*")}`;
  else if (r < 0.88) encrypted = `${b64(iv)}.${b64(body)}===`;
  else if (r < 0.91) keyText = keyText.replace(/=*$/, "=");
  else if (r < 0.94) encrypted = `${b64(iv)}.`;
  else if (r < 0.97) {
    const tampered = Buffer.from(body);
    tampered[tampered.length - 1] ^= rint(1, 255);
    encrypted = `${b64(iv)}.${b64(tampered)}`;
  } else keyText = "";
  return { op: "decrypt", encrypted, key: keyText };
}

// ---- Infinity under implicit equality ---------------------------------------------------------
// JSON.stringify cannot write a literal beyond the double range; "__INF__"/"__NINF__" are
// replaced in the request text by 1e400 / -1e400.
function infValue() {
  return pick(["__INF__", "__NINF__", null, 1, "x", 1.7976931348623157e308]);
}
function infinity() {
  const shape = () => pick([
    () => [infValue()], () => [infValue(), 2], () => ({ a: infValue() }), () => ({ a: [infValue()], b: 1 }),
    () => [[infValue()]]])();
  const a = shape();
  const c = chance(0.5) ? JSON.parse(JSON.stringify(a)) : shape();
  const attrs = { v: a };
  const cond = pick([{ v: c }, { v: { $eq: c } }, { v: { $ne: c } }, { v: { $in: [c] } }, { v: { $elemMatch: { $eq: infValue() } } }]);
  return { op: "evalCondition", condition: cond, attributes: attrs, savedGroups: {} };
}

const makers = {
  bandit: banditFeature, wrongTyped, undefinedParent, stickyBucket, urlRedirect,
  getQueryStringOverride, decrypt, infinity,
  getEqualWeights: () => ({ op: "getEqualWeights", n: rint(-5, 12) }),
};

// ---- --deep: long chains ----------------------------------------------------------------------
function deep() {
  const r = rnd();
  if (r < 0.4) {
    const n = pick([500, 998, 999, 1000, 1001, 2000, 5000, 60000]);
    const savedGroups = {};
    for (let i = 0; i < n; i++) {
      savedGroups[`g${i}`] = { type: "condition", condition: i + 1 < n ? { $savedGroup: { id: `g${i + 1}` } } : { id: "u1" } };
    }
    return { op: "evalCondition", condition: { $savedGroup: { id: "g0" } }, attributes: { id: "u1" }, savedGroups };
  }
  if (r < 0.7) {
    const n = rint(200, 400);
    const features = {};
    for (let i = 0; i < n; i++) {
      features[`p${i}`] = i + 1 < n
        ? { defaultValue: i, rules: [{ parentConditions: [{ id: `p${i + 1}`, condition: { value: { $exists: true } }, gate: true }], force: i }] }
        : { defaultValue: "leaf" };
    }
    return { op: "feature", context: { attributes: { id: "u1" }, features }, featureKey: "p0" };
  }
  // A condition nested to the parser's limit, with saved-group references inside.
  const depth = rint(100, 250);
  let cond = { $savedGroup: { id: "g0" } };
  for (let i = 0; i < depth; i++) cond = pick([{ $and: [cond] }, { $or: [cond] }, { $not: { $not: cond } }]);
  const savedGroups = {};
  for (let i = 0; i < 400; i++) savedGroups[`g${i}`] = { type: "condition", condition: i < 399 ? { $savedGroup: { id: `g${i + 1}` } } : {} };
  return { op: "evalCondition", condition: cond, attributes: { id: "u1" }, savedGroups };
}

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`parity-cases: ${e.message}\n`);
    process.exit(2);
  }
  rnd = mulberry32(seedToInt(String(args.seed)));
  const table = Object.entries(ALL_OPS);
  const total = table.reduce((s, [, w]) => s + w, 0);
  let buf = "";
  for (let i = 0; i < args.count; i++) {
    let req;
    if (args.deep) req = deep();
    else if (args.sdk) {
      const { context } = banditFeature();
      const config = { features: context.features };
      if (context.contextualBandits) config.contextualBandits = context.contextualBandits;
      req = { config, attributes: context.attributes };
      if (context.stickyBucketAssignmentDocs) req.sticky = context.stickyBucketAssignmentDocs;
    } else {
      let x = rnd() * total;
      let op = table[table.length - 1][0];
      for (const [name, w] of table) {
        if ((x -= w) < 0) { op = name; break; }
      }
      req = makers[op]();
    }
    buf += JSON.stringify(req).replaceAll('"__INF__"', "1e400").replaceAll('"__NINF__"', "-1e400") + "\n";
    if (buf.length > 1 << 16) { process.stdout.write(buf); buf = ""; }
  }
  process.stdout.write(buf);
}
main();
