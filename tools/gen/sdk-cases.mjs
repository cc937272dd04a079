#!/usr/bin/env node
// sdk-cases.mjs — deterministic random request lines for the SDK decide protocol
// (docs/conformance.md "SDK module differential": `tailor decide --lines` against
// web/sdk/bin/tailor-sdk-decide.mjs, i.e. native against the shipped tailor_sdk.wasm).
//
// Usage:
//   node tools/gen/sdk-cases.mjs --seed 3 --count 100000 > /tmp/sdk-cases.jsonl
//
// The cases are the random conformance cases of tools/gen/conformance-cases.mjs (same --seed,
// all ops, read until --count requests are written), each turned into a config document plus
// attributes:
//   feature        context.features/savedGroups -> config; attributes; sticky documents; the
//                  feature key is explained (tailor_explain) half of the time
//   run            the experiment -> config.experiments (and the context's features, if any)
//   evalCondition  a feature whose one rule forces true under the condition (saved groups in
//                  the config): its value is the condition's truth
//   hash           an experiment rule with the seed and hash version, hashing the value as the
//                  attribute "v": experiment.bucket is the hash
//   inNamespace    an experiment rule in the namespace, hashing the value
//   getBucketRange, getEqualWeights
//                  an experiment rule with those variations, coverage and weights, for a
//                  random user: the variation shows which range the hash fell in
//   chooseVariation  skipped: its n is an arbitrary number, and a config reaches it only
//                  through a user's hash
// Context fields a config document has no place for (forcedVariations, forcedFeatureValues,
// url, qaMode, enabled, groups) are dropped, and counted.
// Then numbers, the point of this test (the SDK's module turns number <-> text through its
// JavaScript host): features whose values, variations, thresholds and hash attributes are
// awkward doubles (shortest round-trip digits, 1e21, denormals, 2^53 + 1, random bit
// patterns), numeric-looking strings compared with numbers, config literals JSON.stringify
// never writes (1E2, -0.0, 1e-400, 25-digit integers, exact halfway cases), integer-like
// feature keys, segments (logistic scores are full-precision doubles) and event batches with
// fractional values. Every number is finite in JSON text (1e400 appears only as a literal).
//
// Also what once differed (docs/conformance.md "Differences found and fixed"): exact powers of
// two (2^-24, 2^89, 2^-1017, random 2^k), 46 of which the native core printed with 17 digits
// where String(d) has 16; experiments hashing the attribute "segments" in a config with
// segments (decideAll() reported the page's "segments" as hashValue, not the scores hashed),
// with and without a "segments" attribute from the page; and explain() of a feature key with a
// lone surrogate (the SDK's TextEncoder wrote U+FFFD for it).
//
// The summary (cases generated, translated and skipped by op and reason, fields dropped) goes
// to stderr. Same arguments, same bytes: conformance-cases.mjs is deterministic and the
// additions use their own mulberry32 stream seeded from --seed.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

function parseArgs(argv) {
  const args = { seed: "1", count: 100 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--seed") args.seed = next();
    else if (a === "--count") args.count = Number(next());
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: sdk-cases.mjs --seed S --count N\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.count) || args.count < 0) throw new Error("--count: expected N >= 0");
  return args;
}

// ---- PRNG (as conformance-cases.mjs) -------------------------------------------------------
function seedToInt(s) {
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

// ---- numbers -------------------------------------------------------------------------------
// A literal written into the JSON text as is: lit("1E2") becomes 1E2 in the request line.
// (A string marker that JSON.stringify writes as "\u0000lit:1E2", replaced after.)
const LIT = "\u0000lit:";
const lit = (text) => LIT + text;
const LIT_RE = /"\\u0000lit:([^"]*)"/g;
const litValue = (v) => (typeof v === "string" && v.startsWith(LIT) ? Number(v.slice(LIT.length)) : v);

