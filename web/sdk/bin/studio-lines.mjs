// Shared by tailor-stats.mjs and tailor-screen.mjs: loads the studio's emscripten module
// (web/sdk/dist/tailor_stats.{js,wasm}, built by the wasm-release preset) and answers
// JSON-lines requests on stdin with one of its exports, one answer per line on stdout.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export async function answerLines(exportName, tool) {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  if (!existsSync(dist + "tailor_stats.wasm")) {
    process.stderr.write(
      `${tool}: ${dist}tailor_stats.wasm is missing; build the wasm-release preset first\n`,
    );
    process.exit(2);
  }
  const require = createRequire(import.meta.url);
  const createTailorStats = require(dist + "tailor_stats.js");
  // Passing the bytes avoids emscripten 3.1.6's fetch() of the .wasm path under Node 20.
  const core = await createTailorStats({ wasmBinary: readFileSync(dist + "tailor_stats.wasm") });
  const answer = (line, lineNumber) => {
    const size = core.lengthBytesUTF8(line) + 1;
    const input = core._malloc(size);
    core.stringToUTF8(line, input, size);
    const output = core[exportName](input, lineNumber);
    core._free(input);
    const text = core.UTF8ToString(output);
    core._free(output);
    return text;
  };
  let lineNumber = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    ++lineNumber;
    if (line.trim() === "") continue; // as the CLI: blank lines get no answer
    process.stdout.write(answer(line, lineNumber) + "\n");
  }
}
