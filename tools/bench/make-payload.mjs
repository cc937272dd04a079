#!/usr/bin/env node
// Writes the benchmark payload: a GrowthBook-compatible config with 50 features, 20 of them
// driven by experiment rules, every rule carrying a targeting condition, plus N users.
// Deterministic (seeded), so every run of the benchmark measures the same work.
//   node tools/bench/make-payload.mjs OUT_DIR [--users 10000] [--seed 7]
import { mkdirSync, writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const outDir = args[0];
if (!outDir) {
  process.stderr.write("usage: make-payload.mjs OUT_DIR [--users N] [--seed S]\n");
  process.exit(2);
}
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const userCount = flag("--users", 10000);
let state = flag("--seed", 7) >>> 0;
// mulberry32
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const countries = ["US", "CA", "GB", "DE", "FR", "JP", "BR", "IN", "AU", "ES"];
const plans = ["free", "basic", "pro", "enterprise"];
const browsers = ["chrome", "firefox", "safari", "edge"];

const conditions = [
  () => ({ country: { $in: [pick(countries), pick(countries), pick(countries)] } }),
  () => ({ plan: { $ne: pick(plans) }, age: { $gte: 18 + Math.floor(random() * 30) } }),
  () => ({ $or: [{ browser: pick(browsers) }, { "cart.items": { $gt: Math.floor(random() * 5) } }] }),
  () => ({ appVersion: { $vgte: `2.${Math.floor(random() * 6)}.0` } }),
  () => ({ email: { $regex: "@(example|test)\\.com$" } }),
  () => ({ tags: { $elemMatch: { $eq: pick(["sale", "new", "vip", "returning"]) } } }),
  () => ({ $and: [{ loggedIn: true }, { "cart.value": { $lt: 50 + Math.floor(random() * 200) } }] }),
  () => ({ id: { $inGroup: "beta" } }),
];

const features = {};
let experiments = 0;
for (let f = 0; f < 50; f++) {
  const key = `feature-${String(f).padStart(2, "0")}`;
  const rules = [];
  if (f < 20) {
    experiments++;
    const n = 2 + (f % 3);
    rules.push({
      id: `rule-${f}-exp`,
      key: `exp-${f}`,
      condition: pick(conditions)(),
      variations: Array.from({ length: n }, (_, i) => `${key}-v${i}`),
      weights: Array.from({ length: n }, () => 1 / n),
      coverage: 0.8 + random() * 0.2,
      hashAttribute: "id",
      hashVersion: 2,
      meta: Array.from({ length: n }, (_, i) => ({ key: String(i) })),
      ...(f % 4 === 0 ? { namespace: [`ns-${f % 3}`, 0, 0.5 + random() * 0.5] } : {}),
    });
  }
  rules.push({ id: `rule-${f}-force`, condition: pick(conditions)(), force: `${key}-forced` });
  rules.push({ id: `rule-${f}-rollout`, condition: pick(conditions)(), force: `${key}-rollout`, coverage: random(), hashAttribute: "id" });
  features[key] = { defaultValue: `${key}-default`, rules };
}
const savedGroups = { beta: Array.from({ length: 200 }, (_, i) => `user-${i * 37}`) };

const users = [];
for (let u = 0; u < userCount; u++) {
  users.push({
    id: `user-${u}`,
    country: pick(countries),
    plan: pick(plans),
    browser: pick(browsers),
    age: 16 + Math.floor(random() * 60),
    loggedIn: random() < 0.6,
    appVersion: `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 8)}.${Math.floor(random() * 10)}`,
    email: `u${u}@${pick(["example.com", "mail.org", "test.com"])}`,
    cart: { items: Math.floor(random() * 8), value: Math.floor(random() * 300) },
    tags: [pick(["sale", "new", "vip", "returning"]), pick(["sale", "new", "vip", "returning"])],
  });
}

mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/config.json`, JSON.stringify({ features, savedGroups }));
writeFileSync(`${outDir}/users.jsonl`, users.map((u) => JSON.stringify(u)).join("\n") + "\n");
process.stderr.write(
  `make-payload: ${Object.keys(features).length} features (${experiments} experiments), ${users.length} users -> ${outDir}\n`,
);
