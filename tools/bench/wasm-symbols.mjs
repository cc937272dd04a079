#!/usr/bin/env node
// What each part of a wasm module costs: reads a module linked with a name section (emcc
// --profiling-funcs; wasm/CMakeLists.txt's tailor_sdk_symbols is tailor_sdk linked so) and
// prints its sections, the code by core module (a function counts for the first
// `tailor::<module>` its name mentions, so std::sort instantiated for a json::Value comparator
// counts for json; `tailor_*` are the SDK's C boundary, other std:: names libc++, the rest libc
// and the runtime) and the largest functions. gzip columns: each group compressed on its own
// (gzip -9), then scaled so that they add up to the whole code section's gzip size.
//   node tools/bench/wasm-symbols.mjs MODULE.wasm [TOP]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: wasm-symbols.mjs MODULE.wasm [TOP]");
  process.exit(2);
}
const top = Number(topArg ?? 40);
const bytes = readFileSync(file);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file}: not a wasm module`);

function leb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at.i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return value;
  }
}
const text = (at) => {
  const n = leb(at);
  const s = bytes.toString("utf8", at.i, at.i + n);
  at.i += n;
  return s;
};

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"];
const sections = [];
let importedFunctions = 0;
const bodies = [];
const names = new Map();
for (const at = { i: 8 }; at.i < bytes.length; ) {
  const id = bytes[at.i++];
  const size = leb(at);
  const start = at.i;
  const end = start + size;
  let label = SECTION[id] ?? `section ${id}`;
  if (id === 0) label = `custom "${text({ ...at })}"`;
  sections.push({ label, size, gz: gzipSync(bytes.subarray(start, end), { level: 9 }).length });
  if (id === 2) {
    for (let n = leb(at); n > 0; n--) {
      text(at);
      text(at);
      const kind = bytes[at.i++];
      if (kind === 0) {
        leb(at);
        importedFunctions++;
      } else if (kind === 1) {
        at.i++;
        const flags = leb(at);
        leb(at);
        if (flags & 1) leb(at);
      } else if (kind === 2) {
        const flags = leb(at);
        leb(at);
        if (flags & 1) leb(at);
      } else {
        at.i += 2;
      }
    }
  } else if (id === 10) {
    for (let n = leb(at); n > 0; n--) {
      const length = leb(at);
      bodies.push(bytes.subarray(at.i, at.i + length));
      at.i += length;
    }
  } else if (id === 0 && text(at) === "name") {
    while (at.i < end) {
      const sub = bytes[at.i++];
      const subEnd = leb(at) + at.i;
      if (sub === 1) {
        for (let n = leb(at); n > 0; n--) {
          const index = leb(at);
          names.set(index, text(at));
        }
      }
      at.i = subEnd;
    }
  }
  at.i = end;
}
if (names.size === 0) {
  throw new Error(`${file} has no function names: link it with --profiling-funcs`);
}

const group = (name) => {
  const core = /tailor::(\w+)/.exec(name);
  if (core) return `core ${core[1]}`;
  if (name.startsWith("tailor_")) return "SDK boundary (wasm/sdk_bindings.cc)";
  if (/\bstd::/.test(name)) return "libc++";
  return "libc, malloc, runtime";
};
const functions = bodies.map((body, i) => ({
  name: names.get(i + importedFunctions) ?? `function ${i + importedFunctions}`,
  body,
}));
const groups = new Map();
for (const f of functions) {
  const key = group(f.name);
  const g = groups.get(key) ?? { name: key, raw: 0, count: 0, parts: [] };
  g.raw += f.body.length;
  g.count++;
  g.parts.push(f.body);
  groups.set(key, g);
}
const code = sections.find((s) => s.label === "code");
let gzSum = 0;
for (const g of groups.values()) {
  g.alone = gzipSync(Buffer.concat(g.parts), { level: 9 }).length;
  gzSum += g.alone;
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
const pct = (n, d) => ((100 * n) / d).toFixed(1).padStart(5) + "%";
const total = bytes.length;
console.log(`${file}: ${total} bytes (names are not shipped: the release build has no name section)`);
console.log("\nsection                      raw      gzip");
for (const s of sections) console.log(s.label.padEnd(20), kb(s.size), kb(s.gz));

console.log("\ncode by part                               functions     raw   share    gzip (est.)");
for (const g of [...groups.values()].sort((a, b) => b.raw - a.raw)) {
  console.log(g.name.padEnd(40), String(g.count).padStart(9), kb(g.raw), pct(g.raw, code.size), kb((g.alone * code.gz) / gzSum));
}

console.log(`\nlargest ${top} functions                 raw   share  name`);
for (const f of [...functions].sort((a, b) => b.body.length - a.body.length).slice(0, top)) {
  console.log(String(f.body.length).padStart(30), pct(f.body.length, code.size), "", f.name.length > 150 ? f.name.slice(0, 147) + "..." : f.name);
}
