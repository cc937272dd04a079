#!/usr/bin/env node
// diff.mjs — streams the same conformance cases through two implementations and compares
// their answers line by line, as exact strings (errors included).
//
// Usage:
//   node tests/conformance/diff.mjs --cases FILE --a "CMD..." --b "CMD..."
//        [--label-a native] [--label-b wasm] [--show 10] [--dump diffs.jsonl]
// Example:
//   node tools/gen/conformance-cases.mjs --seed 1 --count 20000 > /tmp/cases.jsonl
//   node tests/conformance/diff.mjs --cases /tmp/cases.jsonl \
//     --a "build/native-release/tools/tailor conformance" --label-a native \
//     --b "node tests/conformance/growthbook-oracle.mjs" --label-b growthbook
//
// Commands run through the shell from the current directory. The cases file is streamed
// into both processes with backpressure while both outputs are read concurrently, so any
// input size works without pipe deadlock. Every line is a request (blank lines too, as the
// tools answer them with an error), so answer k pairs with line k of the cases file.
// Prints a summary (cases, differences, wall time per side) and the first --show
// differences with their request; --dump writes every difference as one JSON line
// {line, request, a, b}. --regex-reason any: an answer refusing a config for an invalid
// regular expression compares without the reason's text (the browser SDK's module reports
// the page's RegExp SyntaxError, the native engine its own: docs/conformance.md, "Regular
// expressions in the browser SDK"); which pattern is refused is still compared. Exit status: 0 identical, 1 any difference (including a missing
// answer or a process exiting non-zero), 2 usage error.

import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

function usage(msg) {
  if (msg) process.stderr.write(`diff.mjs: ${msg}\n`);
  process.stderr.write(
    'usage: diff.mjs --cases FILE --a "CMD" --b "CMD" [--label-a A] [--label-b B] [--show N] [--dump FILE] [--regex-reason any]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const args = { labelA: "a", labelB: "b", show: 10 };
  const names = {
    "--cases": "cases", "--a": "a", "--b": "b", "--label-a": "labelA",
    "--label-b": "labelB", "--show": "show", "--dump": "dump", "--regex-reason": "regexReason",
  };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key) usage(`unknown argument ${argv[i]}`);
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    args[key] = argv[++i];
  }
  if (!args.cases || !args.a || !args.b) usage("--cases, --a and --b are required");
  args.show = Number(args.show);
  if (args.regexReason !== undefined && args.regexReason !== "any") usage("--regex-reason takes \"any\"");
  return args;
}

const args = parseArgs(process.argv.slice(2));
const started = process.hrtime.bigint();
const seconds = (t) => Number(t - started) / 1e9;

// One side: a child process whose stdout lines are queued until the other side catches up.
function side(label, cmd) {
  const s = { label, cmd, queue: [], ended: false, code: null, signal: null, stderr: "" };
  s.child = spawn(cmd, { shell: true, stdio: ["pipe", "pipe", "pipe"] });
  s.child.on("error", (e) => {
    s.stderr += `spawn failed: ${e.message}\n`;
  });
  s.child.stdin.on("error", () => {}); // EPIPE when the child exits early: reported below
  s.child.stderr.on("data", (d) => {
    s.stderr = (s.stderr + d).slice(-4000);
  });
  s.exited = new Promise((resolve) =>
    s.child.on("close", (code, signal) => {
      s.code = code;
      s.signal = signal;
      resolve();
    }),
  );
  const rl = createInterface({ input: s.child.stdout, crlfDelay: Infinity });
  rl.on("line", (line) => {
    s.queue.push(line);
    compare();
  });
  s.outputDone = new Promise((resolve) =>
    rl.on("close", () => {
      s.ended = true;
      s.finishedAt = seconds(process.hrtime.bigint());
      resolve();
    }),
  );
  return s;
}

const A = side(args.labelA, args.a);
const B = side(args.labelB, args.b);

let compared = 0;
const diffs = []; // {index, a, b}; index is the 0-based answer index
const MAX_KEPT = 100000;
let diffCount = 0;

