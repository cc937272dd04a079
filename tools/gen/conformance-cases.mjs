#!/usr/bin/env node
// conformance-cases.mjs — deterministic random request lines for the conformance protocol.
//
// Usage:
//   node tools/gen/conformance-cases.mjs --seed 42 --count 20000 > /tmp/cases.jsonl
//   node tools/gen/conformance-cases.mjs --seed 7 --count 1000 --ops evalCondition,hash
//
// Ops: evalCondition hash getBucketRange chooseVariation inNamespace getEqualWeights
//      feature run (default: all, weighted towards evalCondition and feature).
// The same --seed/--count/--ops always yields the same bytes (inline mulberry32 PRNG; no
// Math.random, no clock). Cases are adversarial but valid: every request is one the
// GrowthBook oracle (tests/conformance/growthbook-oracle.mjs) answers without throwing,
// so any {"error":…} from the oracle means this generator has a bug.
// What is covered: attribute documents with nested objects/arrays, awkward numbers
// (negative, fractional, 1e21, 1e-7, 2^53+1), numeric-looking strings (" 12 ", "0x1f", ""),
// non-ASCII (é, É, 😀, ǅ, final sigma, 𐐀), version strings; conditions aimed at the
// document they meet (existing paths, the value there or a near miss, regexes cut from it); every condition operator incl. dotted paths,
// JSON-equality literals, nesting to ~5 levels, simple regexes (literals . * + ? [a-z] ^ $
// \d only); saved groups v1 (bare array) and v2 (list/condition, cyclic, malformed);
// hashes v1/v2/v3; bucket ranges with out-of-range coverage and bad weights; namespaces;
// features with force/experiment rules, filters, namespaces, meta/passthrough, sticky
// buckets, parentConditions (gated, cyclic); standalone experiments for `run`.

const ALL_OPS = {
  evalCondition: 40, hash: 10, getBucketRange: 8, chooseVariation: 5,
  inNamespace: 5, getEqualWeights: 2, feature: 20, run: 10,
};

function parseArgs(argv) {
  const args = { seed: "1", count: 100, ops: Object.keys(ALL_OPS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--seed") args.seed = next();
    else if (a === "--count") args.count = Number(next());
    else if (a === "--ops") args.ops = next().split(",").filter(Boolean);
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: conformance-cases.mjs --seed S --count N [--ops a,b,...]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.count) || args.count < 0) throw new Error("--count: expected N >= 0");
  for (const op of args.ops) {
    if (!(op in ALL_OPS)) throw new Error(`--ops: unknown op "${op}"; valid: ${Object.keys(ALL_OPS)}`);
  }
  return args;
}

// ---- PRNG ---------------------------------------------------------------------------------
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
const rint = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
const chance = (p) => rnd() < p;
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const times = (n, f) => Array.from({ length: n }, (_, i) => f(i));
// Rounded to 4 decimals so that printed numbers stay readable in failure reports.
const frac = (lo = 0, hi = 1) => Math.round((lo + rnd() * (hi - lo)) * 1e4) / 1e4;

// ---- value vocabulary ---------------------------------------------------------------------
const NUMBERS = [0, 1, -1, 2, 3, 5, 10, 12, 31, 100, 2.5, -3.75, 0.1, 0.30000000000000004,
  1e21, 1e-7, -1e-7, 1.5e300, 9007199254740993, 123456789, -0.5, 1000];
const STRINGS = ["", "a", "b", "abc", "ABC", "Abc", "12", " 12 ", "0x1f", "1e3", "-0", "10",
  "9", "true", "null", "é", "É", "café", "CAFÉ", "😀", "a😀b", "US", "us", "CA", "fr",
  "pro", "free", "foo@bar.com", "hello world", "1.2.3", "1.2.3-rc.1+b", "v2.0.0", "1.10.0",
  // case mapping beyond Latin-1: titlecase digraphs, final sigma, dotted I, ß, Deseret (astral)
  "ǅ", "ǆ", "ΟΔΟΣ", "οδος", "straße", "İ", "Ƀ", "𐐀", "𐐨", "Ω"];
const VERSIONS = ["1.2.3", "1.2.3-rc.1+b", "1.2.3-rc.1", "1.2.3-beta", "v1.2.3", "1.10.0",
  "1.9.9", "2.0.0", "2.0", "2", "0.0.1", "1.2.3.4", "10.0.0-alpha.10", "10.0.0-alpha.9", "", "v"];