// Doubles whose shortest text is awkward: both ends of plain notation (1e21, 1e-7), denormals,
// the largest and smallest normals, round-trip ties, integers past 2^53.
const TRICKY = [0.1, 0.2, 0.30000000000000004, 1 / 3, 2 / 3, 4.35, 0.1 + 0.7, 1e21, 1e20,
  999999999999999900000, 1.0000000000000002e21, 1e-7, 1e-6, 0.000001234, 1.5e-7, 123e-20, 5e-324,
  1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 4.9406564584124654e-320,
  1.7976931348623157e308, -1.5e-9, 9007199254740991, 9007199254740992, 9007199254740994,
  123456789012345680000, 1.2345678901234567e-300, 0.5, 1.5, -2.5, 100, 0, -1, 12, 1e300,
  1.7976931348623155e308, 5.551115123125783e-17, 2.220446049250313e-16, 0.1 * 3, 1.005, 8.41e21,
  -4.35e-3, 1234.5678, 3.141592653589793, 2.718281828459045, 1e16, 12345678.9];
// Literals JSON.stringify never writes; the module's host parses them (Number(text)).
const LITERALS = ["1E2", "-0", "-0.0", "0.1e1", "1e-400", "-1e-400", "1e400", "-1e400",
  "12345678901234567890123", "2.4703282292062328e-324", "2.4703282292062327e-324", "4.9e-324",
  "1.00000000000000011102230246251565404236316680908203125", "9007199254740993",
  "0.30000000000000004441", "1.7976931348623158e308", "1E+21", "999999999999999999999",
  "100e-2", "5e-1", "123456789012345678901234567890e-10", "0.0000000000000000000000000000000000001",
  "2.2250738585072011e-308", "0.10000000000000000555", "1e-7", "4.350", "7E-10", "-0e5"];
// Strings that ToNumber reads (or refuses) around the number grammar.
const NUMERIC_STRINGS = [" 1e21 ", "0x1F", "0b101", "0o17", "1e-400", "4.9e-324",
  "2.4703282292062328e-324", "123456789012345678901234567890", ".5", "5.", "-0", "+1", "1_000",
  "Infinity", "-Infinity", "1e", "\u00a012\u2028", "\u0661\u0662", "0.1e1", "9007199254740993",
  "00012", "-.5e-3", "0.30000000000000004", "1e21", "", " ", "0X1f", "1e+21", "12abc", "0.1"];

