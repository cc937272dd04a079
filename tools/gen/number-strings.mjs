#!/usr/bin/env node
// Golden data for number_to_string (core/json/js.h): JavaScript's own String(d) for doubles
// where the shortest round-tripping digits are hard to get right, as [bits, text] rows (bits:
// the IEEE-754 binary64 pattern as 16 hex digits, so the test reads back exactly this double).
// Deterministic (mulberry32, fixed seed); run with node:
//   node tools/gen/number-strings.mjs > tests/data/number_strings.json
// What it holds (counts on stderr):
//   random     finite doubles from 64 random bits (every exponent and sign)
//   subnormal  random subnormals, and the ends of the subnormal range
//   tie        doubles in [2^43, 2^53) with 1-10 fractional bits: their exact decimal can sit
//              exactly halfway between the two shortest candidates (1125899906842624.25 is
//              String()ed as ...624.2: the even one, as ECMA-262 Number::toString asks)
//   near       the doubles next to powers of two and ten, 2^53, 1e21 and 1e-7 (where the
//              notation changes), the largest and smallest normals
// Exact powers of two are in tools/gen/pow2-strings.mjs.
let a = 0x9e3779b9;
function rnd() {
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const word = () => Math.floor(rnd() * 2 ** 32);

const bits = new Float64Array(1);
const view = new DataView(bits.buffer);
const hex = (d) => {
  bits[0] = d;
  return view.getBigUint64(0, true).toString(16).padStart(16, "0");
};
const fromWords = (hi, lo) => {
  view.setUint32(4, hi >>> 0, true);
  view.setUint32(0, lo >>> 0, true);
  return bits[0];
};
// The next double above (up) or below d > 0.
const step = (d, up) => {
  bits[0] = d;
  view.setBigUint64(0, view.getBigUint64(0, true) + (up ? 1n : -1n), true);
  return bits[0];
};

const rows = [];
const counts = {};
const add = (kind, d) => {
  rows.push([hex(d), String(d)]);
  counts[kind] = (counts[kind] ?? 0) + 1;
};

for (let i = 0; i < 6000; i++) {
  let d;
  do d = fromWords(word(), word());
  while (!Number.isFinite(d));
  add("random", d);
}
for (let i = 0; i < 1000; i++) add("subnormal", fromWords((word() & 0x800fffff) >>> 0, word()));
for (const d of [5e-324, 1e-323, step(2 ** -1022, false), 2 ** -1022 / 2 + 5e-324]) {
  add("subnormal", d);
  add("subnormal", -d);
}

// Ties: d = M / 2^k with M a random 53-bit mantissa. The exact decimal of d has k fractional
// digits; it is a tie when it has one digit more than String(d) and that digit is 5.
let ties = 0;
for (let k = 1; k <= 10; k++) {
  for (let i = 0; i < 120; i++) {
    const m = 2 ** 52 + (word() & 0xfffff) * 2 ** 32 + word();
    const d = m / 2 ** k;
    add("tie", rnd() < 0.2 ? -d : d);
    const exact = (BigInt(m) * 5n ** BigInt(k)).toString().replace(/0+$/, "");
    const shortest = String(Math.abs(d)).replace(".", "").replace(/0+$/, "");
    if (exact.length === shortest.length + 1 && exact.endsWith("5")) ties++;
  }
}

const near = [2 ** 53, 1e21, 1e-7, 1e-6, 1e20, 1e15, 1e16, 1e17, 1.7976931348623157e308, 2 ** -1022];
for (let e = -300; e <= 300; e += 7) near.push(10 ** e);
for (let e = -1020; e <= 1020; e += 13) near.push(2 ** e);
for (const d of near) {
  for (const x of [step(d, false), d, step(d, true)]) {
    if (Number.isFinite(x)) add("near", x);
  }
}

process.stdout.write("[\n" + rows.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");
process.stderr.write(`${rows.length} doubles: ${JSON.stringify(counts)}; exact ties among "tie": ${ties}\n`);