function record(a, b) {
  diffCount += 1;
  if (diffs.length < MAX_KEPT) diffs.push({ index: compared, a, b });
}

const REGEX_REASON = /(is not a valid regular expression) \((?:[^()\\"]|\\.)*\)/g;
const comparable = (answer) =>
  args.regexReason === "any" ? answer.replace(REGEX_REASON, "$1 (…)") : answer;

function compare() {
  // Pair answers as they arrive; a side that finished pairs with "missing".
  while (A.queue.length && B.queue.length) {
    const a = A.queue.shift();
    const b = B.queue.shift();
    if (comparable(a) !== comparable(b)) record(a, b);
    compared += 1;
  }
  // No pausing when one side runs ahead: a side that answers only at EOF (or a slow one)
  // would deadlock against a paused, pipe-blocked partner. Queued answers cost memory
  // only (about 30 MB per 100k lines behind).
}

// Feed the cases to both; pipe() applies backpressure from whichever child is slower.
const input = createReadStream(args.cases);
input.on("error", (e) => {
  process.stderr.write(`diff.mjs: cannot read ${args.cases}: ${e.message}\n`);
  A.child.kill();
  B.child.kill();
  process.exit(2);
});
input.pipe(A.child.stdin);
input.pipe(B.child.stdin);

await Promise.all([A.outputDone, B.outputDone, A.exited, B.exited]);
compare();
const MISSING = "<no answer>";
while (A.queue.length || B.queue.length) {
  record(A.queue.shift() ?? MISSING, B.queue.shift() ?? MISSING);
  compared += 1;
}

// Fetch the requests for the differences we will print or dump (second pass over the file).
const wanted = new Map();
const nShow = args.dump ? diffs.length : Math.min(args.show, diffs.length);
for (let i = 0; i < nShow; i++) wanted.set(diffs[i].index, null);
const lineOf = new Map();
if (wanted.size) {
  let k = 0;
  let physical = 0;
  const rl = createInterface({ input: createReadStream(args.cases), crlfDelay: Infinity });
  for await (const line of rl) {
    physical += 1;
    if (wanted.has(k)) {
      wanted.set(k, line);
      lineOf.set(k, physical);
    }
    k += 1;
  }
}

const total = seconds(process.hrtime.bigint());
const w = Math.max(A.label.length, B.label.length, 7);
const pad = (s) => (s + ":").padEnd(w + 2);
const out = [];
out.push(
  `cases: ${compared}  differences: ${diffCount}  time: ${total.toFixed(2)}s ` +
    `(${A.label} ${A.finishedAt.toFixed(2)}s, ${B.label} ${B.finishedAt.toFixed(2)}s)`,
);
for (const s of [A, B]) {
  if (s.code !== 0) {
    out.push(`${s.label} exited with ${s.signal ? `signal ${s.signal}` : `code ${s.code}`}: ${s.cmd}`);
    if (s.stderr.trim()) out.push(`${s.label} stderr (tail):\n${s.stderr.trimEnd()}`);
  }
}
for (let i = 0; i < Math.min(args.show, diffs.length); i++) {
  const d = diffs[i];
  out.push(`--- difference ${i + 1}: case ${d.index + 1} (line ${lineOf.get(d.index) ?? "?"}) ---`);
  out.push(`${pad("request")}${wanted.get(d.index) ?? "<beyond end of cases>"}`);
  out.push(`${pad(A.label)}${d.a}`);
  out.push(`${pad(B.label)}${d.b}`);
}
process.stdout.write(out.join("\n") + "\n");

if (args.dump) {
  const ws = createWriteStream(args.dump);
  for (const d of diffs) {
    let request = wanted.get(d.index);
    try {
      request = JSON.parse(request);
    } catch {}
    const rec = { line: lineOf.get(d.index), request, a: d.a, b: d.b };
    ws.write(JSON.stringify(rec) + "\n");
  }
  await new Promise((r) => ws.end(r));
}
process.exit(diffCount > 0 || A.code !== 0 || B.code !== 0 ? 1 : 0);
