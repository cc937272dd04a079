#!/usr/bin/env node
// golden.mjs — runs one conformance implementation over the hand-derived golden vectors.
//
// Usage:
//   node tests/conformance/golden.mjs --cmd "CMD..." [--golden tests/data/conformance_golden.jsonl]
// Examples:
//   node tests/conformance/golden.mjs --cmd "build/native-asan/tools/tailor conformance"
//   node tests/conformance/golden.mjs --cmd "node web/sdk/bin/tailor-conformance.mjs"
//   node tests/conformance/golden.mjs --cmd "node tests/conformance/growthbook-oracle.mjs"
//
// Each golden line is {"request":{…},"expect":{…},"why":"…"}. The expected answers were
// derived without any implementation (tests/conformance/make_golden.py: FNV-1a by hand,
// bucket arithmetic, operator semantics; "why" holds each derivation) and checked against
// GrowthBook's JS SDK through the oracle. The requests are sent to CMD, one per line, and
// each answer line must equal JSON.stringify(expect) exactly (numbers as JavaScript prints
// them, keys in the order written in the file). Exit status: 0 all pass, 1 any mismatch or
// missing answer, 2 usage error.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { golden: path.join(here, "..", "data", "conformance_golden.jsonl") };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = { "--cmd": "cmd", "--golden": "golden" }[argv[i]];
  if (!key || i + 1 >= argv.length) {
    process.stderr.write('usage: golden.mjs --cmd "CMD..." [--golden FILE]\n');
    process.exit(2);
  }
  args[key] = argv[i + 1];
}
if (!args.cmd) {
  process.stderr.write('usage: golden.mjs --cmd "CMD..." [--golden FILE]\n');
  process.exit(2);
}

const cases = [];
readFileSync(args.golden, "utf8")
  .split("\n")
  .forEach((text, i) => {
    if (text.trim() === "") return;
    let c;
    try {
      c = JSON.parse(text);
    } catch (e) {
      process.stderr.write(`${args.golden} line ${i + 1}: invalid JSON: ${e.message}\n`);
      process.exit(2);
    }
    if (!c.request || !c.expect) {
      process.stderr.write(`${args.golden} line ${i + 1}: expected {"request":…,"expect":…}\n`);
      process.exit(2);
    }
    cases.push({ line: i + 1, request: JSON.stringify(c.request), expect: JSON.stringify(c.expect), why: c.why });
  });

// The golden file is small (well under a pipe buffer's worth of answers per write burst),
// but read and write concurrently anyway.
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
let failures = 0;
let passed = 0;
cases.forEach((c, i) => {
  const got = answers[i];
  if (got === c.expect) {
    passed += 1;
    return;
  }
  failures += 1;
  process.stdout.write(
    `FAIL ${path.basename(args.golden)} line ${c.line}: ${c.why ?? ""}\n` +
      `  request: ${c.request}\n  expect:  ${c.expect}\n  got:     ${got ?? "<no answer>"}\n`,
  );
});
if (answers.length > cases.length) {
  failures += 1;
  process.stdout.write(`FAIL: ${answers.length - cases.length} extra answer line(s)\n`);
}
if (code !== 0) {
  failures += 1;
  process.stdout.write(`FAIL: command exited with ${signal ? `signal ${signal}` : `code ${code}`}\n`);
}
process.stdout.write(`golden: ${passed}/${cases.length} passed (${args.cmd})\n`);
process.exit(failures ? 1 : 0);
