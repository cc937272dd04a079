// Helpers of studio.spec.mjs: a page watched for console errors, uncaught exceptions, dialogs,
// CSP violations and requests to any origin but the edge; signing in; events for results.
import { expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { ADMIN_TOKEN, cliBinary } from "./edge.mjs";

const cli = cliBinary;

// Everything a test asserts is clean at its end (watch.check()).
export async function watch(page, edgeUrl) {
  const seen = { errors: [], dialogs: [], foreign: [], urls: [] };
  page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
  page.on("pageerror", (e) => seen.errors.push(`uncaught: ${e.message}`));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("request", (r) => {
    seen.urls.push(r.url());
    if (!r.url().startsWith(`${edgeUrl}/`)) seen.foreign.push(r.url());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return {
    seen,
    async check({ allowErrors = [] } = {}) {
      const errors = seen.errors.filter((e) => !allowErrors.some((re) => re.test(e)));
      expect(errors).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.foreign).toEqual([]);
      for (const frame of page.frames()) {
        expect(await frame.evaluate(() => window.__cspViolations ?? [])).toEqual([]);
        expect(await frame.evaluate(() => window.__pwned)).toBeUndefined();
      }
    },
  };
}

export async function signIn(page, edgeUrl, hash = "#/experiments") {
  await page.goto(`${edgeUrl}/studio/${hash}`);
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

// Exposures of `users` users to hero-banner-test, spread over its three arms, and purchases
// whose rate grows with the arm: results with intervals for both treatments.
export async function postExperimentEvents(edgeUrl, users = 300) {
  const arms = ["control", "seasonal", "personal"];
  const events = [];
  for (let i = 0; i < users; i += 1) {
    const user = `studio-u-${i}`;
    const arm = i % 3;
    events.push({ id: `x-${i}`, type: "exposure", ts: 1700000000000 + i, user, experiment: "hero-banner-test", variant: arms[arm] });
    if ((i * 7) % 10 < 3 + arm) {
      events.push({ id: `c-${i}`, type: "conversion", ts: 1700000100000 + i, user, name: "purchase", value: 20 + (i % 13) });
    }
  }
  for (let i = 0; i < events.length; i += 1000) {
    const response = await fetch(`${edgeUrl}/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sdkKey: "demo", events: events.slice(i, i + 1000) }),
    });
    if (response.status !== 202) throw new Error(`events: HTTP ${response.status} ${await response.text()}`);
  }
}

export async function decideAtEdge(edgeUrl, attributes, sdkKey = "demo") {
  const response = await fetch(`${edgeUrl}/v1/decide`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sdkKey, attributes }),
  });
  if (response.status !== 200) throw new Error(`decide: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()).features;
}

// The native CLI's answer (tailor decide) for a config file: {feature: decision}.
export function decideWithCli(configFile, attributes) {
  if (!cli) throw new Error("tailor CLI not found: set TAILOR_CLI (ctest does) or build a native preset");
  const out = execFileSync(cli, ["decide", "--config", configFile, "--attributes", JSON.stringify(attributes)], { encoding: "utf8" });
  return JSON.parse(out).features;
}

// A small campaign written by the CLI into `dir` (tailor gen-data + campaign run, approved):
// {config: its config.json text, csv: customers.csv, assigned: assignments.csv rows}.
export function writeCampaign(dir) {
  execFileSync(cli, ["gen-data", "--customers", "300", "--seed", "5", "--out", dir]);
  execFileSync(cli, ["campaign", "run", "--customers", `${dir}/customers.csv`, "--content", `${dir}/content`,
    "--spec", `${dir}/campaign.json`, "--out", `${dir}/out`, "--approve-as", "Studio Test", "--quiet"]);
  const [header, ...lines] = readFileSync(`${dir}/out/assignments.csv`, "utf8").trim().split("\n");
  const keys = header.split(",");
  return {
    config: readFileSync(`${dir}/out/config.json`, "utf8"),
    csv: readFileSync(`${dir}/customers.csv`, "utf8"),
    assigned: lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v]))),
  };
}

// {feature: value} as the studio's decisions table of one customer panel shows it.
export async function shownDecisions(panel) {
  const rows = panel.locator("table.decisions tbody tr");
  await expect(rows.first()).toBeVisible();
  const shown = {};
  for (const row of await rows.all()) {
    const feature = await row.getAttribute("data-feature");
    shown[feature] = await row.getByLabel(`Value of ${feature}`).textContent();
  }
  return shown;
}

export const asShown = (v) => (typeof v === "string" ? v : JSON.stringify(v));