const KEYS = ["id", "country", "age", "score", "tags", "version", "name", "plan", "user",
  "nested", "flags", "email", "items", "deviceId", "é", "😀", "empty"];
const SUBKEYS = ["a", "b", "c", "age", "name", "tags", "0", "1"];
const GROUP_IDS = ["g1", "g2", "g3", "g4", "g5", "g6", "missing"];

function scalar() {
  const r = rnd();
  if (r < 0.4) return pick(NUMBERS);
  if (r < 0.8) return pick(STRINGS);
  if (r < 0.88) return pick(VERSIONS);
  if (r < 0.95) return chance(0.5);
  return null;
}
function value(depth = 0) {
  const r = rnd();
  if (depth >= 3 || r < 0.7) return scalar();
  if (r < 0.85) return times(rint(0, 4), () => value(depth + 1));
  const o = {};
  for (let i = rint(0, 3); i > 0; i--) o[pick(SUBKEYS)] = value(depth + 1);
  return o;
}
function attributes() {
  const doc = {};
  for (const k of KEYS) if (chance(0.45)) doc[k] = value();
  if (chance(0.7)) doc.id = chance(0.85) ? `u${rint(1, 400)}` : pick(["", 0, 17, true, "é😀"]);
  if (chance(0.3)) doc.deviceId = `d${rint(1, 50)}`;
  if (chance(0.4)) doc.user = { age: pick(NUMBERS), name: pick(STRINGS), tags: times(rint(0, 3), scalar) };
  if (chance(0.3)) doc.nested = { a: { b: { c: scalar(), d: [scalar(), { e: scalar() }] } } };
  if (chance(0.3)) doc.tags = times(rint(0, 4), () => pick(["a", "b", "c", "A", "é", 1, 2, null]));
  if (chance(0.2)) doc.version = pick(VERSIONS);
  return doc;
}
function path() {
  const r = rnd();
  if (r < 0.65) return pick(KEYS);
  if (r < 0.8) return pick(["user.age", "user.name", "user.tags", "user.missing", "tags.0", "tags.length"]);
  return pick(["nested.a.b.c", "nested.a.b.d", "nested.a.b.d.1.e", "nested.a", "id.length", "a.b.c.d.e"]);
}

// ---- targeting the document -----------------------------------------------------------------
// Conditions are generated against the attribute document they will meet (`doc`), so paths
// usually exist and operands are the value found there or a near miss; random paths and
// values keep the rest honest.
let doc = null;
function leaves(x, prefix = "", out = [], depth = 0) {
  if (x === null || typeof x !== "object" || depth > 4) return out;
  for (const [k, v] of Object.entries(x)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push([p, v]);
    leaves(v, p, out, depth + 1);
  }
  return out;
}
function target() {
  if (doc && chance(0.8)) {
    const ls = leaves(doc);
    if (ls.length) return pick(ls);
  }
  return [path(), undefined];
}
const swapCase = (t) => (t === t.toUpperCase() ? t.toLowerCase() : t.toUpperCase());
function like(v) {
  if (v === undefined) return scalar();
  if (chance(0.5)) return v;
  if (typeof v === "number") return pick([v + 1, v - 1, String(v), -v, v / 2]);
  if (typeof v === "string") return pick([swapCase(v), v + "x", v.trim(), Number(v), ` ${v}`, v.slice(1)]);
  if (typeof v === "boolean") return pick([!v, String(v), v ? 1 : 0]);
  return Array.isArray(v) && v.length ? pick(v) : v;
}
const typeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
function withDoc(d, f) {
  const saved = doc;
  doc = d;
  try {
    return f();
  } finally {
    doc = saved;
  }
}

