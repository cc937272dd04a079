#!/usr/bin/env node
// growthbook-oracle.mjs — the conformance protocol answered by GrowthBook's own JS SDK.
//
// Usage:
//   node tests/conformance/growthbook-oracle.mjs < cases.jsonl > answers.jsonl
//   node tests/conformance/diff.mjs --cases cases.jsonl \
//        --a "build/native-release/tools/tailor conformance" \
//        --b "node tests/conformance/growthbook-oracle.mjs" --label-b growthbook
//
// Requires `npm install` at the repository root (package.json pins @growthbook/growthbook
// 1.8.0). Set GROWTHBOOK_ESM_DIR to point at another dist/esm directory if needed.
//
// Protocol: one JSON request per stdin line, one JSON answer line per request on stdout,
// in order. Every line is a request, blank ones included (they get an invalid-JSON error),
// exactly as the native and WASM tools do.
//   evalCondition {condition, attributes, savedGroups}       -> {"result":bool}
//   hash {seed, value, version}                              -> {"result":number|null}
//   getBucketRange {numVariations, coverage, weights}        -> {"result":[[a,b],...]}
//   chooseVariation {n, ranges}                              -> {"result":int}
//   inNamespace {hashValue, namespace}                       -> {"result":bool}
//   getEqualWeights {n}                                      -> {"result":[...]}
//   feature {context, featureKey}  -> {"result":{value,on,off,source,ruleId,experiment?,
//                                                experimentResult?}}
//   run {context, experiment}      -> {"result":{value,inExperiment,hashUsed,variationId}}
//   getQueryStringOverride {experimentKey, url, numVariations} -> {"result":int|null}
//   decrypt {encrypted, key}       -> {"result":string|null} (null where decrypt throws)
//   stickyBucket {context, assignmentDocs, featureKey}
//                                  -> {"result":{experimentResult|null, assignmentDocs}}: a
//        GrowthBook instance over a LocalStorageStickyBucketService (in-memory storage) seeded
//        with assignmentDocs, as GrowthBook's own spec runner does
//   urlRedirect {context}          -> {"result":[{inExperiment, urlRedirect, urlWithParams}]}:
//        a GrowthBook instance's deferred tracking calls and getRedirectUrl()
// Numbers and key order are whatever JSON.stringify produces for the SDK's own objects.
//
// Mappings where the SDK has no defined answer (documented, and mirrored by Tailor's core):
//   * evalCondition: if the SDK throws (e.g. Object.entries(null) for a null condition,
//     `$or: null`, `$inGroup` with savedGroups missing), the answer is {"result":false}:
//     Tailor defines every invalid condition as false. Where the SDK does not throw, its
//     answer stands, however odd: a condition of 0, true or [] is true (Object.entries
//     finds nothing to check) and a string condition checks its characters as paths.
//   * every other op: if the SDK throws, the answer is {"error":"line N: oracle: <msg>"}.
//     The case generator (tools/gen/conformance-cases.mjs) never produces such requests,
//     so an error from the oracle in a diff run is a generator bug.
//   * run: the SDK's full Result has more keys (key, featureId, hashAttribute, hashValue,
//     stickyBucketUsed, bucket, name, passthrough); the protocol answer keeps exactly
//     value, inExperiment, hashUsed, variationId, in that order. With no variations the
//     SDK's value is undefined, which JSON cannot carry: the answer says null.
//   * feature: the SDK's FeatureResult is passed through whole (experiment and
//     experimentResult included, in the SDK's key order); nothing is dropped.
//   * context: {attributes, features, savedGroups, forcedVariations,
//     forcedFeatureValues (object -> Map), url, enabled, qaMode, groups, contextualBandits,
//     stickyBucketAssignmentDocs}. Sticky bucketing is on iff stickyBucketAssignmentDocs
//     is present; saved docs are discarded (each request starts from its own context).
// Malformed input: {"error":"line N: invalid JSON: ..."}, "line N: a request must be a JSON
// object", "line N: unknown op \"x\"". Processing continues with the next line.

import { createInterface } from "node:readline";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// Silence the SDK's development-mode console.error/log calls: stdout carries answers only.
process.env.NODE_ENV = "production";
console.error = () => {}; // mongrule.mjs logs "Unknown operator" unconditionally

const here = path.dirname(fileURLToPath(import.meta.url));
const esmDir =
  process.env.GROWTHBOOK_ESM_DIR ||
  path.join(here, "..", "..", "node_modules", "@growthbook", "growthbook", "dist", "esm");
const load = (file) => import(pathToFileURL(path.join(esmDir, file)).href);

let gb;
try {
  const [mongrule, util, core, cls, sbs] = await Promise.all([
    load("mongrule.mjs"),
    load("util.mjs"),
    load("core.mjs"),
    load("GrowthBook.mjs"),
    load("sticky-bucket-service.mjs"),
  ]);
  gb = { ...mongrule, ...util, ...core, ...cls, ...sbs };
} catch (e) {
  process.stderr.write(
    `growthbook-oracle: cannot load the GrowthBook SDK from ${esmDir} (${e.message}).\n` +
      `Run \`npm install\` at the repository root, or set GROWTHBOOK_ESM_DIR.\n`,
  );
  process.exit(2);
}

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function evalConditionOp(req) {
  try {
    return !!gb.evalCondition(req.attributes ?? {}, req.condition, req.savedGroups ?? {});
  } catch {
    return false;
  }
}