function powerOfTwo() {
  return pick([2 ** -24, 2 ** 89, 2 ** -1017, 2 ** rint(-1074, 1023)]);
}
// Any finite double, from 64 random bits.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
function randomDouble() {
  do {
    words[0] = Math.floor(rnd() * 2 ** 32);
    words[1] = Math.floor(rnd() * 2 ** 32);
  } while (!Number.isFinite(bits[0]));
  return bits[0];
}
function number() {
  const r = rnd();
  if (r < 0.45) return pick(TRICKY) * (chance(0.15) ? -1 : 1);
  if (r < 0.6) return lit(pick(LITERALS));
  if (r < 0.75) return randomDouble();
  if (r < 0.85) return Number((rnd() * 10 ** rint(-8, 22)).toPrecision(rint(1, 17)));
  if (r < 0.9) return powerOfTwo() * (chance(0.2) ? -1 : 1);
  return rint(-1000, 100000);
}
function numberValue(depth = 0) {
  const r = rnd();
  if (depth < 2 && r < 0.1) return times(rint(0, 3), () => numberValue(depth + 1));
  if (depth < 2 && r < 0.18) return { n: numberValue(depth + 1), s: pick(["a", "é"]) };
  return number();
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

// ---- translation of conformance cases --------------------------------------------------------
const DROPPED = ["forcedVariations", "forcedFeatureValues", "url", "qaMode", "enabled", "groups"];
const stats = { generated: {}, translated: {}, skipped: {}, dropped: {}, repaired: {}, enriched: {} };
const count = (table, key) => (table[key] = (table[key] ?? 0) + 1);

function fromContext(context, config) {
  if (context.features) config.features = context.features;
  if (context.savedGroups) config.savedGroups = context.savedGroups;
  for (const f of DROPPED) if (f in context) count(stats.dropped, f);
  const request = { config, attributes: context.attributes };
  if (context.stickyBucketAssignmentDocs) request.sticky = context.stickyBucketAssignmentDocs;
  else if (chance(0.15)) request.sticky = chance(0.8) ? {} : null;
  return request;
}

function experimentRule(fields) {
  return { key: pick(["h", "exp-a", "é"]), hashAttribute: "v", ...fields };
}

const translators = {
  feature(c) {
    const request = fromContext(c.context, {});
    if (chance(0.5)) request.explain = [c.featureKey];
    return request;
  },
  run(c) {
    return fromContext(c.context, { experiments: [c.experiment] });
  },
  evalCondition(c) {
    const config = { features: { condition: { defaultValue: false, rules: [{ condition: c.condition, force: true }] } } };
    if (Object.keys(c.savedGroups ?? {}).length || chance(0.5)) config.savedGroups = c.savedGroups;
    const request = { config, attributes: c.attributes };
    if (chance(0.2)) request.explain = ["condition"];
    return request;
  },
  hash(c) {
    const rule = experimentRule({ seed: c.seed, hashVersion: c.version, variations: [0, 1] });
    return { config: { features: { hash: { defaultValue: null, rules: [rule] } } }, attributes: { v: c.value } };
  },
  inNamespace(c) {
    const rule = experimentRule({ namespace: c.namespace, variations: ["a", "b"] });
    return { config: { features: { namespace: { defaultValue: "out", rules: [rule] } } }, attributes: { v: c.hashValue } };
  },
  getBucketRange(c) {
    const rule = experimentRule({ coverage: c.coverage, variations: times(c.numVariations, number) });
    if (c.weights !== null) rule.weights = c.weights;
    return { config: { features: { ranges: { defaultValue: "none", rules: [rule] } } }, attributes: { v: `u${rint(1, 100000)}` } };
  },
  getEqualWeights(c) {
    const rule = experimentRule({ variations: times(c.n, (i) => i) });
    return { config: { features: { equal: { defaultValue: -1, rules: [rule] } } }, attributes: { v: `u${rint(1, 100000)}` } };
  },
};
const SKIPPED = {
  chooseVariation: "chooseVariation: its n is arbitrary; a config reaches it only through a hash",
};

// ---- repairs: what setConfig refuses (core/config/validate.h) ---------------------------------
// The conformance cases are adversarial on purpose (GrowthBook evaluates what it is given); the
// SDK's setConfig refuses a config that breaks Tailor's contract. Each such member is mended or
// dropped, counted by kind, so that the decisions, not the refusal, are compared; 4% of the
// configs are left as they are, so that the refusal is compared too.
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isUnit = (v) => typeof v === "number" && v >= 0 && v <= 1;
const clampUnit = (v) => Math.min(1, Math.max(0, v));
const OPERAND_ANY = new Set(["$eq", "$ne", "$lt", "$lte", "$gt", "$gte", "$veq", "$vne", "$vgt",
  "$vgte", "$vlt", "$vlte", "$exists"]);
const OPERAND_LIST = new Set(["$in", "$nin", "$ini", "$nini", "$all", "$alli"]);
const TYPE_NAMES = new Set(["string", "number", "boolean", "array", "object", "null", "undefined"]);

function regexOk(source, flags) {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

class Repairer {
  constructor(config) {
    this.config = config;
    if (config.savedGroups !== undefined && !isObject(config.savedGroups)) this.fix("savedGroups", () => delete config.savedGroups);
  }
  fix(kind, f) {
    count(stats.repaired, kind);
    f();
  }
  // An undefined group named by a condition becomes an empty list (v1).
  group(id) {
    if (typeof id !== "string") return false;
    const groups = (this.config.savedGroups ??= {});
    if (!(id in groups)) this.fix("saved group added for a reference", () => (groups[id] = []));
    return true;
  }
  strings(o, names) {
    for (const n of names) if (n in o && typeof o[n] !== "string") this.fix(`${n} not a string`, () => delete o[n]);
  }
  bools(o, names) {
    for (const n of names) if (n in o && typeof o[n] !== "boolean") this.fix(`${n} not a boolean`, () => delete o[n]);
  }
  range(r) {
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === "number")) return null;
    if (isUnit(r[0]) && isUnit(r[1]) && r[0] <= r[1]) return r;
    count(stats.repaired, "range outside [0, 1] or reversed");
    const [a, b] = r.map(clampUnit);
    return [Math.min(a, b), Math.max(a, b)];
  }
  ranges(o, name, n) {
    if (!(name in o)) return;
    const rs = Array.isArray(o[name]) ? o[name].map((r) => this.range(r)) : null;
    if (!rs || rs.includes(null) || (n !== undefined && rs.length !== n)) {
      this.fix(`${name} malformed or not one per variation`, () => delete o[name]);
    } else o[name] = rs;
  }
  condition(c) {
    if (!isObject(c)) return {};
    for (const [k, v] of Object.entries(c)) {
      if (k === "$or" || k === "$nor" || k === "$and") {
        if (!Array.isArray(v)) this.fix("logic operand not an array", () => delete c[k]);
        else c[k] = v.map((x) => this.condition(x));
      } else if (k === "$not") {
        c[k] = this.condition(v);
      } else if (k === "$savedGroup") {
        if (!isObject(v) || !this.group(v.id)) this.fix("$savedGroup malformed", () => delete c[k]);
        else this.strings(v, ["attributeKey"]);
      } else {
        this.valueCondition(v);
      }
    }
    return c;
  }
  valueCondition(v) {
    if (!isObject(v) || !Object.keys(v).length || !Object.keys(v).every((k) => k.startsWith("$"))) return;
    for (const [op, operand] of Object.entries(v)) {
      let ok = true;
      if (OPERAND_ANY.has(op)) ok = true;
      else if (OPERAND_LIST.has(op)) ok = Array.isArray(operand);
      else if (op === "$regex" || op === "$regexi") {
        ok = typeof operand === "string" && regexOk(operand, op === "$regexi" ? "i" : "");
      } else if (op === "$type") ok = TYPE_NAMES.has(operand);
      else if (op === "$size") ok = typeof operand === "number" || (this.valueCondition(operand), true);
      else if (op === "$not") this.valueCondition(operand);
      else if (op === "$elemMatch") {
        ok = isObject(operand);
        if (ok) {
          const ops = Object.keys(operand).length && Object.keys(operand).every((k) => k.startsWith("$"));
          if (ops) this.valueCondition(operand);
          else this.condition(operand);
        }
      } else if (op === "$inGroup" || op === "$notInGroup") ok = this.group(operand);
      else ok = false;
      if (!ok) this.fix(`${op} operand or unknown operator`, () => delete v[op]);
    }
  }
  common(r) {
    this.strings(r, ["key", "seed", "hashAttribute", "fallbackAttribute", "name", "phase"]);
    if ("coverage" in r && !isUnit(r.coverage)) {
      this.fix("coverage outside [0, 1]", () => (typeof r.coverage === "number" ? (r.coverage = clampUnit(r.coverage)) : delete r.coverage));
    }
    if ("hashVersion" in r && r.hashVersion !== 1 && r.hashVersion !== 2) this.fix("hashVersion not 1 or 2", () => delete r.hashVersion);
    if ("condition" in r) r.condition = this.condition(r.condition);
    if ("parentConditions" in r) {
      if (!Array.isArray(r.parentConditions)) this.fix("parentConditions malformed", () => delete r.parentConditions);
      else {
        r.parentConditions = r.parentConditions.filter((p) => isObject(p) && typeof p.id === "string" && "condition" in p);
        for (const p of r.parentConditions) {
          this.bools(p, ["gate"]);
          p.condition = this.condition(p.condition);
        }
      }
    }
    if ("filters" in r) {
      if (!Array.isArray(r.filters)) this.fix("filters malformed", () => delete r.filters);
      else {
        r.filters = r.filters.filter((f) => isObject(f) && "ranges" in f);
        for (const f of r.filters) {
          this.strings(f, ["seed", "attribute"]);
          if ("hashVersion" in f && f.hashVersion !== 1 && f.hashVersion !== 2) this.fix("hashVersion not 1 or 2", () => delete f.hashVersion);
          this.ranges(f, "ranges");
          f.ranges ??= [];
        }
      }
    }
  }
  experiment(e, topLevel) {
    if (topLevel && (typeof e.key !== "string" || !e.key)) this.fix("experiment key missing", () => (e.key = "e"));
    if (!Array.isArray(e.variations)) this.fix("variations not an array", () => (e.variations = []));
    const n = e.variations.length;
    this.common(e);
    if ("weights" in e && !(Array.isArray(e.weights) && e.weights.length === n &&
        e.weights.every((w) => typeof w === "number" && w >= 0))) {
      this.fix("weights malformed or not one per variation", () => delete e.weights);
    }
    if ("namespace" in e) {
      const ns = e.namespace;
      const r = Array.isArray(ns) && ns.length === 3 && typeof ns[0] === "string" ? this.range([ns[1], ns[2]]) : null;
      if (!r) this.fix("namespace malformed", () => delete e.namespace);
      else e.namespace = [ns[0], ...r];
    }
    this.ranges(e, "ranges", n);
    if ("meta" in e) {
      if (!Array.isArray(e.meta)) this.fix("meta malformed", () => delete e.meta);
      else {
        e.meta = e.meta.map((m) => (isObject(m) ? m : {}));
        for (const m of e.meta) {
          this.strings(m, ["key", "name"]);
          this.bools(m, ["passthrough"]);
        }
      }
    }
    for (const name of ["bucketVersion", "minBucketVersion"]) {
      if (name in e && !(Number.isInteger(e[name]) && e[name] >= 0)) this.fix(`${name} not a count`, () => delete e[name]);
    }
    this.bools(e, ["disableStickyBucketing", "active"]);
    this.strings(e, ["status"]);
    if ("urlPatterns" in e) {
      if (!Array.isArray(e.urlPatterns)) this.fix("urlPatterns malformed", () => delete e.urlPatterns);
      else {
        const before = e.urlPatterns.length;
        e.urlPatterns = e.urlPatterns.filter((u) => isObject(u) && (u.type === "regex" || u.type === "simple") &&
          typeof u.pattern === "string" && (u.type !== "regex" || regexOk(u.pattern, "")));
        if (e.urlPatterns.length < before) count(stats.repaired, "url pattern malformed or invalid regex");
        for (const u of e.urlPatterns) this.bools(u, ["include"]);
      }
    }
  }
  rule(r) {
    this.strings(r, ["id"]);
    if ("range" in r) {
      const range = this.range(r.range);
      if (!range) this.fix("range malformed", () => delete r.range);
      else r.range = range;
    }
    if ("variations" in r) this.experiment(r, false);
    else this.common(r);
  }
  run() {
    const c = this.config;
    for (const f of Object.values(c.features ?? {})) {
      if (!isObject(f)) continue;
      if ("rules" in f && !Array.isArray(f.rules)) this.fix("rules not an array", () => delete f.rules);
      if (Array.isArray(f.rules)) {
        f.rules = f.rules.filter((r) => isObject(r));
        for (const r of f.rules) this.rule(r);
      }
    }
    for (const e of Array.isArray(c.experiments) ? c.experiments : []) if (isObject(e)) this.experiment(e, true);
    // Groups last: conditions above may have added some; a group's own condition may add more.
    const groups = c.savedGroups ?? {};
    for (const id of Object.keys(groups)) {
      const g = groups[id];
      if (Array.isArray(g)) continue;
      if (isObject(g) && g.type === "list" && Array.isArray(g.values)) this.strings(g, ["attributeKey"]);
      else if (isObject(g) && g.type === "condition" && "condition" in g) g.condition = this.condition(g.condition);
      else this.fix("saved group malformed", () => (groups[id] = []));
    }
  }
}

