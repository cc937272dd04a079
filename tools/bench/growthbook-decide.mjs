#!/usr/bin/env node
// The peer side of tools/bench/decide: GrowthBook's JS SDK (@growthbook/growthbook) evaluating
// every feature of the same payload for the same users, same rounds, in one node process.
//   node tools/bench/growthbook-decide.mjs CONFIG USERS.jsonl [ROUNDS]
import { readFileSync } from "node:fs";
import { GrowthBook } from "@growthbook/growthbook";

const [configPath, usersPath, roundsArg] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, "utf8"));
const users = readFileSync(usersPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const rounds = Number(roundsArg || 3);
const keys = Object.keys(config.features);

const gb = new GrowthBook({ features: config.features, savedGroups: config.savedGroups });
let decisions = 0;
let checksum = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const user of users) {
    gb.setAttributes(user);
    for (const key of keys) {
      const result = gb.evalFeature(key);
      decisions++;
      checksum += String(result.value).length;
    }
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
gb.destroy();
console.log(JSON.stringify({ target: "growthbook-js", users: users.length * rounds, decisions, seconds, checksum }));
