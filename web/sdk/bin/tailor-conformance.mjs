#!/usr/bin/env node
// The WASM half of the conformance protocol (docs/conformance.md): JSON-lines requests on
// stdin, one answer per line on stdout, computed by the emscripten build of the same C++ core
// as `build/<preset>/tools/tailor conformance`. Build it first (tools/test does):
//   cmake --preset wasm-release && cmake --build --preset wasm-release
import { answerLines } from "./answer-lines.mjs";

await answerLines({
  module: "tailor_core",
  exportName: "_tailor_conformance",
  tool: "tailor-conformance",
  answerBlank: true,
});