// ---- regexes: literals, ., *, +, ?, [a-z], ^, $, \d only ------------------------------------
function regex() {
  let s = chance(0.3) ? "^" : "";
  for (let i = rint(1, 4); i > 0; i--) {
    s += pick(["a", "b", "c", "1", "2", "é", "É", "u", "s", "U", "S", ".", "[a-z]", "\\d", "\\.", " "]);
    if (chance(0.3)) s += pick(["*", "+", "?"]);
  }
  return s + (chance(0.3) ? "$" : "");
}
// A regex cut from `text` (by code points), with some characters generalised and, when
// `flip`, some letters in the other case.
function regexFrom(text, flip) {
  const cps = Array.from(text);
  if (!cps.length) return regex();
  const i = rint(0, cps.length - 1);
  const j = rint(i + 1, cps.length);
  let out = i === 0 && chance(0.5) ? "^" : "";
  for (const ch of cps.slice(i, j)) {
    const r = rnd();
    let piece;
    if (r < 0.15) piece = ".";
    else if (r < 0.25 && /[a-z]/.test(ch)) piece = "[a-z]";
    else if (r < 0.35 && /\d/.test(ch)) piece = "\\d";
    else if (/[.*+?^${}()|[\]\\/]/.test(ch)) piece = "\\" + ch;
    else piece = flip && chance(0.5) ? swapCase(ch) : ch;
    out += piece;
    if (chance(0.15)) out += pick(["*", "+", "?"]);
  }
  return out + (j === cps.length && chance(0.5) ? "$" : "");
}

// ---- conditions ---------------------------------------------------------------------------
const TYPES = ["string", "number", "boolean", "array", "object", "null", "undefined", "unknown"];
function operatorObject(depth, v) {
  const o = {};
  for (let i = rint(1, chance(0.8) ? 1 : 2); i > 0; i--) {
    const [op, arg] = operator(depth, v);
    o[op] = arg;
  }
  return o;
}
function operator(depth, v) {
  const near = () => (v !== undefined && chance(0.6) ? like(v) : scalar());
  const arr = Array.isArray(v) && v.length ? v : null;
  const list = () => {
    const l = times(rint(0, 4), scalar);
    if (v !== undefined && chance(0.6)) l.splice(rint(0, l.length), 0, like(arr ? pick(arr) : v));
    return l;
  };
  const op = pick(["$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$in", "$nin", "$all",
    "$elemMatch", "$size", "$exists", "$type", "$regex", "$regexi", "$not", "$veq", "$vne",
    "$vgt", "$vgte", "$vlt", "$vlte", "$ini", "$nini", "$alli", "$inGroup", "$notInGroup",
    "$in", "$eq", "$gt", "$regex"]);
  switch (op) {
    case "$eq": case "$ne":
      return [op, chance(0.9) ? near() : value(2)];
    case "$lt": case "$lte": case "$gt": case "$gte":
      return [op, chance(0.9) ? near() : [1]];
    case "$in": case "$nin": case "$ini": case "$nini":
      return [op, chance(0.95) ? list() : pick(["abc", 3, null])];
    case "$all": case "$alli":
      return [op, chance(0.95)
        ? times(rint(0, 3), () => (arr && chance(0.6) ? like(pick(arr)) : condValue(depth + 1)))
        : "a"];
    case "$elemMatch": {
      const el = arr ? pick(arr) : undefined;
      if (chance(0.5)) return [op, operatorObject(depth + 1, el)];
      return [op, withDoc(el !== null && typeof el === "object" ? el : null, () => condition(depth + 1))];
    }
    case "$size":
      if (chance(0.3)) return [op, operatorObject(depth + 1, arr ? arr.length : undefined)];
      return [op, Array.isArray(v) && chance(0.7) ? v.length + pick([0, 0, 1, -1]) : rint(0, 4)];
    case "$exists":
      return [op, chance(0.9) ? chance(0.5) : pick([0, 1, "", "x"])];
    case "$type":
      return [op, v !== undefined && chance(0.5) ? typeOf(v) : pick(TYPES)];
    case "$regex": case "$regexi":
      if (typeof v === "string" && chance(0.75)) return [op, regexFrom(v, chance(op === "$regexi" ? 0.7 : 0.2))];
      return [op, regex()];
    case "$not":
      return [op, condValue(depth + 1, v)];
    case "$inGroup": case "$notInGroup":
      return [op, pick(GROUP_IDS)];
    default: // $v*
      if (typeof v === "string" && chance(0.4)) return [op, like(v)];
      return [op, chance(0.85) ? pick(VERSIONS) : pick([1, 2.5, 10])];
  }
}
function condValue(depth, v) {
  const r = rnd();
  if (depth >= 5 || r < 0.2) return like(v);
  if (r < 0.27) return v !== null && typeof v === "object" && chance(0.6) ? v : value(1); // JSON equality
  if (r < 0.29) return pick([{}, { $gt: 1, a: 2 }, { $unknownOp: 1 }]);
  return operatorObject(depth, v);
}
function condition(depth = 0) {
  const c = {};
  const n = depth >= 5 ? 1 : rint(chance(0.05) ? 0 : 1, chance(0.6) ? 1 : 3);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const sub = () => times(rint(0, depth >= 3 ? 1 : 3), () => condition(depth + 1));
    if (depth < 5 && r < 0.08) c.$or = sub();
    else if (depth < 5 && r < 0.12) c.$nor = sub();
    else if (depth < 5 && r < 0.17) c.$and = sub();
    else if (depth < 5 && r < 0.21) c.$not = condition(depth + 1);
    else if (r < 0.25) c.$savedGroup = savedGroupRef();
    else {
      const [p, v] = target();
      c[p] = condValue(depth + 1, v);
    }
  }
  return c;
}
function savedGroupRef() {
  const ref = { id: pick(GROUP_IDS) };
  if (chance(0.3)) ref.attributeKey = pick(["id", "country", "user.name", "tags"]);
  return ref;
}
function savedGroups() {
  const groups = {};
  for (const id of GROUP_IDS.slice(0, 6)) {
    if (!chance(0.6)) continue;
    const values = times(rint(0, 4), () => (chance(0.5) ? `u${rint(1, 400)}` : scalar()));
    const r = rnd();
    if (r < 0.35) groups[id] = values; // v1: bare array
    else if (r < 0.7) groups[id] = { type: "list", attributeKey: pick(["id", "country", "tags", "user.name"]), values };
    else if (r < 0.9) {
      const cond = condition(3);
      if (chance(0.3)) cond.$savedGroup = { id: pick(GROUP_IDS) }; // possibly cyclic
      groups[id] = { type: "condition", condition: cond };
    } else groups[id] = pick([{ type: "list", attributeKey: "id" }, { type: "future" }, {}, { type: "condition" }]);
  }
  return groups;
}

