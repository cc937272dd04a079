// Shared by tailor-conformance.mjs, tailor-stats.mjs and tailor-screen.mjs: loads one of the
// emscripten modules in web/sdk/dist (built by the wasm-release preset) and answers JSON-lines
// requests on stdin with one of its exports, one answer per line on stdout.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// module: "tailor_stats" (the studio's: statistics, screening) or "tailor_core" (conformance).
// answerBlank: whether a blank line gets an answer (the conformance protocol answers every
// line; the CLI-shaped protocols skip blank ones).
export async function answerLines({ module = "tailor_stats", exportName, tool, answerBlank = false }) {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url));
  if (!existsSync(`${dist}${module}.wasm`)) {
    process.stderr.write(
      `${tool}: ${dist}${module}.wasm is missing; build the wasm-release preset first\n`,
    );
    process.exit(2);
  }
  const require = createRequire(import.meta.url);
  const factory = require(`${dist}${module}.js`);
  // Passing the bytes avoids emscripten 3.1.6's fetch() of the .wasm path under Node 20.
  const core = await factory({ wasmBinary: readFileSync(`${dist}${module}.wasm`) });
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
    if (!answerBlank && line.trim() === "") continue; // as the CLI: no answer
    process.stdout.write(answer(line, lineNumber) + "\n");
  }
}