// Builds the ctx object core.mjs expects from a protocol context.
function makeCtx(c = {}) {
  const sticky = c.stickyBucketAssignmentDocs !== undefined;
  const forced = new Map(Object.entries(c.forcedFeatureValues ?? {}));
  return {
    global: {
      features: c.features ?? {},
      savedGroups: c.savedGroups ?? {},
      forcedVariations: c.forcedVariations ?? {},
      forcedFeatureValues: forced,
      enabled: c.enabled,
      qaMode: c.qaMode,
      groups: c.groups ?? {},
      contextualBandits: c.contextualBandits,
      log() {},
    },
    user: {
      attributes: c.attributes ?? {},
      url: c.url ?? "",
      stickyBucketAssignmentDocs: sticky ? c.stickyBucketAssignmentDocs ?? {} : undefined,
      saveStickyBucketAssignmentDoc: sticky ? () => {} : undefined,
    },
    stack: { evaluatedFeatures: new Set() },
  };
}

// GrowthBook class options from a protocol context (the auto-experiment and sticky-bucket ops
// need the class: its constructor runs auto experiments and loads sticky-bucket documents).
function classOptions(c = {}) {
  const o = {};
  for (const k of ["attributes", "features", "savedGroups", "forcedVariations", "url", "enabled",
                   "qaMode", "groups", "experiments", "contextualBandits"]) {
    if (c[k] !== undefined) o[k] = c[k];
  }
  if (c.forcedFeatureValues) o.forcedFeatureValues = new Map(Object.entries(c.forcedFeatureValues));
  return o;
}

// A StickyBucketService over a Map: GrowthBook's LocalStorageStickyBucketService with an
// in-memory localStorage, as GrowthBook's own spec runner seeds it.
function memoryStickyBucketService() {
  const items = new Map();
  const localStorage = {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
  };
  return new gb.LocalStorageStickyBucketService({ localStorage });
}

const ops = {
  getQueryStringOverride: (r) => gb.getQueryStringOverride(r.experimentKey, r.url, r.numVariations),
  decrypt: async (r) => {
    try {
      return await gb.decrypt(r.encrypted, r.key, globalThis.crypto.subtle);
    } catch {
      return null;
    }
  },
  stickyBucket: async (r) => {
    const service = memoryStickyBucketService();
    for (const doc of r.assignmentDocs) await service.saveAssignments(doc);
    const g = new gb.GrowthBook({ ...classOptions(r.context), stickyBucketService: service });
    await g.refreshStickyBuckets(g.getPayload());
    const feature = g.evalFeature(r.featureKey);
    const out = {
      experimentResult: feature.experimentResult ?? null,
      assignmentDocs: g.getStickyBucketAssignmentDocs(),
    };
    g.destroy();
    return out;
  },
  urlRedirect: (r) => {
    const g = new gb.GrowthBook(classOptions(r.context));
    const out = g.getDeferredTrackingCalls().map((c) => ({
      inExperiment: c.result.inExperiment,
      urlRedirect: c.result.value.urlRedirect,
      urlWithParams: g.getRedirectUrl(),
    }));
    g.destroy();
    return out;
  },
  evalCondition: evalConditionOp,
  hash: (r) => gb.hash(r.seed, r.value, r.version),
  getBucketRange: (r) => gb.getBucketRanges(r.numVariations, r.coverage, r.weights),
  chooseVariation: (r) => gb.chooseVariation(r.n, r.ranges),
  inNamespace: (r) => gb.inNamespace(r.hashValue, r.namespace),
  getEqualWeights: (r) => gb.getEqualWeights(r.n),
  feature: (r) => gb.evalFeature(r.featureKey, makeCtx(r.context)),
  run: (r) => {
    const { result } = gb.runExperiment(r.experiment, null, makeCtx(r.context));
    return {
      value: result.value === undefined ? null : result.value,
      inExperiment: result.inExperiment,
      hashUsed: result.hashUsed,
      variationId: result.variationId,
    };
  },
};

async function answer(line, lineNo) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return { error: `line ${lineNo}: invalid JSON: ${e.message}` };
  }
  if (!isPlainObject(req)) return { error: `line ${lineNo}: a request must be a JSON object` };
  const op = ops[req.op];
  if (typeof req.op !== "string" || !Object.hasOwn(ops, req.op)) {
    return { error: `line ${lineNo}: unknown op ${JSON.stringify(req.op)}` };
  }
  try {
    return { result: await op(req) };
  } catch (e) {
    return { error: `line ${lineNo}: oracle: ${e && e.message}` };
  }
}

// Answers are batched into large writes; a flush is scheduled after each burst of input
// lines so interactive use (one line at a time) still gets its answer promptly.
let out = [];
let outBytes = 0;
let flushScheduled = false;
function flush() {
  flushScheduled = false;
  if (out.length === 0) return;
  const chunk = out.join("");
  out = [];
  outBytes = 0;
  process.stdout.write(chunk);
}

let lineNo = 0;
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
// Answers in order: each line is answered (some ops are asynchronous) before the next.
for await (const line of rl) {
  lineNo += 1;
  const text = JSON.stringify(await answer(line, lineNo)) + "\n";
  out.push(text);
  outBytes += text.length;
  if (outBytes > 1 << 16) flush();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}
flush();
