#!/usr/bin/env node
// spec.mjs — GrowthBook's SDK specification cases (cases.json) through one conformance
// executable, reported per section.
//
// Usage:
//   node tests/conformance/spec.mjs --cmd "CMD..." [--cases tests/data/growthbook_cases_0.8.0.json]
//        [--verbose]
// Examples:
//   node tests/conformance/spec.mjs --cmd "build/native-release/tools/tailor conformance"
//   node tests/conformance/spec.mjs --cmd "node web/sdk/bin/tailor-conformance.mjs"
//
// The cases file is GrowthBook's own (third_party/growthbook-spec/README.md: where it came
// from). Each case becomes one protocol request (docs/conformance.md); the answer is compared
// with the case's expectation the way GrowthBook's own runner (packages/sdk-js/test/
// json.test.ts) compares it: deep equality with object key order ignored (Jest's toEqual);
// getBucketRange and getEqualWeights rounded down to 8 decimals first; run compares value,
// inExperiment and hashUsed; stickyBucket compares the experiment result (null when the
// feature has none) and the assignment documents; urlRedirect compares the list of
// {inExperiment, urlRedirect, urlWithParams}. A protocol error answer fails its case.
// Exit status: 0 every case passed, 1 any failed, 2 usage error.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = {
  cases: path.join(here, "..", "data", "growthbook_cases_0.8.0.json"),
  verbose: false,
};
const argv = process.argv.slice(2);
const usage = () => {
  process.stderr.write('usage: spec.mjs --cmd "CMD..." [--cases FILE] [--verbose]\n');
  process.exit(2);
};
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--verbose") args.verbose = true;
  else if (argv[i] === "--cmd" && i + 1 < argv.length) args.cmd = argv[++i];
  else if (argv[i] === "--cases" && i + 1 < argv.length) args.cases = argv[++i];
  else usage();
}
if (!args.cmd) usage();

const spec = JSON.parse(readFileSync(args.cases, "utf8"));
const round = (n) => Math.floor(n * 1e8) / 1e8;

// Jest's toEqual on JSON data: key order ignored, Object.is for numbers.
function equal(a, b) {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return Object.is(a, b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
}

// Each section: [request from case, expected from case, actual from answer's result].
const sections = {
  evalCondition: (c) => [
    { op: "evalCondition", condition: c[1], attributes: c[2], savedGroups: c[4] ?? {} },
    c[3],
    (r) => r,
  ],
  hash: (c) => [{ op: "hash", seed: c[0], value: c[1], version: c[2] }, c[3], (r) => r],
  getBucketRange: (c) => [
    { op: "getBucketRange", numVariations: c[1][0], coverage: c[1][1], weights: c[1][2] },
    c[2].map((r) => r.map(round)),
    (r) => r.map((x) => x.map(round)),
  ],
  feature: (c) => [{ op: "feature", context: c[1], featureKey: c[2] }, c[3], (r) => r],
  run: (c) => [
    { op: "run", context: c[1], experiment: c[2] },
    { value: c[3], inExperiment: c[4], hashUsed: c[5] },
    (r) => ({ value: r.value, inExperiment: r.inExperiment, hashUsed: r.hashUsed }),
  ],
  chooseVariation: (c) => [{ op: "chooseVariation", n: c[1], ranges: c[2] }, c[3], (r) => r],
  getQueryStringOverride: (c) => [
    { op: "getQueryStringOverride", experimentKey: c[1], url: c[2], numVariations: c[3] },
    c[4],
    (r) => r,
  ],
  inNamespace: (c) => [{ op: "inNamespace", hashValue: c[1], namespace: c[2] }, c[3], (r) => r],
  getEqualWeights: (c) => [
    { op: "getEqualWeights", n: c[0] },
    c[1].map(round),
    (r) => r.map(round),
  ],
  decrypt: (c) => [{ op: "decrypt", encrypted: c[1], key: c[2] }, c[3], (r) => r],
  stickyBucket: (c) => [
    { op: "stickyBucket", context: c[1], assignmentDocs: c[2], featureKey: c[3] },
    { experimentResult: c[4], assignmentDocs: c[5] },
    (r) => r,
  ],
  urlRedirect: (c) => [{ op: "urlRedirect", context: c[1] }, c[2], (r) => r],
  contextualBandit: (c) => [{ op: "feature", context: c[1], featureKey: c[2] }, c[3], (r) => r],
};

const cases = [];
for (const [section, list] of Object.entries(spec)) {
  if (section === "specVersion") continue;
  const make = sections[section];
  if (!make) {
    process.stderr.write(`${args.cases}: section "${section}" has no mapping in spec.mjs\n`);
    process.exit(2);
  }
  list.forEach((c, i) => {
    const [request, expected, actual] = make(c);
    const name = section === "getEqualWeights" || section === "hash" ? JSON.stringify(c[0]) : c[0];
    cases.push({ section, index: i, name, request: JSON.stringify(request), expected, actual });
  });
}

const child = spawn(args.cmd, { shell: true, stdio: ["pipe", "pipe", "inherit"] });
child.stdin.on("error", () => {});
let out = "";
child.stdout.setEncoding("utf8");
child.stdout.on("data", (d) => (out += d));
const exit = new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
child.stdin.end(cases.map((c) => c.request).join("\n") + "\n");
const { code, signal } = await exit;

const answers = out.split("\n");
if (answers[answers.length - 1] === "") answers.pop();
const tally = {};
let failures = 0;
cases.forEach((c, i) => {
  const t = (tally[c.section] ??= { passed: 0, total: 0 });
  t.total += 1;
  const line = answers[i];
  let ok = false;
  let got = line ?? "<no answer>";
  try {
    const answer = JSON.parse(line);
    if (answer && Object.hasOwn(answer, "result")) {
      const actual = c.actual(answer.result);
      got = JSON.stringify(actual);
      ok = equal(actual, c.expected);
    }
  } catch {
    ok = false;
  }
  if (ok) {
    t.passed += 1;
    return;
  }
  failures += 1;
  if (args.verbose) {
    process.stdout.write(
      `FAIL ${c.section}[${c.index}] ${c.name}\n  request: ${c.request}\n` +
        `  expect:  ${JSON.stringify(c.expected)}\n  got:     ${got}\n`,
    );
  }
});
if (code !== 0) {
  failures += 1;
  process.stdout.write(`FAIL: command exited with ${signal ? `signal ${signal}` : `code ${code}`}\n`);
}
const width = Math.max(...Object.keys(tally).map((s) => s.length));
let passed = 0;
for (const [section, t] of Object.entries(tally)) {
  passed += t.passed;
  process.stdout.write(
    `${section.padEnd(width)}  ${String(t.passed).padStart(3)}/${String(t.total).padEnd(3)}` +
      `${t.passed === t.total ? "" : "  FAIL"}\n`,
  );
}
process.stdout.write(
  `spec ${spec.specVersion}: ${passed}/${cases.length} passed (${args.cmd})\n`,
);
process.exit(failures ? 1 : 0);