// ---- assignment primitives ----------------------------------------------------------------
const SEEDS = ["", "s", "seed", "exp-1", "é", "😀", "a😀b", "ns", "checkout-flow", " "];
const hashValue = () => (chance(0.6) ? `u${rint(1, 100000)}` : pick(SEEDS.concat(STRINGS)));
function coverage() {
  const r = rnd();
  if (r < 0.3) return 1;
  if (r < 0.4) return pick([0, 0.5, -0.1, 1.2, -5, 2, 0.99999]);
  return frac(-0.2, 1.2);
}
function weights(n) {
  const r = rnd();
  if (r < 0.3) return null;
  if (r < 0.55) return times(n, () => 1 / n);
  if (r < 0.75) {
    const raw = times(n, () => rnd() + 0.01);
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => Math.round((w / sum) * 1e4) / 1e4);
  }
  if (r < 0.85) return times(n + pick([-1, 1]), () => frac());
  if (r < 0.95) return times(n, (i) => (i === 0 ? 0.5 : frac(0, 0.3)));
  return n === 2 ? pick([[0.5, 0.505], [1.5, -0.5], [0.499, 0.499]]) : times(n, () => 0);
}
function ranges(n) {
  if (chance(0.5)) {
    let acc = 0;
    return times(n, () => {
      const w = frac(0, 1 / n);
      const r = [Math.round(acc * 1e4) / 1e4, Math.round((acc + w) * 1e4) / 1e4];
      acc += 1 / n;
      return r;
    });
  }
  return times(rint(0, n + 1), () => {
    const a = frac();
    return [a, chance(0.8) ? Math.min(1, frac(a, a + 0.6)) : frac()];
  });
}
const namespace = () => {
  const a = frac(0, 0.8);
  return [pick(["ns", "pricing", "é", "checkout"]), a, chance(0.8) ? frac(a, 1) : frac()];
};

