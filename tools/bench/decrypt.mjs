#!/usr/bin/env node
// Benchmark: decrypting a GrowthBook encrypted payload (AES-128-CBC, base64), one payload size,
// in one run:
//   native        `tailor conformance` decrypt requests (the core's AES, core/crypto), one
//                 process answering --rounds requests; its start-up measured with one request
//                 and subtracted
//   wasm          the same protocol through tailor_core.wasm, in this node process
//   webcrypto     GrowthBook's own decrypt (JS SDK 1.8.0: atob + crypto.subtle), this process
// Each row is the median per-payload time of --rounds and its ratio to webcrypto. The request
// parsing and answer writing (a payload-sized JSON string each way) are part of the protocol
// rows, as they are part of serving a payload. Not a test.
//   node tools/bench/decrypt.mjs [--kb 1024] [--rounds 7] [--native build/native-release/tools/tailor]
import { execFileSync } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = { kb: 1024, rounds: 7, native: "build/native-release/tools/tailor" };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = { "--kb": "kb", "--rounds": "rounds", "--native": "native" }[argv[i]];
  if (!key || i + 1 >= argv.length) {
    process.stderr.write("usage: decrypt.mjs [--kb N] [--rounds R] [--native PATH]\n");
    process.exit(2);
  }
  args[key] = key === "native" ? argv[i + 1] : Number(argv[i + 1]);
}
const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = `${root}web/sdk/dist/`;
for (const f of [args.native, `${dist}tailor_core.wasm`]) {
  if (!existsSync(f.startsWith("/") ? f : `${root}${f}`)) {
    process.stderr.write(`decrypt.mjs: ${f} is missing; build native-release and wasm-release\n`);
    process.exit(2);
  }
}

// A payload of features, as GrowthBook encrypts one.
const features = {};
for (let i = 0, bytes = 2; bytes < args.kb * 1024; i++) {
  const feature = { defaultValue: `value ${i} `.repeat(4), rules: [{ force: i, condition: { id: `u${i}` } }] };
  features[`feature-${i}`] = feature;
  bytes += JSON.stringify(feature).length + `"feature-${i}":,`.length;
}
const plain = Buffer.from(JSON.stringify(features));
const key = randomBytes(16);
const iv = randomBytes(16);
const cipher = createCipheriv("aes-128-cbc", key, iv);
const encrypted = `${iv.toString("base64")}.${Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64")}`;
const keyText = key.toString("base64");
const request = JSON.stringify({ op: "decrypt", encrypted, key: keyText });
const expected = plain.toString();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// native: R requests in one process, minus a one-request run.
const cliPath = args.native.startsWith("/") ? args.native : `${root}${args.native}`;
const runCli = (n) => {
  const t = process.hrtime.bigint();
  const out = execFileSync(cliPath, ["conformance"], { input: (request + "\n").repeat(n), maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const first = JSON.parse(out.toString().split("\n")[0]);
  if (first.result !== expected) throw new Error("native decrypt gave a different plaintext");
  return ms;
};
const baseline = median([runCli(1), runCli(1), runCli(1)]);
const nativeMs = Math.max(0, (runCli(args.rounds + 1) - baseline) / args.rounds);

// wasm: the conformance module in this process.
const factory = createRequire(import.meta.url)(`${dist}tailor_core.js`);
const core = await factory({ wasmBinary: readFileSync(`${dist}tailor_core.wasm`) });
const wasmAnswer = (line) => {
  const size = core.lengthBytesUTF8(line) + 1;
  const input = core._malloc(size);
  core.stringToUTF8(line, input, size);
  const output = core._tailor_conformance(input, 1);
  core._free(input);
  const text = core.UTF8ToString(output);
  core._free(output);
  return text;
};
const wasmTimes = [];
for (let r = 0; r < args.rounds; r++) {
  const t = process.hrtime.bigint();
  const answer = JSON.parse(wasmAnswer(request));
  wasmTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (answer.result !== expected) throw new Error("wasm decrypt gave a different plaintext");
}

// webcrypto: GrowthBook's decrypt.
const util = await import(pathToFileURL(`${root}node_modules/@growthbook/growthbook/dist/esm/util.mjs`).href);
const webTimes = [];
for (let r = 0; r < args.rounds; r++) {
  const t = process.hrtime.bigint();
  const text = await util.decrypt(encrypted, keyText, globalThis.crypto.subtle);
  webTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (text !== expected) throw new Error("webcrypto decrypt gave a different plaintext");
}

const web = median(webTimes);
const rows = [["native (core AES, protocol)", nativeMs], ["wasm (core AES, protocol)", median(wasmTimes)], ["webcrypto (GrowthBook decrypt)", web]];
process.stdout.write(`payload ${(plain.length / 1024).toFixed(0)} KiB, median of ${args.rounds}\n`);
process.stdout.write(`${"implementation".padEnd(32)}${"ms".padStart(10)}${"MB/s".padStart(10)}${"vs webcrypto".padStart(14)}\n`);
for (const [name, ms] of rows) {
  const mbs = plain.length / 1e6 / (ms / 1e3);
  process.stdout.write(`${name.padEnd(32)}${ms.toFixed(1).padStart(10)}${mbs.toFixed(1).padStart(10)}${(ms / web).toFixed(2).padStart(13)}x\n`);
}