function repair(request) {
  if (chance(0.04)) {
    count(stats.repaired, "(configs left unrepaired)");
    return request;
  }
  new Repairer(request.config).run();
  return request;
}

// ---- numbers, segments and events added to a translated case ---------------------------------
const FEATURE_KEYS = ["num", "0", "7", "10", "4294967294", "4294967295", "01", "-1", "1.5", "ß"];

// Replaces some feature values of the config (defaults, forces, variations) by numbers.
function numberValues(config) {
  for (const f of Object.values(config.features ?? {})) {
    if (f === null || typeof f !== "object") continue;
    if ("defaultValue" in f && chance(0.3)) f.defaultValue = numberValue();
    for (const r of Array.isArray(f.rules) ? f.rules : []) {
      if (r === null || typeof r !== "object") continue;
      if ("force" in r && chance(0.3)) r.force = numberValue();
      if (Array.isArray(r.variations) && chance(0.3)) r.variations = r.variations.map(() => numberValue());
    }
  }
}

// A feature that decides on numbers: a numeric hash attribute (hashed as String(x)), number
// thresholds, regexes on String(x), ToNumber of numeric-looking strings.
function numberFeature(request) {
  const a = (request.attributes = { ...request.attributes });
  a.x = chance(0.85) ? number() : pick(NUMERIC_STRINGS);
  a.s = chance(0.8) ? pick(NUMERIC_STRINGS) : number();
  const x = litValue(a.x);
  const rules = [];
  const n = rint(1, 4);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.3) {
      rules.push({ key: pick(["num-exp", "x-exp"]), hashAttribute: "x", hashVersion: pick([1, 2]),
        seed: pick(["", "s", "é"]), variations: times(rint(2, 3), () => numberValue()) });
    } else if (r < 0.5) {
      const op = pick(["$gt", "$gte", "$lt", "$lte", "$eq", "$ne"]);
      const t = chance(0.4) && typeof x === "number" ? x : number();
      rules.push({ condition: { [pick(["x", "s"])]: { [op]: t } }, force: numberValue() });
    } else if (r < 0.7) {
      const text = typeof x === "number" ? String(x) : String(x);
      const cut = chance(0.5) ? escapeRegex(text) : escapeRegex(text.slice(0, rint(0, text.length)));
      rules.push({ condition: { x: { [pick(["$regex", "$regexi"])]: `^${cut}${chance(0.5) ? "$" : ""}` } }, force: numberValue() });
    } else if (r < 0.8) {
      rules.push({ condition: { x: { $in: [x, String(x), number(), pick(NUMERIC_STRINGS)] } }, force: numberValue() });
    } else if (r < 0.9) {
      rules.push({ condition: { [pick(["x", "s"])]: { [pick(["$veq", "$vgt", "$vlt"])]: String(litValue(number())) } }, force: numberValue() });
    } else {
      const coverage = Math.abs(litValue(number())) % 1; // a rollout of awkward size, in [0, 1)
      rules.push({ force: numberValue(), coverage: Number.isFinite(coverage) ? coverage : 0.5, hashAttribute: "x" });
    }
  }
  const features = (request.config.features = { ...(request.config.features ?? {}) });
  features[pick(FEATURE_KEYS)] = { defaultValue: numberValue(), rules };
}