// ---- features and experiments ---------------------------------------------------------------
const FEATURE_KEYS = ["f0", "f1", "f2", "f3"];
const featureValue = () => pick([true, false, 0, 1, "on", "off", "", null, { color: "red" }, [1, 2], 2.5]);
function filters() {
  return times(rint(1, 2), () => {
    const f = { seed: pick(SEEDS), ranges: times(rint(1, 2), () => { const a = frac(0, 0.7); return [a, frac(a, 1)]; }) };
    if (chance(0.4)) f.attribute = pick(["id", "deviceId", "country", "missing"]);
    if (chance(0.4)) f.hashVersion = pick([1, 2]);
    return f;
  });
}
function parentConditions(self) {
  return times(rint(1, 2), () => {
    const pc = { id: chance(0.15) ? self : pick(FEATURE_KEYS.concat(["unknownParent"])) };
    pc.condition = pick([{ value: true }, { value: { $exists: true } }, { value: { $ne: null } },
      { value: featureValue() }, { value: { $in: ["on", 1, true] } }, {}]);
    if (chance(0.5)) pc.gate = chance(0.7);
    return pc;
  });
}
function common(target, self) {
  if (chance(0.25)) target.condition = condition(1);
  if (chance(0.3)) target.hashAttribute = pick(["id", "deviceId", "country", "age", "missing"]);
  if (chance(0.2)) target.fallbackAttribute = pick(["deviceId", "id", "missing"]);
  if (chance(0.3)) target.seed = pick(SEEDS);
  if (chance(0.3)) target.hashVersion = pick([1, 2, 2, 3]);
  if (chance(0.15)) target.filters = filters();
  if (chance(0.2)) target.parentConditions = parentConditions(self);
}
function experimentFields(e, self, n) {
  common(e, self);
  if (chance(0.4)) e.weights = weights(n) ?? undefined;
  if (chance(0.4)) e.coverage = coverage();
  if (chance(0.2)) e.namespace = namespace();
  if (chance(0.15)) e.ranges = ranges(n);
  if (chance(0.4)) {
    // meta must cover variation 0 even when n < 2: the SDK reads meta[0].key unguarded.
    e.meta = times(Math.max(n, 1), (i) => {
      const m = { key: chance(0.8) ? pick([`v${i}`, `${i}`, "control", "treatment"]) : "" };
      if (chance(0.3)) m.name = pick(["Control", "Variant é"]);
      if (chance(0.15)) m.passthrough = true;
      return m;
    });
  }
  if (chance(0.2)) e.bucketVersion = rint(0, 2);
  if (chance(0.1)) e.minBucketVersion = rint(0, 2);
  if (chance(0.05)) e.disableStickyBucketing = true;
  if (chance(0.1)) e.name = "Experiment é";
  if (chance(0.1)) e.phase = "1";
  if (e.weights === undefined) delete e.weights;
}
function rule(self) {
  const r = {};
  if (chance(0.6)) r.id = `fr_${rint(1, 99)}`;
  if (chance(0.45)) {
    r.force = featureValue();
    common(r, self);
    if (chance(0.4)) r.coverage = coverage();
    if (chance(0.2)) { const a = frac(0, 0.8); r.range = [a, frac(a, 1)]; }
    return r;
  }
  const n = rint(chance(0.05) ? 1 : 2, 4);
  if (chance(0.7)) r.key = pick(["exp-a", "exp-b", "checkout", "é-exp"]);
  r.variations = times(n, featureValue);
  experimentFields(r, self, n);
  return r;
}
function features() {
  const out = {};
  for (const k of FEATURE_KEYS) {
    if (!chance(0.9)) continue;
    const f = {};
    if (chance(0.85)) f.defaultValue = featureValue();
    if (chance(0.9)) f.rules = times(rint(0, 4), () => rule(k));
    out[k] = f;
  }
  return out;
}
function stickyDocs(attrs) {
  const docs = {};
  for (const attr of ["id", "deviceId"]) {
    if (attrs[attr] === undefined || !chance(0.6)) continue;
    const v = typeof attrs[attr] === "string" ? attrs[attr] : JSON.stringify(attrs[attr]);
    const assignments = {};
    for (const key of ["exp-a", "exp-b", "checkout", "e0", "f0", "f1"]) {
      if (chance(0.4)) assignments[`${key}__${rint(0, 1)}`] = pick(["v0", "v1", "0", "1", "control", "zzz"]);
    }
    docs[`${attr}||${v}`] = { attributeName: attr, attributeValue: v, assignments };
  }
  return docs;
}
// URL targeting (urlPatterns): pages and patterns that exercise hosts, paths, wildcards,
// query parameters, hashes, include:false, regexes and relative URLs.
const URLS = [
  "https://www.shop.example/products/42?utm=ad&ref=x#reviews", "https://shop.example/cart",
  "https://shop.example/CART/", "http://user:pw@shop.example:8080/a/./b/../c?q=%20é",
  "/checkout?step=2", "https://blog.shop.example/posts/hello world", "", "https://x.test/p?e0=2#top",
];
const URL_PATTERNS = [
  "shop.example/cart", "/cart", "/products/*", "*.shop.example/*", "https://shop.example/*",
  "/checkout?step=2", "/x?utm=ad", "/products/42#reviews", "/", "/a/c", "www.shop.example",
  "/posts/hello world", "https://*/*?ref=x",
];
const URL_REGEXES = ["^/products/\\d+", "shop\\.example/cart", "(checkout|cart)$", "^https://", "(["];
function urlPattern() {
  const t = chance(0.7)
    ? { type: "simple", pattern: pick(URL_PATTERNS) }
    : { type: chance(0.95) ? "regex" : "other", pattern: pick(URL_REGEXES) };
  if (chance(0.25)) t.include = chance(0.7) ? false : true;
  return t;
}
function context(withFeatures) {
  const c = { attributes: attributes() };
  doc = c.attributes;
  if (withFeatures) c.features = features();
  if (chance(0.5)) c.savedGroups = savedGroups();
  if (chance(0.15)) c.forcedVariations = { [pick(["exp-a", "e0", "checkout", "f0"])]: rint(-1, 3) };
  if (chance(0.05)) c.forcedFeatureValues = { [pick(FEATURE_KEYS)]: featureValue() };
  if (chance(0.1)) c.url = pick(["https://shop.example/?exp-a=1", "https://x.test/p?e0=2&q=é", "/path?checkout=0#h", "https://a.b/"]);
  if (chance(0.03)) c.qaMode = true;
  if (chance(0.03)) c.enabled = false;
  if (chance(0.1)) c.groups = { beta: chance(0.5), internal: chance(0.5) };
  if (chance(0.25)) c.stickyBucketAssignmentDocs = stickyDocs(c.attributes);
  return c;
}

