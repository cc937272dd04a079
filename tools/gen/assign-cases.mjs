#!/usr/bin/env node
// assign-cases.mjs — one-off generator of tests/data/assign_cases.json, the golden vectors for
// core/assign (hashing, bucketing, feature and experiment evaluation).
//
// The expected answers come from GrowthBook's own JavaScript SDK v1.8.0, an independent
// implementation, imported from a scratch install outside the repository:
//   (cd /tmp/gb && npm install @growthbook/growthbook@1.8.0)
//   node tools/gen/assign-cases.mjs [/tmp/gb/node_modules/@growthbook/growthbook/dist/esm]
//        > tests/data/assign_cases.json
// The repository never depends on that install: the generated JSON is committed and the C++
// tests read only it. Re-run only to add cases.
//
// Case kinds:
//   hash    {seed, value, version}                  -> expected: number | null
//   ranges  {numVariations, coverage, weights}      -> expected: [[a, b], ...]
//   qs      {id, url, numVariations}                -> expected: int | null
//   feature {context, featureKey}                   -> expected: JSON.stringify(FeatureResult),
//                                                      docs: JSON.stringify(sticky docs after)
//   run     {context, experiment}                   -> expected: JSON.stringify(Result), docs
// Sticky bucketing is on iff the context has stickyBucketAssignmentDocs (as in evaluate.h).
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NODE_ENV = "production";
const esm = process.argv[2] || "/tmp/gb/node_modules/@growthbook/growthbook/dist/esm";
const load = (f) => import(pathToFileURL(path.join(esm, f)).href);
const util = await load("util.mjs");
const core = await load("core.mjs");

function makeCtx(c) {
  const sticky = c.stickyBucketAssignmentDocs !== undefined;
  return {
    global: {
      features: c.features ?? {},
      savedGroups: c.savedGroups ?? {},
      forcedVariations: c.forcedVariations ?? {},
      forcedFeatureValues: new Map(Object.entries(c.forcedFeatureValues ?? {})),
      enabled: c.enabled,
      qaMode: c.qaMode,
      groups: c.groups,
      log() {},
    },
    user: {
      attributes: c.attributes ?? {},
      url: c.url ?? "",
      stickyBucketAssignmentDocs: sticky ? JSON.parse(JSON.stringify(c.stickyBucketAssignmentDocs)) : undefined,
      saveStickyBucketAssignmentDoc: sticky ? () => {} : undefined,
    },
    stack: { evaluatedFeatures: new Set() },
  };
}

const cases = [];
const add = (kind, name, input, extra = {}) => cases.push({ kind, name, ...input, ...extra });

// ---- hash ---------------------------------------------------------------------------------
const hashValues = ["", "a", "abc", "123", "user-1", "é", "日本語", "🎉", "Ω≈ç√", "a\u0000b", "x".repeat(300)];
for (const seed of ["", "seed", "exp-1", "ñ"]) {
  for (const value of hashValues) {
    for (const version of [1, 2, 3]) {
      add("hash", `hash ${JSON.stringify(seed)} ${JSON.stringify(value)} v${version}`,
        { seed, value, version }, { expected: util.hash(seed, value, version) });
    }
  }
}

// ---- ranges -------------------------------------------------------------------------------
const rangeInputs = [
  [2, 1, undefined], [3, 1, undefined], [2, 0.5, [0.3, 0.7]], [2, -0.2, undefined],
  [2, 1.7, [0.5, 0.5]], [3, 1, [0.5, 0.5]], [2, 1, [0.4, 0.4]], [2, 1, [0.6, 0.405]],
  [2, 1, [0.6, 0.4099]], [4, 0.25, [0.1, 0.2, 0.3, 0.4]], [0, 1, undefined], [1, 0, [1]],
  [3, 0.999, [0.333, 0.333, 0.334]], [7, 1, undefined],
];
for (const [n, c, w] of rangeInputs) {
  add("ranges", `ranges ${n} ${c} ${JSON.stringify(w)}`,
    { numVariations: n, coverage: c, weights: w ?? null }, { expected: util.getBucketRanges(n, c, w) });
}

