#!/usr/bin/env node
// The WASM half of the statistics protocol (docs/statistics.md): JSON-lines requests on
// stdin, one answer per line on stdout, computed by the emscripten statistics module
// (web/sdk/dist/tailor_stats.wasm) of the same C++ core
// as `build/<preset>/tools/tailor stats`. Build it first (tools/test does):
//   cmake --preset wasm-release && cmake --build --preset wasm-release
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
if (!existsSync(dist + "tailor_stats.wasm")) {
  process.stderr.write(
    `tailor-stats: ${dist}tailor_stats.wasm is missing; build the wasm-release preset first\n`,
  );
  process.exit(2);
}
const require = createRequire(import.meta.url);
const createTailorStats = require(dist + "tailor_stats.js");
// Passing the bytes avoids emscripten 3.1.6's fetch() of the .wasm path under Node 20.
const core = await createTailorStats({ wasmBinary: readFileSync(dist + "tailor_stats.wasm") });

function answer(line, lineNumber) {
  const size = core.lengthBytesUTF8(line) + 1;
  const input = core._malloc(size);
  core.stringToUTF8(line, input, size);
  const output = core._tailor_stats(input, lineNumber);
  core._free(input);
  const text = core.UTF8ToString(output);
  core._free(output);
  return text;
}

let lineNumber = 0;
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  ++lineNumber;
  if (line.trim() === "") continue; // as the CLI: blank lines get no answer
  process.stdout.write(answer(line, lineNumber) + "\n");
}
