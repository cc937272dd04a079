#!/usr/bin/env node
// Golden data for number_to_string (core/json/js.h): JavaScript's own String(d) for every
// power of two a double holds (2^-1074 .. 2^1023) and their negatives. Powers of two are where
// the shortest round-tripping digits are not always the correctly rounded ones (the interval
// below a power of two is half as wide as the one above). Deterministic; run with node:
//   node tools/gen/pow2-strings.mjs > tests/data/pow2_strings.json
const rows = [];
for (let e = -1074; e <= 1023; e++) {
  const d = 2 ** e;
  rows.push([e, String(d), String(-d)]);
}
process.stdout.write("[\n" + rows.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");