// ---- requests -----------------------------------------------------------------------------
const makers = {
  evalCondition: () => {
    const attrs = attributes();
    doc = attrs;
    const groups = chance(0.6) ? savedGroups() : {};
    return { op: "evalCondition", condition: condition(0), attributes: attrs, savedGroups: groups };
  },
  hash: () => ({ op: "hash", seed: pick(SEEDS.concat(STRINGS)), value: hashValue(), version: pick([1, 2, 2, 3, 1]) }),
  getBucketRange: () => {
    const n = rint(0, 5) || rint(0, 5);
    return { op: "getBucketRange", numVariations: n, coverage: coverage(), weights: weights(Math.max(n, 1)) };
  },
  chooseVariation: () => {
    const n = chance(0.3) ? pick([0, 0.5, 1, 0.25, 0.3333333333333333, 0.9999]) : frac();
    return { op: "chooseVariation", n, ranges: ranges(rint(1, 4)) };
  },
  inNamespace: () => ({ op: "inNamespace", hashValue: hashValue(), namespace: namespace() }),
  // n stays within the protocol limit (integer 0..1000, docs/conformance.md).
  getEqualWeights: () => ({ op: "getEqualWeights", n: rint(0, 12) }),
  feature: () => ({ op: "feature", context: context(true), featureKey: chance(0.92) ? pick(FEATURE_KEYS) : "nope" }),
  run: () => {
    const c = context(chance(0.3));
    const n = rint(0, 4) || rint(0, 4);
    const e = { key: pick(["e0", "exp-a", "checkout", "é"]), variations: times(n, featureValue) };
    experimentFields(e, "none", n);
    if (chance(0.05)) e.force = rint(-1, 3);
    if (chance(0.05)) e.status = pick(["draft", "running", "stopped"]);
    if (chance(0.03)) e.active = false;
    if (chance(0.08)) e.groups = pick([["beta"], ["beta", "internal"], []]);
    if (chance(0.25)) {
      e.urlPatterns = times(rint(0, 3), urlPattern);
      if (chance(0.8)) c.url = pick(URLS);
    }
    return { op: "run", context: c, experiment: e };
  },
};

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`conformance-cases: ${e.message}\n`);
    process.exit(2);
  }
  rnd = mulberry32(seedToInt(String(args.seed)));
  const table = args.ops.map((op) => [op, ALL_OPS[op]]);
  const total = table.reduce((s, [, w]) => s + w, 0);
  let buf = "";
  for (let i = 0; i < args.count; i++) {
    let x = rnd() * total;
    let op = table[table.length - 1][0];
    for (const [name, w] of table) {
      if ((x -= w) < 0) { op = name; break; }
    }
    buf += JSON.stringify(makers[op]()) + "\n";
    if (buf.length > 1 << 16) { process.stdout.write(buf); buf = ""; }
  }
  process.stdout.write(buf);
}
main();