function segments(request) {
  const a = (request.attributes = { ...request.attributes });
  for (const k of ["r", "f", "m"]) if (chance(0.85)) a[k] = chance(0.9) ? number() : pick(NUMERIC_STRINGS);
  // Four ascending cut points (now and then not: set_config's error is the answer).
  const asc = () => {
    const xs = times(4, () => litValue(number())).filter(Number.isFinite);
    if (chance(0.05)) return xs;
    const up = [...new Set(xs)];
    for (const c of [-1e300, 0, 1, 1e6, 1e300, 1.7976931348623157e308]) {
      if (up.length < 4 && !up.includes(c)) up.push(c);
    }
    return up.sort((p, q) => p - q);
  };
  const list = [];
  const keys = ["churn", "p", "rfm", "shopper", "vip", "é"];
  for (let i = rint(1, 3); i > 0; i--) {
    const type = pick(["logistic", "logistic", "rfm", "kmeans", "rule"]);
    // Distinct keys (a repeated key fails set_config) except now and then.
    const key = chance(0.03) ? pick(keys) : keys.splice(rint(0, keys.length - 1), 1)[0];
    if (type === "logistic") {
      list.push({ key, type, intercept: number(), coefficients: times(rint(0, 3), () =>
        ({ attribute: pick(["r", "f", "m", "x", "missing"]), weight: number() })) });
    } else if (type === "rfm") {
      list.push({ key, type, recency: "r", frequency: "f", monetary: "m",
        recencyBins: asc(), frequencyBins: asc(), monetaryBins: asc() });
    } else if (type === "kmeans") {
      const n = rint(1, 3);
      const vec = () => times(n, () => number());
      list.push({ key, type, features: times(n, () => pick(["r", "f", "m", "x"])), mean: vec(),
        scale: vec(), centroids: times(rint(1, 3), (j) => ({ name: `c${j}`, center: vec() })) });
    } else {
      list.push({ key, type, condition: { r: { [pick(["$gt", "$lt"])]: number() } } });
    }
  }
  request.config.segments = list;
  // Decisions see the scores as the attribute "segments".
  const features = (request.config.features = { ...(request.config.features ?? {}) });
  const seg = pick(list).key;
  features[pick(["seg", "5"])] = { defaultValue: numberValue(), rules: [
    { condition: { [`segments.${seg}`]: { [pick(["$gte", "$lt", "$eq"])]: number() } }, force: numberValue() },
    // Hashing "segments" hashes the scores, whatever the page passed as "segments".
    { key: "seg-exp", hashAttribute: pick(["x", "r", "segments"]),
      variations: [number(), number()] }] };
  // The page's own "segments" attribute, which the scores replace.
  if (chance(0.5)) a.segments = pick(["zzz", 1.5, { p: 1 }]);
}