// ---- query string ---------------------------------------------------------------------------
const qsInputs = [
  ["e", "http://x.com/?e=1", 2], ["e", "http://x.com/?a=0&e=1&e=0", 3], ["e", "http://x.com/?e=2", 2],
  ["e", "http://x.com/?e=-1", 2], ["e", "http://x.com/?e= 1x", 2], ["e", "http://x.com/?e=0x1", 2],
  ["e", "http://x.com/?e", 2], ["e", "http://x.com/?e=1#frag", 2], ["e", "http://x.com/#?e=1", 2],
  ["e", "http://x.com/?f=1", 2], ["e", "", 2], ["e", "http://x.com/?e=1=0", 2],
  ["e", "http://x.com/?e=+1", 2], ["e", "http://x.com/?e=1.9", 2], ["e", "http://x.com/?e=-0", 2],
  ["e", "http://x.com/?x=1?e=1", 2], ["e", "http://x.com/?e=%201", 2], ["e", "http://x.com/?e=\u00a01", 2],
];
for (const [id, url, n] of qsInputs) {
  add("qs", `qs ${url}`, { id, url, numVariations: n }, { expected: util.getQueryStringOverride(id, url, n) });
}

// ---- evaluation ------------------------------------------------------------------------------
// Only the features a case can reach (the key and its prerequisites), to keep the file small.
function reachable(all, keys) {
  const out = {};
  const visit = (k) => {
    if (out[k] !== undefined || all[k] === undefined) return;
    out[k] = all[k];
    for (const r of all[k].rules ?? []) for (const p of r.parentConditions ?? []) visit(p.id);
  };
  keys.forEach(visit);
  return out;
}
function feature(name, context, featureKey) {
  context = { ...context, features: reachable(context.features ?? {}, [featureKey]) };
  const ctx = makeCtx(context);
  const result = core.evalFeature(featureKey, ctx);
  add("feature", name, { context, featureKey }, {
    expected: JSON.stringify(result),
    docs: ctx.user.stickyBucketAssignmentDocs === undefined ? null : JSON.stringify(ctx.user.stickyBucketAssignmentDocs),
  });
}
function run(name, context, experiment) {
  const parents = (experiment.parentConditions ?? []).map((p) => p.id);
  context = { ...context, features: reachable(context.features ?? {}, parents) };
  const ctx = makeCtx(context);
  const { result } = core.runExperiment(experiment, null, ctx);
  add("run", name, { context, experiment }, {
    expected: JSON.stringify(result),
    docs: ctx.user.stickyBucketAssignmentDocs === undefined ? null : JSON.stringify(ctx.user.stickyBucketAssignmentDocs),
  });
}

