#!/usr/bin/env node
// shrink.mjs — reduces differing conformance requests to small ones that still differ.
//
// Usage:
//   node tests/conformance/diff.mjs --cases C --a "A" --b "B" --dump /tmp/diffs.jsonl
//   node tests/conformance/shrink.mjs --dump /tmp/diffs.jsonl --a "A" --b "B" [--max 50]
//        [--label-a native] [--label-b growthbook] > /tmp/minimal.jsonl
//
// For each of the first --max differences in the dump (diff.mjs --dump output), greedily
// tries simpler variants of the request (drop an object key or array element, replace a
// nested value by one of its children or by null/0/""/true/"a"/{}) and keeps the smallest
// variant for which both answers are unchanged (the same disagreement), until none is. Each round sends all candidates through
// both commands in one batch. Writes one line per case: {op, size, request, a, b}, where
// a/b are the two answers for the minimal request; the summary goes to stderr, grouped by
// op and by the operators left in the minimal request.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const args = { max: 50, labelA: "a", labelB: "b" };
const names = { "--dump": "dump", "--a": "a", "--b": "b", "--max": "max", "--label-a": "labelA", "--label-b": "labelB" };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = names[argv[i]];
  if (!key || i + 1 >= argv.length) {
    process.stderr.write('usage: shrink.mjs --dump FILE --a "CMD" --b "CMD" [--max N]\n');
    process.exit(2);
  }
  args[key] = argv[i + 1];
}
if (!args.dump || !args.a || !args.b) {
  process.stderr.write('usage: shrink.mjs --dump FILE --a "CMD" --b "CMD" [--max N]\n');
  process.exit(2);
}

function runBatch(cmd, requests) {
  const input = requests.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const res = spawnSync(cmd, { shell: true, input, maxBuffer: 1 << 30, encoding: "utf8" });
  return res.stdout.split("\n").slice(0, requests.length);
}

// Every single-step simplification of `x` (never of the top-level "op" field).
function* variants(x, top = true) {
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) yield [...x.slice(0, i), ...x.slice(i + 1)];
    for (let i = 0; i < x.length; i++) {
      for (const v of variants(x[i], false)) yield x.map((y, j) => (j === i ? v : y));
    }
    return;
  }
  if (x !== null && typeof x === "object") {
    const keys = Object.keys(x).filter((k) => !(top && k === "op"));
    for (const k of keys) {
      const { [k]: _drop, ...rest } = x;
      yield rest;
    }
    for (const k of keys) {
      for (const v of variants(x[k], false)) yield { ...x, [k]: v };
    }
    return;
  }
}
function* replacements(x) {
  // Replace whole subtrees by their children or simple scalars (applied at every position).
  if (x !== null && typeof x === "object") {
    for (const child of Object.values(x)) yield child;
  }
  for (const s of [null, 0, "", true, "a", {}]) if (JSON.stringify(s) !== JSON.stringify(x)) yield s;
}
function* allVariants(x, top = true) {
  yield* variants(x, top);
  if (x !== null && typeof x === "object") {
    const entries = Array.isArray(x) ? x.map((v, i) => [i, v]) : Object.entries(x);
    for (const [k, v] of entries) {
      if (top && k === "op") continue;
      // Top-level fields keep their type: only their insides are simplified.
      for (const r of [...(top ? [] : replacements(v)), ...allVariants(v, false)]) {
        if (Array.isArray(x)) yield x.map((y, j) => (j === k ? r : y));
        else yield { ...x, [k]: r };
      }
    }
  }
}
const size = (r) => JSON.stringify(r).length;

function shrink(request) {
  let best = request;
  let [a] = runBatch(args.a, [best]);
  let [b] = runBatch(args.b, [best]);
  for (let round = 0; round < 200; round++) {
    const seen = new Set();
    const cands = [];
    for (const v of allVariants(best)) {
      const s = JSON.stringify(v);
      if (s.length >= size(best) || seen.has(s)) continue;
      seen.add(s);
      cands.push(v);
    }
    if (!cands.length) break;
    cands.sort((p, q) => size(p) - size(q));
    const as = runBatch(args.a, cands);
    const bs = runBatch(args.b, cands);
    // Keep the same disagreement: both answers must stay exactly what they were.
    const i = cands.findIndex((_, j) => as[j] === a && bs[j] === b);
    if (i < 0) break;
    [best, a, b] = [cands[i], as[i], bs[i]];
  }
  return { best, a, b };
}

function operators(x, out = new Set()) {
  if (Array.isArray(x)) x.forEach((v) => operators(v, out));
  else if (x && typeof x === "object") {
    for (const [k, v] of Object.entries(x)) {
      if (k.startsWith("$")) out.add(k);
      operators(v, out);
    }
  }
  return out;
}

const dump = readFileSync(args.dump, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const groups = new Map();
for (const d of dump.slice(0, Number(args.max))) {
  if (typeof d.request !== "object" || d.request === null) continue;
  const { best, a, b } = shrink(d.request);
  const category = `${best.op} ${[...operators(best)].sort().join(" ")}`.trim();
  const rec = { op: best.op, category, size: size(best), request: best, [args.labelA]: a, [args.labelB]: b };
  process.stdout.write(JSON.stringify(rec) + "\n");
  groups.set(category, (groups.get(category) ?? 0) + 1);
}
for (const [k, n] of [...groups].sort((p, q) => q[1] - p[1])) process.stderr.write(`${n}\t${k}\n`);
