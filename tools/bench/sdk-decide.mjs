#!/usr/bin/env node
// The SDK side of tools/bench/decide: Tailor's browser SDK (web/sdk, the standalone wasm
// module) in node, per user setAttributes + decideAll() (every feature, parsed into JS
// objects), side by side with GrowthBook's JS SDK (setAttributes + evalFeature for every
// feature) in the same process on the same payload and users. Prints JSON lines like
// decide_bench: {"target","users","decisions","seconds","checksum"}.
//   node tools/bench/sdk-decide.mjs CONFIG USERS.jsonl [ROUNDS] [WASM]
import { readFileSync } from "node:fs";
import { GrowthBook } from "@growthbook/growthbook";
import { createClient } from "../../web/sdk/index.js";

const [configPath, usersPath, roundsArg, wasmPath] = process.argv.slice(2);
const configText = readFileSync(configPath, "utf8");
const config = JSON.parse(configText);
const users = readFileSync(usersPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const rounds = Number(roundsArg || 3);
const keys = Object.keys(config.features);

function timed(target, fn) {
  fn(Math.min(users.length, 200)); // warm-up
  const start = process.hrtime.bigint();
  const { decisions, checksum } = fn(users.length);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { target, users: users.length * rounds, decisions, seconds, checksum };
}

const client = await createClient({
  config: configText,
  wasm: wasmPath ? readFileSync(wasmPath) : undefined,
});
const tailor = timed("sdk-wasm decideAll", (n) => {
  let decisions = 0;
  let checksum = 0;
  for (let r = 0; r < rounds; r++) {
    for (let u = 0; u < n; u++) {
      client.setAttributes(users[u]);
      const all = client.decideAll();
      for (const key in all) {
        decisions++;
        checksum += String(all[key].value).length;
      }
    }
  }
  return { decisions, checksum };
});

const gb = new GrowthBook({ features: config.features, savedGroups: config.savedGroups });
const growthbook = timed("growthbook-js", (n) => {
  let decisions = 0;
  let checksum = 0;
  for (let r = 0; r < rounds; r++) {
    for (let u = 0; u < n; u++) {
      gb.setAttributes(users[u]);
      for (const key of keys) {
        decisions++;
        checksum += String(gb.evalFeature(key).value).length;
      }
    }
  }
  return { decisions, checksum };
});
gb.destroy();
client.destroy();
if (tailor.checksum !== growthbook.checksum) {
  process.stderr.write(`sdk-decide: values differ from GrowthBook's (checksums ${tailor.checksum} vs ${growthbook.checksum})\n`);
  process.exit(1);
}
console.log(JSON.stringify(tailor));
console.log(JSON.stringify(growthbook));