const meta3 = [{ key: "control", name: "Control" }, { key: "v1" }, { key: "v2", name: "Two" }];
const expRule = { key: "exp", variations: ["a", "b", "c"], meta: meta3, id: "rule-1" };
const features = {
  plain: { defaultValue: 7 },
  nodefault: {},
  forced: { defaultValue: false, rules: [{ force: true, condition: { country: "FR" } }, { force: null, id: "r2" }] },
  rollout: { defaultValue: "off", rules: [{ id: "ro", force: "on", coverage: 0.5, hashAttribute: "id" }] },
  rolloutZero: { defaultValue: "off", rules: [{ force: "on", coverage: 0 }] },
  rolloutRange: { defaultValue: "off", rules: [{ force: "on", range: [0.2, 0.6], seed: "s", hashVersion: 2 }] },
  rolloutSeedNum: { defaultValue: "off", rules: [{ force: "on", coverage: 0.5, seed: 0 }] },
  exp: { defaultValue: "d", rules: [expRule] },
  expV2: { defaultValue: "d", rules: [{ ...expRule, key: "exp2", hashVersion: 2, seed: "sd", weights: [0.2, 0.3, 0.5], coverage: 0.8 }] },
  expBadWeights: { defaultValue: "d", rules: [{ ...expRule, key: "expbw", weights: [0.5, 0.6, 0.1] }] },
  expShortWeights: { defaultValue: "d", rules: [{ ...expRule, key: "expsw", weights: [0.5, 0.5] }] },
  expStrWeights: { defaultValue: "d", rules: [{ ...expRule, key: "expstr", weights: ["0.2", "0.3", "0.5"] }] },
  expCoverageBig: { defaultValue: "d", rules: [{ ...expRule, key: "expcb", coverage: 5 }] },
  expCoverageNeg: { defaultValue: "d", rules: [{ ...expRule, key: "expcn", coverage: -1 }] },
  expRanges: { defaultValue: "d", rules: [{ ...expRule, key: "expr", ranges: [[0, 0.1], [0.5, 0.9], [0.9, 1]] }] },
  expNs: { defaultValue: "d", rules: [{ ...expRule, key: "expns", namespace: ["ns1", 0, 0.5] }] },
  expFilters: { defaultValue: "d", rules: [{ ...expRule, key: "expf", filters: [{ seed: "f", ranges: [[0, 0.4]], attribute: "id" }] }] },
  ruleFilters: { defaultValue: 0, rules: [{ force: 1, filters: [{ seed: "holdout", ranges: [[0, 0.5]] }] }] },
  expHashVer: { defaultValue: "d", rules: [{ ...expRule, key: "exphv", hashVersion: 3 }] },
  expCompany: { defaultValue: "d", rules: [{ ...expRule, key: "expco", hashAttribute: "company" }] },
  expFallback: { defaultValue: "d", rules: [{ ...expRule, key: "expfb", hashAttribute: "userId", fallbackAttribute: "deviceId" }] },
  expPassthrough: { defaultValue: "d", rules: [{ ...expRule, key: "exppt", meta: [{ key: "c", passthrough: true }, { key: "t", passthrough: true }, { key: "u" }] }] },
  expCondition: { defaultValue: "d", rules: [{ ...expRule, key: "expcond", condition: { age: { $gte: 18 } } }] },
  expNoKey: { defaultValue: "d", rules: [{ variations: [1, 2], coverage: 1 }] },
  expOneVar: { defaultValue: "d", rules: [{ variations: ["only"], key: "one" }] },
  expSticky: { defaultValue: "d", rules: [{ ...expRule, key: "sticky", bucketVersion: 1 }] },
  expStickyMin: { defaultValue: "d", rules: [{ ...expRule, key: "sticky", bucketVersion: 2, minBucketVersion: 2 }] },
  expStickyDisabled: { defaultValue: "d", rules: [{ ...expRule, key: "sticky", bucketVersion: 1, disableStickyBucketing: true }] },
  parentOn: { defaultValue: true },
  parentOff: { defaultValue: false },
  gated: { defaultValue: "d", rules: [{ parentConditions: [{ id: "parentOff", condition: { value: true }, gate: true }] }, { force: "x" }] },
  gatedPass: { defaultValue: "d", rules: [{ parentConditions: [{ id: "parentOn", condition: { value: true }, gate: true }], force: "passed" }] },
  softPrereq: { defaultValue: "d", rules: [{ parentConditions: [{ id: "parentOff", condition: { value: true } }], force: "skipped" }, { force: "second" }] },
  cycleA: { defaultValue: 1, rules: [{ parentConditions: [{ id: "cycleB", condition: { value: 1 } }], force: 2 }] },
  cycleB: { defaultValue: 1, rules: [{ parentConditions: [{ id: "cycleA", condition: { value: 1 } }], force: 2 }] },
  selfCycle: { defaultValue: 1, rules: [{ parentConditions: [{ id: "selfCycle" }], force: 2 }] },
  holdoutChild: { defaultValue: "d", rules: [{ parentConditions: [{ id: "holdout", condition: { value: false }, gate: true }] }, { ...expRule, key: "hc" }] },
  holdout: { defaultValue: false, rules: [{ ...expRule, key: "hold", variations: [false, true], meta: [{ key: "0" }, { key: "1" }], weights: [0.5, 0.5], coverage: 0.4 }] },
  contextual: { defaultValue: "d", rules: [{ key: "cb", contextualVariations: ["x", "y"], contextualBanditRef: "nope" }] },
};
const base = { features, savedGroups: {} };
const users = [];
for (let i = 0; i < 30; i++) users.push(`u${i}`);
for (const key of Object.keys(features)) {
  for (const id of users.slice(0, key.startsWith("exp") || key.startsWith("rollout") ? 30 : 3)) {
    feature(`${key} id=${id}`, { ...base, attributes: { id, country: "FR", age: 20 } }, key);
  }
}
// Numeric, boolean, empty, missing and non-ASCII hash attributes.
for (const id of [0, 1, 42, 123456789, 3.5, -7, true, false, "", null, "é-user", "🎉", [1, 2], { a: 1 }]) {
  for (const key of ["exp", "expV2", "rollout", "expNs", "expFilters", "ruleFilters"]) {
    feature(`${key} id=${JSON.stringify(id)}`, { ...base, attributes: { id } }, key);
  }
}
feature("missing attributes", { ...base }, "exp");
feature("company attribute", { ...base, attributes: { id: "u1", company: "acme" } }, "expCompany");
feature("company missing", { ...base, attributes: { id: "u1" } }, "expCompany");
for (const [name, attrs] of [["userId", { userId: "a", deviceId: "d" }], ["deviceId only", { deviceId: "d7" }], ["none", {}]]) {
  feature(`fallback ${name} (no sticky)`, { ...base, attributes: attrs }, "expFallback");
  feature(`fallback ${name} (sticky)`, { ...base, attributes: attrs, stickyBucketAssignmentDocs: {} }, "expFallback");
}
feature("fallback sticky doc via deviceId", {
  ...base, attributes: { userId: "newuser", deviceId: "d7" },
  stickyBucketAssignmentDocs: { "deviceId||d7": { attributeName: "deviceId", attributeValue: "d7", assignments: { expfb__0: "v2" } } },
}, "expFallback");
feature("unknown feature", { ...base, attributes: { id: "u1" } }, "nope");
feature("override", { ...base, attributes: { id: "u1" }, forcedFeatureValues: { exp: { forced: 1 } } }, "exp");
feature("condition fail", { ...base, attributes: { id: "u1", age: 10 } }, "expCondition");
feature("forced variation", { ...base, attributes: { id: "u1" }, forcedVariations: { exp: 2 } }, "exp");
feature("forced variation out of range", { ...base, attributes: { id: "u1" }, forcedVariations: { exp: 5 } }, "exp");
feature("query string", { ...base, attributes: { id: "u1" }, url: "https://a.b/c?exp=1" }, "exp");
feature("query string bad", { ...base, attributes: { id: "u1" }, url: "https://a.b/c?exp=9" }, "exp");
feature("disabled", { ...base, attributes: { id: "u1" }, enabled: false }, "exp");
feature("qa mode", { ...base, attributes: { id: "u1" }, qaMode: true }, "exp");
feature("qa mode forced", { ...base, attributes: { id: "u1" }, qaMode: true, forcedVariations: { exp: 1 } }, "exp");
feature("country not FR", { ...base, attributes: { id: "u1", country: "US" } }, "forced");
for (const id of users.slice(0, 12)) {
  const docs = {};
  feature(`sticky new ${id}`, { ...base, attributes: { id }, stickyBucketAssignmentDocs: docs }, "expSticky");
  feature(`sticky existing ${id}`, {
    ...base, attributes: { id },
    stickyBucketAssignmentDocs: { [`id||${id}`]: { attributeName: "id", attributeValue: id, assignments: { sticky__1: "v2", other__0: "x" } } },
  }, "expSticky");
  feature(`sticky min blocked ${id}`, {
    ...base, attributes: { id },
    stickyBucketAssignmentDocs: { [`id||${id}`]: { attributeName: "id", attributeValue: id, assignments: { sticky__1: "v2" } } },
  }, "expStickyMin");
  feature(`sticky disabled ${id}`, {
    ...base, attributes: { id },
    stickyBucketAssignmentDocs: { [`id||${id}`]: { attributeName: "id", attributeValue: id, assignments: { sticky__1: "v2" } } },
  }, "expStickyDisabled");
  feature(`sticky unknown key ${id}`, {
    ...base, attributes: { id },
    stickyBucketAssignmentDocs: { [`id||${id}`]: { attributeName: "id", attributeValue: id, assignments: { sticky__1: "zzz" } } },
  }, "expSticky");
}
feature("sticky numeric id", { ...base, attributes: { id: 77 }, stickyBucketAssignmentDocs: {} }, "expSticky");
feature("sticky via id doc when hashing company", {
  ...base, attributes: { id: "u1", company: "acme" },
  stickyBucketAssignmentDocs: { "id||u1": { attributeName: "id", attributeValue: "u1", assignments: { expco__0: "v1" } } },
}, "expCompany");

