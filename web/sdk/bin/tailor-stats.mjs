#!/usr/bin/env node
// The WASM half of the statistics protocol (docs/statistics.md): JSON-lines requests on
// stdin, one answer per line on stdout, computed by the studio's wasm module of the same C++
// core as `build/<preset>/tools/tailor stats`. Build it first (tools/test does):
//   cmake --preset wasm-release && cmake --build --preset wasm-release
import { answerLines } from "./answer-lines.mjs";

await answerLines({ exportName: "_tailor_stats", tool: "tailor-stats" });
