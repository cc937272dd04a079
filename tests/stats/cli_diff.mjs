#!/usr/bin/env node
// Runs the same requests (statistics, screening) through two commands (the native CLI and the WASM build) and
// requires the same answers: identical keys, strings and nulls; numbers equal to 1e-12
// relative (the two targets' libm may differ in the last bit of log/exp). Also checks that
// every request line got exactly one answer, in order, with its id.
// Usage: node tests/stats/cli_diff.mjs --requests FILE --a CMD --b CMD
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, x, i, all) => (i % 2 ? acc : [...acc, [x.slice(2), all[i + 1]]]), []),
);
const input = readFileSync(args.requests, "utf8");
const run = (cmd) => {
  try {
    return execSync(cmd, { input, encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] });
  } catch (e) {
    return e.stdout; // exit code 1 means some line was an error answer, which is expected here
  }
};
const a = run(args.a).trimEnd().split("\n").map((l) => JSON.parse(l));
const b = run(args.b).trimEnd().split("\n").map((l) => JSON.parse(l));
const requests = input.split("\n").filter((l) => l.trim() !== "");

let failures = 0;
const fail = (msg) => {
  failures++;
  console.error(msg);
};
if (a.length !== requests.length) fail(`a answered ${a.length} of ${requests.length} lines`);
if (b.length !== requests.length) fail(`b answered ${b.length} of ${requests.length} lines`);

function same(x, y, path) {
  if (typeof x === "number" && typeof y === "number") {
    if (Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x))) fail(`${path}: ${x} vs ${y}`);
    return;
  }
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") {
    if (x !== y) fail(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    return;
  }
  const kx = Object.keys(x), ky = Object.keys(y);
  if (kx.join() !== ky.join()) fail(`${path}: keys ${kx} vs ${ky}`);
  for (const k of kx) same(x[k], y[k], `${path}.${k}`);
}
let errors = 0;
for (let i = 0; i < Math.min(a.length, b.length); i++) {
  let id = null;
  try {
    id = JSON.parse(requests[i]).id ?? null;
  } catch {}
  if ((a[i].id ?? null) !== id) fail(`line ${i + 1}: id ${a[i].id} expected ${id}`);
  if ("error" in a[i]) errors++;
  same(a[i], b[i], `line ${i + 1} (${id})`);
}
console.log(`stats answers: ${a.length} lines, ${errors} error answers, ${failures} differences`);
process.exit(failures ? 1 : 0);
