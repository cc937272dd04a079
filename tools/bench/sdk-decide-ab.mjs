#!/usr/bin/env node
// Compares builds of the SDK's wasm module on a loaded machine: per user setAttributes +
// decideAll() for each module given, and GrowthBook's setAttributes + evalFeature of every
// feature, in one node process, passes alternating between them REPS times, each pass timed
// in process CPU time (not wall time, which other processes' load distorts). Prints the
// median pass per target, decisions per CPU second and the ratio to GrowthBook's. Checks that
// every target's values give the same checksum. Not a test.
//   node tools/bench/sdk-decide-ab.mjs CONFIG USERS.jsonl REPS MODULE.wasm...
// e.g. tools/bench/decide's payload (build/bench-payload, tools/bench/make-payload.mjs) with
// web/sdk/dist/tailor_sdk.wasm and a copy of an earlier build.
import { readFileSync } from "node:fs";
import { GrowthBook } from "@growthbook/growthbook";
import { createClient } from "../../web/sdk/index.js";

const [configPath, usersPath, repsArg, ...modules] = process.argv.slice(2);
if (!configPath || !usersPath || !repsArg || modules.length === 0) {
  console.error("usage: sdk-decide-ab.mjs CONFIG USERS.jsonl REPS MODULE.wasm...");
  process.exit(2);
}
const configText = readFileSync(configPath, "utf8");
const config = JSON.parse(configText);
const users = readFileSync(usersPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const keys = Object.keys(config.features);
const reps = Number(repsArg);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const targets = [];
for (const path of modules) {
  const client = await createClient({ config: configText, wasm: readFileSync(path) });
  targets.push({
    name: path,
    pass() {
      let checksum = 0;
      for (const u of users) {
        client.setAttributes(u);
        const all = client.decideAll();
        for (const key in all) checksum += String(all[key].value).length;
      }
      return checksum;
    },
  });
}
const gb = new GrowthBook({ features: config.features, savedGroups: config.savedGroups });
targets.push({
  name: "growthbook-js",
  pass() {
    let checksum = 0;
    for (const u of users) {
      gb.setAttributes(u);
      for (const key of keys) checksum += String(gb.evalFeature(key).value).length;
    }
    return checksum;
  },
});

const checksums = targets.map((t) => t.pass()); // warm-up
if (new Set(checksums).size !== 1) {
  console.error(`sdk-decide-ab: values differ between targets (checksums ${checksums.join(", ")})`);
  process.exit(1);
}
const seconds = targets.map(() => []);
for (let r = 0; r < reps; r++) {
  targets.forEach((t, i) => {
    const start = cpuSeconds();
    t.pass();
    seconds[i].push(cpuSeconds() - start);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const decisions = users.length * keys.length;
const peer = median(seconds[seconds.length - 1]);
console.log(`${decisions} decisions per pass, median of ${reps} passes, CPU seconds`);
console.log("target".padEnd(48), "pass s".padStart(8), "decisions/CPU s".padStart(16), "vs GrowthBook".padStart(14));
targets.forEach((t, i) => {
  const s = median(seconds[i]);
  console.log(t.name.padEnd(48), s.toFixed(3).padStart(8), Math.round(decisions / s).toLocaleString("en-US").padStart(16), `${(peer / s).toFixed(2)}x`.padStart(14));
});