function events(request) {
  const users = ["u1", "u2", "é😀"];
  const experiments = ["exp-a", "checkout", "num-exp"];
  request.events = times(rint(1, 8), (i) => {
    const type = pick(["exposure", "exposure", "conversion", "custom"]);
    const e = { id: `e${i}`, type, ts: pick([0, 1, 1700000000000 + rint(0, 1e7), 9e15]), user: pick(users) };
    if (type === "exposure") {
      e.experiment = pick(experiments);
      e.variant = pick(["0", "1", "control"]);
    } else {
      e.name = pick(["purchase", "view", "num-exp"]);
      if (chance(0.8)) e.value = litValue(number());
      if (chance(0.3)) e.attributes = { n: litValue(number()), list: [litValue(number()), "a"] };
    }
    // Now and then an invalid event: the module's message is part of the answer.
    if (chance(0.05)) Object.assign(e, pick([{ ts: 1.5 }, { value: "1" }, { extra: 1 }, { user: "" }, { type: "x" }]));
    if (e.value !== undefined && !Number.isFinite(e.value)) e.value = 0;
    return e;
  });
  if (chance(0.5)) {
    request.config = { ...request.config, events: { batchSize: rint(1, 5), flushIntervalMs: pick([0, 1000, 5000]),
      maxPending: rint(1, 6), frequencyCaps: times(rint(0, 2), () => (chance(0.5)
        ? { experiment: pick(experiments), max: rint(1, 2), windowMs: rint(1, 1e7) }
        : { event: pick(["purchase", "view"]), max: rint(1, 2), windowMs: rint(1, 1e7) })) } };
    if (chance(0.03)) request.config.events.batchSize = 0; // invalid: set_config fails
  }
  if (chance(0.7)) request.now = pick([0, 1700000005000, rint(0, 1e13)]);
  if (chance(0.5)) request.take = rint(0, 10);
}