// Top-level experiments (runExperiment).
const exps = [
  { key: "top", variations: [0, 1] },
  { key: "top", variations: [0, 1], status: "draft" },
  { key: "top", variations: [0, 1], status: "stopped" },
  { key: "top", variations: [0, 1], active: false },
  { key: "top", variations: [0, 1], force: 1 },
  { key: "top", variations: [0, 1], groups: ["beta"] },
  { key: "top", variations: [0, 1], urlPatterns: [] },
  { key: "top", variations: [0, 1], url: "foo" },
  { key: "top", variations: [0, 1], parentConditions: [{ id: "parentOn", condition: { value: true } }] },
  { key: "top", variations: [0, 1], parentConditions: [{ id: "parentOff", condition: { value: true } }] },
  { key: "top", variations: [0, 1], parentConditions: [{ id: "cycleA", condition: { value: 1 } }] },
  { key: 5, variations: ["a", "b"] },
  { key: "top", variations: ["a", "b"], seed: 12, hashVersion: 2 },
  { key: "top", variations: ["a", "b"], hashVersion: "2" },
  { key: "top", variations: ["a", "b"], namespace: ["n", "0.2", "0.9"] },
  { key: "top", variations: ["a", "b"], coverage: null },
  { key: "top", variations: ["a", "b"], coverage: "0.5" },
];
for (const [i, e] of exps.entries()) {
  for (const id of ["u1", "u2", "u3", 9, "日本"]) {
    run(`experiment #${i} id=${JSON.stringify(id)}`, { features, attributes: { id }, groups: { beta: true } }, e);
  }
}
// JavaScript coercions: numeric + numeric seeds, string/odd forced variations, numeric keys.
const coercions = [
  { key: "c", variations: ["a", "b"], seed: 5 },
  { key: "c", variations: ["a", "b"], seed: 5, hashVersion: 2 },
  { key: 7, variations: ["a", "b"], meta: [{ key: "x" }, { key: "y", passthrough: 1 }] },
  { key: "c", variations: ["a", "b"], force: null },
  { key: "c", variations: ["a", "b"], weights: [0.5, "0.5"] },
  { key: "c", variations: ["a", "b"], ranges: [[0, "0.5"], ["0.5", 1]] },
  { key: "c", variations: ["a", "b"], namespace: [3, 0, 0.5] },
  { key: "c", variations: ["a", "b"], filters: [{ attribute: "n", ranges: [[0, 0.5]] }] },
  { key: "c", variations: ["a", "b"], hashAttribute: "n", seed: true },
];
for (const [i, e] of coercions.entries()) {
  for (const attrs of [{ id: 3, n: 4 }, { id: "u5", n: 0 }, { id: true }, { id: 1.5e21, n: -0.5 }]) {
    run(`coercion #${i} ${JSON.stringify(attrs)}`, { attributes: attrs }, e);
  }
}
for (const fv of ["1", null, 1.5, "x", true, -1]) {
  run(`forced variation ${JSON.stringify(fv)}`, { attributes: { id: "u1" }, forcedVariations: { c: fv } },
    { key: "c", variations: ["a", "b", "c"] });
}
feature("numeric rule key and id", {
  attributes: { id: "u1" },
  features: { f: { rules: [{ key: 12, id: 9, variations: [1, 2], seed: 0 }] } },
}, "f");
feature("forced null value", { attributes: { id: "u1" }, features: { f: { rules: [{ force: null }] } } }, "f");
run("top no url", { features, attributes: { id: "u1" } }, exps[7]);
run("top qs", { features, attributes: { id: "u1" }, url: "/x?top=1" }, { key: "top", variations: [0, 1], status: "draft" });

// One case per line: reviewable diffs without a megabyte of indentation.
process.stdout.write(`{"generator": "tools/gen/assign-cases.mjs", "sdk": "@growthbook/growthbook 1.8.0", "cases": [\n${cases.map((c) => JSON.stringify(c)).join(",\n")}\n]}\n`);
