#!/usr/bin/env node
// Safety screening in WASM (docs/safety.md), as the studio previews it: one message per line
// on stdin, its screening under the default policy on stdout — the same answers as
// `build/<preset>/tools/tailor screen`. Build it first (tools/test does):
//   cmake --preset wasm-release && cmake --build --preset wasm-release
import { answerLines } from "./answer-lines.mjs";

await answerLines({ exportName: "_tailor_screen", tool: "tailor-screen" });