function enrich(request) {
  if (chance(0.25)) {
    count(stats.enriched, "number values");
    numberValues(request.config);
  }
  if (chance(0.5)) {
    count(stats.enriched, "number feature");
    numberFeature(request);
  }
  if (chance(0.12)) {
    count(stats.enriched, "segments");
    segments(request);
  }
  if (chance(0.1)) {
    count(stats.enriched, "events");
    events(request);
  }
  if (chance(0.02)) {
    // A feature key with a lone surrogate, explained: the SDK must pass the key to the module
    // as WTF-8, as the module's parser keeps it in the config (not TextEncoder's U+FFFD).
    request.config.features = { ...(request.config.features ?? {}), "\ud800k": { defaultValue: 1 } };
    request.explain = [...(request.explain ?? []), "\ud800k"];
  }
  return request;
}

// ---- main ----------------------------------------------------------------------------------
async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sdk-cases: ${e.message}\n`);
    process.exit(2);
  }
  rnd = mulberry32(seedToInt(`sdk-cases:${args.seed}`));
  const gen = fileURLToPath(new URL("conformance-cases.mjs", import.meta.url));
  // conformance-cases.mjs writes the same cases for any --count, only more or fewer: ask for
  // more than enough and stop reading once --count requests are written.
  const child = spawn(process.execPath, [gen, "--seed", String(args.seed), "--count", String(2 * args.count + 100)],
    { stdio: ["ignore", "pipe", "inherit"] });
  let stopped = false;
  const exited = new Promise((resolve) => child.on("close", (code) => resolve(stopped ? 0 : code)));
  let buf = "";
  let translated = 0;
  let generated = 0;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (translated === args.count) {
      stopped = true;
      child.kill();
      break;
    }
    generated += 1;
    const c = JSON.parse(line);
    count(stats.generated, c.op);
    if (!translators[c.op]) {
      count(stats.skipped, SKIPPED[c.op] ?? `${c.op}: no translation`);
      continue;
    }
    count(stats.translated, c.op);
    translated += 1;
    buf += JSON.stringify(enrich(repair(translators[c.op](c)))).replace(LIT_RE, "$1") + "\n";
    if (buf.length > 1 << 16) {
      if (!process.stdout.write(buf)) await new Promise((r) => process.stdout.once("drain", r));
      buf = "";
    }
  }
  process.stdout.write(buf);
  const code = await exited;
  if (translated < args.count) {
    process.stderr.write(`sdk-cases: only ${translated} of ${args.count} cases translated\n`);
    process.exit(1);
  }
  if (code !== 0) {
    process.stderr.write(`sdk-cases: conformance-cases.mjs exited with ${code}\n`);
    process.exit(1);
  }
  const fmt = (t) => Object.entries(t).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  const skipped = Object.values(stats.skipped).reduce((s, v) => s + v, 0);
  process.stderr.write(
    `sdk-cases: read ${generated} conformance cases (${fmt(stats.generated)})\n` +
      `sdk-cases: translated ${translated}, the requests written (${fmt(stats.translated)})\n` +
      `sdk-cases: skipped ${skipped} (${fmt(stats.skipped)})\n` +
      `sdk-cases: context fields dropped (no config counterpart): ${fmt(stats.dropped)}\n` +
      `sdk-cases: members mended or dropped for setConfig (core/config/validate.h): ${fmt(stats.repaired)}\n` +
      `sdk-cases: added to translated cases: ${fmt(stats.enriched)}\n`,
  );
}
await main();
